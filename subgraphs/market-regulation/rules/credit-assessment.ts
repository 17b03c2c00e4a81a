import { chinaToday } from '../../../shared/calendar/dates';
import { unconfirmed } from '../../../shared/rules/figure-sources';
import { ruleInForce, SourcedRuleVersion } from '../../../shared/rules/versioned';

/**
 * The comprehensive credit assessment model (综合信用评价, issue 9 part 2): versioned configuration with effective dates.
 * An assessment names the version it used and can be recomputed from its factors with `scoreOf`.
 *
 * score = clamp(base + Σ contribution, 0, 1000), contribution = clamp(value × weight, floor, ceiling) per factor;
 * grade by thresholds; then caps ("on the serious list ⇒ grade D at best") lower the grade, and the score to the top of
 * the capped grade, so score and grade never disagree.
 */

export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];

export interface FactorWeight {
  /** Points per unit of the factor's value (negative: against the operator). */
  weight: number;
  /** The most a factor can take away (a negative number), or add (ceiling). */
  floor?: number;
  ceiling?: number;
  /** Where the figure comes from, or 'local choice, awaiting confirmation'. */
  source: string;
}

export interface GradeCap {
  /** Applies when this factor's value is at least 1. */
  factor: string;
  /** The best grade the operator can have then. */
  grade: CreditGrade;
  source: string;
}

export interface CreditAssessmentModel extends SourcedRuleVersion {
  /** Score of an operator with nothing on record anywhere (a new registrant): mid-band B. */
  base: number;
  /** Lowest score of each grade; below C's is D. */
  thresholds: Record<Exclude<CreditGrade, 'D'>, number>;
  weights: Record<string, FactorWeight>;
  caps: GradeCap[];
  /**
   * Missing data: an agency that has published no signal on the operator holds nothing that counts for or against it;
   * each of its factors counts as 0 and the assessment lists which agencies' signals it used (and as of when).
   */
  missingSignal: 'COUNTS_AS_NO_RECORD';
}

const LOCAL = 'local choice, awaiting confirmation';
const CLASSIFICATION = '国市监信发〔2022〕6号 (企业信用风险分类管理) indicator system; weight: ' + LOCAL;

export const CREDIT_ASSESSMENT_MODELS: readonly CreditAssessmentModel[] = [
  {
    version: 'GZ-CCA-2026.1',
    effectiveFrom: '2026-01-01',
    source:
      '广州市电子商务信用监管指导意见 (comprehensive evaluation across agencies); indicator groups after 国市监信发〔2022〕6号; ' +
      'weights and thresholds: ' + LOCAL,
    base: 750,
    thresholds: { A: 850, B: 700, C: 550 },
    missingSignal: 'COUNTS_AS_NO_RECORD',
    figureSources: {
      base: unconfirmed('a new registrant starts mid-band B'),
      thresholds: unconfirmed('grade bounds of the comprehensive assessment'),
    },
    weights: {
      MR_YEARS_IN_OPERATION: { weight: 12, ceiling: 120, source: CLASSIFICATION },
      MR_SERIOUS_DISHONEST_LIST: { weight: -300, source: 'SAMR order 44 (2021) art. 2: serious illegal and dishonest list; weight: ' + LOCAL },
      MR_ABNORMAL_OPERATIONS_LIST: { weight: -120, source: '企业经营异常名录管理暂行办法 (SAIC order 68); weight: ' + LOCAL },
      MR_PENALTIES_HEAVY: { weight: -100, floor: -300, source: 'SAMR order 44 art. 2 (较重行政处罚); weight: ' + LOCAL },
      MR_PENALTIES_GENERAL: { weight: -40, floor: -160, source: 'SAMR order 45 (penalty publicity); weight: ' + LOCAL },
      MR_QUALITY_SPOT_CHECKS_FAILED: { weight: -60, floor: -180, source: CLASSIFICATION },
      MR_INSPECTIONS_WITH_FINDINGS: { weight: -30, floor: -90, source: CLASSIFICATION },
      MR_DISCLOSURE_NONCOMPLIANT: { weight: -20, floor: -60, source: 'E-Commerce Law art. 15; weight: ' + LOCAL },
      MR_REGULATORY_ACTIONS: { weight: -25, floor: -75, source: CLASSIFICATION },
      COM_NEGATIVE_REVIEW_PERCENT: { weight: -2, floor: -100, source: 'GB/T 36312-2018 (consumer evaluation); weight: ' + LOCAL },
      COM_PLATFORM_EVALUATION_LOW: { weight: -30, floor: -90, source: 'E-Commerce Law art. 39 (platform credit evaluation); weight: ' + LOCAL },
      COM_PLATFORM_EVALUATION_HIGH: { weight: 15, ceiling: 45, source: 'E-Commerce Law art. 39; weight: ' + LOCAL },
      COM_ADVANCE_COMPENSATION_PAID: { weight: -20, floor: -100, source: 'E-Commerce Law art. 58 (先行赔付); weight: ' + LOCAL },
      COM_JOINT_PUNISHMENT_LIST: { weight: -250, source: 'Ministry of Commerce joint-punishment list; weight: ' + LOCAL },
      COM_KEY_ATTENTION_LIST: { weight: -80, source: 'Ministry of Commerce key-attention list; weight: ' + LOCAL },
      COM_PLATFORM_COMPLAINTS_UPHELD: {
        weight: -15,
        floor: -75,
        source: 'E-Commerce Law art. 59 (complaints handled by platforms); weight: ' + LOCAL,
      },
      CUS_ADVANCED_CERTIFIED: { weight: 60, source: 'GACC order 282 (2026) (高级认证企业); weight: ' + LOCAL },
      CUS_CERTIFIED: { weight: 30, source: 'GACC order 282 (认证企业); weight: ' + LOCAL },
      CUS_DISHONEST: { weight: -150, source: 'GACC order 282 (失信企业); weight: ' + LOCAL },
      CUS_SERIOUSLY_DISHONEST: { weight: -300, source: 'GACC order 282 (严重失信企业); weight: ' + LOCAL },
      CUS_PENALTIES: { weight: -30, floor: -90, source: 'Customs administrative penalties in publicity; weight: ' + LOCAL },
      CUS_DISHONESTY_FINDINGS: { weight: -50, floor: -150, source: 'GACC order 282 (dishonesty findings); weight: ' + LOCAL },
      // Measures follow lists that are already weighed; a small weight records that finance confirmed them.
      FIN_FINANCING_MEASURES: { weight: -20, floor: -60, source: LOCAL },
      FIN_OVERDUE_90_DAYS: { weight: -60, floor: -180, source: 'Overdue > 90 days (non-performing, 不良); weight: ' + LOCAL },
      FIN_OVERDUE_30_DAYS: { weight: -20, floor: -60, source: 'Overdue 31-90 days (关注); weight: ' + LOCAL },
      POS_EMPTY_PARCEL_CONFIRMED: { weight: -80, floor: -240, source: 'E-Commerce Law art. 17 (fake transactions, 刷单); weight: ' + LOCAL },
      // A suspicion is not a finding: shown to agencies, weighed only once confirmed.
      POS_EMPTY_PARCEL_SUSPECTED: { weight: 0, source: 'presumption until confirmed; ' + LOCAL },
      POS_EXPRESS_PERMIT_REVOKED: { weight: -100, source: 'Postal Law art. 51-52 (express permit); weight: ' + LOCAL },
    },
    caps: [
      { factor: 'MR_SERIOUS_DISHONEST_LIST', grade: 'D', source: 'SAMR order 44: listed operators are seriously dishonest' },
      { factor: 'CUS_SERIOUSLY_DISHONEST', grade: 'D', source: 'GACC order 282: seriously dishonest enterprises' },
      { factor: 'COM_JOINT_PUNISHMENT_LIST', grade: 'D', source: 'joint punishment targets dishonest subjects' },
      { factor: 'MR_ABNORMAL_OPERATIONS_LIST', grade: 'C', source: LOCAL },
      { factor: 'CUS_DISHONEST', grade: 'C', source: LOCAL },
      { factor: 'COM_KEY_ATTENTION_LIST', grade: 'C', source: LOCAL },
    ],
  },
];

/** The model in force at an instant, judged by the China calendar day (a version takes effect at midnight in Guangzhou). */
export function modelInForce(at: Date, versions = CREDIT_ASSESSMENT_MODELS): CreditAssessmentModel {
  return ruleInForce(versions, chinaToday(at));
}

export function modelByVersion(version: string, versions = CREDIT_ASSESSMENT_MODELS): CreditAssessmentModel {
  const model = versions.find((m) => m.version === version);
  if (!model) throw new Error(`Unknown credit assessment model ${version}`);
  return model;
}

export interface FactorValue {
  code: string;
  value: number;
}

export interface ScoredFactor extends FactorValue {
  weight: number;
  contribution: number;
}

export interface AppliedCap {
  factor: string;
  grade: CreditGrade;
}

export interface CreditScore {
  score: number;
  grade: CreditGrade;
  /** Grade by score alone, before caps. */
  uncappedGrade: CreditGrade;
  factors: ScoredFactor[];
  caps: AppliedCap[];
}

const GRADE_RANK: Record<CreditGrade, number> = { A: 0, B: 1, C: 2, D: 3 };

export function gradeOfScore(score: number, model: CreditAssessmentModel): CreditGrade {
  if (score >= model.thresholds.A) return 'A';
  if (score >= model.thresholds.B) return 'B';
  if (score >= model.thresholds.C) return 'C';
  return 'D';
}

/** The highest score a grade allows (caps lower the score to it). */
function topScoreOf(grade: CreditGrade, model: CreditAssessmentModel): number {
  if (grade === 'A') return 1000;
  if (grade === 'B') return model.thresholds.A - 1;
  if (grade === 'C') return model.thresholds.B - 1;
  return model.thresholds.C - 1;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Scores factor values under a model. Factors the model does not weigh contribute 0 (shown, not counted); a model
 * weight whose factor is absent counts as value 0 (`missingSignal`).
 */
export function scoreOf(values: readonly FactorValue[], model: CreditAssessmentModel): CreditScore {
  const factors: ScoredFactor[] = values.map(({ code, value }) => {
    const w = model.weights[code];
    if (!w) return { code, value, weight: 0, contribution: 0 };
    const raw = Math.round(value * w.weight * 10) / 10 || 0; // never -0
    return { code, value, weight: w.weight, contribution: clamp(raw, w.floor ?? -Infinity, w.ceiling ?? Infinity) };
  });
  const total = factors.reduce((sum, f) => sum + f.contribution, model.base);
  let score = Math.round(clamp(total, 0, 1000));
  const uncappedGrade = gradeOfScore(score, model);
  let grade = uncappedGrade;
  const caps: AppliedCap[] = [];
  for (const cap of model.caps) {
    if ((values.find((f) => f.code === cap.factor)?.value ?? 0) < 1) continue;
    caps.push({ factor: cap.factor, grade: cap.grade });
    if (GRADE_RANK[cap.grade] > GRADE_RANK[grade]) grade = cap.grade;
  }
  score = Math.min(score, topScoreOf(grade, model));
  return { score, grade, uncappedGrade, factors, caps };
}
