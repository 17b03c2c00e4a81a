import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeAuditKey, MIN_AUDIT_KEY_BYTES, type AuditKeySource } from '../config/audit';
import type { Logger } from '../logging/logger';
import { createExclusively, errorCode } from '../files/create-exclusively';

function readKeyFile(file: string): Buffer {
  const key = decodeAuditKey(fs.readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file} must hold at least ${MIN_AUDIT_KEY_BYTES} bytes as hex or base64`);
  return key;
}

/**
 * The audit chain's HMAC key. The embedded default is generated on first start beside the dev issuer keys
 * (mode 0600), outside the audited database, so whoever can write the database cannot recompute the chain.
 */
export function resolveAuditKey(source: AuditKeySource, log?: Logger): Buffer {
  switch (source.kind) {
    case 'inline':
      return source.key;
    case 'file':
      return readKeyFile(source.path);
    case 'generated': {
      try {
        return readKeyFile(source.path);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
      fs.mkdirSync(path.dirname(source.path), { recursive: true, mode: 0o700 });
      if (createExclusively(source.path, `${crypto.randomBytes(32).toString('base64')}\n`, 0o600)) {
        log?.info({ file: source.path }, 'generated the audit log HMAC key');
      }
      return readKeyFile(source.path);
    }
  }
}
