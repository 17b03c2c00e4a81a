import { In, type DataSource, type EntityManager } from 'typeorm';
import { WriteQueue } from '../access-control/write-queue';
import { runInBackground } from '../database/query-counter';
import type { AgencyId } from '../config/agencies';
import { uniqueViolationColumns } from '../database/duplicates';
import { insertInChunks } from '../seed/insert';
import type { ApplyContext, DeferredWork, EventEnvelope, EventHandler, EventHandlers, EventPayloads, EventType } from './contract';
import { ProcessedEvent } from './entities';
import { emitEvents } from './outbox';

export type ApplyResult = 'applied' | 'duplicate' | 'ignored';

export interface EventApplier {
  /** Applies one event in its own transaction. */
  (event: EventEnvelope): Promise<ApplyResult>;
  /**
   * Applies events delivered together (in their order) in ONE transaction: all of them or, on any error, none (it
   * rejects and the caller delivers them again, e.g. one by one, so a failing event holds back only itself).
   */
  batch(events: readonly EventEnvelope[]): Promise<ApplyResult[]>;
}

/** Event ids per statement when looking up which of a batch were applied before. */
const LOOKUP_CHUNK = 500;

/**
 * The context of one applying transaction, and `flush`, which runs the handlers' deferred work (in order of creation,
 * work deferred by deferred work included) once every event was handled. Also for code that calls a handler itself.
 */
export function createApplyContext(): { context: ApplyContext; flush(): Promise<void> } {
  const deferred = new Map<string, DeferredWork>();
  const flushed = new Set<string>();
  return {
    context: {
      deferred: <W extends DeferredWork>(key: string, create: () => W): W => {
        if (flushed.has(key)) throw new Error(`work deferred under "${key}" was already flushed`);
        let work = deferred.get(key);
        if (!work) {
          work = create();
          deferred.set(key, work);
        }
        return work as W;
      },
    },
    flush: async () => {
      for (let pending = [...deferred.keys()]; pending.length > 0; pending = [...deferred.keys()].filter((k) => !flushed.has(k))) {
        for (const key of pending) {
          flushed.add(key);
          await deferred.get(key)!.flush();
        }
      }
    },
  };
}

/**
 * Applies events to one agency's database exactly once: in ONE transaction it records (consumer, event id) as
 * processed, runs the handler, and writes the handler's follow-up events to the agency's own outbox. A duplicate
 * (already recorded, or recorded by a concurrent delivery) changes nothing; a handler error rolls everything
 * back and rejects, so the bus delivers the event again.
 *
 * `batch` does the same for several events in one transaction: the events are handled one after the other in the
 * order given, each seeing what the previous ones wrote, then the handlers' deferred work runs once (see
 * ApplyContext), then the follow-up events are written, then it commits. The end state is the one applying them one by
 * one in that order would leave, save for records a later event of the same batch would have replaced at once (an
 * operator's assessment in between two of its signals); what it saves is a commit per event and the recomputations
 * only the last event decides. test/e2e/batched-delivery.test.ts compares the two over a whole seed.
 */
export function createEventApplier(
  agency: AgencyId,
  dataSource: DataSource,
  handlers: EventHandlers,
  consumer: string = agency,
): EventApplier {
  async function applyAll(m: EntityManager, events: readonly EventEnvelope[]): Promise<ApplyResult[]> {
    const handled = events.filter((e) => handlers[e.type] !== undefined);
    const ids = [...new Set(handled.map((e) => e.id))];
    const seen = new Set<string>();
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const rows = await m.getRepository(ProcessedEvent).find({
        select: { eventId: true },
        where: { consumer, eventId: In(ids.slice(i, i + LOOKUP_CHUNK)) },
      });
      for (const row of rows) seen.add(row.eventId);
    }
    const results: ApplyResult[] = events.map((e) => {
      if (handlers[e.type] === undefined) return 'ignored';
      if (seen.has(e.id)) return 'duplicate';
      seen.add(e.id); // the same event twice in one delivery is applied once
      return 'applied';
    });
    const toApply = events.filter((_, i) => results[i] === 'applied');
    if (toApply.length === 0) return results;
    const processedAt = new Date().toISOString();
    await insertInChunks(
      m,
      ProcessedEvent,
      toApply.map((event) => ({ consumer, eventId: event.id, eventType: event.type, sourceAgency: event.sourceAgency, processedAt })),
    );
    const { context, flush } = createApplyContext();
    // Follow-up events are written to the outbox together once every event was handled (one turn at the sequence
    // lock, right before the commit), in the order they were emitted.
    const followUps: { type: EventType; payload: EventPayloads[EventType]; occurredAt: string }[] = [];
    const follow = async (type: EventType, payload: EventPayloads[EventType]) => {
      followUps.push({ type, payload, occurredAt: new Date().toISOString() });
    };
    for (const event of toApply) {
      const handler = handlers[event.type] as EventHandler<EventType>;
      await handler(event, m, follow, context);
    }
    await flush();
    await emitEvents(m, agency, followUps);
    return results;
  }

  // One applying transaction at a time per consumer in this process. Deliveries from different sources arrive at
  // once (market regulation's and commerce's relays both publish listings), and their transactions touched the same
  // operators' rows in different orders: on PostgreSQL two batches deadlocked and one was aborted and re-applied
  // event by event. In turn, they cannot; each waits only for the transactions queued before it. (On SQLite every
  // transaction of the database is queued already, data-source.ts; this is what PostgreSQL needs.)
  const turns = new WriteQueue();

  async function applyBatch(events: readonly EventEnvelope[]): Promise<ApplyResult[]> {
    if (!events.some((e) => handlers[e.type] !== undefined)) return events.map(() => 'ignored' as const);
    return turns.run(() => runInBackground(() => dataSource.transaction((m) => applyAll(m, events))));
  }

  const applyOne = async (event: EventEnvelope): Promise<ApplyResult> => {
    try {
      return (await applyBatch([event]))[0];
    } catch (err) {
      // Two deliveries of one event at once (two replicas): the unique index lets one apply it.
      const columns = uniqueViolationColumns(err);
      if (columns && columns.length === 2 && columns.includes('consumer') && columns.includes('eventId')) return 'duplicate';
      throw err;
    }
  };
  return Object.assign(applyOne, { batch: applyBatch });
}
