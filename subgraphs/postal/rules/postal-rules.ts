/**
 * Versioned postal rules. Every rule that a regulator may change (validity periods, deadlines, grade
 * scales, empty-parcel scoring) lives here as data with a `version` and an `effectiveFrom` date; the
 * version in force on a record's reference date is chosen with `ruleInForce`. Add a new version to
 * change a rule: records keep being judged by the version in force on their own date.
 */
import { addDays, addYears } from '../../../shared/calendar/dates';
import { unconfirmed } from '../../../shared/rules/figure-sources';
import { ruleInForce, type RuleVersion } from '../../../shared/rules/versioned';

/** Express business permit (快递业务经营许可) validity (Express Delivery Interim Regulations, art. 18 ff.). */
export interface ExpressPermitRule extends RuleVersion {
  validityYears: number;
  /** Default issuing authority when none is given. */
  defaultAuthority: string;
}

export const EXPRESS_PERMIT_RULES: readonly ExpressPermitRule[] = [
  {
    version: 'PERMIT-2018',
    effectiveFrom: '2018-05-01',
    validityYears: 5,
    defaultAuthority: '广东省邮政管理局',
    figureSources: { validityYears: unconfirmed('five years as in 快递业务经营许可管理办法; article not yet verified') },
  },
];

/** Postal complaint handling deadlines (邮政业用户申诉处理办法): reply and decision, in calendar days. */
export interface ComplaintDeadlineRule extends RuleVersion {
  replyDays: number;
  decisionDays: number;
}

export const COMPLAINT_DEADLINE_RULES: readonly ComplaintDeadlineRule[] = [
  {
    version: 'COMPLAINT-2014',
    effectiveFrom: '2014-01-01',
    replyDays: 7,
    decisionDays: 30,
    figureSources: {
      replyDays: unconfirmed('reply period after 邮政业用户申诉处理办法; article not yet verified'),
      decisionDays: unconfirmed('decision period after 邮政业用户申诉处理办法; article not yet verified'),
    },
  },
];

/** Express company credit grade scale (快递企业信用评定): a grade for each minimum score, best first. */
export interface CreditGradeScale extends RuleVersion {
  /** Ordered best first; the first grade whose minScore the score reaches. */
  grades: readonly { grade: string; minScore: number; description: string }[];
}

export const CREDIT_GRADE_SCALES: readonly CreditGradeScale[] = [
  {
    version: 'GRADE-2019',
    effectiveFrom: '2019-01-01',
    figureSources: { grades: unconfirmed('grade bounds of the express company credit rating; the rating rules are not yet identified') },
    grades: [
      { grade: 'AAA', minScore: 90, description: '信用优秀 (excellent)' },
      { grade: 'AA', minScore: 80, description: '信用良好 (good)' },
      { grade: 'A', minScore: 70, description: '信用较好 (fair)' },
      { grade: 'B', minScore: 60, description: '信用一般 (ordinary)' },
      { grade: 'C', minScore: 0, description: '信用较差 (poor)' },
    ],
  },
];

/** The grade of `score` on `scale`. */
export function gradeOf(scale: CreditGradeScale, score: number): string {
  return (scale.grades.find((g) => score >= g.minScore) ?? scale.grades[scale.grades.length - 1]).grade;
}

/** The features of empty-parcel fake transactions (空包) measured in the parcel statistics. */
export const EMPTY_PARCEL_FEATURES = [
  'NO_PICKUP_SCAN',
  'LOW_WEIGHT',
  'BULK_WAYBILL',
  'REUSED_RECIPIENT',
  'INSTANT_SIGN_OFF',
] as const;
export type EmptyParcelFeatureName = (typeof EMPTY_PARCEL_FEATURES)[number];

/**
 * Empty-parcel scoring: each feature contributes `weight × min(1, ratio / saturationRatio)`, where ratio
 * is the feature count over the parcels; the weights add up to 100, so the score is 0-100. A signal is
 * raised at `threshold` or above, only for statistics of at least `minParcels` parcels.
 */
export interface EmptyParcelScoringRule extends RuleVersion {
  weights: Record<EmptyParcelFeatureName, number>;
  saturationRatio: number;
  threshold: number;
  minParcels: number;
}

export const EMPTY_PARCEL_SCORING_RULES: readonly EmptyParcelScoringRule[] = [
  {
    version: 'EMPTY-PARCEL-2024',
    effectiveFrom: '2024-01-01',
    weights: { NO_PICKUP_SCAN: 30, LOW_WEIGHT: 20, BULK_WAYBILL: 15, REUSED_RECIPIENT: 20, INSTANT_SIGN_OFF: 15 },
    saturationRatio: 0.5,
    threshold: 40,
    minParcels: 20,
    figureSources: {
      weights: unconfirmed('feature weights of the empty-parcel screening'),
      saturationRatio: unconfirmed('half the parcels showing a feature counts fully'),
      threshold: unconfirmed('screening threshold: a suspicion to examine, not a finding'),
      minParcels: unconfirmed('fewer parcels make the ratios noise'),
    },
  },
];

export interface EmptyParcelFeatureScore {
  feature: EmptyParcelFeatureName;
  count: number;
  ratio: number;
  weight: number;
  contribution: number;
}

export interface EmptyParcelScore {
  rule: EmptyParcelScoringRule;
  score: number;
  features: EmptyParcelFeatureScore[];
  /** True when the statistics are large enough and the score reaches the threshold. */
  raised: boolean;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Scores one carrier × operator × period statistic under the rule in force on the period's first day. */
export function scoreEmptyParcels(
  period: string,
  parcels: number,
  counts: Record<EmptyParcelFeatureName, number>,
  rules: readonly EmptyParcelScoringRule[] = EMPTY_PARCEL_SCORING_RULES,
): EmptyParcelScore {
  const rule = ruleInForce(rules, `${period}-01`);
  const features = EMPTY_PARCEL_FEATURES.map((feature) => {
    const count = counts[feature];
    const ratio = parcels > 0 ? count / parcels : 0;
    const weight = rule.weights[feature];
    const contribution = weight * Math.min(1, ratio / rule.saturationRatio);
    return { feature, count, ratio: round(ratio, 4), weight, contribution: round(contribution, 2) };
  });
  const score = Math.round(features.reduce((s, f) => s + f.contribution, 0));
  return { rule, score, features, raised: parcels >= rule.minParcels && score >= rule.threshold };
}

/** The default end of validity: the day before the same date `validityYears` later. */
export function permitValidUntil(validFrom: string, rule: ExpressPermitRule): string {
  return addDays(addYears(validFrom, rule.validityYears), -1);
}

