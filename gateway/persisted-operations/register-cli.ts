// First: the ApolloGateway built here would otherwise send usage data to Apollo (and keep a request open at exit).
import '../telemetry';
import fs from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { GraphQLSchema, parse, validate } from 'graphql';
import { stripSecurityDirectives } from '../authorization/supergraph-security';
import { COMMITTED_SUPERGRAPH } from '../supergraph/location';
import { buildManifest, OPERATIONS_DIR, OPERATIONS_MANIFEST, PersistedOperationManifest, renderManifest } from './manifest';

/** The schema clients see through the gateway (no join types, nothing @inaccessible). */
export async function loadApiSchema(supergraphSdl: string): Promise<GraphQLSchema> {
  const gateway = new ApolloGateway({ supergraphSdl: stripSecurityDirectives(supergraphSdl) });
  try {
    return (await gateway.load()).schema;
  } finally {
    await gateway.stop();
  }
}

/** Messages naming each registered operation that the graph would refuse; empty when all are valid. */
export function invalidOperations(manifest: PersistedOperationManifest, schema: GraphQLSchema): string[] {
  return manifest.operations.flatMap((op) => validate(schema, parse(op.body)).map((e) => `${op.name}: ${e.message}`));
}

/** `npm run operations:register`: writes operations/manifest.json from operations/**\/*.graphql (commit it). */
async function main() {
  const manifest = buildManifest(OPERATIONS_DIR);
  const problems = invalidOperations(manifest, await loadApiSchema(fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8')));
  if (problems.length > 0) throw new Error(`operations the graph would refuse:\n  ${problems.join('\n  ')}`);
  fs.writeFileSync(OPERATIONS_MANIFEST, renderManifest(manifest));
  process.stdout.write(
    `${path.relative(process.cwd(), OPERATIONS_MANIFEST)}: ${manifest.operations.length} operations\n` +
      manifest.operations.map((op) => `  ${op.id}  ${op.name}\n`).join(''),
  );
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
