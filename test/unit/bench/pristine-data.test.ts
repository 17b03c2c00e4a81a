import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keepPristine, restorePristine } from '../../../bench/data';

/**
 * Every benchmark run starts from the data set as seeding left it: the audit log that earlier runs grew (every request
 * appends to it) is put back, so runs stay comparable. SQLite here; PostgreSQL clones databases the same way.
 */
describe('bench data set kept pristine (SQLite)', () => {
  let dir: string;
  const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-bench-data-'));
    write('market-regulation.sqlite', 'seeded mr');
    write('access-control.sqlite', 'seeded audit log');
    write('access-control.sqlite-wal', 'seeded wal');
    write('audit-checkpoints.jsonl', 'seeded checkpoints\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('puts back the databases, their write-ahead logs and the checkpoint file as kept, and drops what runs left', async () => {
    await keepPristine(dir, undefined, 2000);
    write('access-control.sqlite', 'seeded audit log + a run of records');
    write('access-control.sqlite-wal', 'a run of records');
    write('access-control.sqlite-shm', 'shared memory');
    write('market-regulation.sqlite-wal', 'a run of reads');
    write('audit-checkpoints.jsonl', 'seeded checkpoints\nrun checkpoints\n');

    expect(await restorePristine(dir, undefined, 2000)).toBe(true);
    expect(read('access-control.sqlite')).toBe('seeded audit log');
    expect(read('access-control.sqlite-wal')).toBe('seeded wal');
    expect(read('market-regulation.sqlite')).toBe('seeded mr');
    expect(read('audit-checkpoints.jsonl')).toBe('seeded checkpoints\n');
    expect(fs.existsSync(path.join(dir, 'access-control.sqlite-shm'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'market-regulation.sqlite-wal'))).toBe(false);
  });

  it('says so when there is no pristine copy to restore, changing nothing', async () => {
    expect(await restorePristine(dir, undefined, 2000)).toBe(false);
    expect(read('access-control.sqlite')).toBe('seeded audit log');
    expect(read('audit-checkpoints.jsonl')).toBe('seeded checkpoints\n');
  });
});
