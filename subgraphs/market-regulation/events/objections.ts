import { IsNull, type EntityManager } from 'typeorm';
import type { EventHandler, ObjectionChange } from '../../../shared/events/contract';
import { abnormalRemoved, seriousRemoved } from '../credit-events';
import { marketRegulationCreditSignals } from '../credit-signal';
import { AbnormalOperationListing } from '../entities/abnormal-operation-listing.entity';
import { AdministrativePenalty } from '../entities/administrative-penalty.entity';
import { QualitySpotCheck } from '../entities/quality-spot-check.entity';
import { SeriousDishonestListing } from '../entities/serious-dishonest-listing.entity';
import { SeriousDishonestRemovalKind } from '../enums';

type Emit = Parameters<EventHandler<'ObjectionChange'>>[2];

/** The removal decision an accepted objection makes of a listing: names the objection, unique per listing. */
function withdrawalNumber(change: ObjectionChange): string {
  return `异议撤销-O${change.objectionId}-L${change.recordId}`;
}

/**
 * Withdraws a market-regulation record on an accepted objection: the row stays (withdrawnOn, reason) but is no longer
 * public or counted. A listing still standing ends that day with a REMOVED event, so every agency lifts its measures.
 * Only a record not yet withdrawn changes, so a redelivered decision changes nothing.
 */
async function withdraw(change: ObjectionChange, m: EntityManager, emit: Emit): Promise<void> {
  const id = Number(change.recordId);
  const withdrawnOn = change.decidedOn as string;
  const marks = { withdrawnOn, withdrawalReason: change.reason ?? 'Objection accepted' };
  switch (change.recordKind) {
    case 'ADMINISTRATIVE_PENALTY':
      await m.getRepository(AdministrativePenalty).update({ id, withdrawnOn: IsNull() }, marks);
      return;
    case 'QUALITY_SPOT_CHECK':
      await m.getRepository(QualitySpotCheck).update({ id, withdrawnOn: IsNull() }, marks);
      return;
    case 'SERIOUS_DISHONEST_LISTING': {
      const repo = m.getRepository(SeriousDishonestListing);
      const listing = await repo.findOneBy({ id, withdrawnOn: IsNull() });
      if (!listing) return;
      if (listing.removedOn === null) {
        const removal = {
          removedOn: withdrawnOn, kind: SeriousDishonestRemovalKind.CORRECTED, decisionNumber: withdrawalNumber(change),
          decidingAuthority: listing.listingAuthority,
        };
        await repo.update({ id }, {
          ...marks, removedOn: removal.removedOn, removalKind: removal.kind, removalDecisionNumber: removal.decisionNumber,
          removalDecidingAuthority: removal.decidingAuthority, removalReason: `Withdrawn on objection ${change.objectionId}`,
        });
        await emit('CreditListChange', seriousRemoved(listing, removal));
      } else {
        await repo.update({ id }, marks);
      }
      return;
    }
    case 'ABNORMAL_OPERATION_LISTING': {
      const repo = m.getRepository(AbnormalOperationListing);
      const listing = await repo.findOneBy({ id, withdrawnOn: IsNull() });
      if (!listing) return;
      if (listing.removedOn === null) {
        const removal = { removedOn: withdrawnOn, decisionNumber: withdrawalNumber(change), decidingAuthority: listing.listingAuthority };
        await repo.update({ id }, {
          ...marks, removedOn: removal.removedOn, removalDecisionNumber: removal.decisionNumber,
          removalDecidingAuthority: removal.decidingAuthority, removalReason: `Withdrawn on objection ${change.objectionId}`,
        });
        await emit('CreditListChange', abnormalRemoved(listing, removal));
      } else {
        await repo.update({ id }, marks);
      }
      return;
    }
    default:
      throw new Error(`Objection ${change.objectionId} names unknown market-regulation record kind ${change.recordKind}`);
  }
}

const CORRECTABLE = {
  ADMINISTRATIVE_PENALTY: AdministrativePenalty,
  QUALITY_SPOT_CHECK: QualitySpotCheck,
  SERIOUS_DISHONEST_LISTING: SeriousDishonestListing,
  ABNORMAL_OPERATION_LISTING: AbnormalOperationListing,
} as const;

/**
 * Market regulation as the owner of a record an objection names. The register itself lives in this database, so
 * `disputed` reads it directly (FILED and REJECTED need no write here); an accepted objection withdraws the record or
 * records its correction, and the credit signal is derived again in the same transaction.
 */
export const applyObjectionChange: EventHandler<'ObjectionChange'> = async (event, manager, emit) => {
  const change = event.payload;
  if (change.agency !== 'market-regulation' || change.status !== 'ACCEPTED') return;
  if (event.sourceAgency !== 'market-regulation') {
    throw new Error(`ObjectionChange ${event.id} from ${event.sourceAgency}: only market regulation keeps the register`);
  }
  if (change.correction === 'WITHDRAW') {
    await withdraw(change, manager, emit);
  } else if (change.correction === 'CORRECT') {
    const entity = (CORRECTABLE as Record<string, (typeof CORRECTABLE)[keyof typeof CORRECTABLE] | undefined>)[change.recordKind];
    if (!entity) throw new Error(`Objection ${change.objectionId} names unknown market-regulation record kind ${change.recordKind}`);
    await manager.getRepository(entity).update(
      { id: Number(change.recordId) },
      { correction: change.correctedFacts ?? change.reason ?? null, correctedOn: change.decidedOn ?? null },
    );
  }
  await marketRegulationCreditSignals.refresh(manager, [change.operatorUscc], new Date());
};
