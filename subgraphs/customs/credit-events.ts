import type { CreditListChange } from '../../shared/events/contract';
import type { CustomsDishonestyFinding } from './entities/customs-dishonesty-finding.entity';
import { CustomsDishonestyRemovalKind } from './entities/enums';

/** The finding's decision number, or (not issued yet) the record's stable identity standing in for it. */
export function findingDecisionNumber(finding: Pick<CustomsDishonestyFinding, 'id' | 'decisionNumber'>): string {
  return finding.decisionNumber ?? `customs/dishonesty-finding/${finding.id}`;
}

/** How a finding ended, as its removal decision states it. */
export interface FindingRemoval {
  kind: CustomsDishonestyRemovalKind;
  decisionNumber: string;
  removedOn: string;
  decidingAuthority: string | null;
}

/**
 * The CUSTOMS_DISHONEST list change of a finding: LISTED when found, or its removal (REPAIRED for credit repair,
 * REMOVED for a correction). One builder for the mutations, the seed and the credit-repair consumer.
 */
export function findingListChange(
  finding: Pick<CustomsDishonestyFinding, 'id' | 'decisionNumber' | 'operatorUscc' | 'foundOn' | 'ground' | 'decidingAuthority'>,
  removal?: FindingRemoval,
): CreditListChange {
  const listing = findingDecisionNumber(finding);
  const authority = removal ? removal.decidingAuthority : finding.decidingAuthority;
  return {
    kind: 'CUSTOMS_DISHONEST',
    action: !removal ? 'LISTED' : removal.kind === CustomsDishonestyRemovalKind.CREDIT_REPAIR ? 'REPAIRED' : 'REMOVED',
    operatorUscc: finding.operatorUscc,
    decisionNumber: removal?.decisionNumber ?? listing,
    listingDecisionNumber: listing,
    effectiveOn: removal?.removedOn ?? finding.foundOn,
    ground: finding.ground,
    ...(authority ? { decidingAuthority: authority } : {}),
  };
}
