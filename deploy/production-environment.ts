import crypto from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { ensureDevIssuerKeys } from '../shared/auth/tokens';
import { AGENCIES, envPrefix } from '../shared/config/agencies';
import { AUDIT_KEY_FILE } from '../shared/config/audit';
import type { ProductionStartConfig } from '../shared/config/production-start';
import { createExclusively } from '../shared/files/create-exclusively';
import type { Logger } from '../shared/logging/logger';

/** The database names of one production deployment: one per agency, plus the shared access-control store. */
export function productionDatabases(start: ProductionStartConfig): Record<string, string> {
  const names: Record<string, string> = {};
  for (const agency of AGENCIES) names[agency] = `${start.databasePrefix}${agency.replace(/-/g, '_')}`;
  names.accessControl = `${start.databasePrefix}access_control`;
  return names;
}

/** Creates the databases that do not exist yet; each service then migrates its own (TypeORM migrations). */
export async function ensureDatabases(start: ProductionStartConfig, log: Logger): Promise<void> {
  const admin = new Client({ connectionString: `${start.postgresUrl}/postgres` });
  await admin.connect();
  try {
    const wanted = Object.values(productionDatabases(start));
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = ANY($1)', [wanted]);
    const existing = new Set(rows.map((r) => r.datname));
    for (const name of wanted.filter((n) => !existing.has(n))) {
      // Names are built from AGENCIES and a prefix validated as [a-z0-9_]: safe to quote as identifiers.
      await admin.query(`CREATE DATABASE "${name}"`);
      log.info({ database: name }, 'created database');
    }
  } finally {
    await admin.end();
  }
}

export interface ProductionKeys {
  /** Public keys every service verifies tokens with (AUTH_JWKS_PATH). */
  jwksPath: string;
  /** The matching private key, for `npm run token` (AUTH_SIGNING_KEY_PATH); keep it off the serving hosts in a real deployment. */
  signingKeyPath: string;
  /** Key of the audit log's HMAC chain, shared by every writer (AUDIT_HMAC_KEY_FILE). */
  auditKeyPath: string;
}

/** Generates, on first start, the issuer key pair (ES256, JWKS with kid) and the audit HMAC key in `keysDir`. */
export async function ensureProductionKeys(keysDir: string, log: Logger): Promise<ProductionKeys> {
  // Same generator as the embedded issuer (exclusive create, kid = RFC 7638 thumbprint); here the services verify
  // with the JWKS file, a production key source, and never sign anything themselves.
  const issuer = await ensureDevIssuerKeys(keysDir, log);
  const auditKeyPath = path.join(keysDir, AUDIT_KEY_FILE);
  if (createExclusively(auditKeyPath, crypto.randomBytes(32).toString('hex') + '\n', 0o600)) {
    log.info({ file: auditKeyPath }, 'generated the audit HMAC key');
  }
  return { jwksPath: issuer.jwksPath, signingKeyPath: issuer.privateKeyPath, auditKeyPath };
}

/**
 * The environment every production service gets: the caller's own, in production posture, with the shared
 * infrastructure and keys filled in where the caller did not set the standard variable itself.
 */
export function productionServiceEnv(
  start: ProductionStartConfig,
  keys: ProductionKeys,
  env: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv {
  const databases = productionDatabases(start);
  const derived: Record<string, string> = {
    NODE_ENV: 'production',
    REDIS_URL: start.redisUrl,
    NATS_URL: start.natsUrl,
    ACCESS_CONTROL_DATABASE_URL: `${start.postgresUrl}/${databases.accessControl}`,
    AUDIT_HMAC_KEY_FILE: keys.auditKeyPath,
    DATA_DIR: start.dataDir,
    SEED_ON_START: 'true',
  };
  for (const agency of AGENCIES) derived[`${envPrefix(agency)}_DATABASE_URL`] = `${start.postgresUrl}/${databases[agency]}`;
  // One key source only: a caller who configured its own (a JWKS URL, a PEM) keeps it.
  if (!env.AUTH_JWKS_URL && !env.AUTH_JWKS_PATH && !env.AUTH_PUBLIC_KEY_PEM) {
    derived.AUTH_JWKS_PATH = keys.jwksPath;
    derived.AUTH_SIGNING_KEY_PATH = keys.signingKeyPath;
  }
  if (env.AUDIT_HMAC_KEY) delete derived.AUDIT_HMAC_KEY_FILE;
  const result: NodeJS.ProcessEnv = { ...env };
  for (const [name, value] of Object.entries(derived)) {
    if (name === 'NODE_ENV' || result[name] === undefined || result[name] === '') result[name] = value;
  }
  return result;
}
