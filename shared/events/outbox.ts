import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import type { AgencyId } from '../config/agencies';
import { lockForWrite } from '../database/duplicates';
import type { EmitEvent, EventEnvelope, EventType } from './contract';
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
