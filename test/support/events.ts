import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AgencyId } from '../../shared/config/agencies';
import type {
  CreditListChange, EventEnvelope, EventHandler, EventPayloads, EventType, JointMeasureChange,
} from '../../shared/events/contract';

/** An envelope as the transport delivers it (fresh id unless given). */
export function envelope<T extends EventType>(
  type: T, sourceAgency: AgencyId, payload: EventPayloads[T], options: { id?: string; sequence?: number } = {},
): EventEnvelope<T> {
  return {
    id: options.id ?? randomUUID(), type, sourceAgency, sequence: options.sequence ?? 1, occurredAt: new Date().toISOString(), payload,
  };
}

export function listed(
  kind: CreditListChange['kind'], operatorUscc: string, decisionNumber: string, effectiveOn: string,
): CreditListChange {
  return { kind, action: 'LISTED', operatorUscc, decisionNumber, listingDecisionNumber: decisionNumber, effectiveOn };
}

export function removed(
  kind: CreditListChange['kind'], operatorUscc: string, listingDecisionNumber: string, decisionNumber: string, effectiveOn: string,
  action: 'REMOVED' | 'REPAIRED' = 'REMOVED',
): CreditListChange {
  return { kind, action, operatorUscc, decisionNumber, listingDecisionNumber, effectiveOn };
}

export interface Emitted {
  type: EventType;
  payload: EventPayloads[EventType];
}

/**
 * Applies one event with a subgraph's real handler in one transaction on its real database, as the transport
 * does; returns what the handler emitted (its outbox writes) in order.
 */
export async function applyEvent<T extends EventType>(
  db: DataSource, handler: EventHandler<T> | undefined, event: EventEnvelope<T>,
): Promise<Emitted[]> {
  if (!handler) throw new Error(`no handler for ${event.type}`);
  const emitted: Emitted[] = [];
  await db.transaction((m) => handler(event, m, async (type, payload) => {
    emitted.push({ type, payload });
  }));
  return emitted;
}

export const jointMeasureChanges = (emitted: Emitted[]) =>
  emitted.filter((e) => e.type === 'JointMeasureChange').map((e) => e.payload as JointMeasureChange);
