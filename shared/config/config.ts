import path from 'node:path';
import { z } from 'zod';
import { AGENCIES, AgencyId, DEFAULT_SUBGRAPH_PORTS, envPrefix } from './agencies';

/**
 * All configuration is read and validated here, once, from the environment.
 * Nothing else in the code base reads process.env.
 */
const port = z.coerce.number().int().min(0).max(65535);
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

const baseSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('./data'),
  PORT: port.default(4000),
  HOST: z.string().default('0.0.0.0'),
  SUPERGRAPH_PATH: z.string().optional(),
  SEED_OPERATORS: z.coerce.number().int().min(0).max(1_000_000).default(500),
  SEED: z.coerce.number().int().default(20261129),
  /** Seed an empty database on start (embedded default). */
  SEED_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
});

export interface SubgraphSettings {
  agency: AgencyId;
  port: number;
  /** Where the gateway reaches this subgraph. */
  url: string;
  /** PostgreSQL URL; absent means the embedded SQLite file under DATA_DIR. */
  databaseUrl?: string;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  logLevel: string;
  dataDir: string;
  host: string;
  gatewayPort: number;
  supergraphPath?: string;
  seedOperators: number;
  seed: number;
  seedOnStart: boolean;
  maxPageSize: number;
  subgraphs: Record<AgencyId, SubgraphSettings>;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = baseSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      'Invalid configuration: ' + parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  const base = parsed.data;
  const subgraphs = {} as Record<AgencyId, SubgraphSettings>;
  for (const agency of AGENCIES) {
    const prefix = envPrefix(agency);
    const settings = z
      .object({
        [`${prefix}_PORT`]: port.default(DEFAULT_SUBGRAPH_PORTS[agency]),
        [`${prefix}_URL`]: z.string().url().optional(),
        [`${prefix}_DATABASE_URL`]: postgresUrl.optional(),
      })
      .safeParse(env);
    if (!settings.success) {
      throw new ConfigError(
        'Invalid configuration: ' + settings.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    const s = settings.data as Record<string, string | number | undefined>;
    const subgraphPort = s[`${prefix}_PORT`] as number;
    subgraphs[agency] = {
      agency,
      port: subgraphPort,
      url: (s[`${prefix}_URL`] as string | undefined) ?? `http://localhost:${subgraphPort}/graphql`,
      databaseUrl: s[`${prefix}_DATABASE_URL`] as string | undefined,
    };
  }
  return {
    env: base.NODE_ENV,
    logLevel: base.LOG_LEVEL,
    dataDir: path.resolve(base.DATA_DIR),
    host: base.HOST,
    gatewayPort: base.PORT,
    supergraphPath: base.SUPERGRAPH_PATH,
    seedOperators: base.SEED_OPERATORS,
    seed: base.SEED,
    seedOnStart: base.SEED_ON_START,
    maxPageSize: base.MAX_PAGE_SIZE,
    subgraphs,
  };
}
