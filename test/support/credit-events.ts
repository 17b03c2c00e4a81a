import { randomUUID } from 'node:crypto';
import type { AgencyId } from '../../shared/config/agencies';
import type {
  CreditListChange, EventEnvelope, EventPayloads, EventType, JointMeasureChange,
} from '../../shared/events/contract';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import type { SubgraphHarness } from './subgraph-harness';

let sequence = 0;

/** A CreditListChange envelope as the deciding agency's outbox would publish it. */
export function listChange(
  payload: Partial<CreditListChange> & Pick<CreditListChange, 'operatorUscc' | 'decisionNumber' | 'effectiveOn'>,
  sourceAgency: AgencyId = 'market-regulation',
): EventEnvelope<'CreditListChange'> {
  const full: CreditListChange = {
    kind: 'SERIOUS_DISHONEST',
    action: 'LISTED',
    listingDecisionNumber: payload.decisionNumber,
    ...payload,
  };
  sequence += 1;
  return { id: randomUUID(), type: 'CreditListChange', sourceAgency, sequence, occurredAt: new Date().toISOString(), payload: full };
}

/**
 * Runs the subgraph's own CreditListChange handler on `event` in one transaction of its real database, as the
 * transport does, and returns the feedback events it emitted. No dedup by event id here: the handlers must be safe
 * on repeated content by themselves.
 */
export async function deliver(
  h: SubgraphHarness,
  definition: SubgraphDefinition,
  event: EventEnvelope<'CreditListChange'>,
): Promise<JointMeasureChange[]> {
  const handler = definition.eventHandlers?.CreditListChange;
  if (!handler) throw new Error(`${definition.agency} has no CreditListChange handler`);
  const emitted: JointMeasureChange[] = [];
  await h.subgraph.database.dataSource.transaction(async (manager) => {
    await handler(event, manager, async (type: EventType, payload: EventPayloads[EventType]) => {
      if (type === 'JointMeasureChange') emitted.push(payload as JointMeasureChange);
    });
  });
  return emitted;
}
