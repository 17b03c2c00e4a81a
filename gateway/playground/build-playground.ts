import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { DEFAULT_PLAYGROUND_ASSETS_DIR } from '../../shared/config/playground';
import { PROJECT_ROOT } from '../../shared/config/paths';

/** Monaco's workers by the label GraphiQL asks for; the client maps labels to these file names. */
const WORKERS = {
  'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
  'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
  'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
};

/**
 * Bundles the playground (GraphiQL, React, Monaco and its workers) from node_modules into `outdir`: the browser
 * loads nothing but these files, so the playground works offline. Runs at `npm run build`.
 */
export async function buildPlayground(outdir: string = DEFAULT_PLAYGROUND_ASSETS_DIR): Promise<void> {
  const common = {
    bundle: true,
    minify: true,
    format: 'iife' as const,
    target: 'es2022',
    outdir,
    absWorkingDir: PROJECT_ROOT,
    logLevel: 'warning' as const,
    define: { 'process.env.NODE_ENV': '"production"' },
    // Monaco's codicon font arrives as a file next to the CSS: served by the gateway, never a web font service.
    loader: { '.ttf': 'file' as const },
  };
  await Promise.all([
    build({ ...common, entryPoints: { playground: path.join(PROJECT_ROOT, 'gateway', 'playground', 'client', 'playground.tsx') }, jsx: 'automatic' }),
    build({ ...common, entryPoints: WORKERS }),
  ]);
}

/** What the bundle is made of: the client's sources, this script and the installed packages. */
function inputsOfBundle(): string[] {
  const client = path.join(PROJECT_ROOT, 'gateway', 'playground', 'client');
  return [
    ...fs.readdirSync(client).map((f) => path.join(client, f)),
    path.join(PROJECT_ROOT, 'gateway', 'playground', 'build-playground.ts'),
    path.join(PROJECT_ROOT, 'package-lock.json'),
  ];
}

/** True when the bundle in `outdir` is newer than everything it is made of (`npm run build` then skips it). */
export function playgroundIsUpToDate(outdir: string = DEFAULT_PLAYGROUND_ASSETS_DIR): boolean {
  const bundled = [...Object.keys(WORKERS), 'playground'].map((name) => path.join(outdir, `${name}.js`));
  if (!bundled.every((f) => fs.existsSync(f))) return false;
  const builtAt = Math.min(...bundled.map((f) => fs.statSync(f).mtimeMs));
  return inputsOfBundle().every((f) => !fs.existsSync(f) || fs.statSync(f).mtimeMs < builtAt);
}

if (require.main === module) {
  const outdir = process.argv[2] ?? DEFAULT_PLAYGROUND_ASSETS_DIR;
  if (playgroundIsUpToDate(outdir)) process.exit(0);
  buildPlayground(outdir).then(
    () => process.stdout.write(`playground bundled into ${path.relative(process.cwd(), outdir) || '.'}\n`),
    (error: unknown) => {
      process.stderr.write(`playground build failed: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
