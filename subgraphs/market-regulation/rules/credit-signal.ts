import { unconfirmed } from '../../../shared/rules/figure-sources';
import { DoubleRandomInspectionResult as R } from '../enums';

/**
 * Look-back windows of market regulation's credit signal (issue 9 part 1). Penalties and lists count while they are in
 * force by their own rules (publicity period, list term); the windows below are for records without a term of their own.
 */
export const MARKET_REGULATION_SIGNAL_RULES = {
  version: 'GZ-MR-SIGNAL-2026.1',
  source:
    'Records as in 国市监信发〔2022〕6号 (企业信用风险分类管理) annex indicators; windows: local choice, awaiting confirmation',
  /** Failed quality spot checks count this long after the check. */
  spotCheckMonths: 24,
  /** Double-random inspections that found a problem count this long after the inspection. */
  inspectionMonths: 24,
  /** Interviews (约谈) and notices (通报) count this long after they were taken. */
  regulatoryActionMonths: 12,
  /** A storefront's latest disclosure check counts this long. */
  disclosureCheckMonths: 12,
  /** Years in operation count up to this many (a long clean record is worth no more after). */
  maxYearsInOperation: 10,
  figureSources: {
    spotCheckMonths: unconfirmed('two years of quality spot checks'),
    inspectionMonths: unconfirmed('two years of double-random inspections'),
    regulatoryActionMonths: unconfirmed('one year of interviews and notices'),
    disclosureCheckMonths: unconfirmed('one year of disclosure checks'),
    maxYearsInOperation: unconfirmed('ten years of operation count at most'),
  },
  /** Inspection results that are findings against the operator (corrected-on-the-spot issues are not). */
  inspectionFindings: [R.ISSUES_PENDING, R.INFO_NOT_DISCLOSED, R.FALSE_PUBLIC_INFO, R.UNREACHABLE_AT_ADDRESS, R.REFUSED_INSPECTION],
} as const;
