import { z } from 'zod';

/** Which browser origins may call the gateway cross-origin. */
export type CorsConfig =
  | { kind: 'list'; origins: string[] }
  /** Development default: the developer's own machine and Apollo's hosted sandbox/explorer. */
  | { kind: 'development' }
  /** Production default: no Access-Control-Allow-Origin at all. */
  | { kind: 'none' };

const origin = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^/\s]+\/?$/, 'must be a comma-separated list of origins like https://app.example.gov.cn (scheme and host, no path)');

/** Reads CORS_ORIGINS (comma-separated); without it: localhost in development, nothing cross-origin otherwise. */
export function loadCors(env: NodeJS.ProcessEnv, nodeEnv: string): { config?: CorsConfig; issues: string[] } {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw) return { config: nodeEnv === 'development' ? { kind: 'development' } : { kind: 'none' }, issues: [] };
  const parsed = z.array(origin).min(1).safeParse(raw.split(',').map((o) => o.trim()).filter(Boolean));
  if (!parsed.success) return { issues: parsed.error.issues.map((i) => `CORS_ORIGINS: ${i.message}`) };
  return { config: { kind: 'list', origins: parsed.data.map((o) => o.replace(/\/$/, '')) }, issues: [] };
}
