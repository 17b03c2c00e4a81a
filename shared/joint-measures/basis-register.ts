import type { EntityManager } from 'typeorm';
import type { CreditListChange, EventEnvelope } from '../events/contract';
import { ReceivedListing } from './received-listing.entity';

/** What a listing event asks the consuming agency to do with its measures. */
export type ListingEffect =
  | { effect: 'APPLY'; listing: ReceivedListing; from: string }
  | { effect: 'LIFT'; listing: ReceivedListing; from: string }
  | { effect: 'NONE'; listing: ReceivedListing };

/**
 * Records a CreditListChange in the agency's basis register and says what follows, so that the same content
 * received twice (or a LISTED arriving after its own REMOVED) changes nothing: APPLY only for the first LISTED of a
 * listing still in force, LIFT only for the first REMOVED/REPAIRED of a listing whose measures were applied.
 */
export async function recordListingChange(
  manager: EntityManager,
  event: EventEnvelope<'CreditListChange'>,
): Promise<ListingEffect> {
  const change: CreditListChange = event.payload;
  const repo = manager.getRepository(ReceivedListing);
  const key = {
    operatorUscc: change.operatorUscc,
    listKind: change.kind,
    decisionNumber: change.listingDecisionNumber,
  };
  const existing = await repo.findOne({ where: key });
  if (change.action === 'LISTED') {
    if (existing) {
      if (existing.listedOn === null) {
        // The removal came first: keep the listing's own date for the record, apply nothing.
        existing.listedOn = change.effectiveOn;
        existing.ground = change.ground ?? existing.ground;
        existing.decidingAuthority = change.decidingAuthority ?? existing.decidingAuthority;
        await repo.save(existing);
      }
      return { effect: 'NONE', listing: existing };
    }
    const listing = await repo.save(
      repo.create({
        ...key,
        listedOn: change.effectiveOn,
        removedOn: null,
        removalAction: null,
        removalDecisionNumber: null,
        ground: change.ground ?? null,
        decidingAuthority: change.decidingAuthority ?? null,
        sourceAgency: event.sourceAgency,
      }),
    );
    return { effect: 'APPLY', listing, from: change.effectiveOn };
  }
  if (existing?.removedOn) return { effect: 'NONE', listing: existing };
  const removal = {
    removedOn: change.effectiveOn,
    removalAction: change.action,
    removalDecisionNumber: change.decisionNumber,
  };
  if (!existing) {
    const listing = await repo.save(
      repo.create({
        ...key,
        ...removal,
        listedOn: null,
        ground: change.ground ?? null,
        decidingAuthority: change.decidingAuthority ?? null,
        sourceAgency: event.sourceAgency,
      }),
    );
    return { effect: 'NONE', listing };
  }
  Object.assign(existing, removal);
  const listing = await repo.save(existing);
  // A removal dated before the listing (a correction) ends the measures on their first day.
  const from = listing.listedOn && change.effectiveOn < listing.listedOn ? listing.listedOn : change.effectiveOn;
  return { effect: 'LIFT', listing, from };
}

/** The listing of `operatorUscc` on `listKind` under `decisionNumber`, as received; null when never received. */
export function findReceivedListing(
  manager: EntityManager,
  operatorUscc: string,
  listKind: string,
  decisionNumber: string,
): Promise<ReceivedListing | null> {
  return manager
    .getRepository(ReceivedListing)
    .findOne({ where: { operatorUscc, listKind: listKind as ReceivedListing['listKind'], decisionNumber } });
}

/** True when the listing is in force on `date` (ISO): listed on or before it and not removed by then. */
export function listingInForce(listing: ReceivedListing, date: string): boolean {
  return listing.listedOn !== null && listing.listedOn <= date && (listing.removedOn === null || listing.removedOn > date);
}


/** Why a measure was lifted, naming the decision that ended its basis. */
export function liftReasonOf(listing: ReceivedListing): string {
  const how = listing.removalAction === 'REPAIRED' ? 'credit repaired (信用修复)' : 'removed from the list (移出名单)';
  return `Basis ${listing.listKind} ${listing.decisionNumber} ${how} by decision ${listing.removalDecisionNumber} effective ${listing.removedOn}`;
}
