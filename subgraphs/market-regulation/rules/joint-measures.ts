import type { CreditListKind, RestrictedMatter } from '../../../shared/events/contract';
import { MarketRegulationRiskClass } from '../enums';
import { riskierClass } from './risk-class';
import { ruleInForce, SourcedRuleVersion } from '../../../shared/rules/versioned';

/** Market regulation's own joint disciplinary measures (联合惩戒措施), applied when an operator is listed. */
export enum MarketRegulationMeasureKind {
  /** 不适用告知承诺制: licences only through the standard (full review) route. */
  NOTIFICATION_COMMITMENT_EXCLUDED = 'NOTIFICATION_COMMITMENT_EXCLUDED',
  /** 提高"双随机"抽查比例和频次: sampled at least in the band of a riskier class. */
  HIGHER_SAMPLING_RATIO = 'HIGHER_SAMPLING_RATIO',
  /** 实地核查: inspections of the operator are carried out on site. */
  ON_SITE_INSPECTION_REQUIRED = 'ON_SITE_INSPECTION_REQUIRED',
}

export interface MeasureRule {
  kind: MarketRegulationMeasureKind;
  /** What the measure restricts (answers Operator.restrictions(matter:)). */
  matters: RestrictedMatter[];
  /** HIGHER_SAMPLING_RATIO: the operator is sampled at least in this class's band. */
  minimumRiskClass?: MarketRegulationRiskClass;
}

export interface JointMeasureRules extends SourcedRuleVersion {
  /** Measures per list kind; a list kind not named warrants none. */
  measuresByListKind: Partial<Record<CreditListKind, MeasureRule[]>>;
}

const M = MarketRegulationMeasureKind;
const NO_COMMITMENT: MeasureRule = { kind: M.NOTIFICATION_COMMITMENT_EXCLUDED, matters: ['NOTIFICATION_COMMITMENT'] };
const ON_SITE: MeasureRule = { kind: M.ON_SITE_INSPECTION_REQUIRED, matters: [] };
const sampledAs = (minimumRiskClass: MarketRegulationRiskClass): MeasureRule => ({
  kind: M.HIGHER_SAMPLING_RATIO, matters: [], minimumRiskClass,
});

export const JOINT_MEASURE_RULES: readonly JointMeasureRules[] = [
  {
    version: 'GZ-MR-JOINT-MEASURES-2022.1',
    effectiveFrom: '2022-01-01',
    source:
      'SAMR order 44 (2021) art. 22 (重点监管、提高检查频次、不适用告知承诺); 国办发〔2020〕42号 (较严重不良信用记录不适用告知承诺); ' +
      '国市监信发〔2022〕6号 (严重违法失信 → D 类, 经营异常 → 至少 C 类); 发改财金〔2017〕427号 (海关失信企业联合惩戒备忘录)',
    measuresByListKind: {
      SERIOUS_DISHONEST: [NO_COMMITMENT, sampledAs(MarketRegulationRiskClass.D), ON_SITE],
      CUSTOMS_DISHONEST: [NO_COMMITMENT, sampledAs(MarketRegulationRiskClass.C), ON_SITE],
      ABNORMAL_OPERATIONS: [sampledAs(MarketRegulationRiskClass.C)],
    },
  },
];

/** The measures a listing warrants under the rules in force on its effective date. */
export function measuresFor(listKind: CreditListKind, effectiveOn: string, versions = JOINT_MEASURE_RULES) {
  const rules = ruleInForce(versions, effectiveOn);
  return { rulesVersion: rules.version, measures: rules.measuresByListKind[listKind] ?? [] };
}

/** The rule of one measure kind in a given rules version (the band a stored measure raises to). */
export function measureRule(rulesVersion: string, listKind: CreditListKind, kind: string): MeasureRule | undefined {
  const rules = JOINT_MEASURE_RULES.find((r) => r.version === rulesVersion) ?? JOINT_MEASURE_RULES[JOINT_MEASURE_RULES.length - 1];
  return rules.measuresByListKind[listKind]?.find((m) => m.kind === kind);
}

/**
 * The class whose sampling band applies: `base` raised by each HIGHER_SAMPLING_RATIO measure in force to the
 * minimum class its rule sets (the inspection regime and the sampling draw judge the same way).
 */
export function raisedSamplingClass(
  base: MarketRegulationRiskClass | null,
  measuresInForce: readonly { kind: string; rulesVersion: string; basisListKind: CreditListKind }[],
): MarketRegulationRiskClass | null {
  let samplingClass = base;
  for (const m of measuresInForce) {
    if (m.kind !== MarketRegulationMeasureKind.HIGHER_SAMPLING_RATIO) continue;
    samplingClass = riskierClass(samplingClass, measureRule(m.rulesVersion, m.basisListKind, m.kind)?.minimumRiskClass ?? null);
  }
  return samplingClass;
}
