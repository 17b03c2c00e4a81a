import { type FigureSources, unconfirmed } from '../../../shared/rules/figure-sources';
import { ruleInForce, type SourcedRuleVersion as RuleVersion } from '../../../shared/rules/versioned';

/**
 * Subjects exempt from market-subject registration (E-Commerce Law art. 10). They have no unified social credit code,
 * so market regulation gives each record an identifier of its own:
 *
 *   EX-<district>-<sequence>   e.g. EX-440106-000001
 *
 * - `EX` marks the exemption; `<district>` is the six-digit administrative division code of the district whose bureau
 *   supervises the subject (属地监管); `<sequence>` counts the subjects recorded for that district, from 000001.
 * - 16 characters with two hyphens: it can never be read as a unified social credit code (18 characters from the
 *   GB 32100 alphabet, no hyphen), and the UnifiedSocialCreditCode scalar refuses it.
 */
export const EXEMPT_SUBJECT_ID = /^EX-(\d{6})-(\d{6})$/;
/** Six digits per district; a district that records its millionth subject needs a new format (local choice, awaiting confirmation). */
export const MAX_EXEMPT_SEQUENCE = 999_999;

export const FIGURE_SOURCES: FigureSources = {
  MAX_EXEMPT_SEQUENCE: unconfirmed('six digits per district in the identifier format'),
};

export function exemptSubjectIdOf(districtCode: string, sequence: number): string {
  return `EX-${districtCode}-${String(sequence).padStart(6, '0')}`;
}

/** The identifier, trimmed and upper-cased, or null when it is not of the EX-<district>-<sequence> form. */
export function parseExemptSubjectId(value: string): string | null {
  const id = value.trim().toUpperCase();
  return EXEMPT_SUBJECT_ID.test(id) ? id : null;
}

/** What bounds the exemption; staff judge it (`requireExemptSubjectRegistration`), the figure is for their reference. */
export interface ExemptionRules extends RuleVersion {
  /**
   * Annual turnover, in yuan, up to which an individual's online trading counts as 零星小额 and needs no registration;
   * the turnover of all the person's shops on every platform is added up.
   */
  sporadicAnnualTurnoverYuan: number;
}

export const EXEMPTION_RULES: readonly ExemptionRules[] = [
  {
    version: 'ECL-EXEMPT-2021.1',
    effectiveFrom: '2021-05-01',
    source:
      '电子商务法 art. 10 (exempt cases); 网络交易监督管理办法 (SAMR Order No. 37) art. 8 para. 2 (annual turnover not above ' +
      '100,000 yuan, all shops on all platforms added up) and art. 12 (exempt subjects display their self-declaration)',
    sporadicAnnualTurnoverYuan: 100_000,
    figureSources: {
      sporadicAnnualTurnoverYuan: unconfirmed('网络交易监督管理办法 (SAMR order 37, 2021) art. 8 para. 2, quoted from memory'),
    },
  },
];

export function exemptionRulesOn(date: string, versions = EXEMPTION_RULES): ExemptionRules {
  return ruleInForce(versions, date);
}
