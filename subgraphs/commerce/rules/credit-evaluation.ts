import { RuleVersion, ruleVersionAt } from './versioned';

/** The four indicators of an operator credit evaluation, each 0-100. */
export interface CreditIndicators {
  overallSatisfaction: number;
  productQuality: number;
  brandReputation: number;
  afterSalesService: number;
}

/** Grades of GB/T 26842 (AAA best ... C worst). */
export type CreditGradeCode = 'AAA' | 'AA' | 'A' | 'BBB' | 'BB' | 'B' | 'CCC' | 'CC' | 'C';

/**
 * How an evaluation's score and grade are derived: weights of the four indicators (percent, summing to
 * 100) and the minimum score of each grade, best first. Chosen by the evaluation date.
 */
export interface CreditEvaluationRules extends RuleVersion {
  weightsPercent: CreditIndicators;
  gradeThresholds: readonly { grade: CreditGradeCode; minimumScore: number }[];
}

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
  },
];

export interface CreditEvaluationResult {
  /** Weighted score 0-100, one decimal. */
  score: number;
  grade: CreditGradeCode;
  rulesVersion: string;
}

/** Score and grade of the four indicators under the rules in force on `evaluatedOn`. */
export function evaluateCredit(indicators: CreditIndicators, evaluatedOn: string): CreditEvaluationResult {
  const rules = ruleVersionAt(CREDIT_EVALUATION_RULES, evaluatedOn);
  const w = rules.weightsPercent;
  const weighted =
    indicators.overallSatisfaction * w.overallSatisfaction +
    indicators.productQuality * w.productQuality +
    indicators.brandReputation * w.brandReputation +
    indicators.afterSalesService * w.afterSalesService;
  // weighted is in hundredths of a point; round to one decimal.
  const score = Math.round(weighted / 10) / 10;
  const grade = rules.gradeThresholds.find((t) => score >= t.minimumScore)?.grade ?? 'C';
  return { score, grade, rulesVersion: rules.version };
}
