import { In, IsNull, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { chinaMidnight, chinaToday } from '../../shared/calendar/dates';
import { createCreditSignalPublisher } from '../../shared/credit-signal/publish';
import {
  type CreditEvidence, type CreditSignal, type DeriveCreditSignals, earliest, type FactorCatalogue, signalOf, groupBy,
} from '../../shared/credit-signal/signal';
import { EmptyParcelSignal, EmptyParcelSignalStatus } from './entities/empty-parcel-signal.entity';
import { ExpressPermit, ExpressPermitStatus } from './entities/express-permit.entity';
import { permitStatusOn } from './permit-status';
import { EMPTY_PARCEL_SIGNAL_REFERENCE } from './referrals';
import {
  CONFIRMED_EMPTY_PARCEL_WINDOW, countsOn, earliestCountingFrom, REVOKED_EXPRESS_PERMIT_WINDOW, windowEndOf,
} from './rules/credit-signal';

/** Kind of postal record an express-permit factor rests on (CreditEvidence.kind). */
export const EXPRESS_PERMIT_EVIDENCE = 'EXPRESS_PERMIT';

/**
 * Postal's factors. Postal complaints are not among them: they concern the express carriers' service, not the
 * shipping operator's credit.
 */
export const POSTAL_CREDIT_SIGNAL_FACTORS: FactorCatalogue = [
  {
    code: 'POS_EMPTY_PARCEL_CONFIRMED',
    label: 'Confirmed empty-parcel fake transactions referred to market regulation (空包刷单), 24 months',
  },
  {
    // For information only: a suspicion is not a finding, and the assessment model gives it no weight.
    code: 'POS_EMPTY_PARCEL_SUSPECTED',
    label: 'Empty-parcel signals still suspected, undecided (空包疑似), for information',
  },
  {
    code: 'POS_EXPRESS_PERMIT_REVOKED',
    label: 'Express business permit revoked (快递业务经营许可证被吊销), 36 months',
  },
];

type Found = { value: number; evidence: CreditEvidence[] };

const evidenceOf = (kind: string, ids: number[]): CreditEvidence[] => ids.map((id) => ({ kind, id: String(id) }));

/** Newest first: by the record's date, then by id. */
const newestFirst = <T extends { id: number }>(date: (r: T) => string) => (a: T, b: T) =>
  date(b).localeCompare(date(a)) || b.id - a.id;

/**
 * Postal's credit signals of `usccs` on `now`: two statements whatever their number (empty-parcel signals, revoked
 * permits), each with IN (...).
 */
export const derivePostalCreditSignals: DeriveCreditSignals = async (
  manager: EntityManager,
  usccs: readonly string[],
  now: Date,
): Promise<Map<string, CreditSignal>> => {
  const today = chinaToday(now);
  const operators = [...new Set(usccs)];
  const result = new Map<string, CreditSignal>();
  if (operators.length === 0) return result;

  const signals = await manager.getRepository(EmptyParcelSignal).find({
    select: { id: true, operatorUscc: true, status: true, raisedOn: true, decidedOn: true },
    where: [
      // Signals withdrawn on an accepted objection (异议) are kept but never counted.
      { operatorUscc: In(operators), status: EmptyParcelSignalStatus.SUSPECTED, withdrawnOn: IsNull() },
      {
        operatorUscc: In(operators),
        status: EmptyParcelSignalStatus.CONFIRMED,
        decidedOn: MoreThanOrEqual(earliestCountingFrom(CONFIRMED_EMPTY_PARCEL_WINDOW, today)),
        withdrawnOn: IsNull(),
      },
    ],
  });
  const revoked = await manager.getRepository(ExpressPermit).find({
    select: { id: true, holderUscc: true, validFrom: true, validUntil: true, revokedOn: true },
    where: {
      holderUscc: In(operators),
      revokedOn: MoreThanOrEqual(earliestCountingFrom(REVOKED_EXPRESS_PERMIT_WINDOW, today)),
      withdrawnOn: IsNull(),
    },
  });

  const signalsByOperator = groupBy(signals, (s) => s.operatorUscc);
  const revokedByHolder = groupBy(revoked, (p) => p.holderUscc);
  for (const uscc of operators) {
    // Moments at which time alone changes this operator's signal: a record starts or stops counting.
    const changes: (Date | null)[] = [];
    const track = (from: string, end: string) => {
      if (from > today) changes.push(new Date(chinaMidnight(from)));
      else if (today < end) changes.push(new Date(chinaMidnight(end)));
    };

    const own = signalsByOperator.get(uscc) ?? [];
    const confirmed = own
      .filter((s): s is EmptyParcelSignal & { decidedOn: string } => s.status === EmptyParcelSignalStatus.CONFIRMED && s.decidedOn !== null)
      .sort(newestFirst((s) => s.decidedOn));
    for (const s of confirmed) track(s.decidedOn, windowEndOf(s.decidedOn, CONFIRMED_EMPTY_PARCEL_WINDOW));
    const confirmedNow = confirmed.filter((s) => countsOn(s.decidedOn, CONFIRMED_EMPTY_PARCEL_WINDOW, today));
    const suspected = own
      .filter((s) => s.status === EmptyParcelSignalStatus.SUSPECTED)
      .sort(newestFirst((s) => s.raisedOn));

    const permits = (revokedByHolder.get(uscc) ?? [])
      .filter((p): p is ExpressPermit & { revokedOn: string } => p.revokedOn !== null)
      .sort(newestFirst((p) => p.revokedOn));
    for (const p of permits) track(p.revokedOn, windowEndOf(p.revokedOn, REVOKED_EXPRESS_PERMIT_WINDOW));
    const revokedNow = permits.filter(
      (p) => permitStatusOn(p, today) === ExpressPermitStatus.REVOKED && countsOn(p.revokedOn, REVOKED_EXPRESS_PERMIT_WINDOW, today),
    );

    const found: Record<string, Found> = {
      POS_EMPTY_PARCEL_CONFIRMED: {
        value: confirmedNow.length,
        evidence: evidenceOf(EMPTY_PARCEL_SIGNAL_REFERENCE, confirmedNow.map((s) => s.id)),
      },
      POS_EMPTY_PARCEL_SUSPECTED: {
        value: suspected.length,
        evidence: evidenceOf(EMPTY_PARCEL_SIGNAL_REFERENCE, suspected.map((s) => s.id)),
      },
      POS_EXPRESS_PERMIT_REVOKED: {
        value: revokedNow.length > 0 ? 1 : 0,
        evidence: evidenceOf(EXPRESS_PERMIT_EVIDENCE, revokedNow.map((p) => p.id)),
      },
    };
    result.set(uscc, signalOf('postal', uscc, now, POSTAL_CREDIT_SIGNAL_FACTORS, found, earliest(...changes)));
  }
  return result;
};

/** Publishes postal's credit signals through its outbox when they change (writes, seed, review sweep). */
export const postalCreditSignals = createCreditSignalPublisher({ agency: 'postal', derive: derivePostalCreditSignals });
