import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveAuditKey } from '../../../shared/access-control';
import { ConfigError, loadConfig } from '../../../shared/config/config';

describe('audit configuration', () => {
  it('defaults to a key generated under DATA_DIR/keys and checkpoints in DATA_DIR', () => {
    const { audit } = loadConfig({ DATA_DIR: '/srv/ocg' }).accessControl;
    expect(audit).toEqual({
      key: { kind: 'generated', path: '/srv/ocg/keys/audit-hmac.key' },
      checkpointPath: '/srv/ocg/audit-checkpoints.jsonl',
    });
  });

  it('reads a hex or base64 key, a key file and a checkpoint path', () => {
    const raw = crypto.randomBytes(32);
    for (const text of [raw.toString('hex'), raw.toString('base64'), raw.toString('base64url')]) {
      const { audit } = loadConfig({ AUDIT_HMAC_KEY: text, AUDIT_CHECKPOINT_PATH: '/worm/ocg.jsonl' }).accessControl;
      expect(audit.key).toEqual({ kind: 'inline', key: raw });
      expect(audit.checkpointPath).toBe('/worm/ocg.jsonl');
    }
    expect(loadConfig({ AUDIT_HMAC_KEY_FILE: '/run/secrets/audit' }).accessControl.audit.key).toEqual({ kind: 'file', path: '/run/secrets/audit' });
  });

  it('refuses a short or malformed key and two key sources, naming the variable', () => {
    expect(() => loadConfig({ AUDIT_HMAC_KEY: 'secret' })).toThrow(ConfigError);
    expect(() => loadConfig({ AUDIT_HMAC_KEY: crypto.randomBytes(16).toString('hex') })).toThrow(/AUDIT_HMAC_KEY: must be at least 32/);
    expect(() => loadConfig({ AUDIT_HMAC_KEY: crypto.randomBytes(32).toString('hex'), AUDIT_HMAC_KEY_FILE: '/k' })).toThrow(
      /AUDIT_HMAC_KEY_FILE: configure only one/,
    );
  });

  it('generates the default key once, mode 0600, and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-audit-key-'));
    try {
      const { key } = loadConfig({ DATA_DIR: dir }).accessControl.audit;
      const first = resolveAuditKey(key);
      expect(first).toHaveLength(32);
      expect(resolveAuditKey(key)).toEqual(first);
      expect(fs.statSync(path.join(dir, 'keys', 'audit-hmac.key')).mode & 0o777).toBe(0o600);
      const file = path.join(dir, 'short.key');
      fs.writeFileSync(file, 'abcd');
      expect(() => resolveAuditKey({ kind: 'file', path: file })).toThrow(/at least 32 bytes/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
