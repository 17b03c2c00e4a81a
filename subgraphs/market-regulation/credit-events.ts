import type { CreditListChange } from '../../shared/events/contract';
import { createEmitEvent } from '../../shared/events/outbox';
import type { AbnormalOperationListing } from './entities/abnormal-operation-listing.entity';
import type { SeriousDishonestListing } from './entities/serious-dishonest-listing.entity';
import { SeriousDishonestRemovalKind } from './enums';

/** Writes market regulation's events into its outbox, inside the decision's transaction. */
export const emitMarketRegulationEvent = createEmitEvent('market-regulation');

/**
 * The listing decision's reference. Listings do not record a decision number (文号) yet: until they do, the
 * record's own stable identity stands in for it, so a removal can name the listing it ends.
 */
export function seriousListingNumber(listing: Pick<SeriousDishonestListing, 'id'>): string {
  return `market-regulation/serious-dishonest-listing/${listing.id}`;
}

export function abnormalListingNumber(listing: Pick<AbnormalOperationListing, 'id'>): string {
  return `market-regulation/abnormal-operation-listing/${listing.id}`;
}

export function seriousListed(listing: SeriousDishonestListing): CreditListChange {
  const number = seriousListingNumber(listing);
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
  removal: { removedOn: string; kind: SeriousDishonestRemovalKind },
): CreditListChange {
  const number = seriousListingNumber(listing);
  return {
    kind: 'SERIOUS_DISHONEST',
    action: removal.kind === SeriousDishonestRemovalKind.EARLY_REPAIR ? 'REPAIRED' : 'REMOVED',
    operatorUscc: listing.operatorUscc,
    decisionNumber: `${number}/removal`,
    listingDecisionNumber: number,
    effectiveOn: removal.removedOn,
    ground: listing.ground,
    decidingAuthority: listing.listingAuthority,
  };
}

export function abnormalListed(listing: AbnormalOperationListing): CreditListChange {
  const number = abnormalListingNumber(listing);
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

export function abnormalRemoved(listing: AbnormalOperationListing, removedOn: string): CreditListChange {
  const number = abnormalListingNumber(listing);
  return {
    kind: 'ABNORMAL_OPERATIONS',
    action: 'REMOVED',
    operatorUscc: listing.operatorUscc,
    decisionNumber: `${number}/removal`,
    listingDecisionNumber: number,
    effectiveOn: removedOn,
    ground: listing.reason,
    decidingAuthority: listing.listingAuthority,
  };
}
