/**
 * Figures of finance's credit signal (issue 9 part 1): the look-back of exposure reports and which overdue bands of
 * the versioned exposure rules (EXPOSURE_RULES) each overdue factor counts, so the day bounds have one definition.
 */
import { FinancingOverdueBand } from '../entities/financing-exposure.entity';
import { type FigureSources, unconfirmed } from '../../../shared/rules/figure-sources';

/**
 * An exposure report counts while its reported month is at most this many months before the current month (China
 * time): a May report counts until 30 November, 00:00 on 1 December ends it.
 * Source: local choice, awaiting confirmation.
 */
export const EXPOSURE_LOOKBACK_MONTHS = 6;

/** The bare figures of this file, for docs/rule-figures.md. */
export const FIGURE_SOURCES: FigureSources = { EXPOSURE_LOOKBACK_MONTHS: unconfirmed('half a year of monthly exposure reports') };

/** Bands of FIN_OVERDUE_90_DAYS: longest overdue period above 90 days. */
export const OVERDUE_OVER_90_BANDS: readonly FinancingOverdueBand[] = [FinancingOverdueBand.DAYS_91_180, FinancingOverdueBand.OVER_180];
export const OVERDUE_OVER_90_SOURCE =
  '《商业银行金融资产风险分类办法》(国家金融监督管理总局 中国人民银行令2023年第1号) 第十一条: 本金、利息或收益逾期超过90天的资产至少归为次级类 (non-performing)';

/** Bands of FIN_OVERDUE_30_DAYS: longest overdue period of 31 to 90 days. */
export const OVERDUE_31_TO_90_BANDS: readonly FinancingOverdueBand[] = [FinancingOverdueBand.DAYS_31_90];
export const OVERDUE_31_TO_90_SOURCE =
  'local choice, awaiting confirmation (the 31-90 day band of the exposure rules GZ-FIN-EXPOSURE-2021; overdue up to 30 days is not counted)';
