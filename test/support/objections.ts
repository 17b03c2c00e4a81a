import type { AgencyId } from '../../shared/config/agencies';
import type { EventEnvelope, ObjectionChange } from '../../shared/events/contract';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import { applyEvent, envelope, type Emitted } from './credit-events';
import type { SubgraphHarness } from './subgraph-harness';

let objectionIds = 9000;

/** The ObjectionChange events of one objection as market regulation's register emits them (FILED, then a decision). */
export function objection(agency: AgencyId, recordKind: string, recordId: string | number, operatorUscc: string) {
  objectionIds += 1;
  const base = { objectionId: String(objectionIds), agency, recordKind, recordId: String(recordId), operatorUscc };
  const event = (payload: ObjectionChange): EventEnvelope<'ObjectionChange'> => envelope('ObjectionChange', 'market-regulation', payload);
  return {
    id: base.objectionId,
    filed: () => event({ ...base, status: 'FILED' }),
    rejected: (decidedOn: string) => event({ ...base, status: 'REJECTED', decidedOn, reason: '异议不成立' }),
    withdrawn: (decidedOn: string, reason = '经核查，记录有误，予以撤销') =>
      event({ ...base, status: 'ACCEPTED', correction: 'WITHDRAW', decidedOn, reason }),
    corrected: (decidedOn: string, correctedFacts: string) =>
      event({ ...base, status: 'ACCEPTED', correction: 'CORRECT', decidedOn, reason: '部分事实有误，予以更正', correctedFacts }),
  };
}

/** Runs the subgraph's own ObjectionChange consumer on `event` in one transaction of its database; what it emitted. */
export function deliverObjection(h: SubgraphHarness, definition: SubgraphDefinition, event: EventEnvelope<'ObjectionChange'>): Promise<Emitted[]> {
  return applyEvent(h.subgraph.database.dataSource, definition.eventHandlers?.ObjectionChange, event);
}
