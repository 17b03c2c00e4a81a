import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readManifest, renderManifest, sha256Hex } from '../../gateway/persisted-operations/manifest';

/**
 * A temporary persisted-operation manifest: the committed operations plus `queries`, so tests can send their own
 * operations as an evaluator (who may run registered operations only). Point PERSISTED_OPERATIONS_MANIFEST at it;
 * the gateway reads it once at start, after which `remove()` may delete it.
 */
export function manifestWith(queries: string[], label = 'Test'): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-manifest-'));
  const file = path.join(dir, 'manifest.json');
  const committed = readManifest();
  const own = queries.map((body, i) => ({ id: sha256Hex(body), name: `${label}${i}`, type: 'query' as const, body }));
  fs.writeFileSync(file, renderManifest({ ...committed, operations: [...committed.operations, ...own] }));
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
