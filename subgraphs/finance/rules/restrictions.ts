import { Brackets, EntityManager } from 'typeorm';
import { findReceivedListing, listingInForce } from '../../../shared/joint-measures/basis-register';
import type { ReceivedListing } from '../../../shared/joint-measures/received-listing.entity';
import { FinancingMeasure } from '../entities/financing-measure.entity';
import { APPROVAL_REFUSING_KINDS, creditListKindOf } from './joint-measures';

/**
 * The first measure in force on `date` against the operator that refuses financing approvals and rests on a
 * listing received and in force on that date. A measure whose basis was never received restricts nothing: it
 * cannot exist (issue 8), and the refusal must name a real basis.
 */
export async function approvalRestriction(
  manager: EntityManager,
  operatorUscc: string,
  date: string,
): Promise<{ measure: FinancingMeasure; listing: ReceivedListing } | null> {
  const measures = await manager
    .getRepository(FinancingMeasure)
    .createQueryBuilder('m')
    .where('m.operatorUscc = :operatorUscc', { operatorUscc })
    .andWhere('m.kind IN (:...kinds)', { kinds: [...APPROVAL_REFUSING_KINDS] })
    .andWhere('m.startsOn <= :date AND m.endsOn >= :date', { date })
    .andWhere(new Brackets((b) => b.where('m.liftedOn IS NULL').orWhere('m.liftedOn > :date', { date })))
    .orderBy('m.startsOn', 'ASC')
    .addOrderBy('m.id', 'ASC')
    .getMany();
  for (const measure of measures) {
    const listKind = creditListKindOf(measure.basisListKind);
    if (!listKind) continue;
    const listing = await findReceivedListing(manager, operatorUscc, listKind, measure.basisReference);
    if (listing && listingInForce(listing, date)) return { measure, listing };
  }
  return null;
}
