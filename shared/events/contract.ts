import type { EntityManager } from 'typeorm';
import type { AgencyId } from '../config/agencies';
import type { CreditSignal } from '../credit-signal/signal';

/**
 * The events that make five agencies one credit system (issue 8). This file is the contract between the
 * transport (outbox, relay, in-process bus or NATS JetStream: shared/events/) and each agency's consumers
 * (subgraphs/<agency>/events/). Events leave through an outbox written in the decision's transaction and are
 * applied by every consumer exactly once (by event id).
 */

/** Lists whose changes every agency acts on. */
export const CREDIT_LIST_KINDS = ['SERIOUS_DISHONEST', 'ABNORMAL_OPERATIONS', 'CUSTOMS_DISHONEST'] as const;
export type CreditListKind = (typeof CREDIT_LIST_KINDS)[number];

/** LISTED starts the joint measures; REMOVED (expiry, early removal, cure) and REPAIRED (credit repair) end them. */
export const CREDIT_LIST_ACTIONS = ['LISTED', 'REMOVED', 'REPAIRED'] as const;
export type CreditListAction = (typeof CREDIT_LIST_ACTIONS)[number];

/** A listing, removal or repair decision, as the deciding agency published it. */
export interface CreditListChange {
  kind: CreditListKind;
  action: CreditListAction;
  operatorUscc: string;
  /** Document number (文号) of the decision that lists, removes or repairs. */
  decisionNumber: string;
  /** Decision number of the listing a REMOVED/REPAIRED event ends (equal to decisionNumber for LISTED). */
  listingDecisionNumber: string;
  /** First day the change takes effect (YYYY-MM-DD, China time). */
  effectiveOn: string;
  /** e.g. the serious-list ground (FOOD, FALSE_ADVERTISING, ...) or the abnormal-list reason. */
  ground?: string;
  decidingAuthority?: string;
}

/** A joint measure an agency applied or lifted because of a listing: the feedback to the source (part 4). */
export interface JointMeasureChange {
  /** The agency that applies the measure (the event's source agency). */
  agency: AgencyId | `platform:${string}`;
  operatorUscc: string;
  /** Measure kind, e.g. CREDIT_FINANCING_LIMITED, GOVERNMENT_FUNDING_RESTRICTED, STRICT_CLEARANCE_REVIEW. */
  kind: string;
  /** Matters the measure restricts (answers Operator.restrictions(matter:)). */
  matters: RestrictedMatter[];
  basis: { listKind: CreditListKind; decisionNumber: string };
  action: 'APPLIED' | 'LIFTED';
  /** When it was applied or lifted (ISO date-time). */
  at: string;
}

export const RESTRICTED_MATTERS = [
  'GOVERNMENT_FUNDING',
  'GOVERNMENT_PROCUREMENT',
  'CREDIT_FINANCING',
  'CUSTOMS_FACILITATION',
  'NOTIFICATION_COMMITMENT',
  'PLATFORM_ONBOARDING',
] as const;
export type RestrictedMatter = (typeof RESTRICTED_MATTERS)[number];

/**
 * Kinds of matter one agency refers to market regulation (移送): postal's confirmed empty-parcel fake transactions
 * (刷单) and any other agency's findings of a market-regulation matter.
 */
export const REFERRAL_KINDS = [
  'EMPTY_PARCEL_FRAUD',
  'FALSE_ADVERTISING',
  'COUNTERFEIT_GOODS',
  'CONSUMER_RIGHTS',
  'UNLICENSED_OPERATION',
  'OTHER',
] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/** A matter an agency refers to market regulation (案件移送), which receives it as a case (issue 9 part 7). */
export interface Referral {
  /** The referring agency (the event's source agency). */
  fromAgency: AgencyId;
  kind: ReferralKind;
  operatorUscc: string;
  /** The referring agency's record the referral rests on, e.g. { kind: 'EMPTY_PARCEL_SIGNAL', id: '42' }. */
  reference: { kind: string; id: string };
  /** Plain-language findings, for the receiving inspector. */
  summary: string;
  /** Date of the referral (YYYY-MM-DD, China time). */
  referredOn: string;
  /**
   * A platform's violation lead about an in-platform operator (issue 10 part 4, E-Commerce Law art. 29): the platform
   * that reported it. Commerce, which keeps the platforms, forwards the lead and is `fromAgency`. Absent otherwise.
   */
  fromPlatform?: string;
}

/* ---- Objections (异议), issue 10 part 1 ---- */

/** Status of an objection: FILED while it is open, then the owning agency's decision. */
export const OBJECTION_STATUSES = ['FILED', 'ACCEPTED', 'REJECTED'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/** What an accepted objection does to the record: withdraw it (撤销) or correct it (更正). */
export const OBJECTION_CORRECTIONS = ['WITHDRAW', 'CORRECT'] as const;
export type ObjectionCorrection = (typeof OBJECTION_CORRECTIONS)[number];

/**
 * An objection against one agency's record was filed or decided. Market regulation keeps the register and emits it;
 * the owning agency (`agency`) consumes it: FILED marks the record disputed, REJECTED clears that, ACCEPTED withdraws
 * or corrects the record (never deleting it) and refreshes the agency's credit signal.
 */
export interface ObjectionChange {
  objectionId: string;
  /** The agency that owns the record and decides the objection. */
  agency: AgencyId;
  /** Evidence kind of the record, as in the credit signals (e.g. ADMINISTRATIVE_PENALTY). */
  recordKind: string;
  recordId: string;
  operatorUscc: string;
  status: ObjectionStatus;
  correction?: ObjectionCorrection;
  /** Date of the decision (YYYY-MM-DD, China time). */
  decidedOn?: string;
  reason?: string;
  /** ACCEPTED + CORRECT: the facts as corrected, recorded on the record. */
  correctedFacts?: string;
}

/* ---- Credit repair (信用修复) of another agency's record, issue 10 part 2 ---- */

/**
 * A credit repair application about a record another agency owns (a customs dishonesty finding) was decided. Market
 * regulation hosts the application and emits this in the decision's transaction; the owning agency (`agency`), whose
 * staff decided, consumes it: APPROVED ends the record by the agency's own removal (and its CreditListChange
 * REPAIRED, which ends every agency's measures); REFUSED changes nothing there.
 */
export interface CreditRepairDecision {
  applicationId: string;
  /** The agency that owns the record and decided the application. */
  agency: AgencyId;
  /** Kind of record, e.g. CUSTOMS_DISHONESTY_FINDING. */
  recordKind: string;
  recordId: string;
  operatorUscc: string;
  decision: 'APPROVED' | 'REFUSED';
  /** Date of the decision (YYYY-MM-DD, China time); an approved repair takes effect on it. */
  decidedOn: string;
  reason: string;
  /** APPROVED: number of the repair decision (信用修复决定书文号). */
  decisionNumber?: string;
}

/* ---- Qualifications customs checks cross-border roles against (issue 11) ---- */

/**
 * Qualifications another agency issues that a cross-border e-commerce role needs (跨境电子商务): postal's express
 * business permit (快递业务经营许可证) and finance's payment licence (支付业务许可证, 非银行支付机构).
 */
export const QUALIFICATION_KINDS = ['EXPRESS_PERMIT', 'PAYMENT_LICENCE'] as const;
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number];

/** The administrative decision standing against a permit or licence as recorded: IN_FORCE when there is none. */
export const QUALIFICATION_DECISIONS = ['IN_FORCE', 'SUSPENDED', 'REVOKED', 'CANCELLED'] as const;
export type QualificationDecision = (typeof QUALIFICATION_DECISIONS)[number];

/**
 * A permit or licence was recorded or changed (issued, renewed, suspended, revoked, cancelled, its revocation
 * withdrawn on an accepted objection), by the agency that issues it, in the transaction of the write. It states the
 * document as it now stands, not its status on any day: a consumer judges validity on the day it is asked with the
 * issuer's own rule (shared/qualifications/validity.ts). Customs keeps the latest of each document for its
 * cross-border check.
 */
export interface QualificationChange {
  operatorUscc: string;
  qualification: QualificationKind;
  /** Permit or licence number (许可证编号). */
  number: string;
  /** The decision standing against it; a revocation withdrawn on an accepted objection is none (IN_FORCE). */
  status: QualificationDecision;
  /** First day the decision takes effect where the issuer dates it (a permit's revocation); null otherwise (at once). */
  statusFrom: string | null;
  /** First day of validity (YYYY-MM-DD; a licence's issue date). */
  validFrom: string;
  /** Last day of validity (有效期至). */
  validUntil: string;
}

export interface EventPayloads {
  CreditListChange: CreditListChange;
  /** An agency's credit signal about an operator changed (issue 9 part 1); market regulation reassesses. */
  CreditSignalChange: CreditSignal;
  JointMeasureChange: JointMeasureChange;
  Referral: Referral;
  /** An objection filed or decided (issue 10 part 1); the owning agency marks, withdraws or corrects the record. */
  ObjectionChange: ObjectionChange;
  /** A credit repair of another agency's record decided (issue 10 part 2); the owning agency ends the record. */
  CreditRepairDecision: CreditRepairDecision;
  /** A permit or licence another agency's check needs was recorded or changed (issue 11); customs keeps it. */
  QualificationChange: QualificationChange;
}
export type EventType = keyof EventPayloads;

// A record over every event type: adding a payload type without listing it here fails to compile, so no transport that
// checks what it carries (the JetStream bus) can silently drop a new kind of event.
const EVENT_TYPE_NAMES: Record<EventType, true> = {
  CreditListChange: true,
  CreditRepairDecision: true,
  CreditSignalChange: true,
  JointMeasureChange: true,
  ObjectionChange: true,
  QualificationChange: true,
  Referral: true,
};
/** Every event type of the contract. */
export const EVENT_TYPES: readonly EventType[] = Object.keys(EVENT_TYPE_NAMES) as EventType[];

/** What travels on the bus. `id` is the idempotency key; `sequence` orders one source's events. */
export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  sourceAgency: AgencyId;
  /** Per-source outbox sequence (1, 2, ...). */
  sequence: number;
  /** When the decision was committed (ISO date-time). */
  occurredAt: string;
  payload: EventPayloads[T];
}

/** Writes an event into the agency's own outbox inside the caller's transaction (same commit as the decision). */
export type EmitEvent = <T extends EventType>(manager: EntityManager, type: T, payload: EventPayloads[T]) => Promise<EventEnvelope<T>>;

/**
 * Applies one event to the consuming agency's database. Runs inside a transaction that also records the event id
 * as processed, so a redelivered event changes nothing. `emit` writes follow-up events (feedback) into the
 * consumer's own outbox in the same transaction.
 */
export type EventHandler<T extends EventType> = (
  event: EventEnvelope<T>,
  manager: EntityManager,
  emit: (type: EventType, payload: EventPayloads[EventType]) => Promise<void>,
  context: ApplyContext,
) => Promise<void>;

/** Work a handler leaves for the end of the transaction that applies its event (and the events delivered with it). */
export interface DeferredWork {
  /** Runs once, after every event of the transaction was handled, before it commits; a failure rolls all back. */
  flush(): Promise<void>;
}

/**
 * What the consumer's transaction offers its handlers besides the manager. A consumer applies the events delivered
 * together (a relay's batch) in one transaction, event after event in their order, so a handler may leave
 * recomputation that only the final state decides (e.g. an operator's assessment from the signals held) to
 * `deferred`: one piece of work per key and transaction, however many of its events asked for it.
 */
export interface ApplyContext {
  /** The work registered under `key` in this transaction, created on first use; flushed in order of creation. */
  deferred<W extends DeferredWork>(key: string, create: () => W): W;
}

/** A subgraph's consumers, by event type (a subgraph consumes its own events too: one code path). */
export type EventHandlers = { [T in EventType]?: EventHandler<T> };
