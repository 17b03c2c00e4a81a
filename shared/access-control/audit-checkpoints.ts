import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sameDigest } from './audit-hash';

/**
 * Signed checkpoints of the audit chain head, one JSON line each, appended to a file OUTSIDE the audited
 * database: whoever deletes the newest records (and rewinds the head row) cannot make the database hold the
 * record a checkpoint names, and cannot forge or alter a checkpoint without the audit key.
 */
export interface Checkpoint {
  /** Sequence of the newest record when the checkpoint was written. */
  sequence: number;
  /** That record's chain link (hash or MAC). */
  head: string;
  /** When the checkpoint was written (ISO-8601). */
  at: string;
}

export type CheckpointRead =
  | { ok: true; checkpoints: Checkpoint[] }
  | { ok: false; line: number; reason: string };

function checkpointMac(key: Buffer, c: Checkpoint): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(['ocg-audit-checkpoint-v1', c.sequence, c.head, c.at]), 'utf8')
    .digest('hex');
}

export class CheckpointFile {
  /**
   * Kept open for appending: opening and closing the file for every checkpoint cost more than the audit insert.
   * `inode` tells whether the path still names the open file (it may be moved away, e.g. to archive storage).
   */
  private handle?: Promise<{ file: fs.promises.FileHandle; inode: number }>;

  constructor(
    readonly file: string,
    private readonly key: Buffer,
  ) {}

  private open(): Promise<{ file: fs.promises.FileHandle; inode: number }> {
    if (!this.handle) {
      const opening = (async () => {
        await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
        const file = await fs.promises.open(this.file, 'a', 0o600);
        return { file, inode: (await file.stat()).ino };
      })();
      opening.catch(() => {
        if (this.handle === opening) this.handle = undefined;
      });
      this.handle = opening;
    }
    return this.handle;
  }

  /**
   * Appends one checkpoint. One `write` of one short line with O_APPEND: lines of concurrent writers (other
   * processes of a PostgreSQL deployment) do not interleave. When the path no longer names the open file (moved or
   * removed), the file is opened again at the path, so no checkpoint goes to a file nobody reads.
   */
  async write(sequence: number, head: string, at = new Date()): Promise<void> {
    const checkpoint: Checkpoint = { sequence, head, at: at.toISOString() };
    const line = JSON.stringify({ ...checkpoint, mac: checkpointMac(this.key, checkpoint) }) + '\n';
    let open = await this.open();
    const atPath = await fs.promises.stat(this.file).catch(() => undefined);
    if (atPath?.ino !== open.inode) {
      await this.close();
      open = await this.open();
    }
    try {
      await open.file.write(line);
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Closes the file (the store's close). */
  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await (await handle.catch(() => undefined))?.file.close().catch(() => undefined);
  }

  /** Every checkpoint, each authenticated; the first line that is not names itself. A missing file holds none. */
  async readAll(): Promise<CheckpointRead> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, checkpoints: [] };
      throw error;
    }
    const checkpoints: Checkpoint[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i];
      // Only the final line may be empty (the trailing newline) or cut short by a crash mid-write.
      if (raw === '' && i === lines.length - 1) break;
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        if (i === lines.length - 1) break;
        return { ok: false, line: i + 1, reason: `checkpoint line ${i + 1} of ${this.file} is not a checkpoint` };
      }
      const { sequence, head, at, mac } = value;
      const valid =
        typeof sequence === 'number' &&
        Number.isSafeInteger(sequence) &&
        sequence >= 0 &&
        typeof head === 'string' &&
        typeof at === 'string' &&
        typeof mac === 'string';
      const checkpoint = { sequence, head, at } as Checkpoint;
      if (!valid || !sameDigest(checkpointMac(this.key, checkpoint), mac)) {
        return { ok: false, line: i + 1, reason: `checkpoint line ${i + 1} of ${this.file} is not authentic (altered, or written with another key)` };
      }
      checkpoints.push(checkpoint);
    }
    return { ok: true, checkpoints };
  }
}
