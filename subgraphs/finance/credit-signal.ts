import { Brackets, type EntityManager } from 'typeorm';
import { addDays, addMonths, chinaMidnight, chinaToday } from '../../shared/calendar/dates';
import { createCreditSignalPublisher } from '../../shared/credit-signal/publish';
import {
  type CreditEvidence, type CreditSignal, type DeriveCreditSignals, earliest, type FactorCatalogue, signalOf, groupBy,
} from '../../shared/credit-signal/signal';
import { FinancingExposure, type FinancingOverdueBand } from './entities/financing-exposure.entity';
import { FinancingMeasure, FinancingMeasureStatus } from './entities/financing-measure.entity';
import { EXPOSURE_LOOKBACK_MONTHS, OVERDUE_31_TO_90_BANDS, OVERDUE_OVER_90_BANDS } from './rules/credit-signal';
import { bandOf, measureStatus } from './rules/status-rules';

/** Finance's credit signal factors, in display order; the assessment model weighs them by code. */
export const FINANCE_CREDIT_SIGNAL_FACTORS: FactorCatalogue = [
  { code: 'FIN_FINANCING_MEASURES', label: 'Joint-punishment financing measures in force (联合惩戒融资措施)' },
  {
    code: 'FIN_OVERDUE_90_DAYS',
    label: `Local financial organization types overdue more than 90 days (逾期90天以上), latest report within ${EXPOSURE_LOOKBACK_MONTHS} months`,
  },
  {
    code: 'FIN_OVERDUE_30_DAYS',
    label: `Local financial organization types overdue 31 to 90 days (逾期31至90天), latest report within ${EXPOSURE_LOOKBACK_MONTHS} months`,
  },
];

const evidence = (kind: string, id: number): CreditEvidence => ({ kind, id: String(id) });

/** The instant a China calendar day begins, as the Date a signal's reviewAt is. */
const startOfDay = (isoDate: string) => new Date(chinaMidnight(isoDate));

/**
 * The first day a measure no longer applies: the lift when it comes before the end of its period, else the day after
 * its last day (the same bounds as measureStatus).
 */
function measureStopsOn(m: FinancingMeasure): string {
  const afterEnd = addDays(m.endsOn, 1);
  return m.liftedOn && m.liftedOn < afterEnd ? m.liftedOn : afterEnd;
}

/**
 * Finance's signals: measures in force today (measureStatus ACTIVE), and per local financial organization type the
 * latest non-superseded exposure report of the look-back window, counted by its overdue band under the exposure rules
 * of its month. Two statements whatever the number of operators.
 */
export const deriveFinanceCreditSignals: DeriveCreditSignals = async (manager: EntityManager, usccs: readonly string[], now: Date) => {
  const keys = [...new Set(usccs)];
  const signals = new Map<string, CreditSignal>();
  if (keys.length === 0) return signals;
  const today = chinaToday(now);
  const firstMonth = addMonths(`${today.slice(0, 7)}-01`, -EXPOSURE_LOOKBACK_MONTHS).slice(0, 7);

  // Only measures that still apply today or will: ended and lifted ones can never count again.
  const measures = await manager
    .getRepository(FinancingMeasure)
    .createQueryBuilder('m')
    .where('m.operatorUscc IN (:...keys)', { keys })
    .andWhere('m.endsOn >= :today', { today })
    // Withdrawn on an accepted objection (异议): kept, never counted.
    .andWhere('m.withdrawnOn IS NULL')
    .andWhere(new Brackets((b) => b.where('m.liftedOn IS NULL').orWhere('m.liftedOn > :today', { today })))
    .orderBy('m.startsOn', 'DESC')
    .addOrderBy('m.id', 'DESC')
    .getMany();
  const exposures = await manager
    .getRepository(FinancingExposure)
    .createQueryBuilder('e')
    .where('e.operatorUscc IN (:...keys)', { keys })
    .andWhere('e.superseded = :no', { no: false })
    .andWhere('e.withdrawnOn IS NULL')
    .andWhere('e.reportedMonth >= :firstMonth', { firstMonth })
    .orderBy('e.reportedMonth', 'DESC')
    .addOrderBy('e.id', 'DESC')
    .getMany();

  const measuresOf = groupBy(measures, (m) => m.operatorUscc);
  const exposuresOf = groupBy(exposures, (e) => e.operatorUscc);
  for (const uscc of keys) {
    const moments: Date[] = [];

    const inForce: CreditEvidence[] = [];
    for (const m of measuresOf.get(uscc) ?? []) {
      const stopsOn = measureStopsOn(m);
      if (stopsOn <= m.startsOn) continue; // lifted before it started: it never applies
      const status = measureStatus(m, today);
      if (status === FinancingMeasureStatus.ACTIVE) inForce.push(evidence('FINANCING_MEASURE', m.id));
      if (status === FinancingMeasureStatus.PENDING) moments.push(startOfDay(m.startsOn));
      moments.push(startOfDay(stopsOn));
    }

    // Rows come newest month first: the first row of a type is its latest report in the window.
    const latestByType = new Map<string, FinancingExposure>();
    for (const row of exposuresOf.get(uscc) ?? []) if (!latestByType.has(row.orgType)) latestByType.set(row.orgType, row);
    const over90: CreditEvidence[] = [];
    const over30: CreditEvidence[] = [];
    for (const row of latestByType.values()) {
      const band: FinancingOverdueBand = bandOf(row);
      const into = OVERDUE_OVER_90_BANDS.includes(band) ? over90 : OVERDUE_31_TO_90_BANDS.includes(band) ? over30 : null;
      if (!into) continue;
      into.push(evidence('FINANCING_EXPOSURE', row.id));
      // The report leaves the window on the first day of the month after the look-back.
      moments.push(startOfDay(addMonths(`${row.reportedMonth}-01`, EXPOSURE_LOOKBACK_MONTHS + 1)));
    }

    signals.set(
      uscc,
      signalOf('finance', uscc, now, FINANCE_CREDIT_SIGNAL_FACTORS, {
        FIN_FINANCING_MEASURES: { value: inForce.length, evidence: inForce },
        FIN_OVERDUE_90_DAYS: { value: over90.length, evidence: over90 },
        FIN_OVERDUE_30_DAYS: { value: over30.length, evidence: over30 },
      }, earliest(...moments.filter((d) => d > now))),
    );
  }
  return signals;
};

/** Publishes finance's signals through its outbox when they change (writes, seed, review sweep). */
export const financeCreditSignals = createCreditSignalPublisher({ agency: 'finance', derive: deriveFinanceCreditSignals });
