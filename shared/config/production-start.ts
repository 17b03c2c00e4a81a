import path from 'node:path';
import { z } from 'zod';
import { parseEnv } from './parse-env';

/**
 * Settings of `npm run start:prod`, the launcher that runs every service as its own production process on this
 * machine. It derives each service's standard variables (`<AGENCY>_DATABASE_URL`, `REDIS_URL`, `NATS_URL`,
 * `AUTH_JWKS_PATH`, ...) from these; a standard variable already set wins.
 */
export interface ProductionStartConfig {
  /** PostgreSQL server whose databases `<databasePrefix><agency>` and `<databasePrefix>access_control` are used (created if missing). */
  postgresUrl: string;
  databasePrefix: string;
  redisUrl: string;
  natsUrl: string;
  /** DATA_DIR of every service: audit checkpoints; apart from `npm start`'s ./data so the two never share a chain. */
  dataDir: string;
  /** Where the issuer key pair and the audit HMAC key are generated on first start (default `<dataDir>/keys`). */
  keysDir: string;
  /** How long to wait for every service's `/health` before giving up. */
  readyTimeoutMs: number;
}

const schema = z.object({
  START_PROD_POSTGRES_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^/]+\/?$/, 'must be a postgres:// server URL without a database name')
    .default('postgres://postgres@127.0.0.1:5432'),
  START_PROD_DATABASE_PREFIX: z.string().regex(/^[a-z_][a-z0-9_]{0,30}$/, 'must be lower-case letters, digits or "_"').default('ocg_'),
  START_PROD_REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'),
  START_PROD_NATS_URL: z.string().regex(/^(nats|tls):\/\/\S+$/, 'must be a nats:// or tls:// URL').default('nats://127.0.0.1:4222'),
  START_PROD_DATA_DIR: z.string().min(1).default('./data/production'),
  START_PROD_KEYS_DIR: z.string().min(1).optional(),
  START_PROD_READY_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(180_000),
});

export function loadProductionStartConfig(env: NodeJS.ProcessEnv): ProductionStartConfig {
  const e = parseEnv(schema, env);
  return {
    postgresUrl: e.START_PROD_POSTGRES_URL.replace(/\/$/, ''),
    databasePrefix: e.START_PROD_DATABASE_PREFIX,
    redisUrl: e.START_PROD_REDIS_URL,
    natsUrl: e.START_PROD_NATS_URL,
    dataDir: path.resolve(e.START_PROD_DATA_DIR),
    keysDir: path.resolve(e.START_PROD_KEYS_DIR ?? path.join(e.START_PROD_DATA_DIR, 'keys')),
    readyTimeoutMs: e.START_PROD_READY_TIMEOUT_MS,
  };
}
