import { SeriousDishonestGround, SeriousDishonestMeasure as M } from '../enums';
import { addYears } from './dates';
import { ruleInForce, RuleVersion } from './versioned';

/** Serious illegal and dishonest list rules (严重违法失信名单管理办法). */
export interface SeriousListRules extends RuleVersion {
  autoRemovalYears: number;
  earlyRemovalAfterYears: number;
  /** Grounds that need no administrative penalty as basis. */
  groundsWithoutBasisPenalty: SeriousDishonestGround[];
  measures: M[];
}

export const SERIOUS_LIST_RULES: readonly SeriousListRules[] = [
  {
    version: 'SAMR-SERIOUS-LIST-2021.1',
    effectiveFrom: '2021-09-01',
    source: '市场监督管理严重违法失信名单管理办法 (SAMR order 44, 2021) art. 14, 20, 21',
    autoRemovalYears: 3,
    earlyRemovalAfterYears: 1,
    groundsWithoutBasisPenalty: [SeriousDishonestGround.ABNORMAL_LIST_3_YEARS],
    measures: [
      M.KEY_SUPERVISION, M.HIGHER_INSPECTION_RATIO, M.NO_NOTIFICATION_COMMITMENT,
      M.GOVERNMENT_PROCUREMENT_RESTRICTED, M.GOVERNMENT_FUNDING_RESTRICTED, M.NO_HONOURS,
    ],
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
