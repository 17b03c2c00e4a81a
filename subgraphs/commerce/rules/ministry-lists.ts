import { RuleVersion, ruleInForce } from '../../../shared/rules/versioned';
import { unconfirmed } from '../../../shared/rules/figure-sources';

export type CommerceListKindCode = 'JOINT_PUNISHMENT' | 'KEY_ATTENTION';

/**
 * Maximum listing periods of the commerce ministry's credit lists: joint-punishment objects
 * (联合惩戒对象名单) at most 3 years, key-attention list (重点关注名单) at most 2 years. A listing
 * decision may set a shorter period. Chosen by the listing date.
 */
export interface MinistryListRules extends RuleVersion {
  maximumMonths: Record<CommerceListKindCode, number>;
}

export const MINISTRY_LIST_RULES: readonly MinistryListRules[] = [
  {
    version: 'mofcom-lists-2019',
    effectiveFrom: '2019-01-01',
    maximumMonths: { JOINT_PUNISHMENT: 36, KEY_ATTENTION: 24 },
    figureSources: {
      maximumMonths: unconfirmed('the commerce ministry\'s list rules and their articles are not yet identified'),
    },
  },
];

export function ministryListRulesAt(listedOn: string): MinistryListRules {
  return ruleInForce(MINISTRY_LIST_RULES, listedOn);
}
