import { sourced } from '../../../shared/rules/figure-sources';
import { addMonths } from '../../../shared/calendar/dates';
import { ruleInForce, SourcedRuleVersion } from '../../../shared/rules/versioned';

/** Platforms' verification of in-platform operators (E-commerce Law art. 27-28). */
export interface PlatformVerificationRules extends SourcedRuleVersion {
  /** An operator is re-verified at most this many months after the last verification. */
  reverificationMonths: number;
}

export const PLATFORM_VERIFICATION_RULES: readonly PlatformVerificationRules[] = [
  {
    version: 'ECL-PLATFORM-VERIFY-2019.1',
    effectiveFrom: '2019-01-01',
    source: '电子商务法 art. 27-28; 网络交易监督管理办法 art. 24 (verification at least every six months)',
    reverificationMonths: 6,
    figureSources: { reverificationMonths: sourced('网络交易监督管理办法 (SAMR order 37, 2021) art. 24: 至少每六个月核验更新一次') },
  },
];

export function nextVerificationDue(verifiedOn: string, versions = PLATFORM_VERIFICATION_RULES) {
  const rules = ruleInForce(versions, verifiedOn);
  return { rulesVersion: rules.version, due: addMonths(verifiedOn, rules.reverificationMonths) };
}

/** Reporting periods are half-years, `2026-H1` (Jan-Jun, reported in July) and `2026-H2` (reported in January). */
export function reportingPeriodRange(period: string): { start: string; end: string } | null {
  const m = /^(\d{4})-H([12])$/.exec(period);
  if (!m) return null;
  return m[2] === '1' ? { start: `${m[1]}-01-01`, end: `${m[1]}-06-30` } : { start: `${m[1]}-07-01`, end: `${m[1]}-12-31` };
}

export function reportingPeriodOf(date: string): string {
  return `${date.slice(0, 4)}-H${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;
}
