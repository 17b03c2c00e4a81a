import type { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import type { Logger } from '../logging/logger';
import { OutboxEvent } from './entities';
import type { OutboxRelay } from './relay';

export interface SettlingOutbox {
  agency: string;
  relay: OutboxRelay;
  dataSource: DataSource;
}

/**
 * Waits until every outbox is published, on a bus whose publish resolves once each consumer applied the event (the
 * in-process bus): then the seeded decisions, the measures the consumers derived and their feedback are all in
 * place, and the first request sees one consistent data set. Feedback written while a relay drains starts another
 * pass, so it repeats until no outbox holds an unpublished row. A relay that makes no progress for `stallMs` (a
 * handler keeps failing) stops the wait with a warning: the service starts, and the relay keeps retrying.
 */
export async function awaitOutboxesSettled(
  outboxes: SettlingOutbox[],
  log: Logger,
  options: { stallMs?: number; retryMs?: number; progressMs?: number; analyzeMs?: number } = {},
): Promise<{ published: number; ms: number; settled: boolean }> {
  const started = Date.now();
  const stallMs = options.stallMs ?? 30_000;
  const analyzeMs = options.analyzeMs ?? 60_000;
  const retryMs = options.retryMs ?? 200;
  const publishedBefore = outboxes.reduce((n, o) => n + o.relay.published, 0);
  const published = () => outboxes.reduce((n, o) => n + o.relay.published, 0) - publishedBefore;
  let lastProgress = Date.now();
  let lastPublished = 0;
  // A long wait (a large seed) says how far it got, per outbox, so its rate can be read off the log.
  const progress = setInterval(() => {
    log.info(
      { published: published(), ms: Date.now() - started, perOutbox: Object.fromEntries(outboxes.map((o) => [o.agency, o.relay.published])) },
      'applying the credit events of earlier decisions',
    );
  }, options.progressMs ?? 30_000);
  progress.unref();
  // The consumers fill tables (measures, signals, assessments) that the seed's ANALYZE saw empty: PostgreSQL plans
  // their reads as if they still were until statistics are taken again (autovacuum, when it runs, does it only later), so
  // a long wait refreshes them as it goes, and once more at the end for the first requests.
  let analyzing: Promise<void> | undefined;
  const analyze = () =>
    Promise.all(
      outboxes
        .filter((o) => o.dataSource.options.type === 'postgres' && o.dataSource.isInitialized)
        .map((o) => o.dataSource.query('ANALYZE')),
    ).then(
      () => undefined,
      (err: unknown) => log.warn({ err }, 'could not refresh planner statistics while applying credit events'),
    );
  const statistics = setInterval(() => {
    analyzing ??= analyze().finally(() => (analyzing = undefined));
  }, analyzeMs);
  statistics.unref();
  try {
    const result = await settle();
    clearInterval(statistics);
    await analyzing;
    if (result.published > 0) await analyze();
    return result;
  } finally {
    clearInterval(progress);
    clearInterval(statistics);
  }

  async function settle(): Promise<{ published: number; ms: number; settled: boolean }> {
    for (;;) {
      await Promise.all(outboxes.map((o) => o.relay.idle()));
      const pending = await Promise.all(
        outboxes.map(async (o) => ({ o, rows: await o.dataSource.getRepository(OutboxEvent).countBy({ publishedAt: IsNull() }) })),
      );
      const waiting = pending.filter((p) => p.rows > 0);
      if (waiting.length === 0) break;
      if (published() > lastPublished) {
        lastPublished = published();
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress > stallMs) {
        log.warn(
          { unpublished: Object.fromEntries(waiting.map((p) => [p.o.agency, p.rows])) },
          'starting before every credit event was applied: an outbox made no progress; its relay keeps retrying',
        );
        return { published: published(), ms: Date.now() - started, settled: false };
      } else {
        // A failed pass waits for the relay's interval; a delivery nudged just now needs no wait at all.
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
      for (const p of waiting) p.o.relay.nudge();
    }
    const result = { published: published(), ms: Date.now() - started, settled: true };
    if (result.published > 0) log.info(result, 'credit events of earlier decisions applied before serving');
    return result;
  }
}
