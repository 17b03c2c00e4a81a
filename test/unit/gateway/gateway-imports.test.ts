import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The gateway process loads nothing of the subgraphs or the database layer: they cost it memory and start-up
 * time (and a gateway host then needs native SQLite and PostgreSQL drivers it never uses). Checked statically:
 * every import reachable from the entry point, type-only imports included.
 */
const ROOT = path.resolve(__dirname, '../../..');
const ENTRY_POINTS = ['gateway/main.ts', 'gateway/gateway.ts'];
const FORBIDDEN_MODULES = [
  /^subgraphs\//,
  /^shared\/subgraph\//,
  /^shared\/database\//,
  /^shared\/access-control\/store\.ts$/,
  /^shared\/access-control\/entities\.ts$/,
];
const FORBIDDEN_PACKAGES = ['typeorm', 'type-graphql', '@apollo/subgraph', 'better-sqlite3', 'pg', 'class-validator'];

/** The .ts file a relative import names, a non-code file (JSON) as a leaf, or null when there is none. */
function resolveRelative(from: string, specifier: string): { file: string; code: boolean } | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const file of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(file)) return { file, code: true };
  if (/\.(json|graphql)$/.test(base) && fs.existsSync(base)) return { file: base, code: false };
  return null;
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

interface Walk {
  /** Each reached file (relative to the repository) with the file that first imported it. */
  reachedFrom: Map<string, string | null>;
  /** Forbidden modules and packages reached, each with the chain of imports that reaches it. */
  violations: string[];
  unresolved: string[];
}

/** Breadth first, so each chain reported is a shortest one. */
function walkImports(entry: string): Walk {
  const reachedFrom = new Map<string, string | null>([[entry, null]]);
  const chainTo = (file: string): string[] => {
    const chain: string[] = [];
    for (let at: string | null | undefined = file; at; at = reachedFrom.get(at)) chain.unshift(at);
    return chain;
  };
  const violations: string[] = [];
  const unresolved: string[] = [];
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const { fileName: specifier } of ts.preProcessFile(source, true, true).importedFiles) {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(path.join(ROOT, file), specifier);
        if (!target) {
          unresolved.push(`${file}: ${specifier}`);
          continue;
        }
        const module = path.relative(ROOT, target.file).split(path.sep).join('/');
        if (reachedFrom.has(module)) continue;
        reachedFrom.set(module, file);
        if (FORBIDDEN_MODULES.some((pattern) => pattern.test(module))) violations.push(chainTo(module).join(' → '));
        else if (target.code) queue.push(module);
      } else if (FORBIDDEN_PACKAGES.includes(packageOf(specifier))) {
        violations.push(`${[...chainTo(file), specifier].join(' → ')}`);
      }
    }
  }
  return { reachedFrom, violations, unresolved };
}

describe('the gateway entry point', () => {
  it.each(ENTRY_POINTS)('%s reaches none of the subgraphs, the database layer or their packages', (entry) => {
    const { reachedFrom, violations, unresolved } = walkImports(entry);
    expect(violations.length === 0 ? 'no forbidden import' : `forbidden imports:\n${violations.join('\n')}`).toBe('no forbidden import');
    expect(unresolved).toEqual([]);
    // The walk itself works: it reaches what the gateway does need.
    expect(reachedFrom.has('shared/auth/tokens/verify.ts')).toBe(true);
  });

  it('reports the chain that reaches a forbidden module', () => {
    // The subgraph runtime itself is reached from its own start file, and the report names the chain.
    const { violations } = walkImports('shared/subgraph/start-subgraph.ts');
    expect(violations).toContain('shared/subgraph/start-subgraph.ts → shared/database/data-source.ts');
    expect(violations).toContain('shared/subgraph/start-subgraph.ts → shared/subgraph/build-schema.ts');
  });
});
