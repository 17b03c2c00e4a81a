import crypto from 'node:crypto';
import fs from 'node:fs';

/** The `code` of a Node file-system error (`ENOENT`, `EEXIST`, ...), if any. */
export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Writes `content` to `file` only if it does not exist yet; false when another process got there first.
 * Used for generated keys: several services starting at once must agree on one key.
 */
export function createExclusively(file: string, content: string, mode: number): boolean {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content, { mode, flag: 'wx' });
  try {
    fs.linkSync(tmp, file); // atomic, fails when the file exists: readers never see half a key
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    fs.unlinkSync(tmp);
  }
}
