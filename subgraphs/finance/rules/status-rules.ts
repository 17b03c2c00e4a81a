/**
 * How a finance record's state follows from its dates and the versioned rules: the one definition the graph's status
 * fields and the credit signal both judge by.
 */
import { FinancingOverdueBand, type FinancingExposure } from '../entities/financing-exposure.entity';
import { type FinancingMeasure, FinancingMeasureStatus } from '../entities/financing-measure.entity';
import { EXPOSURE_RULES, overdueBandOf } from './finance-rules';
import { ruleInForce } from '../../../shared/rules/versioned';

/** Status of a measure on `today` (ISO date). */
export function measureStatus(m: FinancingMeasure, today: string): FinancingMeasureStatus {
  if (m.liftedOn && m.liftedOn <= today) return FinancingMeasureStatus.LIFTED;
  if (today < m.startsOn) return FinancingMeasureStatus.PENDING;
  if (today > m.endsOn) return FinancingMeasureStatus.EXPIRED;
  return FinancingMeasureStatus.ACTIVE;
}

/** The exposure rules judging a report of `month` (YYYY-MM). */
export function exposureRulesFor(month: string) {
  return ruleInForce(EXPOSURE_RULES, `${month}-01`);
}

/** The overdue band of a report row, under the exposure rules of its month. */
export function bandOf(row: Pick<FinancingExposure, 'reportedMonth' | 'maxOverdueDays'>): FinancingOverdueBand {
  return overdueBandOf(exposureRulesFor(row.reportedMonth), row.maxOverdueDays) as FinancingOverdueBand;
}
