import { unconfirmed } from '../../../shared/rules/figure-sources';
import { RuleVersion, ruleInForce } from '../../../shared/rules/versioned';

/** The four indicators of an operator credit evaluation, each 0-100. */
export interface CreditIndicators {
  overallSatisfaction: number;
  productQuality: number;
  brandReputation: number;
  afterSalesService: number;
}

/** Grades of GB/T 26842 (AAA best ... C worst). */
export type CreditGradeCode = 'AAA' | 'AA' | 'A' | 'BBB' | 'BB' | 'B' | 'CCC' | 'CC' | 'C';
export const CREDIT_GRADE_CODES: readonly CreditGradeCode[] = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C'];

/**
 * How an evaluation's score and grade are derived: weights of the four indicators (percent, summing to 100) and the
 * minimum score of each grade, best first.
 */
export interface EvaluationFigures {
  weightsPercent: CreditIndicators;
  gradeThresholds: readonly { grade: CreditGradeCode; minimumScore: number }[];
}

export interface CreditEvaluationRules extends RuleVersion, EvaluationFigures {}

/**
 * The city's table: grades THIRD-PARTY evaluations only. A platform grades its operators by its own published
 * credit evaluation rules (E-Commerce Law art. 39: 平台应当建立健全信用评价制度，公示信用评价规则), carried by its
 * CREDIT_EVALUATION_RULES document (PlatformRuleDocument.evaluationRules), never by this table.
 */
export const CREDIT_EVALUATION_RULES: readonly CreditEvaluationRules[] = [
  {
    version: 'gzcom-evaluation-2019',
    effectiveFrom: '2019-01-01',
    weightsPercent: { overallSatisfaction: 30, productQuality: 30, brandReputation: 20, afterSalesService: 20 },
    gradeThresholds: [
      { grade: 'AAA', minimumScore: 90 }, { grade: 'AA', minimumScore: 80 }, { grade: 'A', minimumScore: 70 },
      { grade: 'BBB', minimumScore: 60 }, { grade: 'BB', minimumScore: 50 }, { grade: 'B', minimumScore: 40 },
      { grade: 'CCC', minimumScore: 30 }, { grade: 'CC', minimumScore: 20 }, { grade: 'C', minimumScore: 0 },
    ],
    figureSources: {
      weightsPercent: unconfirmed('fallback table for third-party evaluations; indicators after GB/T 36312-2018'),
      gradeThresholds: unconfirmed('fallback table for third-party evaluations; nine grade symbols of GB/T 26842-2011, score bounds chosen locally'),
    },
  },
  {
    // After-sales service weighs more since the 2024 guiding opinions on online consumer protection.
    version: 'gzcom-evaluation-2024',
    effectiveFrom: '2024-07-01',
    weightsPercent: { overallSatisfaction: 25, productQuality: 30, brandReputation: 15, afterSalesService: 30 },
    gradeThresholds: [
      { grade: 'AAA', minimumScore: 90 }, { grade: 'AA', minimumScore: 80 }, { grade: 'A', minimumScore: 70 },
      { grade: 'BBB', minimumScore: 60 }, { grade: 'BB', minimumScore: 50 }, { grade: 'B', minimumScore: 40 },
      { grade: 'CCC', minimumScore: 30 }, { grade: 'CC', minimumScore: 20 }, { grade: 'C', minimumScore: 0 },
    ],
    figureSources: {
      weightsPercent: unconfirmed('fallback table for third-party evaluations; after-sales service weighs more from 2024'),
      gradeThresholds: unconfirmed('fallback table for third-party evaluations; nine grade symbols of GB/T 26842-2011, score bounds chosen locally'),
    },
  },
];

/** A platform's published credit evaluation rules: one version of its CREDIT_EVALUATION_RULES document. */
export interface PlatformEvaluationRulesVersion {
  platformId: string;
  version: number;
  effectiveOn: string;
  /** The figures the document publishes; null on a document recorded without them. */
  figures: EvaluationFigures | null;
}

export interface CreditEvaluationResult {
  /** Weighted score 0-100, one decimal. */
  score: number;
  grade: CreditGradeCode;
  /** The city table's version, or the platform document's `<platformId> CREDIT_EVALUATION_RULES v<n>`. */
  rulesVersion: string;
}

/** What is wrong with evaluation figures (named by `field`), or [] when they can grade an evaluation. */
export function evaluationFiguresFaults(figures: EvaluationFigures, field: string): string[] {
  const faults: string[] = [];
  const weights = Object.entries(figures.weightsPercent);
  for (const [indicator, w] of weights) {
    if (!Number.isInteger(w) || w < 0 || w > 100) faults.push(`\`${field}.weightsPercent.${indicator}\` must be a whole percent 0-100, got ${w}`);
  }
  const sum = weights.reduce((s, [, w]) => s + w, 0);
  if (sum !== 100) faults.push(`\`${field}.weightsPercent\` must add up to 100, got ${sum}`);
  const grades = figures.gradeThresholds.map((t) => t.grade);
  if (grades.join() !== CREDIT_GRADE_CODES.join()) {
    faults.push(`\`${field}.gradeThresholds\` must name each grade once, best first (${CREDIT_GRADE_CODES.join(', ')}), got ${grades.join(', ')}`);
  }
  figures.gradeThresholds.forEach((t, i) => {
    const before = figures.gradeThresholds[i - 1];
    if (t.minimumScore < 0 || t.minimumScore > 100) faults.push(`\`${field}.gradeThresholds\`: ${t.grade} minimum score must be 0-100, got ${t.minimumScore}`);
    if (before && t.minimumScore >= before.minimumScore) {
      faults.push(`\`${field}.gradeThresholds\`: ${t.grade} minimum score (${t.minimumScore}) must be below ${before.grade}'s (${before.minimumScore})`);
    }
  });
  const last = figures.gradeThresholds[figures.gradeThresholds.length - 1];
  if (last && last.minimumScore !== 0) faults.push(`\`${field}.gradeThresholds\`: the worst grade must start at 0, got ${last.minimumScore}`);
  return faults;
}

function scoreWith(indicators: CreditIndicators, figures: EvaluationFigures, rulesVersion: string): CreditEvaluationResult {
  const w = figures.weightsPercent;
  const weighted =
    indicators.overallSatisfaction * w.overallSatisfaction +
    indicators.productQuality * w.productQuality +
    indicators.brandReputation * w.brandReputation +
    indicators.afterSalesService * w.afterSalesService;
  // weighted is in hundredths of a point; round to one decimal.
  const score = Math.round(weighted / 10) / 10;
  const grade = figures.gradeThresholds.find((t) => score >= t.minimumScore)?.grade ?? 'C';
  return { score, grade, rulesVersion };
}

/** The platform's rules in force on `date`: its latest document version effective by then. */
export function platformRulesInForce(
  versions: readonly PlatformEvaluationRulesVersion[],
  date: string,
): PlatformEvaluationRulesVersion | null {
  let chosen: PlatformEvaluationRulesVersion | null = null;
  for (const v of versions) {
    if (v.effectiveOn <= date && (!chosen || v.effectiveOn > chosen.effectiveOn || (v.effectiveOn === chosen.effectiveOn && v.version > chosen.version))) {
      chosen = v;
    }
  }
  return chosen;
}

/**
 * Score and grade of an evaluation on `evaluatedOn`. A platform's evaluation (`platformRules` given: its
 * CREDIT_EVALUATION_RULES versions) is graded by the platform's rules in force that day, or not at all (null) when
 * none in force publishes figures; any other evaluation by the city's fallback table in force that day.
 */
export function evaluateCredit(
  indicators: CreditIndicators,
  evaluatedOn: string,
  platformRules?: readonly PlatformEvaluationRulesVersion[],
): CreditEvaluationResult | null {
  if (platformRules) {
    const inForce = platformRulesInForce(platformRules, evaluatedOn);
    if (!inForce?.figures) return null;
    return scoreWith(indicators, inForce.figures, `${inForce.platformId} CREDIT_EVALUATION_RULES v${inForce.version}`);
  }
  const rules = ruleInForce(CREDIT_EVALUATION_RULES, evaluatedOn);
  return scoreWith(indicators, rules, rules.version);
}
