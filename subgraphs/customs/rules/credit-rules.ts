/**
 * Customs enterprise credit management rules (海关企业信用管理), as versioned data.
 *
 * Each version says which credit levels exist while it is in force and which clearance measures
 * (通关管理措施) follow from each level. A rating is judged by the version in force on its effective
 * date; a clearance measure by the version in force today. Adding a version here is the whole change
 * when the General Administration of Customs (海关总署) issues new rules.
 */
import { type FigureSources, sourced, unconfirmed } from '../../../shared/rules/figure-sources';
import { ruleInForce } from '../../../shared/rules/versioned';

export enum CustomsCreditLevel {
  ADVANCED_CERTIFIED = 'ADVANCED_CERTIFIED',
  CERTIFIED = 'CERTIFIED',
  REGULAR = 'REGULAR',
  DISHONEST = 'DISHONEST',
  SERIOUSLY_DISHONEST = 'SERIOUSLY_DISHONEST',
}

/** Whether the inspection rate target is a ceiling (certified, regular) or a floor (dishonest). */
export enum CustomsInspectionRateBound {
  AT_MOST = 'AT_MOST',
  AT_LEAST = 'AT_LEAST',
}

export enum CustomsGuaranteeRequirement {
  NONE = 'NONE',
  REDUCED = 'REDUCED',
  FULL = 'FULL',
}

export enum CustomsAuditFrequency {
  REDUCED = 'REDUCED',
  ROUTINE = 'ROUTINE',
  INCREASED = 'INCREASED',
}

/** What an inspection rate is a share of. */
export enum CustomsInspectionRateBasis {
  /** Of the enterprise's import and export declarations (进出口货物查验率). */
  DECLARATIONS = 'DECLARATIONS',
  /** Of the average rate of enterprises under routine measures (实施常规管理措施企业平均查验率). */
  ROUTINE_AVERAGE = 'ROUTINE_AVERAGE',
}

/**
 * The clearance measures of a credit level, as far as the order states them. A measure the order does not state
 * is null (the level is managed as the law requires), never a figure of practice or statistics.
 */
export interface ClearanceMeasureRule {
  /** Inspection rate the order sets, percent with two decimals (e.g. "80.00"); null when it sets none. */
  inspectionRatePercent: string | null;
  inspectionRateBound: CustomsInspectionRateBound | null;
  inspectionRateBasis: CustomsInspectionRateBasis | null;
  /** Guarantee measure of the level; null when the order sets none (guarantees as 海关事务担保条例 requires). */
  guarantee: CustomsGuaranteeRequirement | null;
  audit: CustomsAuditFrequency;
  description: string;
}

export interface CustomsCreditRuleVersion {
  /** Stable identifier kept on every rating made under this version. */
  version: string;
  title: string;
  /** First day (ISO date) the version is in force; it stays in force until the next version. */
  effectiveFrom: string;
  /** Levels a rating may take under this version, best first. */
  levels: readonly CustomsCreditLevel[];
  /** Level an enterprise registered with customs holds until it is rated otherwise. */
  defaultLevel: CustomsCreditLevel;
  measures: Readonly<Partial<Record<CustomsCreditLevel, ClearanceMeasureRule>>>;
  /** Source of each figure (shared/rules/figure-sources.ts), keyed `measures.<LEVEL>.<field>`. */
  figureSources: FigureSources;
}

const L = CustomsCreditLevel;
const B = CustomsInspectionRateBound;
const G = CustomsGuaranteeRequirement;
const A = CustomsAuditFrequency;
const OF = CustomsInspectionRateBasis;

const ORDER_251 = '海关注册登记和备案企业信用管理办法 (海关总署令第251号), 第五章 管理措施';
/** Order 282 replaced Order 251 on 2026-04-01; its measure articles are not yet verified here. */
const ORDER_282_UNVERIFIED = 'carried over from 海关总署令第251号; the measure articles of 海关总署令第282号 are not yet verified';

/** Order 251: 高级认证企业 — average rate below 20 % of the routine average, guarantee waived on application, fewer audits. */
const ADVANCED_251: ClearanceMeasureRule = {
  inspectionRatePercent: '20.00',
  inspectionRateBound: B.AT_MOST,
  inspectionRateBasis: OF.ROUTINE_AVERAGE,
  guarantee: G.NONE,
  audit: A.REDUCED,
  description:
    'AEO advanced certified enterprise (高级认证企业): average inspection rate below 20% of that of enterprises under routine ' +
    'measures, guarantees waived on application (可以向海关申请免除担保), fewer audits, priority clearance',
};
/** Routine management: the order sets no rate and no guarantee measure for it. */
const REGULAR: ClearanceMeasureRule = {
  inspectionRatePercent: null,
  inspectionRateBound: null,
  inspectionRateBasis: null,
  guarantee: null,
  audit: A.ROUTINE,
  description: 'Regular credit enterprise (常规管理措施): routine clearance management; no credit measure on inspection or guarantees',
};
/** Order 251: 失信企业 — inspection rate of 80 % or more, full guarantee for processing trade, more audits. */
const DISHONEST_251: ClearanceMeasureRule = {
  inspectionRatePercent: '80.00',
  inspectionRateBound: B.AT_LEAST,
  inspectionRateBasis: OF.DECLARATIONS,
  guarantee: G.FULL,
  audit: A.INCREASED,
  description:
    'Dishonest enterprise (失信企业): inspection of 80% or more of import and export goods, full guarantee for processing ' +
    'trade business (经营加工贸易业务的全额提供担保), more frequent audits',
};

export const CUSTOMS_CREDIT_RULES: readonly CustomsCreditRuleVersion[] = [
  {
    version: 'GACC-ORDER-251',
    title: '中华人民共和国海关注册登记和备案企业信用管理办法（海关总署令第251号）',
    effectiveFrom: '2021-11-01',
    levels: [L.ADVANCED_CERTIFIED, L.REGULAR, L.DISHONEST],
    defaultLevel: L.REGULAR,
    measures: { [L.ADVANCED_CERTIFIED]: ADVANCED_251, [L.REGULAR]: REGULAR, [L.DISHONEST]: DISHONEST_251 },
    figureSources: {
      'measures.ADVANCED_CERTIFIED.inspectionRatePercent': sourced(`${ORDER_251} (高级认证企业): 进出口货物平均查验率低于实施常规管理措施企业平均查验率的20%`),
      'measures.DISHONEST.inspectionRatePercent': sourced(`${ORDER_251} (失信企业): 进出口货物查验率80%以上`),
    },
  },
  {
    version: 'GACC-ORDER-282',
    title: '中华人民共和国海关注册登记和备案企业信用管理办法（海关总署令第282号）',
    effectiveFrom: '2026-04-01',
    levels: [L.ADVANCED_CERTIFIED, L.CERTIFIED, L.REGULAR, L.DISHONEST, L.SERIOUSLY_DISHONEST],
    defaultLevel: L.REGULAR,
    measures: {
      [L.ADVANCED_CERTIFIED]: ADVANCED_251,
      // The certified level is new in Order 282: no rate is set here until its article is verified.
      [L.CERTIFIED]: {
        inspectionRatePercent: null,
        inspectionRateBound: null,
        inspectionRateBasis: null,
        guarantee: null,
        audit: A.REDUCED,
        description:
          'Certified enterprise (认证企业, AEO): facilitation below the advanced level; its inspection and guarantee measures ' +
          'await confirmation from 海关总署令第282号',
      },
      [L.REGULAR]: REGULAR,
      [L.DISHONEST]: DISHONEST_251,
      // At least the dishonest level's measures; Order 282's own figures await confirmation.
      [L.SERIOUSLY_DISHONEST]: {
        ...DISHONEST_251,
        description:
          'Seriously dishonest enterprise (严重失信企业): at least the dishonest level\'s measures (inspection of 80% or more, full ' +
          'guarantee for processing trade, more audits) and joint punishment by other agencies',
      },
    },
    figureSources: {
      'measures.ADVANCED_CERTIFIED.inspectionRatePercent': unconfirmed(ORDER_282_UNVERIFIED),
      'measures.DISHONEST.inspectionRatePercent': unconfirmed(ORDER_282_UNVERIFIED),
      'measures.SERIOUSLY_DISHONEST.inspectionRatePercent': unconfirmed(`the dishonest level's rate as a floor; ${ORDER_282_UNVERIFIED}`),
    },
  },
];

/** The rules version in force on an ISO date, or null before the first version. */
export function customsCreditRulesOn(isoDate: string): CustomsCreditRuleVersion | null {
  const found = ruleInForce(CUSTOMS_CREDIT_RULES, isoDate);
  // Unlike the other families, customs credit management did not exist before its first version.
  return found.effectiveFrom <= isoDate ? found : null;
}

export function customsCreditRulesByVersion(version: string): CustomsCreditRuleVersion | null {
  return CUSTOMS_CREDIT_RULES.find((r) => r.version === version) ?? null;
}

/** The rating in effect on `isoDate`: the latest one effective on or before it (ties: the later record). */
export function ratingInEffect<R extends { effectiveOn: string; id: number; withdrawnOn?: string | null }>(
  ratings: readonly R[],
  isoDate: string,
): R | null {
  let current: R | null = null;
  for (const r of ratings) {
    // A rating withdrawn on an accepted objection (异议) never took effect: the one before it applies.
    if (r.effectiveOn > isoDate || r.withdrawnOn) continue;
    if (!current || r.effectiveOn > current.effectiveOn || (r.effectiveOn === current.effectiveOn && r.id > current.id)) {
      current = r;
    }
  }
  return current;
}

/**
 * The credit level in force on `isoDate` and the rating it rests on: the rating in effect, or the default level of
 * the rules in force (null rating) when never rated. `CustomsRegistration.creditLevel` and the credit signal read it.
 */
export function creditLevelInEffect<R extends { effectiveOn: string; id: number; level: CustomsCreditLevel; withdrawnOn?: string | null }>(
  ratings: readonly R[],
  isoDate: string,
): { level: CustomsCreditLevel; rating: R | null } {
  const rating = ratingInEffect(ratings, isoDate);
  return { level: rating?.level ?? customsCreditRulesOn(isoDate)?.defaultLevel ?? CustomsCreditLevel.REGULAR, rating };
}

/**
 * A dishonesty finding (失信认定) stands on `isoDate`: found by then and not yet ended by a removal decision, which
 * takes effect on its `removedOn` (移出/信用修复).
 */
export function dishonestyFindingInForce(finding: { foundOn: string; removedOn: string | null }, isoDate: string): boolean {
  return finding.foundOn <= isoDate && (finding.removedOn === null || isoDate < finding.removedOn);
}

export interface DerivedClearanceMeasure extends ClearanceMeasureRule {
  level: CustomsCreditLevel;
  rulesVersion: string;
  /** Effective date of the rating the measure follows from; null when the default level applies. */
  ratingEffectiveOn: string | null;
}

/**
 * The clearance measure on `isoDate` for an enterprise whose rating in effect is `rating`
 * (null: never rated, so the default level applies). Measures come from the rules in force on
 * `isoDate`; a level that version does not know falls back to the rules the rating was made under.
 */
export function clearanceMeasureOn(
  rating: { level: CustomsCreditLevel; effectiveOn: string; rulesVersion: string } | null,
  isoDate: string,
): DerivedClearanceMeasure | null {
  const rulesToday = customsCreditRulesOn(isoDate);
  const level = rating?.level ?? rulesToday?.defaultLevel;
  if (!level) return null;
  let rules = rulesToday;
  let rule = rules?.measures[level];
  if (!rule && rating) {
    rules = customsCreditRulesByVersion(rating.rulesVersion);
    rule = rules?.measures[level];
  }
  if (!rules || !rule) return null;
  return { ...rule, level, rulesVersion: rules.version, ratingEffectiveOn: rating?.effectiveOn ?? null };
}

/**
 * A clearance measure under strict clearance review (联合惩戒: 从严审核): the figures of `strictLevel` under the rules
 * in force on `isoDate`, unless the enterprise's own level is already at least as strict (its measure stands). The
 * rated level stays on the measure; the description says why the figures differ.
 */
export function underStrictReview(
  measure: DerivedClearanceMeasure,
  strictLevel: CustomsCreditLevel,
  isoDate: string,
): DerivedClearanceMeasure {
  const rules = customsCreditRulesOn(isoDate) ?? customsCreditRulesByVersion(measure.rulesVersion);
  const strict = rules?.measures[strictLevel];
  if (!rules || !strict) return measure;
  const ownIsStricter =
    measure.inspectionRateBound === CustomsInspectionRateBound.AT_LEAST &&
    measure.inspectionRatePercent !== null &&
    (strict.inspectionRatePercent === null || Number(measure.inspectionRatePercent) >= Number(strict.inspectionRatePercent));
  if (ownIsStricter) return measure;
  return {
    ...strict,
    level: measure.level,
    rulesVersion: rules.version,
    ratingEffectiveOn: measure.ratingEffectiveOn,
    description: `Strict clearance review while listed (联合惩戒: 从严审核), as for a ${strictLevel} enterprise: ${strict.description}`,
  };
}
