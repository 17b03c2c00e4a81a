import { RuleVersion, ruleInForce } from '../../../shared/rules/versioned';
import { sourced } from '../../../shared/rules/figure-sources';

/**
 * Notice period of platform rule changes (E-Commerce Law art. 33-34, 电子商务法第三十三、三十四条):
 * a platform publicly consults on a change to its service agreement or transaction rules and publishes
 * the new version at least `minimumNoticeDays` before it takes effect. The version is chosen by the
 * publication date of the rule document.
 */
export interface RuleDocumentNoticeRules extends RuleVersion {
  minimumNoticeDays: number;
  legalBasis: string;
}

export const RULE_DOCUMENT_NOTICE_RULES: readonly RuleDocumentNoticeRules[] = [
  {
    version: 'ecommerce-law-2019',
    effectiveFrom: '2019-01-01',
    minimumNoticeDays: 7,
    figureSources: { minimumNoticeDays: sourced('电子商务法第三十四条第一款: 至少在实施前七日予以公示') },
    legalBasis: 'E-Commerce Law of the PRC art. 34 (电子商务法第三十四条)',
  },
];

export function ruleDocumentNoticeRulesAt(publishedOn: string): RuleDocumentNoticeRules {
  return ruleInForce(RULE_DOCUMENT_NOTICE_RULES, publishedOn);
}
