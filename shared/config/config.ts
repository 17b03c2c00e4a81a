import path from 'node:path';
import { z } from 'zod';
import { ConfigError, invalidConfiguration, parseEnv, wholeNumber } from './parse-env';
import { AGENCIES, AgencyId, DEFAULT_SUBGRAPH_PORTS, envPrefix } from './agencies';
import { CorsConfig, loadCors } from './cors';
import { loadOperationLimits, OperationLimitsConfig } from './operation-limits';
import { loadTrustConfig, TrustConfig } from './trust';
import { loadAuditSettings, type AuditSettings } from './audit';
import { loadSubgraphTimeouts, SubgraphTimeouts } from './subgraph-timeouts';
import { loadRateLimitConfig, RateLimitConfig } from './rate-limit';
import { EventsConfig, loadEventsConfig } from './events';
import { ListExpiryConfig, loadListExpiryConfig } from './list-expiry';
import { loadObservabilityConfig, ObservabilityConfig } from './observability';
import { loadPlaygroundConfig, PlaygroundConfig } from './playground';

/**
 * All configuration is read and validated here, once, from the environment.
 * Nothing else in the code base reads process.env.
 */
const port = wholeNumber(0, 65535);
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
  /** Operations evaluators may run (Apollo persisted query manifest); default the committed operations/manifest.json. */
  PERSISTED_OPERATIONS_MANIFEST: z.string().min(1).optional(),
  SEED_OPERATORS: wholeNumber(0, 1_000_000).default(500),
  SEED: wholeNumber().default(20261129),
  /** Seed an empty database on start (embedded default). */
  SEED_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  MAX_PAGE_SIZE: wholeNumber(1, 1000).default(100),
  /** `filter`: unauthorized fields are null with an error each (Apollo Router's default); `reject`: the operation fails. */
  AUTHORIZATION_MODE: z.enum(['filter', 'reject']).default('filter'),
  /** Consent grants and the audit log; absent means the SQLite file `<DATA_DIR>/access-control.sqlite`. */
  ACCESS_CONTROL_DATABASE_URL: postgresUrl.optional(),
  MAX_CONSENT_DAYS: wholeNumber(1, 3650).default(365),
});

/** Asymmetric JWS algorithms a token may be signed with. HS* is deliberately absent: we verify with public keys only. */
export const JWT_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Parses `90`, `90s`, `15m`, `1h`, `7d` into seconds; null when it is not such a duration. */
export function parseDurationSeconds(value: string): number | null {
  const match = /^(\d{1,9})([smhd]?)$/.exec(value.trim());
  if (!match) return null;
  return Number(match[1]) * DURATION_UNITS[match[2] || 's'];
}

const duration = z.string().transform((value, ctx) => {
  const seconds = parseDurationSeconds(value);
  if (seconds === null || seconds <= 0) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a positive duration like 90s, 15m, 1h or 7d' });
    return z.NEVER;
  }
  return seconds;
});

const authSchema = z
  .object({
    AUTH_ISSUER: z.string().min(1).default('urn:operator-credit-graph:dev-issuer'),
    AUTH_AUDIENCE: z.string().min(1).default('operator-credit-graph'),
    /** Comma-separated allow-list; only asymmetric algorithms are accepted. */
    AUTH_ALGORITHMS: z
      .string()
      .default('ES256,RS256,EdDSA')
      .transform((v) => v.split(',').map((a) => a.trim()).filter(Boolean))
      .pipe(z.array(z.enum(JWT_ALGORITHMS)).min(1, 'must name at least one algorithm')),
    AUTH_CLOCK_TOLERANCE_SECONDS: wholeNumber(0, 300).default(30),
    AUTH_JWKS_URL: z.string().url().regex(/^https?:\/\//, 'must be an http(s) URL').optional(),
    AUTH_JWKS_PATH: z.string().min(1).optional(),
    AUTH_PUBLIC_KEY_PEM: z
      .string()
      .transform((v) => v.replace(/\\n/g, '\n').trim())
      .refine((v) => /^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/.test(v), 'must be a PEM "PUBLIC KEY" (SPKI)')
      .optional(),
    AUTH_SIGNING_KEY_PATH: z.string().min(1).optional(),
    AUTH_SIGNING_KEY_ID: z.string().min(1).max(200).optional(),
    AUTH_SIGNING_ALGORITHM: z.enum(JWT_ALGORITHMS).optional(),
    AUTH_MAX_TOKEN_TTL: duration.default('30d'),
    REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL').optional(),
    AUTH_REVOCATION_KEY_PREFIX: z.string().min(1).max(200).default('ocg:revoked-token:'),
    /** Verified tokens remembered per process (0: verify every request); revocation is still checked each time. */
    AUTH_VERIFY_CACHE_SIZE: wholeNumber(0, 1_000_000).default(10000),
    /** How long a verified token is remembered: a key withdrawn from the JWKS stops accepting its tokens within this time. */
    AUTH_VERIFY_CACHE_SECONDS: wholeNumber(1, 86400).default(300),
  })
  .superRefine((a, ctx) => {
    const sources = (['AUTH_JWKS_URL', 'AUTH_JWKS_PATH', 'AUTH_PUBLIC_KEY_PEM'] as const).filter((k) => a[k] !== undefined);
    if (sources.length > 1) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [sources[1]], message: `configure only one of ${sources.join(', ')}` });
    }
    if (a.AUTH_SIGNING_KEY_PATH !== undefined && sources.length === 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['AUTH_SIGNING_KEY_PATH'],
        message: 'needs AUTH_JWKS_URL, AUTH_JWKS_PATH or AUTH_PUBLIC_KEY_PEM to verify the tokens it signs',
      });
    }
    if (a.AUTH_SIGNING_ALGORITHM !== undefined && !a.AUTH_ALGORITHMS.includes(a.AUTH_SIGNING_ALGORITHM)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['AUTH_SIGNING_ALGORITHM'], message: 'must be one of AUTH_ALGORITHMS' });
    }
  });

/** Where verification keys come from: the embedded dev issuer, or exactly one production source. */
export type AuthKeySource =
  | { kind: 'dev-issuer'; keysDir: string }
  | { kind: 'jwks-url'; url: string }
  | { kind: 'jwks-file'; path: string }
  | { kind: 'public-key-pem'; pem: string };

export interface AuthConfig {
  issuer: string;
  audience: string;
  algorithms: JwtAlgorithm[];
  clockToleranceSeconds: number;
  keySource: AuthKeySource;
  /** Private key (PKCS8 PEM) `npm run token` signs with when a production key source is configured. */
  signingKeyPath?: string;
  signingKeyId?: string;
  signingAlgorithm?: JwtAlgorithm;
  maxTokenTtlSeconds: number;
  /** Shared revocation list; absent means an in-memory list per process. */
  redisUrl?: string;
  revocationKeyPrefix: string;
  /** Verified tokens each process remembers (keyed by a hash of the token); 0 disables the cache. */
  verifyCacheSize: number;
  /** Longest a verified token is remembered before its signature is checked again. */
  verifyCacheSeconds: number;
}

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
  persistedOperationsPath?: string;
  seedOperators: number;
  seed: number;
  seedOnStart: boolean;
  maxPageSize: number;
  subgraphs: Record<AgencyId, SubgraphSettings>;
  subgraphTimeouts: SubgraphTimeouts;
  auth: AuthConfig;
  authorizationMode: 'filter' | 'reject';
  accessControl: { dataDir: string; databaseUrl?: string; maxConsentDays: number; audit: AuditSettings };
  operationLimits: OperationLimitsConfig;
  cors: CorsConfig;
  trust: TrustConfig;
  rateLimit: RateLimitConfig;
  events: EventsConfig;
  listExpiry: ListExpiryConfig;
  observability: ObservabilityConfig;
  playground: PlaygroundConfig;
}

export { ConfigError };

/** A section loaded by its own module (shared/config/<topic>.ts): its value, or a ConfigError naming each bad variable. */
function valid<T>(section: { config?: T; issues: string[] }): T {
  if (section.config === undefined) throw invalidConfiguration(section.issues);
  return section.config;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const base = parseEnv(baseSchema, env);
  const dataDir = path.resolve(base.DATA_DIR);
  const a = parseEnv(authSchema, env);
  const keySource: AuthKeySource = a.AUTH_JWKS_URL
    ? { kind: 'jwks-url', url: a.AUTH_JWKS_URL }
    : a.AUTH_JWKS_PATH
      ? { kind: 'jwks-file', path: path.resolve(a.AUTH_JWKS_PATH) }
      : a.AUTH_PUBLIC_KEY_PEM
        ? { kind: 'public-key-pem', pem: a.AUTH_PUBLIC_KEY_PEM }
        : { kind: 'dev-issuer', keysDir: path.join(dataDir, 'keys') };
  const auth: AuthConfig = {
    issuer: a.AUTH_ISSUER,
    audience: a.AUTH_AUDIENCE,
    algorithms: a.AUTH_ALGORITHMS,
    clockToleranceSeconds: a.AUTH_CLOCK_TOLERANCE_SECONDS,
    keySource,
    signingKeyPath: a.AUTH_SIGNING_KEY_PATH ? path.resolve(a.AUTH_SIGNING_KEY_PATH) : undefined,
    signingKeyId: a.AUTH_SIGNING_KEY_ID,
    signingAlgorithm: a.AUTH_SIGNING_ALGORITHM,
    maxTokenTtlSeconds: a.AUTH_MAX_TOKEN_TTL,
    redisUrl: a.REDIS_URL,
    revocationKeyPrefix: a.AUTH_REVOCATION_KEY_PREFIX,
    verifyCacheSize: a.AUTH_VERIFY_CACHE_SIZE,
    verifyCacheSeconds: a.AUTH_VERIFY_CACHE_SECONDS,
  };
  const subgraphs = {} as Record<AgencyId, SubgraphSettings>;
  for (const agency of AGENCIES) {
    const prefix = envPrefix(agency);
    const settingsSchema = z.object({
      [`${prefix}_PORT`]: port.default(DEFAULT_SUBGRAPH_PORTS[agency]),
      [`${prefix}_URL`]: z.string().url().optional(),
      [`${prefix}_DATABASE_URL`]: postgresUrl.optional(),
    });
    const s = parseEnv(settingsSchema, env) as Record<string, string | number | undefined>;
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
    dataDir,
    host: base.HOST,
    gatewayPort: base.PORT,
    supergraphPath: base.SUPERGRAPH_PATH,
    persistedOperationsPath: base.PERSISTED_OPERATIONS_MANIFEST,
    seedOperators: base.SEED_OPERATORS,
    seed: base.SEED,
    seedOnStart: base.SEED_ON_START,
    maxPageSize: base.MAX_PAGE_SIZE,
    authorizationMode: base.AUTHORIZATION_MODE,
    accessControl: {
      dataDir,
      databaseUrl: base.ACCESS_CONTROL_DATABASE_URL,
      maxConsentDays: base.MAX_CONSENT_DAYS,
      audit: loadAuditSettings(env, dataDir),
    },
    subgraphs,
    subgraphTimeouts: loadSubgraphTimeouts(env),
    auth,
    operationLimits: valid(loadOperationLimits(env)),
    cors: valid(loadCors(env, base.NODE_ENV)),
    trust: loadTrustConfig(env),
    rateLimit: loadRateLimitConfig(env),
    events: loadEventsConfig(env),
    listExpiry: loadListExpiryConfig(env),
    observability: loadObservabilityConfig(env),
    playground: loadPlaygroundConfig(env, base.NODE_ENV),
  };
}
