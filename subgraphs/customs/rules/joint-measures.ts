/**
 * Joint measures customs applies when a listing reaches it on the credit-event bus (联合惩戒), by list kind, as
 * versioned data: a listing is judged by the version in force on its effective date.
 */
import type { CreditListKind, RestrictedMatter } from '../../../shared/events/contract';
import { CustomsCreditLevel } from './credit-rules';
import { ruleInForce } from '../../../shared/rules/versioned';

export enum CustomsJointMeasureKind {
  /** Clearance under the dishonest level's measures (inspection, guarantees, audits) whatever the rating. */
  STRICT_CLEARANCE_REVIEW = 'STRICT_CLEARANCE_REVIEW',
  /** No advanced certification (高级认证, AEO) while listed. */
  ADVANCED_CERTIFICATION_EXCLUDED = 'ADVANCED_CERTIFICATION_EXCLUDED',
}

export interface CustomsJointMeasureRule {
  kind: CustomsJointMeasureKind;
  matters: RestrictedMatter[];
  source: string;
}

export interface CustomsJointMeasureRules {
  version: string;
  effectiveFrom: string;
  /** Whose clearance measures a strict clearance review applies (the rules in force today give the figures). */
  strictReviewLevel: CustomsCreditLevel;
  measures: Record<CreditListKind, readonly CustomsJointMeasureRule[]>;
}

const STRICT_REVIEW: CustomsJointMeasureRule = {
  kind: CustomsJointMeasureKind.STRICT_CLEARANCE_REVIEW,
  matters: ['CUSTOMS_FACILITATION'],
  source:
    '海关总署令第251号 第五章 (失信企业管理措施: 进出口货物查验率80%以上, 经营加工贸易业务的全额提供担保, 提高稽查、核查频次); ' +
    '《失信企业协同监管和联合惩戒合作备忘录》(发改财金〔2015〕2045号): 海关从严审核、加强查验',
};
const NO_ADVANCED_CERTIFICATION: CustomsJointMeasureRule = {
  kind: CustomsJointMeasureKind.ADVANCED_CERTIFICATION_EXCLUDED,
  matters: ['CUSTOMS_FACILITATION'],
  source: '海关总署令第251号 (高级认证企业的认证标准: 无严重失信记录); 国发〔2016〕33号 (失信主体不得享受便利措施)',
};

export const CUSTOMS_JOINT_MEASURE_RULES: readonly CustomsJointMeasureRules[] = [
  {
    version: 'GACC-JOINT-2021',
    effectiveFrom: '2021-11-01',
    strictReviewLevel: CustomsCreditLevel.DISHONEST,
    measures: {
      SERIOUS_DISHONEST: [STRICT_REVIEW, NO_ADVANCED_CERTIFICATION],
      CUSTOMS_DISHONEST: [STRICT_REVIEW, NO_ADVANCED_CERTIFICATION],
      // The abnormal operations list is no ground of customs credit management: customs applies nothing.
      ABNORMAL_OPERATIONS: [],
    },
  },
];

/** The version in force on an ISO date (the oldest for dates before every version). */
export function customsJointRulesOn(isoDate: string): CustomsJointMeasureRules {
  return ruleInForce(CUSTOMS_JOINT_MEASURE_RULES, isoDate);
}

/** The restricted matters of a measure kind. */
export function customsMattersOf(kind: CustomsJointMeasureKind): RestrictedMatter[] {
  return kind === CustomsJointMeasureKind.STRICT_CLEARANCE_REVIEW ? STRICT_REVIEW.matters : NO_ADVANCED_CERTIFICATION.matters;
}
