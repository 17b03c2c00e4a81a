import type { EntityManager, EntityTarget } from 'typeorm';
import type { AgencyId } from '../config/agencies';
import type { CreditListKind, EventHandler, RestrictedMatter } from '../events/contract';
import { chinaMidnight } from '../calendar/dates';
import { liftReasonOf } from './basis-register';
import type { ReceivedListing } from './received-listing.entity';

/** The columns of an agency's joint-measure record (customs_joint_measure, commerce's government restrictions). */
export interface JointMeasureRecord {
  id: number;
  operatorUscc: string;
  kind: string;
  basisListKind: CreditListKind;
  basisDecisionNumber: string;
  startsOn: string;
  liftedOn: string | null;
  liftReason: string | null;
  rulesVersion: string;
}

/** A measure record in force on an ISO date: started by then and not yet lifted (the lift date is its first day off). */
export function measureInForce(m: { startsOn: string; liftedOn: string | null }, isoDate: string): boolean {
  return m.startsOn <= isoDate && (m.liftedOn === null || m.liftedOn > isoDate);
}

export type FeedbackEmit = Parameters<EventHandler<'CreditListChange'>>[2];

/**
 * Writes one record per wanted measure kind of the listing, starting on `from` (none twice: the unique index on
 * operator, basis and kind holds it too), and reports each as APPLIED.
 */
export async function applyMeasureRecords<E extends JointMeasureRecord>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  agency: AgencyId,
  listing: ReceivedListing,
  from: string,
  wanted: readonly { kind: string; matters: RestrictedMatter[] }[],
  rulesVersion: string,
  emit: FeedbackEmit,
): Promise<E[]> {
  const repo = manager.getRepository(entity);
  const applied: E[] = [];
  for (const measure of wanted) {
    const key = {
      operatorUscc: listing.operatorUscc,
      kind: measure.kind,
      basisListKind: listing.listKind,
      basisDecisionNumber: listing.decisionNumber,
    };
    if ((await repo.count({ where: key as never })) > 0) continue;
    const record = repo.create({ ...key, startsOn: from, liftedOn: null, liftReason: null, rulesVersion } as unknown as E);
    applied.push(await repo.save(record));
    await emit('JointMeasureChange', {
      agency,
      operatorUscc: listing.operatorUscc,
      kind: measure.kind,
      matters: measure.matters,
      basis: { listKind: listing.listKind, decisionNumber: listing.decisionNumber },
      action: 'APPLIED',
      at: chinaMidnight(from),
    });
  }
  return applied;
}

/** Lifts every record resting on the listing from `from` (not before its own start) and reports each as LIFTED. */
export async function liftMeasureRecords<E extends JointMeasureRecord>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  agency: AgencyId,
  listing: ReceivedListing,
  from: string,
  mattersOf: (kind: string) => RestrictedMatter[],
  emit: FeedbackEmit,
): Promise<E[]> {
  const repo = manager.getRepository(entity);
  const open = await repo.find({
    where: {
      operatorUscc: listing.operatorUscc,
      basisListKind: listing.listKind,
      basisDecisionNumber: listing.decisionNumber,
    } as never,
    order: { id: 'ASC' } as never,
  });
  const lifted: E[] = [];
  for (const record of open.filter((r) => r.liftedOn === null)) {
    record.liftedOn = from < record.startsOn ? record.startsOn : from;
    record.liftReason = liftReasonOf(listing);
    lifted.push(await repo.save(record));
    await emit('JointMeasureChange', {
      agency,
      operatorUscc: listing.operatorUscc,
      kind: record.kind,
      matters: mattersOf(record.kind),
      basis: { listKind: listing.listKind, decisionNumber: listing.decisionNumber },
      action: 'LIFTED',
      at: chinaMidnight(record.liftedOn),
    });
  }
  return lifted;
}
