import { DataSource, EntitySubscriberInterface, In, IsNull, MoreThan, TransactionCommitEvent } from 'typeorm';
import { runInBackground } from '../database/query-counter';
import type { Logger } from '../logging/logger';
import { BatchPublishError, type EventBus } from './bus';
import { OutboxEvent } from './entities';
import { takeOutboxWrite, toEnvelope } from './outbox';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  bus: EventBus;
  log: Logger;
  intervalMs: number;
  batchSize?: number;
}

/**
 * Publishes the agency's unpublished outbox rows in sequence order and marks each published once the bus holds
 * it. Runs on start (rows a crash left behind), after each commit that wrote an outbox row (nudge), and on an
 * interval (rows whose publish failed). At least once: a crash between publish and mark sends the row again,
 * and JetStream's duplicate window and the consumers' processed-event check absorb it.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private again = false;
  private stopped = true;
  private readonly subscriber: EntitySubscriberInterface;
  /** Rows published since start (tests and logs). */
  published = 0;
  /**
   * Every row up to this sequence is published (this relay marked it so): a pass reads on from here instead of walking
   * the published rows again (an index scan from the start, growing with the outbox). Sequences follow commit order
   * (outbox.ts), so no unpublished row below it can appear later.
   */
  private publishedThrough = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.subscriber = {
      afterTransactionCommit: (event: TransactionCommitEvent) => {
        // A released savepoint is not a commit: only the outermost transaction's end makes the row visible.
        if (!event.queryRunner.isTransactionActive && takeOutboxWrite(event.queryRunner)) this.nudge();
      },
    };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.options.dataSource.subscribers.push(this.subscriber);
    this.timer = setInterval(() => this.nudge(), this.options.intervalMs);
    this.timer.unref();
    this.nudge();
  }

  /** Starts a pass now, or one more right after the pass in progress. */
  nudge(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = (async () => {
      do {
        this.again = false;
        try {
          await runInBackground(() => this.drain());
        } catch (err) {
          this.options.log.warn({ err }, 'outbox relay could not publish; the events stay in the outbox and are retried');
          break;
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.draining = undefined;
    });
  }

  /** Resolves when no pass is running (tests). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    const { dataSource } = this.options;
    const batch = this.options.batchSize ?? 200;
    const postgres = dataSource.options.type === 'postgres';
    const runner = dataSource.createQueryRunner();
    try {
      // Several replicas of one service share its database: one relay at a time keeps the sequence order.
      if (postgres) {
        const [row] = (await runner.query('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [
          'outbox-relay',
        ])) as { locked: boolean }[];
        if (!row?.locked) return;
      }
      try {
        const repo = runner.manager.getRepository(OutboxEvent);
        const { bus } = this.options;
        const markPublished = async (rows: OutboxEvent[]) => {
          if (rows.length === 0) return;
          await repo.update({ id: In(rows.map((r) => r.id)) }, { publishedAt: new Date().toISOString() });
          this.published += rows.length;
          this.publishedThrough = Math.max(this.publishedThrough, rows[rows.length - 1].sequence);
        };
        for (;;) {
          if (this.stopped) return;
          const rows = await repo.find({
            where: { publishedAt: IsNull(), sequence: MoreThan(this.publishedThrough) },
            order: { sequence: 'ASC' },
            take: batch,
          });
          if (bus.publishBatch && rows.length > 1) {
            // The bus hands the rows to each consumer together (one transaction each); marked in one statement.
            try {
              await bus.publishBatch(rows.map(toEnvelope));
            } catch (err) {
              if (err instanceof BatchPublishError) await markPublished(rows.slice(0, err.published));
              throw err;
            }
            await markPublished(rows);
          } else {
            for (const row of rows) {
              if (this.stopped) return;
              await bus.publish(toEnvelope(row));
              await markPublished([row]);
            }
          }
          if (rows.length < batch) return;
        }
      } finally {
        if (postgres) await runner.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', ['outbox-relay']);
      }
    } finally {
      await runner.release();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const subscribers = this.options.dataSource.subscribers;
    const i = subscribers.indexOf(this.subscriber);
    if (i >= 0) subscribers.splice(i, 1);
    await this.idle();
  }
}
