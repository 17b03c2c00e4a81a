import { In, IsNull, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { addDays, addMonths, chinaMidnight, chinaToday } from '../../shared/calendar/dates';
import { createCreditSignalPublisher } from '../../shared/credit-signal/publish';
import {
  type CreditEvidence, type CreditSignal, type DeriveCreditSignals, type FactorCatalogue, type SignalFactor, signalOf, byOperator,
} from '../../shared/credit-signal/signal';
import { AdvanceCompensationClaim, AdvanceCompensationStatus } from './entities/advance-compensation-claim.entity';
import { CommerceListEntry, CommerceListKind } from './entities/commerce-list-entry.entity';
import { ConsumerReview, ConsumerReviewStatus } from './entities/consumer-review.entity';
import { OperatorCreditEvaluation, OperatorCreditEvaluatorKind } from './entities/operator-credit-evaluation.entity';
import { PlatformComplaint, UPHELD_OUTCOMES } from './entities/platform-complaint.entity';
import { PLATFORM_COMPLAINT_WINDOW_MONTHS } from './rules/platform-complaints';
import { platformEvaluationRules, PlatformRuleDocument, PlatformRuleDocumentKind } from './entities/platform-rule-document.entity';
import { evaluateCredit, type PlatformEvaluationRulesVersion } from './rules/credit-evaluation';
import {
  ADVANCE_COMPENSATION_WINDOW_MONTHS, HIGH_EVALUATION_GRADES, LOW_EVALUATION_GRADES, LOW_REVIEW_MAXIMUM_RATING,
  NEGATIVE_REVIEW_MINIMUM_COUNT, NEGATIVE_REVIEW_WINDOW_MONTHS, PLATFORM_EVALUATION_WINDOW_MONTHS,
} from './rules/credit-signal';

/** Commerce's credit factors, in display order (issue 9 part 1). Figures and their sources: rules/credit-signal.ts. */
export const COMMERCE_CREDIT_SIGNAL_FACTORS: FactorCatalogue = [
  {
    code: 'COM_NEGATIVE_REVIEW_PERCENT',
    label: 'Share of low-rated consumer reviews (差评率), percent, 12 months, at least 20 reviews',
  },
  { code: 'COM_PLATFORM_EVALUATION_LOW', label: 'Platforms grading the operator below BBB (平台信用评价较低), 24 months' },
  { code: 'COM_PLATFORM_EVALUATION_HIGH', label: 'Platforms grading the operator AAA or AA (平台信用评价优良), 24 months' },
  { code: 'COM_ADVANCE_COMPENSATION_PAID', label: 'Advance compensation paid by platforms (平台先行赔付), 24 months' },
  { code: 'COM_JOINT_PUNISHMENT_LIST', label: 'On the commerce joint-punishment list (联合惩戒对象名单)' },
  { code: 'COM_KEY_ATTENTION_LIST', label: 'On the commerce key-attention list (重点关注名单)' },
  {
    code: 'COM_PLATFORM_COMPLAINTS_UPHELD',
    label: 'Consumer complaints platforms upheld against the operator (平台投诉成立), 12 months by day resolved',
  },
];

type Found = Partial<Record<string, Pick<SignalFactor, 'value' | 'evidence'>>>;

/** A factor's values of one operator and the next day time alone changes them (null: never). */
interface Derived {
  found: Found;
  changesOn: string | null;
}

/**
 * Whether a record dated `day` counts `today` in a look-back of `months`, and the next day that changes: it counts from
 * its day until the same date `months` later (exclusive).
 */
function lookBack(day: string, months: number, today: string): { counts: boolean; changesOn: string | null } {
  const ends = addMonths(day, months);
  if (today < day) return { counts: false, changesOn: day };
  if (today < ends) return { counts: true, changesOn: ends };
  return { counts: false, changesOn: null };
}

function firstDay(days: (string | null)[]): string | null {
  let first: string | null = null;
  for (const d of days) if (d && (!first || d < first)) first = d;
  return first;
}

function evidenceOf(kind: string, ids: number[]): CreditEvidence[] {
  return ids.map((id) => ({ kind, id: String(id) }));
}

/** COM_NEGATIVE_REVIEW_PERCENT: low reviews among visible and hidden ones (flagged malicious ones are not reviews). */
function negativeReviews(reviews: ConsumerReview[], today: string): Derived {
  const dated = reviews.map((r) => ({ review: r, ...lookBack(chinaToday(r.postedAt), NEGATIVE_REVIEW_WINDOW_MONTHS, today) }));
  const counted = dated.filter((d) => d.counts);
  const isLow = (r: ConsumerReview) => r.rating <= LOW_REVIEW_MAXIMUM_RATING;
  const low = counted
    .map((d) => d.review)
    .filter(isLow)
    .sort((a, b) => b.postedAt.getTime() - a.postedAt.getTime() || b.id - a.id);
  const enough = counted.length >= NEGATIVE_REVIEW_MINIMUM_COUNT;
  const value = enough ? Math.round((low.length * 1000) / counted.length) / 10 : 0;
  const upcoming = dated.filter((d) => !d.counts && d.changesOn);
  // Time alone changes the share only while a low review is or will be in the window, and only when reviews leaving can
  // change it (enough of them now) or reviews dated later enter it.
  const canChange = dated.some((d) => d.changesOn && isLow(d.review)) && (enough || upcoming.length > 0);
  return {
    found: {
      COM_NEGATIVE_REVIEW_PERCENT: { value, evidence: value > 0 ? evidenceOf('CONSUMER_REVIEW', low.map((r) => r.id)) : [] },
    },
    changesOn: canChange ? firstDay((enough ? dated : upcoming).map((d) => d.changesOn)) : null,
  };
}

/**
 * COM_PLATFORM_EVALUATION_LOW / _HIGH: each platform's latest evaluation in the look-back, by its grade under that
 * platform's own credit evaluation rules in force on the evaluation date (an ungraded one counts as neither).
 */
function platformEvaluations(
  evaluations: OperatorCreditEvaluation[],
  rulesOf: ReadonlyMap<string, PlatformEvaluationRulesVersion[]>,
  today: string,
): Derived {
  const latest = new Map<string, OperatorCreditEvaluation>();
  const changes: (string | null)[] = [];
  for (const e of evaluations) {
    const window = lookBack(e.evaluatedOn, PLATFORM_EVALUATION_WINDOW_MONTHS, today);
    // One dated later starts to count on its day (it becomes the platform's latest).
    if (!window.counts) changes.push(window.changesOn);
    if (!window.counts || !e.platformId) continue;
    const before = latest.get(e.platformId);
    if (!before || e.evaluatedOn > before.evaluatedOn || (e.evaluatedOn === before.evaluatedOn && e.id > before.id)) {
      latest.set(e.platformId, e);
    }
  }
  const newestFirst = [...latest.values()].sort((a, b) => b.evaluatedOn.localeCompare(a.evaluatedOn) || b.id - a.id);
  const gradeOf = (e: OperatorCreditEvaluation) => evaluateCredit(e, e.evaluatedOn, rulesOf.get(e.platformId!) ?? [])?.grade;
  const low = newestFirst.filter((e) => LOW_EVALUATION_GRADES.some((g) => g === gradeOf(e)));
  const high = newestFirst.filter((e) => HIGH_EVALUATION_GRADES.some((g) => g === gradeOf(e)));
  for (const e of [...low, ...high]) changes.push(addMonths(e.evaluatedOn, PLATFORM_EVALUATION_WINDOW_MONTHS));
  return {
    found: {
      COM_PLATFORM_EVALUATION_LOW: { value: low.length, evidence: evidenceOf('OPERATOR_CREDIT_EVALUATION', low.map((e) => e.id)) },
      COM_PLATFORM_EVALUATION_HIGH: { value: high.length, evidence: evidenceOf('OPERATOR_CREDIT_EVALUATION', high.map((e) => e.id)) },
    },
    changesOn: firstDay(changes),
  };
}

/** COM_ADVANCE_COMPENSATION_PAID: claims the platform paid (and may have recovered), by payment day. */
function advanceCompensations(claims: AdvanceCompensationClaim[], today: string): Derived {
  const dated = claims
    .filter((c) => c.paidOn)
    .map((c) => ({ claim: c, ...lookBack(c.paidOn!, ADVANCE_COMPENSATION_WINDOW_MONTHS, today) }));
  const paid = dated
    .filter((d) => d.counts)
    .map((d) => d.claim)
    .sort((a, b) => b.paidOn!.localeCompare(a.paidOn!) || b.id - a.id);
  return {
    found: {
      COM_ADVANCE_COMPENSATION_PAID: { value: paid.length, evidence: evidenceOf('ADVANCE_COMPENSATION_CLAIM', paid.map((c) => c.id)) },
    },
    changesOn: firstDay(dated.map((d) => d.changesOn)),
  };
}

/** COM_PLATFORM_COMPLAINTS_UPHELD: complaints resolved UPHELD or PARTIALLY_UPHELD, by day resolved. */
function upheldComplaints(complaints: PlatformComplaint[], today: string): Derived {
  const dated = complaints.map((c) => ({ complaint: c, ...lookBack(c.resolvedOn!, PLATFORM_COMPLAINT_WINDOW_MONTHS, today) }));
  const upheld = dated
    .filter((d) => d.counts)
    .map((d) => d.complaint)
    .sort((a, b) => b.resolvedOn!.localeCompare(a.resolvedOn!) || b.id - a.id);
  return {
    found: {
      COM_PLATFORM_COMPLAINTS_UPHELD: { value: upheld.length, evidence: evidenceOf('PLATFORM_COMPLAINT', upheld.map((c) => c.id)) },
    },
    changesOn: firstDay(dated.map((d) => d.changesOn)),
  };
}

const LIST_FACTORS: Record<CommerceListKind, string> = {
  [CommerceListKind.JOINT_PUNISHMENT]: 'COM_JOINT_PUNISHMENT_LIST',
  [CommerceListKind.KEY_ATTENTION]: 'COM_KEY_ATTENTION_LIST',
};

/** COM_JOINT_PUNISHMENT_LIST / COM_KEY_ATTENTION_LIST: 1 while listed, by the ministry list rules (listing periods). */
function ministryLists(entries: CommerceListEntry[], today: string): Derived {
  const found: Found = {};
  const changes: (string | null)[] = [];
  const newestFirst = [...entries].sort((a, b) => b.listedOn.localeCompare(a.listedOn) || b.id - a.id);
  for (const kind of Object.values(CommerceListKind)) {
    const listed = newestFirst.filter((e) => e.listKind === kind && e.isListedOn(today));
    found[LIST_FACTORS[kind]] = { value: listed.length > 0 ? 1 : 0, evidence: evidenceOf('COMMERCE_LIST_ENTRY', listed.map((e) => e.id)) };
  }
  for (const e of entries) {
    if (e.listedOn > today) changes.push(e.listedOn);
    else if (e.isListedOn(today)) changes.push(addDays(e.expiresOn, 1));
  }
  return { found, changesOn: firstDay(changes) };
}

/**
 * Commerce's credit signals of `usccs`, in six statements whatever their number: reviews, platform evaluations (and
 * the credit evaluation rules of their platforms), paid claims and upheld platform complaints of the look-backs, and
 * the list entries. Rows dated after `now` are read too: they start to count later, which sets reviewAt.
 */
export const deriveCommerceCreditSignals: DeriveCreditSignals = async (manager: EntityManager, usccs, now) => {
  const signals = new Map<string, CreditSignal>();
  if (usccs.length === 0) return signals;
  const today = chinaToday(now);
  const operators = In([...usccs]);
  // A day early: a superset of each look-back (month ends clamp); lookBack decides per row.
  const since = (months: number) => addDays(addMonths(today, -months), -1);

  const reviews = await manager.getRepository(ConsumerReview).find({
    select: { id: true, operatorUscc: true, rating: true, postedAt: true },
    where: {
      operatorUscc: operators,
      status: In([ConsumerReviewStatus.VISIBLE, ConsumerReviewStatus.HIDDEN_BY_PLATFORM]),
      postedAt: MoreThanOrEqual(new Date(chinaMidnight(since(NEGATIVE_REVIEW_WINDOW_MONTHS)))),
    },
  });
  const evaluations = await manager.getRepository(OperatorCreditEvaluation).find({
    where: {
      operatorUscc: operators,
      // Third-party and government-composite evaluations are not counted: only the platforms' own.
      evaluatorKind: OperatorCreditEvaluatorKind.PLATFORM,
      evaluatedOn: MoreThanOrEqual(since(PLATFORM_EVALUATION_WINDOW_MONTHS)),
    },
  });
  // Every platform's credit evaluation rules (a few versions per platform): one statement however many operators.
  const ruleDocuments = await manager.getRepository(PlatformRuleDocument).find({ where: { kind: PlatformRuleDocumentKind.CREDIT_EVALUATION_RULES } });
  const rulesOf = new Map<string, PlatformEvaluationRulesVersion[]>();
  for (const rules of platformEvaluationRules(ruleDocuments)) rulesOf.set(rules.platformId, [...(rulesOf.get(rules.platformId) ?? []), rules]);
  const claims = await manager.getRepository(AdvanceCompensationClaim).find({
    where: {
      operatorUscc: operators,
      status: In([AdvanceCompensationStatus.PAID_BY_PLATFORM, AdvanceCompensationStatus.RECOVERED_FROM_SELLER]),
      paidOn: MoreThanOrEqual(since(ADVANCE_COMPENSATION_WINDOW_MONTHS)),
      withdrawnOn: IsNull(), // withdrawn on an accepted objection (异议): kept, never counted
    },
  });
  const entries = await manager.getRepository(CommerceListEntry).find({ where: { operatorUscc: operators, withdrawnOn: IsNull() } });
  const complaints = await manager.getRepository(PlatformComplaint).find({
    select: { id: true, operatorUscc: true, resolvedOn: true },
    where: {
      operatorUscc: operators,
      outcome: In([...UPHELD_OUTCOMES]),
      resolvedOn: MoreThanOrEqual(since(PLATFORM_COMPLAINT_WINDOW_MONTHS)),
      withdrawnOn: IsNull(),
    },
  });

  const reviewsOf = byOperator(reviews);
  const evaluationsOf = byOperator(evaluations);
  const claimsOf = byOperator(claims);
  const entriesOf = byOperator(entries);
  const complaintsOf = byOperator(complaints);
  for (const uscc of usccs) {
    const parts = [
      negativeReviews(reviewsOf.get(uscc) ?? [], today),
      platformEvaluations(evaluationsOf.get(uscc) ?? [], rulesOf, today),
      advanceCompensations(claimsOf.get(uscc) ?? [], today),
      ministryLists(entriesOf.get(uscc) ?? [], today),
      upheldComplaints(complaintsOf.get(uscc) ?? [], today),
    ];
    const changesOn = firstDay(parts.map((p) => p.changesOn));
    const found = Object.assign({}, ...parts.map((p) => p.found)) as Found;
    // Rules are judged by the China calendar day: a window ends or starts at that day's midnight in China.
    const reviewAt = changesOn ? new Date(chinaMidnight(changesOn)) : null;
    signals.set(uscc, signalOf('commerce', uscc, now, COMMERCE_CREDIT_SIGNAL_FACTORS, found, reviewAt));
  }
  return signals;
};

/** Publishes commerce's signals through its outbox when they change (writes, seed, review sweep). */
export const commerceCreditSignals = createCreditSignalPublisher({ agency: 'commerce', derive: deriveCommerceCreditSignals });
