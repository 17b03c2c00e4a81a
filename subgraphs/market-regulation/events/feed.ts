import DataLoader from 'dataloader';
import { DataSource, EntityManager, In } from 'typeorm';
import { AGENCIES } from '../../../shared/config/agencies';
import { lockForWrite } from '../../../shared/database/duplicates';
import {
  CREDIT_LIST_ACTIONS, CREDIT_LIST_KINDS, EventEnvelope, JointMeasureChange, RestrictedMatter,
} from '../../../shared/events/contract';
import { CreditListAcknowledgement } from '../entities/credit-list-acknowledgement.entity';
import { CreditListChangeRecord } from '../entities/credit-list-change.entity';
import { PlatformRegistration } from '../entities/platform-registration.entity';
import { PlatformRestriction, PlatformRestrictionKind } from '../entities/platform-restriction.entity';
import { chinaMidnight } from '../../../shared/calendar/dates';

/*
 * The push to platforms and integrators (issue 8, part 6): market regulation keeps every CreditListChange it
 * consumes, from every source agency, as one pull feed; recipients acknowledge what they received; platforms
 * report the restrictions they applied.
 */

/** Appends to the feed take this lock, so positions become visible in order and a reader never skips one. */
const FEED_LOCK = 'market-regulation:credit-list-feed';

/** A malformed event is refused loudly rather than stored half-true (the transport keeps it for inspection). */
function checkChange(event: EventEnvelope<'CreditListChange'>): void {
  const p = event.payload;
  const faults: string[] = [];
  const text = (value: unknown, name: string, max: number) => {
    if (typeof value !== 'string' || value.trim() === '' || value.length > max) faults.push(`${name} must be 1-${max} characters`);
  };
  text(event.id, 'id', 64);
  if (!AGENCIES.includes(event.sourceAgency)) faults.push(`sourceAgency "${String(event.sourceAgency)}" is not an agency`);
  if (!Number.isSafeInteger(event.sequence) || event.sequence < 1) faults.push('sequence must be a positive integer');
  if (Number.isNaN(Date.parse(event.occurredAt))) faults.push('occurredAt must be an ISO date-time');
  if (!CREDIT_LIST_KINDS.includes(p.kind)) faults.push(`kind "${String(p.kind)}" is unknown`);
  if (!CREDIT_LIST_ACTIONS.includes(p.action)) faults.push(`action "${String(p.action)}" is unknown`);
  if (typeof p.operatorUscc !== 'string' || p.operatorUscc.length !== 18) faults.push('operatorUscc must have 18 characters');
  text(p.decisionNumber, 'decisionNumber', 80);
  text(p.listingDecisionNumber, 'listingDecisionNumber', 80);
  if (p.action === 'LISTED' && p.listingDecisionNumber !== p.decisionNumber) faults.push('a LISTED change is its own listing decision');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.effectiveOn ?? '')) faults.push('effectiveOn must be YYYY-MM-DD');
  if (p.ground !== undefined && p.ground !== null) text(p.ground, 'ground', 60);
  if (p.decidingAuthority !== undefined && p.decidingAuthority !== null) text(p.decidingAuthority, 'decidingAuthority', 100);
  if (faults.length > 0) throw new Error(`CreditListChange ${String(event.id)} refused: ${faults.join('; ')}`);
}

/**
 * The feed's consumer of CreditListChange (every source, market regulation's own included): stores the change in
 * arrival order. Runs in the transport's transaction; an event already in the feed changes nothing.
 */
export async function recordCreditListChangeInFeed(event: EventEnvelope<'CreditListChange'>, manager: EntityManager): Promise<void> {
  checkChange(event);
  await lockForWrite(manager, FEED_LOCK);
  const repo = manager.getRepository(CreditListChangeRecord);
  if (await repo.existsBy({ eventId: event.id })) return;
  const p = event.payload;
  await repo.insert({
    eventId: event.id,
    sourceAgency: event.sourceAgency,
    sequence: event.sequence,
    kind: p.kind,
    action: p.action,
    operatorUscc: p.operatorUscc,
    decisionNumber: p.decisionNumber,
    listingDecisionNumber: p.listingDecisionNumber,
    effectiveOn: p.effectiveOn,
    ground: p.ground ?? null,
    decidingAuthority: p.decidingAuthority ?? null,
    occurredAt: new Date(event.occurredAt),
    receivedAt: new Date(),
  });
}

/** The organisation an acknowledgement is recorded for: an agency id, or `platform:<id>`. */
export function platformRecipient(platformId: string): string {
  return `platform:${platformId}`;
}

/**
 * Who is expected to receive the feed: the five agencies, every platform in market regulation's platform registry
 * (platforms report their in-platform operators here by law, so these are the platforms market regulation
 * supervises; read locally, so deliveries do not depend on commerce being up), and every other platform that has
 * acknowledged the feed (it has shown it consumes it).
 */
export async function expectedRecipients(db: DataSource | EntityManager): Promise<string[]> {
  // One after another: `db` may be a transaction's manager, whose statements share one PostgreSQL client (pg 9
  // refuses a query sent while another runs).
  const registered = await db.getRepository(PlatformRegistration).createQueryBuilder('r')
    .select('DISTINCT r.platformId', 'platformId')
    .getRawMany<{ platformId: string }>();
  const acknowledged = await db.getRepository(CreditListAcknowledgement).createQueryBuilder('a')
    .select('DISTINCT a.recipient', 'recipient')
    .getRawMany<{ recipient: string }>();
  const platforms = new Set([
    ...registered.map((r) => platformRecipient(r.platformId)),
    ...acknowledged.map((a) => a.recipient).filter((r) => r.startsWith('platform:')),
  ]);
  return [...AGENCIES, ...[...platforms].sort()];
}

export interface Delivery {
  recipient: string;
  acknowledgedAt: Date | null;
}

/**
 * Deliveries per feed position, for one request: every expected recipient with the time it first acknowledged a
 * position at or after this one. Three statements per batch of changes, whatever the page size.
 */
export function createDeliveriesLoader(db: DataSource): DataLoader<number, Delivery[]> {
  return new DataLoader<number, Delivery[]>(async (positions) => {
    const recipients = await expectedRecipients(db);
    // The first acknowledgement covering each position: the smallest acknowledged position at or after it.
    const covering = await db
      .getRepository(CreditListChangeRecord)
      .createQueryBuilder('c')
      .innerJoin(CreditListAcknowledgement, 'a', 'a.upToPosition >= c.position')
      .select('c.position', 'position')
      .addSelect('a.recipient', 'recipient')
      .addSelect('MIN(a.upToPosition)', 'upTo')
      .where('c.position IN (:...positions)', { positions: [...positions] })
      .groupBy('c.position')
      .addGroupBy('a.recipient')
      .getRawMany<{ position: number | string; recipient: string; upTo: number | string }>();
    const acks = covering.length === 0 ? [] : await db.getRepository(CreditListAcknowledgement).find({
      where: { recipient: In([...new Set(covering.map((c) => c.recipient))]), upToPosition: In([...new Set(covering.map((c) => Number(c.upTo)))]) },
    });
    const ackAt = new Map(acks.map((a) => [`${a.recipient} ${a.upToPosition}`, a.acknowledgedAt]));
    const byPosition = new Map<number, Map<string, Date>>();
    for (const c of covering) {
      const at = ackAt.get(`${c.recipient} ${Number(c.upTo)}`);
      if (!at) continue;
      const forPosition = byPosition.get(Number(c.position)) ?? new Map<string, Date>();
      forPosition.set(c.recipient, at);
      byPosition.set(Number(c.position), forPosition);
    }
    return positions.map((position) => {
      const acknowledged = byPosition.get(position) ?? new Map<string, Date>();
      const all = [...recipients, ...[...acknowledged.keys()].filter((r) => !recipients.includes(r))];
      return all.map((recipient) => ({ recipient, acknowledgedAt: acknowledged.get(recipient) ?? null }));
    });
  });
}

export interface AcknowledgementState {
  recipient: string;
  /** Highest acknowledged position, null before the first acknowledgement. */
  upToPosition: number | null;
  acknowledgedAt: Date | null;
  /** Changes in the feed after the acknowledged position. */
  pendingCount: number;
}

export async function acknowledgementState(db: DataSource | EntityManager, recipient: string): Promise<AcknowledgementState> {
  const latest = await db.getRepository(CreditListAcknowledgement).findOne({ where: { recipient }, order: { upToPosition: 'DESC' } });
  const pending = db.getRepository(CreditListChangeRecord).createQueryBuilder('c');
  if (latest) pending.where('c.position > :upTo', { upTo: latest.upToPosition });
  return {
    recipient,
    upToPosition: latest?.upToPosition ?? null,
    acknowledgedAt: latest?.acknowledgedAt ?? null,
    pendingCount: await pending.getCount(),
  };
}

/**
 * Records that `recipient` has received the feed up to `position` (an existing feed position). Monotonic: an
 * acknowledgement at or below the recipient's current one changes nothing.
 */
export async function acknowledgeFeed(db: DataSource, recipient: string, position: number, at: Date): Promise<AcknowledgementState> {
  await db.transaction(async (m) => {
    // One acknowledgement at a time per recipient, so "moves forward" is judged against the committed state.
    await lockForWrite(m, `market-regulation:credit-list-ack:${recipient}`);
    const repo = m.getRepository(CreditListAcknowledgement);
    const current = await repo.findOne({ where: { recipient }, order: { upToPosition: 'DESC' } });
    if (current && current.upToPosition >= position) return;
    await repo.insert({ recipient, upToPosition: position, acknowledgedAt: at });
  });
  return acknowledgementState(db, recipient);
}

/** Kind of joint measure a platform restriction is, in the vocabulary of JointMeasureChange.kind. */
const MEASURE_KIND: Record<PlatformRestrictionKind, string> = {
  [PlatformRestrictionKind.RESTRICTED_ONBOARDING]: 'PLATFORM_ONBOARDING_RESTRICTED',
  [PlatformRestrictionKind.RESTRICTED_LISTING]: 'PLATFORM_LISTING_RESTRICTED',
  [PlatformRestrictionKind.RESTRICTED_PROMOTION]: 'PLATFORM_PROMOTION_RESTRICTED',
};
/** Matters of Operator.restrictions(matter:) a platform restriction answers (listing and promotion have none). */
const MEASURE_MATTERS: Record<PlatformRestrictionKind, RestrictedMatter[]> = {
  [PlatformRestrictionKind.RESTRICTED_ONBOARDING]: ['PLATFORM_ONBOARDING'],
  [PlatformRestrictionKind.RESTRICTED_LISTING]: [],
  [PlatformRestrictionKind.RESTRICTED_PROMOTION]: [],
};

/**
 * The JointMeasureChange a platform restriction reports: APPLIED on `appliedOn`, LIFTED on `liftedOn`. Emitted
 * through market regulation's outbox in the transaction that records the report.
 */
export function platformRestrictionAsJointMeasure(row: PlatformRestriction, action: 'APPLIED' | 'LIFTED'): JointMeasureChange {
  const on = action === 'APPLIED' ? row.appliedOn : row.liftedOn;
  if (!on) throw new Error(`Platform restriction ${row.id} has not been lifted`);
  return {
    agency: `platform:${row.platformId}`,
    operatorUscc: row.operatorUscc,
    kind: MEASURE_KIND[row.restriction],
    matters: MEASURE_MATTERS[row.restriction],
    basis: { listKind: row.basisListKind, decisionNumber: row.basisDecisionNumber },
    action,
    at: chinaMidnight(on),
  };
}
