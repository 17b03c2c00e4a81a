import type { CreditListKind } from '../../../shared/events/contract';
import { ruleInForce, RuleVersion } from '../../../shared/rules/versioned';

/** Postal's joint disciplinary measure: stricter supervision of the operator's express business (重点监管). */
export const STRICTER_EXPRESS_SUPERVISION = 'STRICTER_EXPRESS_SUPERVISION';

export interface PostalJointMeasureRule extends RuleVersion {
  source: string;
  /** Listings that put a permit holder's express business under stricter supervision. */
  listKinds: CreditListKind[];
}

export const POSTAL_JOINT_MEASURE_RULES: readonly PostalJointMeasureRule[] = [
  {
    version: 'POSTAL-JOINT-MEASURES-2022',
    effectiveFrom: '2022-01-01',
    source:
      '国发〔2016〕33号 (失信主体列为重点监管对象、提高检查频次); 快递暂行条例; 快递市场管理办法 (事中事后监管); ' +
      '发改财金〔2017〕427号 (海关失信企业联合惩戒)',
    listKinds: ['SERIOUS_DISHONEST', 'CUSTOMS_DISHONEST'],
  },
];

/** Whether a listing effective on `effectiveOn` warrants stricter express supervision, and under which version. */
export function postalMeasureFor(listKind: CreditListKind, effectiveOn: string, rules = POSTAL_JOINT_MEASURE_RULES) {
  const rule = ruleInForce(rules, effectiveOn);
  return { rulesVersion: rule.version, warranted: rule.listKinds.includes(listKind) };
}
