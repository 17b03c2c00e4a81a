import { randomUUID } from 'node:crypto';
import type { EntityManager, QueryRunner } from 'typeorm';
import { insertInChunks } from '../seed/insert';
import type { AgencyId } from '../config/agencies';
import { lockForWrite } from '../database/duplicates';
import type { EmitEvent, EventEnvelope, EventPayloads, EventType } from './contract';
import { OutboxEvent } from './entities';

/** Transactions that wrote an outbox row: the relay is nudged once each of them commits. */
const wroteOutbox = new WeakSet<QueryRunner>();

/** True (once) when this committed transaction wrote an outbox row; used by the relay's commit hook. */
export function takeOutboxWrite(queryRunner: QueryRunner | undefined): boolean {
  if (!queryRunner || !wroteOutbox.has(queryRunner)) return false;
  wroteOutbox.delete(queryRunner);
  return true;
}

export function toEnvelope(row: OutboxEvent): EventEnvelope {
  return {
    id: row.id,
    type: row.type as EventType,
    sourceAgency: row.sourceAgency as AgencyId,
    sequence: row.sequence,
    occurredAt: row.occurredAt,
    payload: row.payload as EventEnvelope['payload'],
  };
}

/**
 * Writes several events of one agency into its outbox with the caller's transaction manager, in the order given, with
 * one turn at the sequence lock and one multi-row INSERT: what `createEmitEvent` does for each, in fewer statements.
 */
export async function emitEvents(
  manager: EntityManager,
  agency: AgencyId,
  events: readonly { type: EventType; payload: EventPayloads[EventType]; occurredAt: string }[],
): Promise<void> {
  if (events.length === 0) return;
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) {
    throw new Error(`${events[0].type} must be emitted inside the transaction of the decision it reports`);
  }
  await lockForWrite(manager, 'outbox-sequence');
  await appendOutboxRows(manager, agency, events);
  wroteOutbox.add(runner);
}

/**
 * Inserts events after whatever the outbox holds, in the order given, without gaps and unpublished, with random ids
 * (two databases never share an event id: JetStream deduplicates by id). The caller orders writers (the sequence lock,
 * or a seed's own transaction before any relay runs). Returns how many it wrote.
 */
export async function appendOutboxRows(
  manager: EntityManager,
  agency: AgencyId,
  events: readonly { type: EventType; payload: EventPayloads[EventType]; occurredAt: string }[],
): Promise<number> {
  const last = await manager
    .createQueryBuilder(OutboxEvent, 'o')
    .select('MAX(o.sequence)', 'max')
    .getRawOne<{ max: number | string | null }>();
  const first = Number(last?.max ?? 0) + 1;
  const rows: OutboxEvent[] = events.map((event, i) => ({
    id: randomUUID(),
    sequence: first + i,
    type: event.type,
    sourceAgency: agency,
    occurredAt: event.occurredAt,
    payload: event.payload,
    publishedAt: null,
  }));
  await insertInChunks(manager, OutboxEvent, rows, 500);
  return rows.length;
}

/**
 * The `EmitEvent` of one agency: writes the event into that agency's outbox with the caller's transaction
 * manager, so the event commits (or rolls back) with the decision. Refuses to run outside a transaction.
 */
export function createEmitEvent(agency: AgencyId): EmitEvent {
  return async (manager, type, payload) => {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      throw new Error(`${type} must be emitted inside the transaction of the decision it reports`);
    }
    // Sequence numbers follow commit order without gaps: emitting transactions of one database take turns from
    // here to their commit (PostgreSQL advisory lock; the embedded SQLite runs one write transaction at a time).
    await lockForWrite(manager, 'outbox-sequence');
    const last = await manager
      .createQueryBuilder(OutboxEvent, 'o')
      .select('MAX(o.sequence)', 'max')
      .getRawOne<{ max: number | string | null }>();
    const row: OutboxEvent = {
      id: randomUUID(),
      sequence: Number(last?.max ?? 0) + 1,
      type,
      sourceAgency: agency,
      occurredAt: new Date().toISOString(),
      payload,
      publishedAt: null,
    };
    await manager.insert(OutboxEvent, row);
    wroteOutbox.add(runner);
    return toEnvelope(row) as EventEnvelope<typeof type>;
  };
}
