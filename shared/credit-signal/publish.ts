import { createHash } from 'node:crypto';
import { In, LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import type { AgencyId } from '../config/agencies';
import { lockAllForWrite } from '../database/duplicates';
import { runInBackground } from '../database/query-counter';
import { emitEvents } from '../events/outbox';
import { insertSeededEvents } from '../events/seed-outbox';
import { insertInChunks, updateInChunks } from '../seed/insert';
import type { BackgroundWork, BackgroundWorkOptions } from '../subgraph/definition';
import { type CreditSignal, type DeriveCreditSignals, isEmptySignal } from './signal';
import { CreditSignalState } from './state.entity';
import { periodicWork } from '../subgraph/background-work';

/** Operators derived per statement batch (IN lists stay well under every driver's parameter limit). */
const CHUNK = 500;

export function fingerprintOf(signal: Pick<CreditSignal, 'factors'>): string {
  const canonical = [...signal.factors]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((f) => [f.code, f.value, f.evidence.map((e) => `${e.kind}:${e.id}`)]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export interface CreditSignalPublisherOptions {
  agency: AgencyId;
  derive: DeriveCreditSignals;
  /**
   * Publish a signal with no value at all the first time (market regulation: every registered operator gets an
   * assessment). Other agencies publish only once they hold something: no signal means no record there.
   */
  publishEmpty?: boolean;
}

/**
 * Publishes an agency's credit signals (issue 9 part 1): after each of the agency's own writes that can change an
 * operator's signal (mutations and event consumers call `refresh` inside their transaction), on its seed, and when
 * time alone changes a signal (`startReview`). A signal is sent as a `CreditSignalChange` event through the outbox,
 * in the write's transaction, only when its factors changed.
 */
export function createCreditSignalPublisher(options: CreditSignalPublisherOptions) {
  const { agency, derive, publishEmpty = false } = options;

  /** The signals of `usccs` that differ from what was last published, and the state rows to write. */
  async function changes(manager: EntityManager, usccs: readonly string[], now: Date) {
    const unique = [...new Set(usccs)];
    const signals = await derive(manager, unique, now);
    const states = new Map(
      (await manager.find(CreditSignalState, { where: { operatorUscc: In(unique) } })).map((s) => [s.operatorUscc, s]),
    );
    const changed: CreditSignal[] = [];
    const rows: { state: CreditSignalState; isNew: boolean; changed: boolean }[] = [];
    for (const uscc of unique) {
      const signal = signals.get(uscc);
      if (!signal) continue;
      // A review time already past would bring the operator back at once: time cannot change it further.
      if (signal.reviewAt && signal.reviewAt <= now.toISOString()) signal.reviewAt = null;
      const before = states.get(uscc);
      const fingerprint = fingerprintOf(signal);
      const isChanged = before ? before.fingerprint !== fingerprint : publishEmpty || !isEmptySignal(signal);
      if (isChanged) changed.push(signal);
      if (isChanged || (before && before.reviewAt !== signal.reviewAt)) {
        rows.push({
          state: { operatorUscc: uscc, fingerprint, publishedAt: isChanged ? signal.asOf : before!.publishedAt, reviewAt: signal.reviewAt },
          isNew: !before,
          changed: isChanged,
        });
      } else if (!before && signal.reviewAt) {
        // Nothing to publish yet, but time will change it (e.g. a record that starts counting later).
        rows.push({ state: { operatorUscc: uscc, fingerprint, publishedAt: signal.asOf, reviewAt: signal.reviewAt }, isNew: true, changed: false });
      }
    }
    return { changed, rows };
  }

  async function writeStates(manager: EntityManager, rows: { state: CreditSignalState; isNew: boolean }[]) {
    const inserts = rows.filter((r) => r.isNew).map((r) => r.state);
    if (inserts.length) await insertInChunks(manager, CreditSignalState, inserts, CHUNK);
    const updates = rows.filter((x) => !x.isNew).map((r) => r.state);
    await updateInChunks(manager, CreditSignalState, updates, ['fingerprint', 'publishedAt', 'reviewAt'], CHUNK);
  }

  /**
   * Derives the signals of `usccs` again and publishes those that changed. Call inside the write's transaction. An event
   * consumer passes its handler's `emit`, which writes the events with the rest of its transaction's follow-ups: the
   * outbox's sequence lock is then taken once, at the end, and never held while waiting for an operator's lock.
   */
  async function refresh(
    manager: EntityManager,
    usccs: readonly string[],
    now: Date = new Date(),
    options: { emit?: (type: 'CreditSignalChange', payload: CreditSignal) => Promise<void> } = {},
  ): Promise<CreditSignal[]> {
    const published: CreditSignal[] = [];
    // Two writes about one operator at once must not both publish (or both insert its state): they take turns from
    // here to their commit (PostgreSQL advisory locks, in a fixed order; SQLite runs one write transaction at a time).
    await lockAllForWrite(manager, [...new Set(usccs)].sort().map((uscc) => `credit-signal:${agency}:${uscc}`));
    for (let i = 0; i < usccs.length; i += CHUNK) {
      const { changed, rows } = await changes(manager, usccs.slice(i, i + CHUNK), now);
      if (options.emit) {
        for (const signal of changed) await options.emit('CreditSignalChange', signal);
      } else {
        const at = new Date().toISOString();
        await emitEvents(manager, agency, changed.map((payload) => ({ type: 'CreditSignalChange' as const, payload, occurredAt: at })));
      }
      await writeStates(manager, rows);
      published.push(...changed);
    }
    return published;
  }

  /** The seed's signals, as the writes would have published them: seeded events and state rows, in the seed's transaction. */
  async function seed(manager: EntityManager, usccs: readonly string[], now: Date = new Date()): Promise<number> {
    // The records were inserted by this very transaction into tables PostgreSQL has no statistics of yet: without them it
    // reads each derive's `IN (...)` as most of the table and scans every table once per chunk (quadratic in operators).
    if (manager.connection.options.type === 'postgres') await manager.query('ANALYZE');
    let count = 0;
    for (let i = 0; i < usccs.length; i += CHUNK) {
      const { changed, rows } = await changes(manager, usccs.slice(i, i + CHUNK), now);
      await insertSeededEvents(manager, agency, changed.map((payload) => ({ type: 'CreditSignalChange' as const, payload, occurredAt: payload.asOf })));
      await writeStates(manager, rows);
      count += changed.length;
    }
    return count;
  }

  /** Derives again every signal whose review time has come; one transaction per batch. */
  async function review(dataSource: DataSource, now: Date): Promise<number> {
    let count = 0;
    for (;;) {
      const due = await dataSource.getRepository(CreditSignalState).find({
        select: { operatorUscc: true },
        where: { reviewAt: LessThanOrEqual(now.toISOString()) },
        order: { reviewAt: 'ASC' },
        take: CHUNK,
      });
      if (due.length === 0) return count;
      await dataSource.transaction(async (m) => {
        count += (await refresh(m, due.map((d) => d.operatorUscc), now)).length;
      });
      if (due.length < CHUNK) return count;
    }
  }

  /** The review sweep as background work: a pass on start, then every `intervalMs`. */
  function startReview(intervalMs: number) {
    return ({ dataSource, log, clock }: BackgroundWorkOptions): Promise<BackgroundWork> =>
      periodicWork(intervalMs, async () => {
        try {
          const n = await runInBackground(() => review(dataSource, clock()));
          if (n) log.info({ agency, published: n }, 'credit signals reviewed');
        } catch (err) {
          log.error({ agency, err }, 'credit signal review failed');
        }
      });
  }

  return { agency, derive, refresh, seed, review, startReview };
}

export type CreditSignalPublisher = ReturnType<typeof createCreditSignalPublisher>;

/** How often each agency looks for signals that time alone changed (a publicity period or look-back window ended). */
export const CREDIT_SIGNAL_REVIEW_INTERVAL_MS = 10 * 60_000;
