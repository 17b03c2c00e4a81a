import type { DataSource, EntityManager } from 'typeorm';
import type { StoreKind } from './entities';
import { WriteQueue } from './write-queue';

/**
 * Key of the PostgreSQL transaction-scoped advisory lock every audit append takes, so several processes
 * writing to one database keep a single chain. ("OCGAUDIT" as ASCII, fits a signed bigint.)
 */
export const AUDIT_ADVISORY_LOCK_KEY = '5711487098364905812';

/** What the consent registry and the audit log share: the connection and the write discipline. */
export class StoreContext {
  readonly queue = new WriteQueue();

  constructor(
    readonly ds: DataSource,
    readonly kind: StoreKind,
  ) {}

  /**
   * Runs a write so that it never interleaves with another write of this process. On SQLite all queries
   * share one connection, so a write must not run while the audit append's transaction is open; on
   * PostgreSQL each write has its own pooled connection and needs no queue.
   */
  serializeWrite<T>(task: () => Promise<T>): Promise<T> {
    return this.kind === 'sqlite' ? this.queue.run(task) : task();
  }

  /** Runs a read that must not observe an in-process transaction half done (SQLite's shared connection). */
  consistentRead<T>(task: () => Promise<T>): Promise<T> {
    return this.kind === 'sqlite' ? this.queue.run(task) : task();
  }

  /**
   * Runs `work` in one transaction, queued behind every other write of this process. SQLite: `BEGIN
   * IMMEDIATE` takes the database's write lock up front (other processes wait, up to the busy timeout).
   * PostgreSQL with `auditLock`: `pg_advisory_xact_lock` serializes appends across processes.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>, options: { auditLock?: boolean } = {}): Promise<T> {
    return this.queue.run(async () => {
      const runner = this.ds.createQueryRunner();
      await runner.connect();
      const sqlite = this.kind === 'sqlite';
      try {
        if (sqlite) await runner.query('BEGIN IMMEDIATE');
        else await runner.startTransaction();
        try {
          if (!sqlite && options.auditLock) await runner.query(`SELECT pg_advisory_xact_lock(${AUDIT_ADVISORY_LOCK_KEY})`);
          const result = await work(runner.manager);
          if (sqlite) await runner.query('COMMIT');
          else await runner.commitTransaction();
          return result;
        } catch (err) {
          if (sqlite) await runner.query('ROLLBACK').catch(() => undefined);
          else await runner.rollbackTransaction().catch(() => undefined);
          throw err;
        }
      } finally {
        await runner.release();
      }
    });
  }
}
