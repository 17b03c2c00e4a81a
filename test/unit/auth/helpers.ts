import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../../shared/config/config';
import type { Logger } from '../../../shared/logging/logger';
import { AuthenticationError } from '../../../shared/auth/tokens/errors';

/** A fresh DATA_DIR under the OS temp directory; removed by the returned cleanup. */
export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-auth-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function configFor(dataDir: string, env: Record<string, string> = {}) {
  return loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
}

/** A logger whose lines are kept in memory, to check what is (not) logged. */
export function memoryLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, sink), lines };
}

export function b64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** Pieces of a token an error must never repeat: the token, its segments, and its string claim values. */
function secretsOf(token: string): string[] {
  const pieces = [token, ...token.split('.').filter((s) => s.length >= 6)];
  for (const segment of token.split('.').slice(0, 2)) {
    try {
      const json = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
      for (const value of Object.values(json)) {
        const values = Array.isArray(value) ? value : [value];
        for (const v of values) if (typeof v === 'string' && v.length >= 6) pieces.push(v);
      }
    } catch {
      // not JSON: nothing more to look for
    }
  }
  return pieces;
}

/** Runs `attempt`, expects UNAUTHENTICATED, and checks that nothing of `token` appears in the error. */
export async function expectRefused(attempt: Promise<unknown>, token: string, reason?: string): Promise<AuthenticationError> {
  let caught: unknown;
  try {
    await attempt;
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AuthenticationError);
  const error = caught as AuthenticationError;
  expect(error.extensions.code).toBe('UNAUTHENTICATED');
  if (reason) expect(error.reason).toBe(reason);
  const shown = JSON.stringify({ message: error.message, extensions: error.extensions, json: error.toJSON() });
  for (const piece of secretsOf(token)) expect(shown).not.toContain(piece);
  expect(error.originalError).toBeUndefined();
  return error;
}

/** A valid credit code from the seed helpers' formula (GB 32100). */
export { completeUscc } from '../../../shared/credit-code/uscc';
