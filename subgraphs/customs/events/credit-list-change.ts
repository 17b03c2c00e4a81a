import type { EventHandler } from '../../../shared/events/contract';
import { recordListingChange } from '../../../shared/joint-measures/basis-register';
import { applyMeasureRecords, liftMeasureRecords } from '../../../shared/joint-measures/measure-records';
import { CustomsJointMeasure } from '../entities/customs-joint-measure.entity';
import { CustomsJointMeasureKind, customsJointRulesOn, customsMattersOf } from '../rules/joint-measures';

/**
 * Customs' consumer of CreditListChange: records the listing in its basis register, applies strict clearance review
 * and the exclusion from advanced certification on LISTED (whether or not the operator is registered with customs
 * yet: the measures bind it when it registers), lifts them on REMOVED/REPAIRED, and reports each change back.
 */
export const onCreditListChange: EventHandler<'CreditListChange'> = async (event, manager, emit) => {
  const outcome = await recordListingChange(manager, event);
  if (outcome.effect === 'APPLY') {
    const rules = customsJointRulesOn(outcome.from);
    await applyMeasureRecords(manager, CustomsJointMeasure, 'customs', outcome.listing, outcome.from,
      rules.measures[outcome.listing.listKind], rules.version, emit);
  }
  if (outcome.effect === 'LIFT') {
    await liftMeasureRecords(manager, CustomsJointMeasure, 'customs', outcome.listing, outcome.from,
      (kind) => customsMattersOf(kind as CustomsJointMeasureKind), emit);
  }
};
