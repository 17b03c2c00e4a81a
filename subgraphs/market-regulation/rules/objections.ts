import type { AgencyId } from '../../../shared/config/agencies';
import { unconfirmed } from '../../../shared/rules/figure-sources';
import type { SourcedRuleVersion } from '../../../shared/rules/versioned';

/** How long the owning agency has to decide an objection (异议处理时限), by the date it was filed. */
export interface ObjectionDeadlineRule extends SourcedRuleVersion {
  /** Working days after the filing day (shared/calendar/working-days.ts). */
  decisionWorkingDays: number;
}

export const OBJECTION_DEADLINE_RULES: readonly ObjectionDeadlineRule[] = [
  {
    version: 'GZ-OBJECTION-2026.1',
    effectiveFrom: '2026-01-01',
    decisionWorkingDays: 10,
    figureSources: { decisionWorkingDays: unconfirmed('the domain review names 10 working days for the provider check; the article is not identified') },
    source:
      'The information provider checks an objection within 10 working days (domain review: "provider check (≤10 working ' +
      'days)"); the article is not identified: local choice, awaiting confirmation',
  },
];

/**
 * Records an objection may be filed against, per owning agency: the evidence kinds of each agency's credit signal
 * (subgraphs/<agency>/credit-signal.ts). Every agency consumes ObjectionChange for these kinds (events/objections.ts
 * here, shared/objections/consumer.ts in the others) and answers `<agency>RecordForObjection` for them.
 */
export const OBJECTION_RECORD_KINDS: Readonly<Record<AgencyId, { kinds: readonly string[] }>> = {
  'market-regulation': {
    kinds: ['ADMINISTRATIVE_PENALTY', 'SERIOUS_DISHONEST_LISTING', 'ABNORMAL_OPERATION_LISTING', 'QUALITY_SPOT_CHECK'],
  },
  commerce: { kinds: ['ADVANCE_COMPENSATION_CLAIM', 'COMMERCE_LIST_ENTRY', 'PLATFORM_COMPLAINT'] },
  customs: { kinds: ['CUSTOMS_PENALTY', 'CUSTOMS_DISHONESTY_FINDING', 'CUSTOMS_CREDIT_RATING'] },
  finance: { kinds: ['FINANCING_MEASURE', 'FINANCING_EXPOSURE'] },
  postal: { kinds: ['EMPTY_PARCEL_SIGNAL', 'EXPRESS_PERMIT'] },
};
