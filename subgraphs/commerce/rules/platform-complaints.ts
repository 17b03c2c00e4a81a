import { addWorkingDays } from '../../../shared/calendar/working-days';
import { type FigureSources, unconfirmed } from '../../../shared/rules/figure-sources';
import { ruleInForce, type RuleVersion } from '../../../shared/rules/versioned';

/** How long a platform has to handle a consumer complaint about one of its in-platform operators. */
export interface PlatformComplaintRules extends RuleVersion {
  /** Working days after receipt (the day of receipt does not count) by which the complaint must be handled. */
  handlingWorkingDays: number;
  source: string;
}

export const PLATFORM_COMPLAINT_RULES: readonly PlatformComplaintRules[] = [
  {
    version: 'PLATFORM-COMPLAINT-2026.1',
    effectiveFrom: '2019-01-01',
    handlingWorkingDays: 7,
    figureSources: { handlingWorkingDays: unconfirmed('E-Commerce Law art. 59 names no period; modelled on SAMR order 20 art. 15') },
    source:
      'E-Commerce Law art. 59 (a platform handles complaints promptly, 及时受理并处理; no period named). The 7 working ' +
      'days are a local choice, awaiting confirmation, modelled on 市场监督管理投诉举报处理暂行办法 (SAMR order 20 ' +
      '(2019)) art. 15 (7 working days for a regulator to decide on a complaint); a platform\'s published rules may ' +
      'set a shorter period',
  },
];

/** The handling deadline of a complaint received on `receivedOn`, and the rule version it comes from. */
export function complaintDeadline(receivedOn: string, versions = PLATFORM_COMPLAINT_RULES) {
  const rules = ruleInForce(versions, receivedOn);
  return { due: addWorkingDays(receivedOn, rules.handlingWorkingDays), rulesVersion: rules.version, source: rules.source };
}

/** Look-back of the per-operator complaint statistics and of the credit factor. Source: local choice, awaiting confirmation. */
export const PLATFORM_COMPLAINT_WINDOW_MONTHS = 12;

export const FIGURE_SOURCES: FigureSources = {
  PLATFORM_COMPLAINT_WINDOW_MONTHS: unconfirmed('a year of complaints, like the review window'),
};

/**
 * Whether a complaint is overdue on `today`: still open after its deadline, or resolved after it (a late resolution
 * stays overdue in the statistics).
 */
export function complaintOverdue(c: { handlingDeadline: string; resolvedOn: string | null }, today: string): boolean {
  return c.resolvedOn === null ? today > c.handlingDeadline : c.resolvedOn > c.handlingDeadline;
}
