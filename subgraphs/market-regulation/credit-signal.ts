import { In, type EntityManager } from 'typeorm';
import { addMonths, addYears, chinaMidnight, chinaToday } from '../../shared/calendar/dates';
import { createCreditSignalPublisher } from '../../shared/credit-signal/publish';
import { type CreditEvidence, type CreditSignal, type FactorCatalogue, earliest, signalOf, byOperator} from '../../shared/credit-signal/signal';
import { AbnormalOperationListing } from './entities/abnormal-operation-listing.entity';
import { AdministrativePenalty } from './entities/administrative-penalty.entity';
import { DoubleRandomInspection } from './entities/double-random-inspection.entity';
import { Operator } from './entities/operator.entity';
import { QualitySpotCheck } from './entities/quality-spot-check.entity';
import { RegulatoryAction } from './entities/regulatory-action.entity';
import { SeriousDishonestListing } from './entities/serious-dishonest-listing.entity';
import { StorefrontDisclosureCheck } from './entities/storefront-disclosure-check.entity';
import {
  MarketRegulationActionKind, MarketRegulationPenaltySeverity, QualitySpotCheckResult,
} from './enums';
import { abnormalIsCurrent, penaltyInPublicity, publicityOf, seriousState } from './resolvers/derived';
import { MARKET_REGULATION_SIGNAL_RULES as RULES } from './rules/credit-signal';

/** Market regulation's credit signal: what its own records say about an operator (issue 9 part 1). */
export const MARKET_REGULATION_CREDIT_SIGNAL_FACTORS: FactorCatalogue = [
  { code: 'MR_YEARS_IN_OPERATION', label: 'Full years in operation since establishment (成立年限), up to 10' },
  { code: 'MR_SERIOUS_DISHONEST_LIST', label: 'On the serious illegal and dishonest list (严重违法失信名单)' },
  { code: 'MR_ABNORMAL_OPERATIONS_LIST', label: 'On the abnormal operations list (经营异常名录)' },
  { code: 'MR_PENALTIES_HEAVY', label: 'Heavier administrative penalties in publicity (较重行政处罚)' },
  { code: 'MR_PENALTIES_GENERAL', label: 'Other administrative penalties in publicity (一般行政处罚)' },
  { code: 'MR_QUALITY_SPOT_CHECKS_FAILED', label: 'Unqualified quality spot checks (抽检不合格), 24 months' },
  { code: 'MR_INSPECTIONS_WITH_FINDINGS', label: 'Double-random inspections with findings (双随机检查发现问题), 24 months' },
  { code: 'MR_DISCLOSURE_NONCOMPLIANT', label: 'Storefronts failing their latest licence-display check (未亮照亮证), 12 months' },
  { code: 'MR_REGULATORY_ACTIONS', label: 'Interviews and notices (约谈、通报), 12 months' },
];

const evidence = (kind: string, rows: { id: number }[]): CreditEvidence[] => rows.map((r) => ({ kind, id: String(r.id) }));
const midnight = (day: string | null) => (day ? new Date(chinaMidnight(day)) : null);

/** Market regulation's signals of `usccs`: eight statements whatever their number. */
export async function deriveMarketRegulationCreditSignals(
  manager: EntityManager,
  usccs: readonly string[],
  now: Date,
): Promise<Map<string, CreditSignal>> {
  const today = chinaToday(now);
  const where = { operatorUscc: In([...usccs]) };
  // One after another: a transaction's statements share one PostgreSQL client, which runs them in turn anyway
  // (pg 9 refuses a query sent while another runs).
  const operators = await manager.find(Operator, { where: { uscc: In([...usccs]) }, select: { uscc: true, establishedOn: true } });
  const serious = await manager.find(SeriousDishonestListing, { where, order: { listedOn: 'DESC', id: 'DESC' } });
  const abnormal = await manager.find(AbnormalOperationListing, { where, order: { listedOn: 'DESC', id: 'DESC' } });
  const penalties = await manager.find(AdministrativePenalty, { where, order: { decidedOn: 'DESC', id: 'DESC' } });
  const spotChecks = await manager.find(QualitySpotCheck, { where, order: { checkedOn: 'DESC', id: 'DESC' } });
  const inspections = await manager.find(DoubleRandomInspection, { where, order: { inspectedOn: 'DESC', id: 'DESC' } });
  const checks = await manager.find(StorefrontDisclosureCheck, { where, order: { checkedAt: 'DESC', id: 'DESC' } });
  const actions = await manager.find(RegulatoryAction, { where, order: { takenOn: 'DESC', id: 'DESC' } });
  const established = new Map(operators.map((o) => [o.uscc, o.establishedOn]));
  const of = {
    serious: byOperator(serious), abnormal: byOperator(abnormal), penalties: byOperator(penalties),
    spotChecks: byOperator(spotChecks), inspections: byOperator(inspections), checks: byOperator(checks),
    actions: byOperator(actions),
  };
  const spotFrom = addMonths(today, -RULES.spotCheckMonths);
  const inspectionFrom = addMonths(today, -RULES.inspectionMonths);
  const actionFrom = addMonths(today, -RULES.regulatoryActionMonths);
  const checkFrom = addMonths(today, -RULES.disclosureCheckMonths);

  const signals = new Map<string, CreditSignal>();
  for (const uscc of usccs) {
    const reviews: (Date | null)[] = [];

    const establishedOn = established.get(uscc);
    let years = 0;
    if (establishedOn && establishedOn <= today) {
      while (years < RULES.maxYearsInOperation && addYears(establishedOn, years + 1) <= today) years++;
      if (years < RULES.maxYearsInOperation) reviews.push(midnight(addYears(establishedOn, years + 1)));
    }

    const seriousNow = (of.serious.get(uscc) ?? []).filter((s) => {
      const state = seriousState(s, today);
      if (state.current) reviews.push(midnight(state.autoRemovalOn));
      return state.current;
    });
    const abnormalNow = (of.abnormal.get(uscc) ?? []).filter(abnormalIsCurrent);

    const inPublicity = (of.penalties.get(uscc) ?? []).filter((p) => {
      const current = penaltyInPublicity(p, today);
      if (current) reviews.push(midnight(publicityOf(p).publicUntil));
      else if (p.decidedOn > today) reviews.push(midnight(p.decidedOn));
      return current;
    });
    const heavy = inPublicity.filter((p) => p.severity !== MarketRegulationPenaltySeverity.ORDINARY);
    const general = inPublicity.filter((p) => p.severity === MarketRegulationPenaltySeverity.ORDINARY);

    // Rows inside a look-back window leave it when the window's start passes them.
    const within = <T>(rows: T[], dateOf: (r: T) => string, from: string, months: number) =>
      rows.filter((r) => {
        const day = dateOf(r);
        if (day < from || day > today) return false;
        reviews.push(midnight(addMonths(day, months)));
        return true;
      });
    const failedSpotChecks = within(
      (of.spotChecks.get(uscc) ?? []).filter((c) => c.result === QualitySpotCheckResult.UNQUALIFIED && c.withdrawnOn === null),
      (c) => c.checkedOn, spotFrom, RULES.spotCheckMonths,
    );
    const findings = within(
      (of.inspections.get(uscc) ?? []).filter((i) => (RULES.inspectionFindings as readonly string[]).includes(i.result)),
      (i) => i.inspectedOn, inspectionFrom, RULES.inspectionMonths,
    );
    const actionsNow = within(
      (of.actions.get(uscc) ?? []).filter((a) => a.kind !== MarketRegulationActionKind.PENALTY),
      (a) => a.takenOn, actionFrom, RULES.regulatoryActionMonths,
    );
    // A storefront is judged by its latest check (a later compliant check cures it).
    const latestPerStorefront = new Map<string, StorefrontDisclosureCheck>();
    for (const c of of.checks.get(uscc) ?? []) {
      const key = c.platformId && c.shopId ? `${c.platformId}/${c.shopId}` : c.url;
      if (!latestPerStorefront.has(key)) latestPerStorefront.set(key, c);
    }
    const noncompliant = within(
      [...latestPerStorefront.values()].filter((c) => !c.compliant),
      (c) => chinaToday(new Date(c.checkedAt)), checkFrom, RULES.disclosureCheckMonths,
    );

    signals.set(uscc, signalOf('market-regulation', uscc, now, MARKET_REGULATION_CREDIT_SIGNAL_FACTORS, {
      MR_YEARS_IN_OPERATION: { value: years },
      MR_SERIOUS_DISHONEST_LIST: { value: seriousNow.length > 0 ? 1 : 0, evidence: evidence('SERIOUS_DISHONEST_LISTING', seriousNow) },
      MR_ABNORMAL_OPERATIONS_LIST: { value: abnormalNow.length > 0 ? 1 : 0, evidence: evidence('ABNORMAL_OPERATION_LISTING', abnormalNow) },
      MR_PENALTIES_HEAVY: { value: heavy.length, evidence: evidence('ADMINISTRATIVE_PENALTY', heavy) },
      MR_PENALTIES_GENERAL: { value: general.length, evidence: evidence('ADMINISTRATIVE_PENALTY', general) },
      MR_QUALITY_SPOT_CHECKS_FAILED: { value: failedSpotChecks.length, evidence: evidence('QUALITY_SPOT_CHECK', failedSpotChecks) },
      MR_INSPECTIONS_WITH_FINDINGS: { value: findings.length, evidence: evidence('DOUBLE_RANDOM_INSPECTION', findings) },
      MR_DISCLOSURE_NONCOMPLIANT: { value: noncompliant.length, evidence: evidence('STOREFRONT_DISCLOSURE_CHECK', noncompliant) },
      MR_REGULATORY_ACTIONS: { value: actionsNow.length, evidence: evidence('REGULATORY_ACTION', actionsNow) },
    }, earliest(...reviews.filter((d) => d !== null && d > now))));
  }
  return signals;
}

/**
 * Publishes market regulation's signals. Every registered operator gets one (even with nothing on record), so every
 * operator, a new registrant included, gets an assessment and a risk class.
 */
export const marketRegulationCreditSignals = createCreditSignalPublisher({
  agency: 'market-regulation',
  derive: deriveMarketRegulationCreditSignals,
  publishEmpty: true,
});
