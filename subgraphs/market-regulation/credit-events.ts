import type { CreditListChange } from '../../shared/events/contract';
import { createEmitEvent } from '../../shared/events/outbox';
import type { AbnormalOperationListing } from './entities/abnormal-operation-listing.entity';
import type { SeriousDishonestListing } from './entities/serious-dishonest-listing.entity';
import { SeriousDishonestRemovalKind } from './enums';

/** Writes market regulation's events into its outbox, inside the decision's transaction. */
export const emitMarketRegulationEvent = createEmitEvent('market-regulation');

export function seriousListed(listing: SeriousDishonestListing): CreditListChange {
  const number = listing.decisionNumber;
  return {
    kind: 'SERIOUS_DISHONEST',
    action: 'LISTED',
    operatorUscc: listing.operatorUscc,
    decisionNumber: number,
    listingDecisionNumber: number,
    effectiveOn: listing.listedOn,
    ground: listing.ground,
    decidingAuthority: listing.listingAuthority,
  };
}

/** Early removal after repair is REPAIRED; a correction (or the automatic end) is REMOVED. */
export function seriousRemoved(
  listing: SeriousDishonestListing,
  removal: { removedOn: string; kind: SeriousDishonestRemovalKind; decisionNumber: string; decidingAuthority: string },
): CreditListChange {
  return {
    kind: 'SERIOUS_DISHONEST',
    action: removal.kind === SeriousDishonestRemovalKind.EARLY_REPAIR ? 'REPAIRED' : 'REMOVED',
    operatorUscc: listing.operatorUscc,
    decisionNumber: removal.decisionNumber,
    listingDecisionNumber: listing.decisionNumber,
    effectiveOn: removal.removedOn,
    ground: listing.ground,
    decidingAuthority: removal.decidingAuthority,
  };
}

export function abnormalListed(listing: AbnormalOperationListing): CreditListChange {
  const number = listing.decisionNumber;
  return {
    kind: 'ABNORMAL_OPERATIONS',
    action: 'LISTED',
    operatorUscc: listing.operatorUscc,
    decisionNumber: number,
    listingDecisionNumber: number,
    effectiveOn: listing.listedOn,
    ground: listing.reason,
    decidingAuthority: listing.listingAuthority,
  };
}

/** A removal after the fault was cured is REMOVED; one approved as credit repair (信用修复) is REPAIRED. */
export function abnormalRemoved(
  listing: AbnormalOperationListing,
  removal: { removedOn: string; decisionNumber: string; decidingAuthority: string; repaired?: boolean },
): CreditListChange {
  return {
    kind: 'ABNORMAL_OPERATIONS',
    action: removal.repaired ? 'REPAIRED' : 'REMOVED',
    operatorUscc: listing.operatorUscc,
    decisionNumber: removal.decisionNumber,
    listingDecisionNumber: listing.decisionNumber,
    effectiveOn: removal.removedOn,
    ground: listing.reason,
    decidingAuthority: removal.decidingAuthority,
  };
}
