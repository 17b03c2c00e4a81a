import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AgencyId } from '../config/agencies';
import { insertInChunks } from '../seed/insert';
import type { CreditListChange, EventPayloads, EventType } from './contract';
import { OutboxEvent } from './entities';

/**
 * The outbox rows of a seed's listing and removal decisions, as the mutations would have written them one by one:
 * sequences 1, 2, ... without gaps in decision order (effective date; a listing before removals of the same day),
 * unpublished, so the relays publish them on start and every agency's consumers derive the measures. Ids are
 * random like live events': two seeded databases never share an event id (JetStream deduplicates by id).
 */
export function seededCreditListChanges(agency: AgencyId, changes: CreditListChange[]): OutboxEvent[] {
  const ordered = changes
    .map((change, i) => ({ change, i }))
    .sort(
      (a, b) =>
        a.change.effectiveOn.localeCompare(b.change.effectiveOn) ||
        Number(a.change.action !== 'LISTED') - Number(b.change.action !== 'LISTED') ||
        a.i - b.i,
    );
  return ordered.map(({ change }, i) => ({
    id: randomUUID(),
    sequence: i + 1,
    type: 'CreditListChange',
    sourceAgency: agency,
    // Decided in the morning of the effective day (China time); seeded decisions carry no time of day.
    occurredAt: new Date(`${change.effectiveOn}T09:00:00+08:00`).toISOString(),
    payload: change,
    publishedAt: null,
  }));
}

/** Writes a seed's decision events into the agency's (empty) outbox inside the seed's transaction. */
export async function insertSeededCreditListChanges(
  manager: EntityManager,
  agency: AgencyId,
  changes: CreditListChange[],
): Promise<number> {
  const rows = seededCreditListChanges(agency, changes);
  await insertInChunks(manager, OutboxEvent, rows, 500);
  return rows.length;
}

/** A seeded decision's event with the time its decision was committed. */
export interface SeededEvent<T extends EventType = EventType> {
  type: T;
  payload: EventPayloads[T];
  occurredAt: string;
}

/**
 * Writes seeded events of any type into the agency's outbox inside the seed's transaction, after whatever the outbox
 * already holds, in the given order (the caller's decision order), unpublished: the relays publish them on start.
 */
export async function insertSeededEvents(manager: EntityManager, agency: AgencyId, events: SeededEvent[]): Promise<number> {
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
