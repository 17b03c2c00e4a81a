import fs from 'node:fs';
import path from 'node:path';

/**
 * Rewrites `<dir>/index.ts` to import every migration file of `dir` (`<13-digit timestamp>-<Name>.ts`) and list them,
 * in timestamp order, as `exportName`: the array a data source runs. Shared by every migration generator.
 */
export function writeMigrationIndex(dir: string, exportName: string, description: string): void {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{13}-\w+\.ts$/.test(f))
    .sort();
  const imports = files.map((f) => {
    const [ts, name] = f.replace(/\.ts$/, '').split('-');
    return { line: `import { ${name}${ts} } from './${f.replace(/\.ts$/, '')}';`, cls: `${name}${ts}` };
  });
  fs.writeFileSync(
    path.join(dir, 'index.ts'),
    [
      ...imports.map((i) => i.line),
      ``,
      `/** ${description} */`,
      `// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type`,
      `export const ${exportName}: Function[] = [${imports.map((i) => i.cls).join(', ')}];`,
      ``,
    ].join('\n'),
  );
}
