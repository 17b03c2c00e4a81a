import { sourced, unconfirmed } from '../../../shared/rules/figure-sources';
import { addDays, addYears } from '../../../shared/calendar/dates';
import { ruleInForce, SourcedRuleVersion } from '../../../shared/rules/versioned';

/** Escalation of abnormal operations listings (经营异常名录) to the serious list. */
export interface AbnormalListRules extends SourcedRuleVersion {
  /** Still listed after this many years → serious illegal and dishonest list. */
  escalationYears: number;
  /** The operator is warned this many days before escalation. */
  warningDaysBefore: number;
}

export const ABNORMAL_LIST_RULES: readonly AbnormalListRules[] = [
  {
    version: 'SAMR-ABNORMAL-LIST-2021.1',
    effectiveFrom: '2014-10-01',
    source: '企业经营异常名录管理暂行办法 (2014); 市场监督管理严重违法失信名单管理办法 (SAMR order 44, 2021) art. 13',
    escalationYears: 3,
    warningDaysBefore: 60,
    figureSources: {
      escalationYears: sourced('《企业信息公示暂行条例》第十七条: 列入经营异常名录届满3年仍未履行公示义务 → 严重违法企业名单; SAMR order 44 art. 13'),
      warningDaysBefore: unconfirmed('two months\' warning before escalation'),
    },
  },
];

export interface AbnormalListDates {
  rulesVersion: string;
  seriousListWarningOn: string;
  seriousListEligibleOn: string;
}

export function abnormalListDates(listedOn: string, versions = ABNORMAL_LIST_RULES): AbnormalListDates {
  const rules = ruleInForce(versions, listedOn);
  const eligible = addYears(listedOn, rules.escalationYears);
  return {
    rulesVersion: rules.version,
    seriousListWarningOn: addDays(eligible, -rules.warningDaysBefore),
    seriousListEligibleOn: eligible,
  };
}
