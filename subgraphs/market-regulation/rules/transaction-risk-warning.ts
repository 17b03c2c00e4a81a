import type { CreditGrade } from './credit-assessment';
import { ruleInForce, SourcedRuleVersion } from '../../../shared/rules/versioned';

/** When consumers are warned before trading with an operator (交易信用风险提示, issue 9 part 4). */
export interface TransactionRiskWarningRules extends SourcedRuleVersion {
  /** Grades that warrant a warning, and its level. */
  grades: Partial<Record<CreditGrade, 'HIGH' | 'CAUTION'>>;
  seriousList: 'HIGH';
  abnormalList: 'CAUTION';
}

export const TRANSACTION_RISK_WARNING_RULES: readonly TransactionRiskWarningRules[] = [
  {
    version: 'GZ-TRW-2026.1',
    effectiveFrom: '2026-01-01',
    source:
      '广州市电子商务信用监管指导意见 task 3 (transaction credit-risk alerts to consumers); lists are public by SAMR orders 44 ' +
      'and 68; which grades warn: local choice, awaiting confirmation',
    grades: { D: 'HIGH', C: 'CAUTION' },
    seriousList: 'HIGH',
    abnormalList: 'CAUTION',
  },
];

export function warningRulesOn(day: string, versions = TRANSACTION_RISK_WARNING_RULES): TransactionRiskWarningRules {
  return ruleInForce(versions, day);
}
