import { MarketRegulationPenaltySeverity, SeriousDishonestGround, SeriousRemovalCondition as R } from '../enums';
import { abnormalListDates } from './abnormal-list';
import { isHeavierPenalty, seriousListDates, seriousListRulesOn } from './serious-list';

/**
 * The rules a list decision must meet, as pure checks over plain facts. The mutations refuse a decision that
 * breaks one (BAD_USER_INPUT with these messages) and the seed test runs the same checks over the seeded data,
 * so seeded and live decisions obey one rule set.
 */

export interface PenaltyFacts {
  decisionNumber: string;
  operatorUscc: string;
  decidedOn: string;
  severity: MarketRegulationPenaltySeverity;
  performed: boolean;
  performedOn: string | null;
  restrictionUntil: string | null;
}

export interface AbnormalListingFacts {
  id: number;
  listedOn: string;
  removedOn: string | null;
}

export interface ListingProcedure {
  priorNoticeOn: string;
  statementOfDefenceDeadline: string;
  defenceHeardOn: string | null;
  /** Date of the listing decision. */
  listedOn: string;
}

/** Prior notice (事先告知) → statements and defence (陈述申辩) → decision, and no decision in the future. */
export function listingProcedureFaults(p: ListingProcedure, today: string): string[] {
  const faults: string[] = [];
  if (p.listedOn > today) faults.push(`\`listedOn\` (${p.listedOn}) must not be in the future (today is ${today})`);
  if (p.statementOfDefenceDeadline <= p.priorNoticeOn) {
    faults.push(`\`statementOfDefenceDeadline\` (${p.statementOfDefenceDeadline}) must be after \`priorNoticeOn\` (${p.priorNoticeOn})`);
  }
  if (p.listedOn <= p.priorNoticeOn) {
    faults.push(`\`listedOn\` (${p.listedOn}) must be after the prior notice (\`priorNoticeOn\` ${p.priorNoticeOn})`);
  }
  if (p.defenceHeardOn !== null) {
    if (p.defenceHeardOn < p.priorNoticeOn) {
      faults.push(`\`defenceHeardOn\` (${p.defenceHeardOn}) must not be before \`priorNoticeOn\` (${p.priorNoticeOn})`);
    }
    if (p.defenceHeardOn > p.listedOn) {
      faults.push(`\`listedOn\` (${p.listedOn}) must not be before the defence was heard (\`defenceHeardOn\` ${p.defenceHeardOn})`);
    }
  } else if (p.listedOn <= p.statementOfDefenceDeadline) {
    faults.push(
      `\`listedOn\` (${p.listedOn}) must be after the statement period ended (\`statementOfDefenceDeadline\` ${p.statementOfDefenceDeadline}) ` +
        'unless the defence was heard (`defenceHeardOn`)',
    );
  }
  return faults;
}

export interface SeriousBasis {
  operatorUscc: string;
  ground: SeriousDishonestGround;
  basisDecisionNumbers: string[];
  listedOn: string;
}

/**
 * The basis of a serious-list entry (SAMR order 44): a penalty ground rests on heavier penalties (较重行政处罚, art. 2)
 * of the operator decided by the listing date; ABNORMAL_LIST_3_YEARS rests on an abnormal listing standing 3 years.
 * `penalties`: the penalties found under the basis decision numbers; `abnormal`: the operator's abnormal listings.
 */
export function seriousBasisFaults(b: SeriousBasis, penalties: PenaltyFacts[], abnormal: AbnormalListingFacts[]): string[] {
  const rules = seriousListRulesOn(b.listedOn);
  if (rules.groundsWithoutBasisPenalty.includes(b.ground)) {
    if (b.basisDecisionNumbers.length > 0) return [`Ground ${b.ground} rests on the abnormal operations list, not on penalties`];
    const qualifying = abnormal.find(
      (a) => abnormalListDates(a.listedOn).seriousListEligibleOn <= b.listedOn && (a.removedOn === null || a.removedOn > b.listedOn),
    );
    return qualifying
      ? []
      : [`Ground ${b.ground} needs an abnormal operations listing of ${b.operatorUscc} still standing 3 years after listing on ${b.listedOn}`];
  }
  if (b.basisDecisionNumbers.length === 0) return [`Ground ${b.ground} needs at least one basis penalty in \`basisDecisionNumbers\``];
  const faults: string[] = [];
  for (const n of b.basisDecisionNumbers) {
    const p = penalties.find((x) => x.decisionNumber === n);
    if (!p || p.operatorUscc !== b.operatorUscc) {
      faults.push(`Basis penalty ${n} is not a recorded penalty of operator ${b.operatorUscc}`);
    } else if (p.decidedOn > b.listedOn) {
      faults.push(`Basis penalty ${n} was decided after \`listedOn\` (${b.listedOn})`);
    } else if (!isHeavierPenalty(p.severity, b.listedOn)) {
      faults.push(
        `Basis penalty ${n} is ${p.severity}, not a heavier penalty (较重行政处罚: ${rules.heavierSeverities.join(', ')}; ` +
          `${rules.version}, SAMR order 44 art. 2)`,
      );
    }
  }
  return faults;
}

export interface UnmetCondition {
  condition: R;
  detail: string;
}

export interface EarlyRemoval {
  listing: SeriousBasis;
  removedOn: string;
  harmRemoval: string | null;
  /** Every penalty of the operator (basis penalties and later ones). */
  operatorPenalties: PenaltyFacts[];
  /** Every abnormal operations listing of the operator. */
  abnormal: AbnormalListingFacts[];
}

/** Conditions of early removal (提前移出, SAMR order 44 art. 16-17) that `r` does not meet, each named. */
export function earlyRemovalUnmet(r: EarlyRemoval): UnmetCondition[] {
  const rules = seriousListRulesOn(r.listing.listedOn);
  const dates = seriousListDates(r.listing.listedOn);
  const basis = r.operatorPenalties.filter((p) => r.listing.basisDecisionNumbers.includes(p.decisionNumber));
  const conditions = rules.groundsWithoutBasisPenalty.includes(r.listing.ground)
    ? [...rules.earlyRemovalConditions, ...rules.earlyRemovalConditionsAbnormalGround]
    : rules.earlyRemovalConditions;
  const unmet: UnmetCondition[] = [];
  for (const condition of conditions) {
    let detail: string | null = null;
    switch (condition) {
      case R.ONE_YEAR_ON_LIST:
        if (r.removedOn < dates.earlyRemovalEligibleOn) {
          detail = `early removal is possible from ${dates.earlyRemovalEligibleOn} (1 year after listing), not on ${r.removedOn}`;
        }
        break;
      case R.BASIS_PENALTY_PERFORMED: {
        const unperformed = r.listing.basisDecisionNumbers.filter(
          (n) => !basis.some((p) => p.decisionNumber === n && p.performed && (p.performedOn ?? '') <= r.removedOn),
        );
        if (unperformed.length > 0) detail = `every basis penalty must be performed; not performed: ${unperformed.join(', ')}`;
        break;
      }
      case R.RESTRICTION_PERIOD_ENDED: {
        const running = basis.filter((p) => p.restrictionUntil !== null && p.restrictionUntil > r.removedOn);
        if (running.length > 0) {
          detail = `restriction period still running: ${running.map((p) => `${p.decisionNumber} until ${p.restrictionUntil}`).join(', ')}`;
        }
        break;
      }
      case R.HARM_REMOVED:
        if (!r.harmRemoval) detail = '`harmRemoval` must state how the harm and adverse effects were removed';
        break;
      case R.NO_NEW_HEAVIER_PENALTY: {
        const later = r.operatorPenalties.filter(
          (p) =>
            !r.listing.basisDecisionNumbers.includes(p.decisionNumber) && p.decidedOn > r.listing.listedOn &&
            p.decidedOn <= r.removedOn && isHeavierPenalty(p.severity, p.decidedOn),
        );
        if (later.length > 0) {
          detail = `heavier penalty since listing: ${later.map((p) => `${p.decisionNumber} (${p.severity}, ${p.decidedOn})`).join(', ')}`;
        }
        break;
      }
      case R.ABNORMAL_LISTINGS_CURED: {
        const standing = r.abnormal.filter((a) => a.listedOn <= r.removedOn && (a.removedOn === null || a.removedOn > r.removedOn));
        if (standing.length > 0) {
          detail = `abnormal operations listings still standing on ${r.removedOn}: ${standing.map((a) => `${a.id} (listed ${a.listedOn})`).join(', ')}`;
        }
        break;
      }
    }
    if (detail !== null) unmet.push({ condition, detail });
  }
  return unmet;
}
