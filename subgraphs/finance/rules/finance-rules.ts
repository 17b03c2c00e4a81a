/**
 * Versioned local financial regulation rules (地方金融监管规则). Every period or threshold a regulator may
 * change lives here as data with a `version` and an `effectiveFrom` date; the version in force on a
 * record's own reference date (a measure's start, an authorization's grant, a report's month, a licence's
 * issue) is chosen with `ruleInForce` (shared/rules/versioned.ts). To change a rule, append a version: older records keep being
 * judged by the version in force on their own date.
 */
import { addDays, addMonths } from '../../../shared/calendar/dates';
import { type FigureSources, sourced, unconfirmed } from '../../../shared/rules/figure-sources';
import type { RuleVersion } from '../../../shared/rules/versioned';

export type FinancingMeasureKindName =
  | 'CREDIT_FINANCING_LIMITED'
  | 'POLICY_GUARANTEE_EXCLUDED'
  | 'SUBSIDY_EXCLUDED'
  | 'ENHANCED_DUE_DILIGENCE';

/**
 * Joint-punishment financing measures (联合惩戒融资措施): how long each kind lasts from its start when the
 * basis gives no end date, and the longest period any measure may be imposed for (dishonest information
 * is disclosed for at most five years).
 */
export interface FinancingMeasureRule extends RuleVersion {
  /** Default duration in months by measure kind; the last day is the day before the anniversary. */
  durationMonths: Record<FinancingMeasureKindName, number>;
  /** Upper bound of an explicitly given period, in months. */
  maxMonths: number;
}

const MEASURE_FIGURES: FigureSources = {
  durationMonths: unconfirmed('default periods of the city\'s joint-punishment financing measures'),
  maxMonths: unconfirmed('five years, by analogy with 征信业管理条例第十六条 (不良信息保存期限5年)'),
};

export const FINANCING_MEASURE_RULES: readonly FinancingMeasureRule[] = [
  {
    version: 'GZ-FIN-MEASURE-2021',
    effectiveFrom: '2021-01-01',
    figureSources: MEASURE_FIGURES,
    durationMonths: {
      CREDIT_FINANCING_LIMITED: 36,
      POLICY_GUARANTEE_EXCLUDED: 36,
      SUBSIDY_EXCLUDED: 36,
      ENHANCED_DUE_DILIGENCE: 12,
    },
    maxMonths: 60,
  },
  {
    // 2026 tiering of dishonest information (serious: 1-3 years): shorter exclusion from policy guarantees.
    version: 'GZ-FIN-MEASURE-2026',
    effectiveFrom: '2026-01-01',
    figureSources: MEASURE_FIGURES,
    durationMonths: {
      CREDIT_FINANCING_LIMITED: 36,
      POLICY_GUARANTEE_EXCLUDED: 24,
      SUBSIDY_EXCLUDED: 36,
      ENHANCED_DUE_DILIGENCE: 12,
    },
    maxMonths: 60,
  },
];

export type CreditAuthorizationPurposeName =
  | 'LOAN_APPLICATION'
  | 'CREDIT_LINE_REVIEW'
  | 'POST_LOAN_MONITORING'
  | 'GUARANTEE';

/** Credit-query authorizations (信用信息查询授权): the longest validity by purpose, in months. */
export interface CreditAuthorizationRule extends RuleVersion {
  maxMonths: Record<CreditAuthorizationPurposeName, number>;
}

export const CREDIT_AUTHORIZATION_RULES: readonly CreditAuthorizationRule[] = [
  {
    version: 'GZ-FIN-AUTH-2021',
    effectiveFrom: '2021-01-01',
    maxMonths: { LOAN_APPLICATION: 12, CREDIT_LINE_REVIEW: 12, POST_LOAN_MONITORING: 60, GUARANTEE: 60 },
    figureSources: { maxMonths: unconfirmed('validity of credit-query authorizations by purpose') },
  },
  {
    version: 'GZ-FIN-AUTH-2026',
    effectiveFrom: '2026-01-01',
    maxMonths: { LOAN_APPLICATION: 6, CREDIT_LINE_REVIEW: 12, POST_LOAN_MONITORING: 36, GUARANTEE: 36 },
    figureSources: { maxMonths: unconfirmed('validity of credit-query authorizations by purpose') },
  },
];

export type FinancingOverdueBandName = 'NONE' | 'DAYS_1_30' | 'DAYS_31_90' | 'DAYS_91_180' | 'OVER_180';

/**
 * Aggregated exposure reports: the overdue-days bands a report's longest overdue period falls into,
 * and how many days past due count as overdue at all (grace).
 */
export interface ExposureRule extends RuleVersion {
  graceDays: number;
  /** Ordered by upper bound; the first band whose maxDays is not exceeded (null = unbounded). */
  bands: readonly { band: FinancingOverdueBandName; maxDays: number | null }[];
}

export const EXPOSURE_RULES: readonly ExposureRule[] = [
  {
    version: 'GZ-FIN-EXPOSURE-2021',
    effectiveFrom: '2021-01-01',
    graceDays: 0,
    figureSources: {
      graceDays: unconfirmed('no grace: one day past due is overdue'),
      'bands.0.maxDays': sourced('definition: no day past due'),
      'bands.1.maxDays': unconfirmed('30-day band, as in bank reporting practice'),
      'bands.2.maxDays': sourced('《商业银行金融资产风险分类办法》(国家金融监督管理总局 中国人民银行令2023年第1号) 第十一条: 逾期超过90天 → 至少次级类'),
      'bands.3.maxDays': unconfirmed('180-day band'),
    },
    bands: [
      { band: 'NONE', maxDays: 0 },
      { band: 'DAYS_1_30', maxDays: 30 },
      { band: 'DAYS_31_90', maxDays: 90 },
      { band: 'DAYS_91_180', maxDays: 180 },
      { band: 'OVER_180', maxDays: null },
    ],
  },
];

/** The band of `overdueDays` under `rule` (days within the grace period count as not overdue). */
export function overdueBandOf(rule: ExposureRule, overdueDays: number): FinancingOverdueBandName {
  if (overdueDays <= rule.graceDays) return 'NONE';
  const found = rule.bands.find((b) => b.band !== 'NONE' && (b.maxDays === null || overdueDays <= b.maxDays));
  return (found ?? rule.bands[rule.bands.length - 1]).band;
}

/** Payment licences (支付业务许可证, 非银行支付机构监督管理条例): validity when none is given. */
export interface PaymentLicenceRule extends RuleVersion {
  validityYears: number;
}

export const PAYMENT_LICENCE_RULES: readonly PaymentLicenceRule[] = [
  {
    version: 'PBOC-PAY-2010',
    effectiveFrom: '2010-09-01',
    validityYears: 5,
    figureSources: { validityYears: sourced('《非金融机构支付服务管理办法》(中国人民银行令〔2010〕第2号) 第十二条: 支付业务许可证自颁发之日起有效期5年') },
  },
];

/** The last day of a measure of `months` starting on `startsOn` (the day before the anniversary). */
export function measureEndsOn(startsOn: string, months: number): string {
  return addDays(addMonths(startsOn, months), -1);
}

