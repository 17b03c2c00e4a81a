/**
 * Look-back windows of postal's credit signal (issue 9 part 1): how long a postal record counts in the operator's
 * credit signal after its date. A record counts from its date (inclusive) until the same calendar day `months` later
 * (exclusive), judged in China time.
 */
import { addMonths } from '../../../shared/calendar/dates';

export interface CreditSignalWindow {
  months: number;
  source: string;
}

/** Confirmed empty-parcel fake transactions (空包刷单) count for 24 months from their confirmation. */
export const CONFIRMED_EMPTY_PARCEL_WINDOW: CreditSignalWindow = {
  months: 24,
  source: 'local choice, awaiting confirmation',
};

/** A revoked express permit (快递业务经营许可证被吊销/撤销) counts for 36 months from the revocation. */
export const REVOKED_EXPRESS_PERMIT_WINDOW: CreditSignalWindow = {
  months: 36,
  // Meant to match the three-year bar on applying again after a revocation; the article is not yet confirmed.
  source: 'local choice, awaiting confirmation',
};

/** The first day (ISO date) on which a record dated `from` no longer counts. */
export function windowEndOf(from: string, window: CreditSignalWindow): string {
  return addMonths(from, window.months);
}

/** True when a record dated `from` counts on `today` (ISO dates). */
export function countsOn(from: string, window: CreditSignalWindow, today: string): boolean {
  return from <= today && today < windowEndOf(from, window);
}

/**
 * The earliest date from which a record can still count on `today` (a safe lower bound for a query: addMonths is
 * monotonic and only clamps downwards, so no record before it counts).
 */
export function earliestCountingFrom(window: CreditSignalWindow, today: string): string {
  return addMonths(today, -window.months);
}
