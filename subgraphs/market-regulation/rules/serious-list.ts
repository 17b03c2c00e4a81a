import { sourced } from '../../../shared/rules/figure-sources';
import {
  MarketRegulationPenaltyCategory as C, MarketRegulationPenaltySeverity as S, SeriousDishonestGround, SeriousDishonestMeasure as M,
  SeriousRemovalCondition as R,
} from '../enums';
import { addYears } from '../../../shared/calendar/dates';
import { ruleInForce, SourcedRuleVersion } from '../../../shared/rules/versioned';

/** Serious illegal and dishonest list rules (严重违法失信名单管理办法). */
export interface SeriousListRules extends SourcedRuleVersion {
  autoRemovalYears: number;
  earlyRemovalAfterYears: number;
  /** Grounds that need no administrative penalty as basis. */
  groundsWithoutBasisPenalty: SeriousDishonestGround[];
  measures: M[];
  /** Penalty severities that are heavier penalties (较重行政处罚) and so may be the basis of a penalty ground. */
  heavierSeverities: S[];
  /**
   * Penalty categories that by themselves make a penalty heavier, with the severity they imply. A fine is
   * heavier only when the discretion benchmark's aggravation rule was applied, which the categories cannot tell.
   */
  severityOfCategory: Partial<Record<C, S>>;
  /** Conditions of early removal (提前移出), checked on every EARLY_REPAIR removal. */
  earlyRemovalConditions: R[];
  /** Extra conditions for entries on a ground resting on the abnormal operations list. */
  earlyRemovalConditionsAbnormalGround: R[];
}

export const SERIOUS_LIST_RULES: readonly SeriousListRules[] = [
  {
    version: 'SAMR-SERIOUS-LIST-2021.1',
    effectiveFrom: '2021-09-01',
    source:
      '市场监督管理严重违法失信名单管理办法 (SAMR order 44, 2021): art. 2 (较重行政处罚), art. 14, 20, 21 (listing, removal), ' +
      'art. 16-17 (early removal conditions)',
    autoRemovalYears: 3,
    earlyRemovalAfterYears: 1,
    figureSources: {
      autoRemovalYears: sourced('市场监督管理严重违法失信名单管理办法 (SAMR order 44, 2021) art. 20: 列入满三年移出'),
      earlyRemovalAfterYears: sourced('市场监督管理严重违法失信名单管理办法 (SAMR order 44, 2021) art. 16: 列入满一年可申请提前移出'),
    },
    groundsWithoutBasisPenalty: [SeriousDishonestGround.ABNORMAL_LIST_3_YEARS],
    measures: [
      M.KEY_SUPERVISION, M.HIGHER_INSPECTION_RATIO, M.NO_NOTIFICATION_COMMITMENT,
      M.GOVERNMENT_PROCUREMENT_RESTRICTED, M.GOVERNMENT_FUNDING_RESTRICTED, M.NO_HONOURS,
    ],
    // Art. 2 para. 2: (1) aggravated fine under the discretion benchmark; (2) qualification downgraded, licence or
    // business licence revoked; (3) business restricted, suspended or closed, employment restricted; (4) others by law.
    heavierSeverities: [
      S.AGGRAVATED_FINE, S.QUALIFICATION_DOWNGRADE, S.LICENCE_REVOCATION, S.SUSPENSION_OR_CLOSURE, S.BUSINESS_RESTRICTION,
      S.OTHER_HEAVIER,
    ],
    severityOfCategory: {
      [C.LICENCE_DOWNGRADED]: S.QUALIFICATION_DOWNGRADE,
      [C.LICENCE_REVOKED]: S.LICENCE_REVOCATION,
      [C.PRODUCTION_SUSPENDED]: S.SUSPENSION_OR_CLOSURE,
      [C.CLOSURE]: S.SUSPENSION_OR_CLOSURE,
      [C.PRODUCTION_RESTRICTED]: S.BUSINESS_RESTRICTION,
      [C.EMPLOYMENT_RESTRICTION]: S.BUSINESS_RESTRICTION,
    },
    // Art. 16: one year on the list, the penalty's obligations performed, harm and adverse effects removed, no new
    // heavier penalty; not while a restriction period imposed by law is still running.
    earlyRemovalConditions: [
      R.ONE_YEAR_ON_LIST, R.BASIS_PENALTY_PERFORMED, R.RESTRICTION_PERIOD_ENDED, R.HARM_REMOVED, R.NO_NEW_HEAVIER_PENALTY,
    ],
    // Art. 16-17 for entries listed because of 3 years on the abnormal operations list: the abnormal listings cured.
    earlyRemovalConditionsAbnormalGround: [R.ABNORMAL_LISTINGS_CURED],
  },
];

export interface SeriousListDates {
  rulesVersion: string;
  autoRemovalOn: string;
  earlyRemovalEligibleOn: string;
  measures: M[];
}

export function seriousListRulesOn(listedOn: string, versions = SERIOUS_LIST_RULES): SeriousListRules {
  return ruleInForce(versions, listedOn);
}

/** Derives removal dates and measures of a serious-list entry from the rules in force on its listing date. */
export function seriousListDates(listedOn: string, versions = SERIOUS_LIST_RULES): SeriousListDates {
  const rules = ruleInForce(versions, listedOn);
  return {
    rulesVersion: rules.version,
    autoRemovalOn: addYears(listedOn, rules.autoRemovalYears),
    earlyRemovalEligibleOn: addYears(listedOn, rules.earlyRemovalAfterYears),
    measures: [...rules.measures],
  };
}

/** Whether a penalty of this severity is a heavier penalty (较重行政处罚) under the rules in force on `on`. */
export function isHeavierPenalty(severity: S, on: string, versions = SERIOUS_LIST_RULES): boolean {
  return ruleInForce(versions, on).heavierSeverities.includes(severity);
}

/**
 * Severities a penalty with these categories may be recorded with, and the default when the categories decide it
 * alone (null: the deciding authority must say, e.g. whether a fine was aggravated).
 */
export function severityChoices(categories: C[], on: string, versions = SERIOUS_LIST_RULES): { allowed: S[]; implied: S | null } {
  const rules = ruleInForce(versions, on);
  const implied = [...new Set(categories.flatMap((c) => rules.severityOfCategory[c] ?? []))];
  const allowed = new Set<S>(implied);
  if (categories.includes(C.FINE)) allowed.add(S.AGGRAVATED_FINE);
  if (categories.includes(C.OTHER)) allowed.add(S.OTHER_HEAVIER);
  // A penalty whose categories are heavier by law cannot be called ordinary.
  if (implied.length === 0) allowed.add(S.ORDINARY);
  // One heavier category decides it (a revocation with a fine is a revocation unless the authority says otherwise).
  const only = implied.length === 1 ? implied[0] : allowed.size === 1 ? [...allowed][0] : null;
  return { allowed: [...allowed], implied: only };
}
