import { addMonths } from '../../../shared/calendar/dates';
import { CustomsDishonestyGround as G } from '../entities/enums';
import { ruleInForce } from '../../../shared/rules/versioned';

/**
 * Credit repair (信用修复) of a customs dishonesty finding (失信企业认定), as versioned data. Customs judges an
 * application by its own rules and facts; market regulation, which hosts the application, asks customs over GraphQL
 * (Query.customsCreditRepairAssessment) and never repeats these figures.
 *
 * Order 251 art. 26 lets a dishonest enterprise that has corrected the dishonest act and removed its adverse effects
 * (纠正失信行为，消除不良影响) apply in writing once it has been a dishonest enterprise for a minimum period, which
 * depends on the ground of art. 22: 1 year (smuggling conduct, obstruction), 6 months (violation ratio), 3 months
 * (unpaid duties, unpaid fines). Grounds art. 26 does not list (smuggling crime, bribery, other) are not repaired on
 * application (art. 27-28). Order 282 (in force 2026-04-01) replaces order 251 and "improves credit repair"; its
 * articles could not be confirmed here, so its version carries order 251's figures, marked awaiting confirmation.
 */
export type CustomsCreditRepairCondition = 'MINIMUM_PERIOD_SERVED' | 'DISHONEST_ACT_CORRECTED' | 'WRITTEN_COMMITMENT';

export interface CustomsCreditRepairRules {
  version: string;
  /** First application day (ISO) the version is in force; it stays in force until the next version. */
  effectiveFrom: string;
  source: string;
  /** Months as a dishonest enterprise before an application, by ground; null: not repaired on application. */
  minimumMonths: Record<G, { months: number | null; source: string }>;
  conditions: Record<CustomsCreditRepairCondition, { statement: string; source: string }>;
}

const ORDER_251 = '海关注册登记和备案企业信用管理办法 (海关总署令第251号, 2021)';
const ORDER_282_UNCONFIRMED = '海关总署令第282号 (2026): article awaiting confirmation';
const NOT_ON_APPLICATION = (ground: string) => ({
  months: null,
  source: `${ORDER_251} art. 26 lists no period for ${ground} (art. 22 (1)/(7)/(8)); art. 27-28`,
});

const minimumMonths251: CustomsCreditRepairRules['minimumMonths'] = {
  // The finding's ground does not tell a smuggling crime (art. 22 (1), not repairable on application) from smuggling
  // conduct punished by customs (art. 22 (2), 1 year): judged as the latter, awaiting confirmation of the split.
  [G.SMUGGLING]: { months: 12, source: `${ORDER_251} art. 26 (1) with art. 22 (2); crime (art. 22 (1)) not distinguished, awaiting confirmation` },
  [G.OBSTRUCTION]: { months: 12, source: `${ORDER_251} art. 26 (1) with art. 22 (6)` },
  [G.VIOLATION_RATIO]: { months: 6, source: `${ORDER_251} art. 26 (2) with art. 22 (3)` },
  [G.UNPAID_TAX]: { months: 3, source: `${ORDER_251} art. 26 (3) with art. 22 (4)` },
  [G.UNPAID_FINES]: { months: 3, source: `${ORDER_251} art. 26 (3) with art. 22 (5)` },
  [G.BRIBERY]: NOT_ON_APPLICATION('BRIBERY'),
  [G.OTHER]: NOT_ON_APPLICATION('OTHER'),
};

const conditions251: CustomsCreditRepairRules['conditions'] = {
  MINIMUM_PERIOD_SERVED: {
    statement: 'the minimum period as a dishonest enterprise for the ground of the finding has passed',
    source: `${ORDER_251} art. 26`,
  },
  DISHONEST_ACT_CORRECTED: {
    statement: 'the dishonest act is corrected and its adverse effects removed (纠正失信行为，消除不良影响), stated with the evidence',
    source: `${ORDER_251} art. 26; GACC notice implementing order 251 (2021) item 6, materials: penalty performed, duties paid (notice number awaiting confirmation)`,
  },
  WRITTEN_COMMITMENT: {
    statement: 'a written application with a credit commitment (信用修复申请书 / 信用承诺书)',
    source: `${ORDER_251} art. 26 (书面申请); commitment: 国办发〔2020〕49号, awaiting confirmation for customs`,
  },
};

export const CUSTOMS_CREDIT_REPAIR_RULES: readonly CustomsCreditRepairRules[] = [
  {
    version: 'GACC-ORDER-251-REPAIR',
    effectiveFrom: '2021-11-01',
    source: `${ORDER_251} art. 22, 26-28`,
    minimumMonths: minimumMonths251,
    conditions: conditions251,
  },
  {
    version: 'GACC-ORDER-282-REPAIR',
    effectiveFrom: '2026-04-01',
    source: `${ORDER_282_UNCONFIRMED}; figures carried over from ${ORDER_251} art. 26`,
    minimumMonths: Object.fromEntries(
      Object.entries(minimumMonths251).map(([g, m]) => [g, { ...m, source: `${ORDER_282_UNCONFIRMED}; as ${m.source}` }]),
    ) as CustomsCreditRepairRules['minimumMonths'],
    conditions: Object.fromEntries(
      Object.entries(conditions251).map(([c, v]) => [c, { ...v, source: `${ORDER_282_UNCONFIRMED}; as ${v.source}` }]),
    ) as CustomsCreditRepairRules['conditions'],
  },
];

/** The version in force on `isoDate` (the first version for earlier dates: the oldest rules known). */
export function customsCreditRepairRulesOn(
  isoDate: string,
  versions: readonly CustomsCreditRepairRules[] = CUSTOMS_CREDIT_REPAIR_RULES,
): CustomsCreditRepairRules {
  return ruleInForce(versions, isoDate);
}

export interface CustomsRepairConditionResult {
  condition: CustomsCreditRepairCondition;
  /** Rule version and what it requires, e.g. "GACC-ORDER-282-REPAIR: 3 months after the finding for UNPAID_TAX". */
  rule: string;
  met: boolean;
  /** First day the condition is (or will be) met; null when no date will meet it. */
  metFrom: string | null;
  detail: string | null;
}

export interface CustomsRepairAssessment {
  rulesVersion: string;
  conditions: CustomsRepairConditionResult[];
  eligible: boolean;
}

export interface FindingRepairFacts {
  ground: G;
  foundOn: string;
}

/** The conditions of repairing one standing finding on `today`, under the rules in force that day. */
export function assessFindingRepair(
  finding: FindingRepairFacts,
  application: { commitment: string; performanceEvidence: string | null },
  today: string,
  versions: readonly CustomsCreditRepairRules[] = CUSTOMS_CREDIT_REPAIR_RULES,
): CustomsRepairAssessment {
  const rules = customsCreditRepairRulesOn(today, versions);
  const period = rules.minimumMonths[finding.ground];
  const from = period.months === null ? null : addMonths(finding.foundOn, period.months);
  const evidence = Boolean(application.performanceEvidence?.trim());
  const commitment = application.commitment.trim().length > 0;
  const conditions: CustomsRepairConditionResult[] = [
    {
      condition: 'MINIMUM_PERIOD_SERVED',
      rule: period.months === null
        ? `${rules.version}: no repair on application for ${finding.ground} (${period.source})`
        : `${rules.version}: ${period.months} months after the finding for ${finding.ground} (${period.source})`,
      met: from !== null && from <= today,
      metFrom: from,
      detail: from === null ? `a finding on the ground ${finding.ground} is not repaired on application` : null,
    },
    {
      condition: 'DISHONEST_ACT_CORRECTED',
      rule: `${rules.version}: ${rules.conditions.DISHONEST_ACT_CORRECTED.statement}`,
      met: evidence,
      metFrom: evidence ? today : null,
      detail: evidence ? null : '`performanceEvidence` must state how the dishonest act was corrected',
    },
    {
      condition: 'WRITTEN_COMMITMENT',
      rule: `${rules.version}: ${rules.conditions.WRITTEN_COMMITMENT.statement}`,
      met: commitment,
      metFrom: commitment ? today : null,
      detail: commitment ? null : '`commitment` is empty',
    },
  ];
  return { rulesVersion: rules.version, conditions, eligible: conditions.every((c) => c.met) };
}
