import { createObjectionConsumer, type ObjectionRecordTables } from '../../../shared/objections/consumer';
import { financeCreditSignals } from '../credit-signal';
import { FinancingExposure } from '../entities/financing-exposure.entity';
import { FinancingMeasure } from '../entities/financing-measure.entity';

/** Finance's records an objection can name, by the evidence kind of its credit signal. */
export const FINANCE_OBJECTION_RECORDS: ObjectionRecordTables = {
  FINANCING_MEASURE: { entity: FinancingMeasure },
  FINANCING_EXPOSURE: { entity: FinancingExposure },
};

/** Finance as the owner of a record an objection names (marks, withdraws or corrects it; refreshes the signal). */
export const onObjectionChange = createObjectionConsumer({
  agency: 'finance',
  records: FINANCE_OBJECTION_RECORDS,
  refresh: (m, usccs, now) => financeCreditSignals.refresh(m, usccs, now),
});
