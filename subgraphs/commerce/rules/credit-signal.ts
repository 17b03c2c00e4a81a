import type { CreditGradeCode } from './credit-evaluation';
import { type FigureSources, unconfirmed } from '../../../shared/rules/figure-sources';

/**
 * Windows and thresholds of commerce's credit signal (subgraphs/commerce/credit-signal.ts). A dated record counts from
 * its day until the same date `months` later (exclusive): `day <= today < addMonths(day, months)`.
 */

/** Look-back of the negative-review share. Source: local choice, awaiting confirmation. */
export const NEGATIVE_REVIEW_WINDOW_MONTHS = 12;

/**
 * Fewer reviews than this in the window make the share meaningless: the factor is 0 then.
 * Source: local choice, awaiting confirmation.
 */
export const NEGATIVE_REVIEW_MINIMUM_COUNT = 20;

/**
 * Highest rating that counts as a low (negative) review: the bottom two points of the 1-5 scale of consumer reviews
 * (ConsumerReview.rating, checked 1-5 by recordConsumerReview). Source: local choice, awaiting confirmation.
 */
export const LOW_REVIEW_MAXIMUM_RATING = 2;

/** Look-back of the platforms' evaluations: only a platform's latest one counts. Source: local choice, awaiting confirmation. */
export const PLATFORM_EVALUATION_WINDOW_MONTHS = 24;

/**
 * Grades of a platform evaluation (GB/T 26842 grades, rules/credit-evaluation.ts) counted as low (below BBB) and as
 * high (AAA, AA). Source: local choice, awaiting confirmation.
 */
export const LOW_EVALUATION_GRADES: readonly CreditGradeCode[] = ['BB', 'B', 'CCC', 'CC', 'C'];
export const HIGH_EVALUATION_GRADES: readonly CreditGradeCode[] = ['AAA', 'AA'];

/** Look-back of advance compensation the platform paid, by payment day. Source: local choice, awaiting confirmation. */
export const ADVANCE_COMPENSATION_WINDOW_MONTHS = 24;

/** The figures above, for docs/rule-figures.md: none is set by a regulation yet. */
export const FIGURE_SOURCES: FigureSources = {
  NEGATIVE_REVIEW_WINDOW_MONTHS: unconfirmed('a year of reviews'),
  NEGATIVE_REVIEW_MINIMUM_COUNT: unconfirmed('too few reviews make the share noise'),
  LOW_REVIEW_MAXIMUM_RATING: unconfirmed('bottom two points of the 1-5 scale'),
  PLATFORM_EVALUATION_WINDOW_MONTHS: unconfirmed('platforms evaluate at least every two years'),
  ADVANCE_COMPENSATION_WINDOW_MONTHS: unconfirmed('matches the platform evaluation window'),
};
