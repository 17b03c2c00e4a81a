import { Field, ObjectType } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';
import {
  CustomsAuditFrequency, CustomsCreditLevel, CustomsGuaranteeRequirement, CustomsInspectionRateBound,
} from '../entities/enums';
import { CustomsMeasureBasis } from '../entities/customs-joint-measure.entity';

/** Resolved field by field (see CustomsCreditResolver); carries only the operator's code. */
@ObjectType({ description: "An operator's customs credit (海关企业信用): the level in effect, its history and findings" })
@Access(ShareClass.PUBLIC) // its fields are resolvers, declared one by one in CustomsCreditResolver
export class CustomsCredit {
  operatorUscc: string;
}

@ObjectType({
  description:
    'Clearance measures (通关管理措施) that follow from the credit level in effect, under the rules in force today. Computed, not stored',
})
// The same type describes the published measures of each level in `CustomsCreditRules.measures` (public rules);
// an operator's own measure is withheld one level up, by `Operator.clearanceMeasure` (GOV_SHARED).
@Access(ShareClass.PUBLIC)
export class CustomsClearanceMeasure {
  /** The operator the measure applies to; absent on the measures of a rules version. */
  operatorUscc?: string;

  @Field(() => CustomsCreditLevel, {
    description: 'Level the measure follows from; REGULAR (the default level) when the enterprise was never rated',
  })
  level: CustomsCreditLevel;

  @Field(() => DateScalar, { nullable: true, description: 'Effective date of that rating; null when the default level applies' })
  ratingEffectiveOn: string | null;

  @Field({ description: 'Rules version the measure is taken from' })
  rulesVersion: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Inspection rate (查验率) as the credit order states it: "80.00%" of the declarations, or "20.00% of the routine ' +
      'average" (of the average rate of enterprises under routine measures); null when the order sets no rate for the level',
  })
  inspectionRateTarget: string | null;

  @Field(() => CustomsInspectionRateBound, { nullable: true, description: 'Whether the rate is a ceiling or a floor; null with no rate' })
  inspectionRateBound: CustomsInspectionRateBound | null;

  @Field(() => CustomsGuaranteeRequirement, {
    nullable: true,
    description: 'Guarantee measure of the level; null when the order sets none (guarantees as 海关事务担保条例 requires)',
  })
  guaranteeRequirement: CustomsGuaranteeRequirement | null;

  @Field(() => CustomsAuditFrequency)
  auditFrequency: CustomsAuditFrequency;

  @Field()
  description: string;

  @Field(() => CustomsMeasureBasis, {
    nullable: true,
    description:
      'The listing under which strict clearance review (联合惩戒: 从严审核) applies: the figures are then at least those of a dishonest enterprise, whatever the credit level; null when no such measure is in force',
  })
  jointMeasureBasis?: CustomsMeasureBasis | null;
}

@ObjectType({ description: 'A version of the customs credit rules (海关企业信用管理办法) and the levels it knows' })
@Access(ShareClass.PUBLIC)
export class CustomsCreditRules {
  @Field({ description: 'Version identifier kept on ratings, e.g. GACC-ORDER-282' })
  version: string;

  @Field()
  title: string;

  @Field(() => DateScalar)
  effectiveFrom: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day in force; null while no later version exists' })
  effectiveUntil: string | null;

  @Field(() => [CustomsCreditLevel], { description: 'Levels a rating may take under this version, best first' })
  levels: CustomsCreditLevel[];

  @Field(() => CustomsCreditLevel, { description: 'Level of a registered enterprise never rated' })
  defaultLevel: CustomsCreditLevel;

  @Field(() => [CustomsClearanceMeasure], { description: 'Clearance measure of each level under this version' })
  measures: CustomsClearanceMeasure[];
}
