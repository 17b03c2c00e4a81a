import type { EntityManager } from 'typeorm';
import type { EventHandler, JointMeasureChange } from '../../../shared/events/contract';
import { chinaMidnight, addDays } from '../../../shared/calendar/dates';
import { liftReasonOf, recordListingChange } from '../../../shared/joint-measures/basis-register';
import type { ReceivedListing } from '../../../shared/joint-measures/received-listing.entity';
import { financeCreditSignals } from '../credit-signal';
import { FinancingMeasure } from '../entities/financing-measure.entity';
import { FINANCING_MEASURE_RULES, measureEndsOn } from '../rules/finance-rules';
import { FINANCE_JOINT_MEASURE_RULES, FINANCING_BASIS_OF, mattersOf } from '../rules/joint-measures';
import { ruleInForce } from '../../../shared/rules/versioned';

type Emit = Parameters<EventHandler<'CreditListChange'>>[2];

/** A measure's change as reported back to the listing agency (JointMeasureChange). */
export function feedback(measure: FinancingMeasure, listing: ReceivedListing, action: JointMeasureChange['action'], on: string): JointMeasureChange {
  return {
    agency: 'finance',
    operatorUscc: measure.operatorUscc,
    kind: measure.kind,
    matters: mattersOf(measure.kind),
    basis: { listKind: listing.listKind, decisionNumber: listing.decisionNumber },
    action,
    at: chinaMidnight(on),
  };
}

/** The financing measures of a listing, starting on its effective date, with periods from the measure rules. */
async function apply(manager: EntityManager, listing: ReceivedListing, from: string, emit: Emit): Promise<void> {
  const repo = manager.getRepository(FinancingMeasure);
  const basisListKind = FINANCING_BASIS_OF[listing.listKind];
  const periods = ruleInForce(FINANCING_MEASURE_RULES, from);
  for (const wanted of ruleInForce(FINANCE_JOINT_MEASURE_RULES, from).measures[listing.listKind]) {
    const existing = await repo.count({
      where: { operatorUscc: listing.operatorUscc, kind: wanted.kind, basisListKind, basisReference: listing.decisionNumber },
    });
    if (existing > 0) continue;
    const measure = await repo.save(
      repo.create({
        operatorUscc: listing.operatorUscc,
        kind: wanted.kind,
        basisListKind,
        basisReference: listing.decisionNumber,
        basisAuthority: listing.decidingAuthority,
        startsOn: from,
        // The listing's end is not known yet: the rules' period bounds the measure, the removal lifts it earlier.
        endsOn: measureEndsOn(from, periods.durationMonths[wanted.kind]),
        endsOnFromRules: true,
        rulesVersion: periods.version,
        liftedOn: null,
        liftReason: null,
        imposedBy: null,
      }),
    );
    await emit('JointMeasureChange', feedback(measure, listing, 'APPLIED', measure.startsOn));
    // The rules' period bounds the measure: its end is reported now, so market regulation sees it end on that day
    // even when the listing outlasts it (an earlier removal's LIFTED moves the end earlier).
    await emit('JointMeasureChange', feedback(measure, listing, 'LIFTED', addDays(measure.endsOn, 1)));
  }
}

/** Lifts every measure resting on the listing (those imposed by hand included) from the removal's effective date. */
async function lift(manager: EntityManager, listing: ReceivedListing, from: string, emit: Emit): Promise<void> {
  const repo = manager.getRepository(FinancingMeasure);
  const measures = await repo
    .createQueryBuilder('m')
    .where('m.operatorUscc = :uscc', { uscc: listing.operatorUscc })
    .andWhere('m.basisListKind = :basis AND m.basisReference = :reference', {
      basis: FINANCING_BASIS_OF[listing.listKind],
      reference: listing.decisionNumber,
    })
    .andWhere('m.liftedOn IS NULL')
    .getMany();
  for (const measure of measures) {
    if (from > measure.endsOn) {
      // Its period ran out before the removal: nothing to lift, but the source learns it ended.
      await emit('JointMeasureChange', feedback(measure, listing, 'LIFTED', addDays(measure.endsOn, 1)));
      continue;
    }
    measure.liftedOn = from < measure.startsOn ? measure.startsOn : from;
    measure.liftReason = liftReasonOf(listing);
    await repo.save(measure);
    await emit('JointMeasureChange', feedback(measure, listing, 'LIFTED', measure.liftedOn));
  }
}

/**
 * Finance's consumer of CreditListChange: records the listing in its basis register, applies its financing
 * measures on LISTED and lifts them on REMOVED/REPAIRED, reporting each change back as a JointMeasureChange.
 */
export const onCreditListChange: EventHandler<'CreditListChange'> = async (event, manager, emit) => {
  const outcome = await recordListingChange(manager, event);
  if (outcome.effect === 'APPLY') await apply(manager, outcome.listing, outcome.from, emit);
  if (outcome.effect === 'LIFT') await lift(manager, outcome.listing, outcome.from, emit);
  if (outcome.effect !== 'NONE') {
    // The event's time is when the listing was decided, not now: the signal is derived as of the delivery. After each
    // event, not once per batch: a listing and its removal delivered together still publish the signal in between,
    // whose state decides whether the later, empty one is published.
    await financeCreditSignals.refresh(manager, [outcome.listing.operatorUscc], new Date(), { emit });
  }
};
