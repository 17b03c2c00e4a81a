import { unconfirmed } from '../../../shared/rules/figure-sources';
import { MarketRegulationRiskClass } from '../enums';
import type { CreditGrade } from './credit-assessment';
import { monthStart } from './dates';
import { ruleInForce, SourcedRuleVersion } from '../../../shared/rules/versioned';

/** Risk classes from the least to the most risky. */
export const CLASS_ORDER = [MarketRegulationRiskClass.A, MarketRegulationRiskClass.B, MarketRegulationRiskClass.C, MarketRegulationRiskClass.D];

/** The riskier of two classes (null: unknown). */
export function riskierClass(a: MarketRegulationRiskClass | null, b: MarketRegulationRiskClass | null): MarketRegulationRiskClass | null {
  return a === null ? b : b === null ? a : CLASS_ORDER.indexOf(b) > CLASS_ORDER.indexOf(a) ? b : a;
}

/**
 * A class's sampling ratio: more than `minPercent` and at most `maxPercent`, the least risky class also including 0.
 * Each band starts where the one below ends, so the bands cover 0-100 without overlap or gap (checked by
 * `samplingBandFaults`).
 */
export interface SamplingBand {
  minPercent: number;
  maxPercent: number;
}

/** Whether `percent` lies in `band` (the first class's band also holds its minimum, 0). */
export function inSamplingBand(band: SamplingBand, percent: number, first: boolean): boolean {
  return (first ? percent >= band.minPercent : percent > band.minPercent) && percent <= band.maxPercent;
}

/** What is wrong with a version's bands and draw ratios: gaps, overlaps, or a draw ratio outside its band. */
export function samplingBandFaults(rules: Pick<RiskClassRules, 'samplingBands' | 'drawPercent' | 'version'>): string[] {
  const faults: string[] = [];
  let expectedMin = 0;
  CLASS_ORDER.forEach((riskClass, i) => {
    const band = rules.samplingBands[riskClass];
    if (band.minPercent !== expectedMin) {
      faults.push(`${rules.version}: band ${riskClass} starts at ${band.minPercent}%, the band below ends at ${expectedMin}% (${band.minPercent > expectedMin ? 'gap' : 'overlap'})`);
    }
    if (band.maxPercent <= band.minPercent) faults.push(`${rules.version}: band ${riskClass} is empty (${band.minPercent}-${band.maxPercent}%)`);
    if (!inSamplingBand(band, rules.drawPercent[riskClass], i === 0)) {
      faults.push(`${rules.version}: drawPercent ${riskClass} (${rules.drawPercent[riskClass]}%) is outside its band (${band.minPercent}-${band.maxPercent}%)`);
    }
    expectedMin = band.maxPercent;
  });
  if (expectedMin !== 100) faults.push(`${rules.version}: the bands end at ${expectedMin}%, not 100%`);
  return faults;
}

/** Credit-risk-based inspection sampling (信用风险分类监管): ratio of "double random" sampling per class. */
export interface RiskClassRules extends SourcedRuleVersion {
  samplingBands: Record<MarketRegulationRiskClass, SamplingBand>;
  /** Percent of each class drawInspectionSample draws: the configured ratio, inside the class's band. */
  drawPercent: Record<MarketRegulationRiskClass, number>;
  /** Class whose ratio applies to an operator not yet classified for the draw month (a new registrant). */
  unclassifiedAs: MarketRegulationRiskClass;
}

export const RISK_CLASS_RULES: readonly RiskClassRules[] = [
  {
    version: 'GZ-RISK-SAMPLING-2022.1',
    effectiveFrom: '2022-01-01',
    source: '关于推进企业信用风险分类管理进一步提升监管效能的意见 (国市监信发〔2022〕6号); Guangzhou ratios',
    // Contiguous: A 0-5 %, B over 5 up to 20 %, C over 20 up to 60 %, D over 60 up to 100 % (the 2022.1 table had C
    // from 21 and D from 61, leaving gaps, and A and B both holding 5).
    samplingBands: {
      A: { minPercent: 0, maxPercent: 5 },
      B: { minPercent: 5, maxPercent: 20 },
      C: { minPercent: 20, maxPercent: 60 },
      D: { minPercent: 60, maxPercent: 100 },
    },
    // The top of each band: dishonest (class D) operators are all drawn.
    drawPercent: { A: 5, B: 20, C: 60, D: 100 },
    // 国市监信发〔2022〕6号: operators without enough data are treated as generally risky (B) until classified.
    unclassifiedAs: MarketRegulationRiskClass.B,
    figureSources: {
      samplingBands: unconfirmed('国市监信发〔2022〕6号 asks for ratios that rise with the risk class and leaves the figures to local regulators; Guangzhou\'s bands are not yet confirmed'),
      drawPercent: unconfirmed('the top of each band; all class D operators are drawn'),
    },
  },
];

/** The sampling band of a risk class for the month it was assessed ('YYYY-MM'). */
export function samplingBandFor(
  riskClass: MarketRegulationRiskClass,
  month: string,
  versions = RISK_CLASS_RULES,
): SamplingBand & { rulesVersion: string } {
  const rules = ruleInForce(versions, monthStart(month));
  return { ...rules.samplingBands[riskClass], rulesVersion: rules.version };
}

/** The rules in force for a draw month ('YYYY-MM'). */
export function riskClassRulesFor(month: string, versions = RISK_CLASS_RULES): RiskClassRules {
  return ruleInForce(versions, monthStart(month));
}

/** How an assessment grade becomes a risk class (issue 9 part 3): versioned like the model. */
export interface RiskClassificationRules extends SourcedRuleVersion {
  classOfGrade: Record<CreditGrade, MarketRegulationRiskClass>;
}

export const RISK_CLASSIFICATION_RULES: readonly RiskClassificationRules[] = [
  {
    version: 'GZ-RISK-CLASS-2026.1',
    effectiveFrom: '2026-01-01',
    source:
      '国市监信发〔2022〕6号: four classes, A (low risk) to D (high risk), from the credit assessment; ' +
      'grade-to-class mapping: local choice, awaiting confirmation',
    classOfGrade: {
      A: MarketRegulationRiskClass.A,
      B: MarketRegulationRiskClass.B,
      C: MarketRegulationRiskClass.C,
      D: MarketRegulationRiskClass.D,
    },
  },
];

export function classOfGrade(grade: CreditGrade, day: string, versions = RISK_CLASSIFICATION_RULES) {
  const rules = ruleInForce(versions, day);
  return { riskClass: rules.classOfGrade[grade], classificationVersion: rules.version };
}
