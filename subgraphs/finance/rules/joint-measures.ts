/**
 * Which financing measures finance applies when a listing reaches it on the credit-event bus, by list kind, and
 * what each restricts (answers Operator.restrictions(matter:)). Versioned like the other finance rules: a listing is
 * judged by the version in force on its effective date.
 */
import type { CreditListKind, RestrictedMatter } from '../../../shared/events/contract';
import { FinancingBasisListKind, FinancingMeasureKind } from '../entities/financing-measure.entity';
import { RuleVersion } from '../../../shared/rules/versioned';

export interface FinanceJointMeasure {
  kind: FinancingMeasureKind;
  matters: RestrictedMatter[];
  /** Whether the measure refuses an APPROVED financing decision while in force. */
  refusesApproval: boolean;
  /** Legal source, cited on the rule. */
  source: string;
}

export interface FinanceJointMeasureRule extends RuleVersion {
  measures: Record<CreditListKind, readonly FinanceJointMeasure[]>;
}

const CREDIT_FINANCING_LIMITED: FinanceJointMeasure = {
  kind: FinancingMeasureKind.CREDIT_FINANCING_LIMITED,
  matters: ['CREDIT_FINANCING'],
  refusesApproval: true,
  source:
    '国务院《关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》(国发〔2016〕33号): 限制融资; ' +
    '《失信企业协同监管和联合惩戒合作备忘录》(发改财金〔2015〕2045号) for the serious illegal and dishonest list; ' +
    '《关于对海关失信企业实施联合惩戒的合作备忘录》(2017) for customs dishonest enterprises',
};

export const FINANCE_JOINT_MEASURE_RULES: readonly FinanceJointMeasureRule[] = [
  {
    version: 'GZ-FIN-JOINT-2021',
    effectiveFrom: '2021-01-01',
    measures: {
      SERIOUS_DISHONEST: [CREDIT_FINANCING_LIMITED],
      CUSTOMS_DISHONEST: [CREDIT_FINANCING_LIMITED],
      // The abnormal operations list is a credit constraint, not joint punishment (《企业信息公示暂行条例》第十八条):
      // lenders look harder, nothing is refused.
      ABNORMAL_OPERATIONS: [
        {
          kind: FinancingMeasureKind.ENHANCED_DUE_DILIGENCE,
          matters: [],
          refusesApproval: false,
          source: '《企业信息公示暂行条例》第十八条 (信用约束: 经营异常名录作为重要考量因素)',
        },
      ],
    },
  },
];

/** The finance basis list kind of a list kind on the bus. */
export const FINANCING_BASIS_OF: Record<CreditListKind, FinancingBasisListKind> = {
  SERIOUS_DISHONEST: FinancingBasisListKind.SERIOUS_DISHONEST_LIST,
  ABNORMAL_OPERATIONS: FinancingBasisListKind.ABNORMAL_OPERATIONS_LIST,
  CUSTOMS_DISHONEST: FinancingBasisListKind.CUSTOMS_DISHONEST,
};

/** The bus list kind of a finance basis list kind; null for lists no agency of this system publishes. */
export function creditListKindOf(basis: FinancingBasisListKind): CreditListKind | null {
  const found = (Object.entries(FINANCING_BASIS_OF) as [CreditListKind, FinancingBasisListKind][]).find(([, b]) => b === basis);
  return found ? found[0] : null;
}

/** The restricted matters of a financing measure kind (the same under every version). */
export function mattersOf(kind: FinancingMeasureKind): RestrictedMatter[] {
  for (const rule of FINANCE_JOINT_MEASURE_RULES) {
    for (const measures of Object.values(rule.measures)) {
      const found = measures.find((m) => m.kind === kind);
      if (found) return found.matters;
    }
  }
  return [];
}

/** Measure kinds that refuse APPROVED financing decisions while in force. */
export const APPROVAL_REFUSING_KINDS: readonly FinancingMeasureKind[] = [FinancingMeasureKind.CREDIT_FINANCING_LIMITED];
