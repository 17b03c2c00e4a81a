import { SeriousRemovalCondition as R } from '../enums';
import { earlyRemovalUnmet, type AbnormalListingFacts, type PenaltyFacts as ListPenaltyFacts } from './list-decisions';
import { penaltyPublicity, PENALTY_PUBLICITY_RULES, type PenaltyFacts as PublicityFacts } from './penalty-publicity';
import { seriousListDates, seriousListRulesOn } from './serious-list';
import { ruleInForce, SourcedRuleVersion } from '../../../shared/rules/versioned';
import type { SeriousDishonestGround } from '../enums';

/**
 * Credit repair (信用修复): which conditions an application must meet, per kind of record. The minimum periods are
 * not repeated here: a penalty's comes from the publicity rules (PENALTY_PUBLICITY_RULES.repairAfterMonths, by field
 * of law) and a serious-list entry's from the serious-list rules (earlyRemovalAfterYears), so one figure has one home.
 */
export interface CreditRepairRules extends SourcedRuleVersion {
  /** What each condition requires and where it comes from, shown with every condition of an application. */
  conditions: Record<CreditRepairCondition, { statement: string; source: string }>;
  /** Conditions of ending a penalty's publicity early (提前停止公示). */
  penaltyConditions: CreditRepairCondition[];
  /** Conditions of removing an abnormal operations listing on repair (移出经营异常名录). */
  abnormalConditions: CreditRepairCondition[];
}

/** Conditions of an application; the serious list's early-removal conditions keep their own names. */
export type CreditRepairCondition =
  | 'PUBLICITY_PERIOD_SERVED'
  | 'PENALTY_PERFORMED'
  | 'NO_REPEAT_VIOLATION'
  | 'WRITTEN_COMMITMENT'
  | 'FAULT_CURED'
  | R;

const REPAIR_RULES_2021 = '市场监督管理信用修复管理办法 (国市监信规〔2021〕3号), article awaiting confirmation';

export const CREDIT_REPAIR_RULES: readonly CreditRepairRules[] = [
  {
    version: 'SAMR-CREDIT-REPAIR-2021.1',
    effectiveFrom: '2021-09-01',
    source: `${REPAIR_RULES_2021}; 市场监督管理行政处罚信息公示规定 (SAMR order 45, 2021); 严重违法失信名单管理办法 (SAMR order 44, 2021) art. 16-17`,
    conditions: {
      PUBLICITY_PERIOD_SERVED: {
        statement: 'the minimum publicity period before repair has passed',
        source: 'PENALTY_PUBLICITY_RULES.repairAfterMonths (SAMR order 45; 信用修复管理办法)',
      },
      PENALTY_PERFORMED: {
        statement: 'the obligations of the penalty decision are performed in full (履行完毕)',
        source: `SAMR order 45 art. 16 (1), article awaiting confirmation; ${REPAIR_RULES_2021}`,
      },
      NO_REPEAT_VIOLATION: {
        statement: 'no new penalty for the same type of violation (同一类违法行为) since the decision',
        source: `SAMR order 45 art. 16 (3), article awaiting confirmation; ${REPAIR_RULES_2021}`,
      },
      WRITTEN_COMMITMENT: {
        statement: 'a written public credit commitment (信用承诺书) is given',
        source: REPAIR_RULES_2021,
      },
      FAULT_CURED: {
        statement: 'the fault that caused the listing is cured (e.g. the annual report filed, the address reachable)',
        source: `企业经营异常名录管理暂行办法 (2014) art. 11-14; ${REPAIR_RULES_2021}`,
      },
      [R.ONE_YEAR_ON_LIST]: { statement: 'one year on the list', source: 'SAMR order 44 art. 16; SERIOUS_LIST_RULES.earlyRemovalAfterYears' },
      [R.BASIS_PENALTY_PERFORMED]: { statement: 'every basis penalty performed', source: 'SAMR order 44 art. 16' },
      [R.RESTRICTION_PERIOD_ENDED]: { statement: 'no restriction period imposed by law still running', source: 'SAMR order 44 art. 16' },
      [R.HARM_REMOVED]: { statement: 'the harm and adverse effects removed, stated in the evidence', source: 'SAMR order 44 art. 16' },
      [R.NO_NEW_HEAVIER_PENALTY]: { statement: 'no new heavier penalty since listing', source: 'SAMR order 44 art. 16' },
      [R.ABNORMAL_LISTINGS_CURED]: { statement: 'the abnormal operations listings cured', source: 'SAMR order 44 art. 17' },
    },
    penaltyConditions: ['PUBLICITY_PERIOD_SERVED', 'PENALTY_PERFORMED', 'NO_REPEAT_VIOLATION', 'WRITTEN_COMMITMENT'],
    abnormalConditions: ['FAULT_CURED', 'WRITTEN_COMMITMENT'],
  },
];

export function creditRepairRulesOn(date: string, versions = CREDIT_REPAIR_RULES): CreditRepairRules {
  return ruleInForce(versions, date);
}

/** One condition of an application as the operator sees it. */
export interface ConditionResult {
  condition: CreditRepairCondition;
  /** Rule version and what it requires, e.g. "SAMR-PENALTY-PUBLICITY-2021.1: 12 months after the decision for FOOD". */
  rule: string;
  met: boolean;
  /** First day the condition is (or will be) met; null when no date will meet it. */
  metFrom: string | null;
  detail: string | null;
}

export interface RepairAssessment {
  rulesVersion: string;
  conditions: ConditionResult[];
  eligible: boolean;
}

/** Why an assessment is ineligible, naming each unmet rule and the date that would meet it. */
export function ineligibilityReason(a: RepairAssessment): string {
  return a.conditions
    .filter((c) => !c.met)
    .map((c) => (c.metFrom ? `repairable from ${c.metFrom} (${c.rule})` : `${c.condition} not met (${c.rule}${c.detail ? `: ${c.detail}` : ''})`))
    .join('; ');
}

function assessment(rules: CreditRepairRules, conditions: ConditionResult[]): RepairAssessment {
  return { rulesVersion: rules.version, conditions, eligible: conditions.every((c) => c.met) };
}

function ruleText(rules: CreditRepairRules, c: CreditRepairCondition, version = rules.version, statement?: string): string {
  return `${version}: ${statement ?? rules.conditions[c].statement}`;
}

/** The latest of some dates, or null when one is unknown. */
function latest(dates: (string | null)[], floor: string): string | null {
  return dates.reduce<string | null>((a, b) => (a === null || b === null ? null : a > b ? a : b), floor);
}

export interface PenaltyRepairFacts extends PublicityFacts {
  decisionNumber: string;
  violationType: string;
  performed: boolean;
  performedOn: string | null;
}

/** The operator's other penalties, for the repeat rule. */
export interface OtherPenalty {
  decisionNumber: string;
  violationType: string;
  decidedOn: string;
}

/**
 * Ending a penalty's publicity early. Call only for a penalty whose publicity can be repaired (published, with a
 * repairableFrom date); `today` is the day of the application (or of the decision on it).
 */
export function assessPenaltyRepair(
  penalty: PenaltyRepairFacts,
  others: OtherPenalty[],
  commitment: string,
  today: string,
): RepairAssessment {
  const rules = creditRepairRulesOn(today);
  const pub = penaltyPublicity(penalty);
  const publicity = ruleInForce(PENALTY_PUBLICITY_RULES, penalty.decidedOn);
  const conditions = rules.penaltyConditions.map((c): ConditionResult => {
    switch (c) {
      case 'PUBLICITY_PERIOD_SERVED': {
        const from = pub.repairableFrom;
        const months = publicity.repairAfterMonths[penalty.lawField];
        return {
          condition: c,
          rule: ruleText(rules, c, pub.rulesVersion, `${months} months after the decision for ${penalty.lawField}`),
          met: from !== null && from <= today,
          metFrom: from,
          detail: from === null ? 'publicity of this penalty cannot be ended early' : null,
        };
      }
      case 'PENALTY_PERFORMED': {
        const met = penalty.performed && penalty.performedOn !== null && penalty.performedOn <= today;
        return {
          condition: c, rule: ruleText(rules, c), met, metFrom: met ? penalty.performedOn : null,
          detail: met ? null : `penalty ${penalty.decisionNumber} is not recorded as performed`,
        };
      }
      case 'NO_REPEAT_VIOLATION': {
        const repeats = others.filter(
          (o) => o.decisionNumber !== penalty.decisionNumber && o.violationType === penalty.violationType &&
            o.decidedOn > penalty.decidedOn && o.decidedOn <= today,
        );
        return {
          condition: c, rule: ruleText(rules, c), met: repeats.length === 0, metFrom: repeats.length === 0 ? penalty.decidedOn : null,
          detail: repeats.length === 0 ? null : `same violation type "${penalty.violationType}" penalised again: ${repeats.map((r) => `${r.decisionNumber} (${r.decidedOn})`).join(', ')}`,
        };
      }
      default:
        return commitmentCondition(rules, commitment, today);
    }
  });
  return assessment(rules, conditions);
}

/** The application itself refuses a missing commitment (BAD_USER_INPUT); given, it is met from the day it is given. */
function commitmentCondition(rules: CreditRepairRules, commitment: string, today: string): ConditionResult {
  const met = commitment.trim().length > 0;
  return {
    condition: 'WRITTEN_COMMITMENT', rule: ruleText(rules, 'WRITTEN_COMMITMENT'), met, metFrom: met ? today : null,
    detail: met ? null : '`commitment` is empty',
  };
}

export interface SeriousRepairFacts {
  operatorUscc: string;
  ground: SeriousDishonestGround;
  basisDecisionNumbers: string[];
  listedOn: string;
}

/**
 * Early removal of a serious-list entry on repair: the early-removal conditions of SAMR order 44 (the same check as
 * `removeFromSeriousDishonestList`), each with the date it is met from, and a written commitment.
 */
export function assessSeriousRepair(
  listing: SeriousRepairFacts,
  operatorPenalties: ListPenaltyFacts[],
  abnormal: AbnormalListingFacts[],
  performanceEvidence: string | null,
  commitment: string,
  today: string,
): RepairAssessment {
  const rules = creditRepairRulesOn(today);
  const list = seriousListRulesOn(listing.listedOn);
  const dates = seriousListDates(listing.listedOn);
  const unmet = new Map(
    earlyRemovalUnmet({ listing, removedOn: today, harmRemoval: performanceEvidence, operatorPenalties, abnormal })
      .map((u) => [u.condition, u.detail]),
  );
  const basis = operatorPenalties.filter((p) => listing.basisDecisionNumbers.includes(p.decisionNumber));
  const metFromOf = (c: R): string | null => {
    switch (c) {
      case R.ONE_YEAR_ON_LIST:
        return dates.earlyRemovalEligibleOn;
      case R.BASIS_PENALTY_PERFORMED:
        return basis.length === listing.basisDecisionNumbers.length && basis.every((p) => p.performed)
          ? latest(basis.map((p) => p.performedOn), listing.listedOn)
          : null;
      case R.RESTRICTION_PERIOD_ENDED:
        return basis.reduce((d, p) => (p.restrictionUntil && p.restrictionUntil > d ? p.restrictionUntil : d), listing.listedOn);
      default:
        // Stated or recorded facts: met from today when met, no date will meet them otherwise.
        return unmet.has(c) ? null : today;
    }
  };
  const serious = (list.groundsWithoutBasisPenalty.includes(listing.ground)
    ? [...list.earlyRemovalConditions, ...list.earlyRemovalConditionsAbnormalGround]
    : list.earlyRemovalConditions
  ).map((c): ConditionResult => ({
    condition: c,
    rule: ruleText(rules, c, list.version),
    met: !unmet.has(c),
    metFrom: metFromOf(c),
    detail: unmet.get(c) ?? null,
  }));
  return assessment(rules, [...serious, commitmentCondition(rules, commitment, today)]);
}

/** Removal of an abnormal operations listing on repair: the fault cured (stated) and a written commitment. */
export function assessAbnormalRepair(performanceEvidence: string | null, commitment: string, today: string): RepairAssessment {
  const rules = creditRepairRulesOn(today);
  const conditions = rules.abnormalConditions.map((c): ConditionResult => {
    if (c !== 'FAULT_CURED') return commitmentCondition(rules, commitment, today);
    const met = Boolean(performanceEvidence?.trim());
    return {
      condition: c, rule: ruleText(rules, c), met, metFrom: met ? today : null,
      detail: met ? null : '`performanceEvidence` must state how the fault was cured',
    };
  });
  return assessment(rules, conditions);
}
