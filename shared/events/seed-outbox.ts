import type { EntityManager } from 'typeorm';
import type { AgencyId } from '../config/agencies';
import type { CreditListChange, EventPayloads, EventType } from './contract';
import { appendOutboxRows } from './outbox';

/**
 * A seed's listing and removal decisions as the events the mutations would have written one by one, in decision
 * order (effective date; a listing before removals of the same day), each committed in the morning of its
 * effective day (China time): seeded decisions carry no time of day.
 */
export function seededCreditListChanges(changes: CreditListChange[]): SeededEvent<'CreditListChange'>[] {
  return changes
    .map((change, i) => ({ change, i }))
    .sort(
      (a, b) =>
        a.change.effectiveOn.localeCompare(b.change.effectiveOn) ||
        Number(a.change.action !== 'LISTED') - Number(b.change.action !== 'LISTED') ||
        a.i - b.i,
    )
    .map(({ change }) => ({
      type: 'CreditListChange' as const,
      payload: change,
      occurredAt: new Date(`${change.effectiveOn}T09:00:00+08:00`).toISOString(),
    }));
}

/** Writes a seed's decision events into the agency's outbox inside the seed's transaction. */
export async function insertSeededCreditListChanges(
  manager: EntityManager,
  agency: AgencyId,
  changes: CreditListChange[],
): Promise<number> {
  return insertSeededEvents(manager, agency, seededCreditListChanges(changes));
}

/** A seeded decision's event with the time its decision was committed. */
export interface SeededEvent<T extends EventType = EventType> {
  type: T;
  payload: EventPayloads[T];
  occurredAt: string;
}

/**
 * Writes seeded events of any type into the agency's outbox inside the seed's transaction, after whatever the outbox
 * already holds, in the given order (the caller's decision order), without gaps and unpublished: the relays publish
 * them on start and every agency's consumers apply them. Ids are random like live events': two seeded databases
 * never share an event id (JetStream deduplicates by id).
 */
export async function insertSeededEvents(manager: EntityManager, agency: AgencyId, events: SeededEvent[]): Promise<number> {
  return appendOutboxRows(manager, agency, events);
}
