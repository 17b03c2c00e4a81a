import { createObjectionConsumer, type ObjectionRecordTables } from '../../../shared/objections/consumer';
import { ReceivedListing } from '../../../shared/joint-measures/received-listing.entity';
import { financeCreditSignals } from '../credit-signal';
import { FinancingExposure } from '../entities/financing-exposure.entity';
import { FinancingMeasure } from '../entities/financing-measure.entity';
import { feedback } from './credit-list-change';

/** Finance's records an objection can name, by the evidence kind of its credit signal. */
export const FINANCE_OBJECTION_RECORDS: ObjectionRecordTables = {
  FINANCING_MEASURE: { entity: FinancingMeasure },
  FINANCING_EXPOSURE: { entity: FinancingExposure },
};

/**
 * Finance as the owner of a record an objection names (marks, withdraws or corrects it; refreshes the signal). A
 * measure withdrawn while it still applies is also lifted that day, so lenders stop applying it, and the listing
 * agency hears of it as of any lift (JointMeasureChange LIFTED).
 */
export const onObjectionChange = createObjectionConsumer({
  agency: 'finance',
  records: FINANCE_OBJECTION_RECORDS,
  refresh: (m, usccs, now) => financeCreditSignals.refresh(m, usccs, now),
  onWithdrawn: async (kind, id, change, m, emit) => {
    if (kind !== 'FINANCING_MEASURE' || !change.decidedOn) return;
    const repo = m.getRepository(FinancingMeasure);
    const measure = await repo.findOneBy({ id });
    if (!measure || measure.liftedOn !== null || change.decidedOn > measure.endsOn) return;
    const liftedOn = change.decidedOn < measure.startsOn ? measure.startsOn : change.decidedOn;
    const liftReason = `Withdrawn on objection ${change.objectionId} (异议撤销)`;
    await repo.update({ id }, { liftedOn, liftReason });
    const listing = await m.getRepository(ReceivedListing).findOneBy({
      operatorUscc: measure.operatorUscc, decisionNumber: measure.basisReference,
    });
    if (listing) await emit('JointMeasureChange', feedback({ ...measure, liftedOn, liftReason }, listing, 'LIFTED', liftedOn));
  },
});
