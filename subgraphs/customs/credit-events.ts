import type { CreditListChange } from '../../shared/events/contract';
import type { CustomsDishonestyFinding } from './entities/customs-dishonesty-finding.entity';
import { findingDecisionNumber } from './resolvers/customs-dishonesty-finding.resolver';

/** How a standing finding ended: the removal decision as the CreditListChange carries it. */
export interface FindingEnd {
  action: 'REMOVED' | 'REPAIRED';
  decisionNumber: string;
  effectiveOn: string;
  decidingAuthority: string;
}

/** The CreditListChange ending the customs dishonest listing of `finding` (the removal mutation and objections). */
export function findingEnded(finding: CustomsDishonestyFinding, end: FindingEnd): CreditListChange {
  return {
    kind: 'CUSTOMS_DISHONEST',
    action: end.action,
    operatorUscc: finding.operatorUscc,
    decisionNumber: end.decisionNumber,
    listingDecisionNumber: findingDecisionNumber(finding),
    effectiveOn: end.effectiveOn,
    ground: finding.ground,
    decidingAuthority: end.decidingAuthority,
  };
}
