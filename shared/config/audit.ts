import path from 'node:path';
import { z } from 'zod';
// Circular, but only used when loadAuditSettings runs, after both modules have loaded.
import { parseEnv } from './parse-env';

/**
 * Settings of the audit log's tamper evidence. The chain is keyed (HMAC-SHA256) with a key that lives outside
 * the audited database, and signed checkpoints of the chain head are written outside it too, so neither a
 * recomputed chain nor a deleted tail passes `npm run audit:verify`.
 */
export type AuditKeySource =
  /** `AUDIT_HMAC_KEY`: the key itself, decoded from hex or base64. */
  | { kind: 'inline'; key: Buffer }
  /** `AUDIT_HMAC_KEY_FILE`: a file holding the key as hex or base64 text; it must exist. */
  | { kind: 'file'; path: string }
  /** Embedded default: `DATA_DIR/keys/audit-hmac.key`, generated (mode 0600) on first start. */
  | { kind: 'generated'; path: string };

export interface AuditSettings {
  key: AuditKeySource;
  /** Append-only file of signed checkpoints of the chain head. */
  checkpointPath: string;
}

export const AUDIT_KEY_FILE = 'audit-hmac.key';
export const AUDIT_CHECKPOINT_FILE = 'audit-checkpoints.jsonl';
/** Shorter keys would make the MAC guessable; HMAC-SHA256 gains nothing beyond 64 bytes. */
export const MIN_AUDIT_KEY_BYTES = 32;

/** Decodes a key written as hex or base64 (standard or URL-safe); null when it is neither or too short. */
export function decodeAuditKey(text: string): Buffer | null {
  const value = text.trim();
  let key: Buffer | null = null;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(value)) key = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) key = Buffer.from(value, 'base64');
  return key && key.length >= MIN_AUDIT_KEY_BYTES ? key : null;
}

const auditSchema = z
  .object({
    AUDIT_HMAC_KEY: z
      .string()
      .transform((value, ctx) => {
        const key = decodeAuditKey(value);
        if (!key) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `must be at least ${MIN_AUDIT_KEY_BYTES} random bytes as hex or base64 (e.g. \`openssl rand -base64 32\`)`,
          });
          return z.NEVER;
        }
        return key;
      })
      .optional(),
    AUDIT_HMAC_KEY_FILE: z.string().min(1).optional(),
    AUDIT_CHECKPOINT_PATH: z.string().min(1).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.AUDIT_HMAC_KEY && a.AUDIT_HMAC_KEY_FILE) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['AUDIT_HMAC_KEY_FILE'], message: 'configure only one of AUDIT_HMAC_KEY, AUDIT_HMAC_KEY_FILE' });
    }
  });

/** Audit settings from the environment; throws a message naming the variable. */
export function loadAuditSettings(env: NodeJS.ProcessEnv, dataDir: string): AuditSettings {
  const a = parseEnv(auditSchema, env);
  return {
    key: a.AUDIT_HMAC_KEY
      ? { kind: 'inline', key: a.AUDIT_HMAC_KEY }
      : a.AUDIT_HMAC_KEY_FILE
        ? { kind: 'file', path: path.resolve(a.AUDIT_HMAC_KEY_FILE) }
        : { kind: 'generated', path: defaultAuditKeyPath(dataDir) },
    checkpointPath: a.AUDIT_CHECKPOINT_PATH ? path.resolve(a.AUDIT_CHECKPOINT_PATH) : defaultCheckpointPath(dataDir),
  };
}

export function defaultAuditKeyPath(dataDir: string): string {
  return path.resolve(dataDir, 'keys', AUDIT_KEY_FILE);
}

export function defaultCheckpointPath(dataDir: string): string {
  return path.resolve(dataDir, AUDIT_CHECKPOINT_FILE);
}

/** The embedded default for a data directory (tests and tools that open a store without the app config). */
export function defaultAuditSettings(dataDir: string): AuditSettings {
  return { key: { kind: 'generated', path: defaultAuditKeyPath(dataDir) }, checkpointPath: defaultCheckpointPath(dataDir) };
}
