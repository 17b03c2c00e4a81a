import path from 'node:path';
import { z } from 'zod';
import { parseEnv } from './parse-env';
import { PROJECT_ROOT } from './paths';

/** The browser playground at /graphql (GraphiQL bundled at `npm run build`) and its development token minting. */
export interface PlaygroundConfig {
  /** Never in production: the playground mints tokens for any role. */
  enabled: boolean;
  /** Where `npm run build` writes the bundle (gateway/playground/build-playground.ts). */
  assetsDir: string;
}

export const DEFAULT_PLAYGROUND_ASSETS_DIR = path.join(PROJECT_ROOT, 'dist', 'playground');

const schema = z.object({
  PLAYGROUND_ASSETS_DIR: z.string().min(1).optional(),
});

export function loadPlaygroundConfig(env: NodeJS.ProcessEnv, nodeEnv: 'development' | 'production' | 'test'): PlaygroundConfig {
  const p = parseEnv(schema, env);
  return {
    enabled: nodeEnv !== 'production',
    assetsDir: path.resolve(p.PLAYGROUND_ASSETS_DIR ?? DEFAULT_PLAYGROUND_ASSETS_DIR),
  };
}
