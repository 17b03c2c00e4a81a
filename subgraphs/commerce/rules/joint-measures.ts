import type { CreditListKind, RestrictedMatter } from '../../../shared/events/contract';
import { RuleVersion, ruleInForce } from '../../../shared/rules/versioned';
import { sourced, unconfirmed } from '../../../shared/rules/figure-sources';

/**
 * Joint measures commerce applies when a listing reaches it on the credit-event bus (联合惩戒), by list kind, and
 * the public transaction risk alert shown while the operator is listed. Chosen by the listing's effective date.
 */
export type CommerceJointMeasureKindCode = 'GOVERNMENT_FUNDING_RESTRICTED' | 'GOVERNMENT_PROCUREMENT_RESTRICTED';

export interface CommerceJointMeasureRule {
  kind: CommerceJointMeasureKindCode;
  matters: RestrictedMatter[];
  source: string;
}

export interface CommerceJointMeasureRules extends RuleVersion {
  measures: Record<CreditListKind, readonly CommerceJointMeasureRule[]>;
  /**
   * Lists whose listing shows a DISHONEST_LIST risk alert to consumers on every platform the operator sells on, and
   * for how many months at most (the removal ends it earlier): serious dishonest information is public for 1-3
   * years (2026 tiering) and the serious list ends after 3 years (SAMR Order 44).
   */
  dishonestAlertMonths: Partial<Record<CreditListKind, number>>;
}

/** The kind reported back for the public alert; it restricts no matter, it warns consumers. */
export const DISHONEST_LIST_RISK_ALERT = 'DISHONEST_LIST_RISK_ALERT';

const FUNDING: CommerceJointMeasureRule = {
  kind: 'GOVERNMENT_FUNDING_RESTRICTED',
  matters: ['GOVERNMENT_FUNDING'],
  source: '国发〔2016〕33号 (限制申请财政性资金项目); 《失信企业协同监管和联合惩戒合作备忘录》(发改财金〔2015〕2045号)',
};
const PROCUREMENT: CommerceJointMeasureRule = {
  kind: 'GOVERNMENT_PROCUREMENT_RESTRICTED',
  matters: ['GOVERNMENT_PROCUREMENT'],
  source: '《政府采购法》第二十二条; 财库〔2016〕125号 (政府采购活动中查询及使用信用记录); 国发〔2016〕33号',
};

export const COMMERCE_JOINT_MEASURE_RULES: readonly CommerceJointMeasureRules[] = [
  {
    version: 'gzcom-joint-2021',
    effectiveFrom: '2021-01-01',
    measures: {
      SERIOUS_DISHONEST: [FUNDING, PROCUREMENT],
      CUSTOMS_DISHONEST: [FUNDING, PROCUREMENT],
      // 《企业信息公示暂行条例》第十八条: listed enterprises are restricted in government procurement.
      ABNORMAL_OPERATIONS: [
        { ...PROCUREMENT, source: '《企业信息公示暂行条例》第十八条 (政府采购中依法予以限制或者禁入)' },
      ],
    },
    dishonestAlertMonths: { SERIOUS_DISHONEST: 36, CUSTOMS_DISHONEST: 36 },
    figureSources: {
      'dishonestAlertMonths.SERIOUS_DISHONEST': sourced('市场监督管理严重违法失信名单管理办法 (SAMR order 44, 2021) art. 20: removed from the list after 3 years'),
      'dishonestAlertMonths.CUSTOMS_DISHONEST': unconfirmed('mirrors the 3-year serious list term; 海关总署令第251号/第282号 set no alert period'),
    },
  },
];

export function commerceJointRulesAt(date: string): CommerceJointMeasureRules {
  return ruleInForce(COMMERCE_JOINT_MEASURE_RULES, date);
}

export function commerceMattersOf(kind: string): RestrictedMatter[] {
  if (kind === 'GOVERNMENT_FUNDING_RESTRICTED') return FUNDING.matters;
  if (kind === 'GOVERNMENT_PROCUREMENT_RESTRICTED') return PROCUREMENT.matters;
  return [];
}
