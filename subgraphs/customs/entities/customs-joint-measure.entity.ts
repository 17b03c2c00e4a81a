import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import type { CreditListKind } from '../../../shared/events/contract';
import { CreditListKindEnum } from '../../../shared/events/graphql-enums';
import { DateScalar } from '../../../shared/graphql/scalars';
import { CustomsJointMeasureKind } from '../rules/joint-measures';

export { CustomsJointMeasureKind };

registerEnumType(CustomsJointMeasureKind, {
  name: 'CustomsJointMeasureKind',
  description: 'A joint disciplinary measure customs applies to a listed operator (联合惩戒措施)',
  valuesConfig: {
    STRICT_CLEARANCE_REVIEW: { description: 'Strict clearance review (从严审核): the dishonest level’s clearance measures' },
    ADVANCED_CERTIFICATION_EXCLUDED: { description: 'No advanced certification (不予高级认证) while listed' },
  },
});

@ObjectType({ description: 'The listing a customs joint measure rests on (惩戒依据)' })
@Access(ShareClass.GOV_SHARED)
export class CustomsMeasureBasis {
  @Field(() => CreditListKindEnum)
  listKind: CreditListKind;

  @Field({ description: 'Document number of the listing decision (文号)' })
  decisionNumber: string;

  /** Not a field: the operator the basis belongs to, so row-level access (the operator itself) can be checked. */
  operatorUscc?: string;
}

/**
 * A joint measure customs applied because of a listing received on the credit-event bus. Never deleted: it is lifted
 * (with the date and reason) when the listing is removed or repaired.
 */
@ObjectType({ description: 'A joint disciplinary measure customs applies to a listed operator (海关联合惩戒措施)' })
@Entity('customs_joint_measure')
@Index(['operatorUscc', 'basisListKind', 'basisDecisionNumber', 'kind'], { unique: true })
@Access(ShareClass.GOV_SHARED)
export class CustomsJointMeasure {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => CustomsJointMeasureKind)
  @Column({ type: 'varchar', length: 40 })
  kind: CustomsJointMeasureKind;

  @Column({ type: 'varchar', length: 24 })
  basisListKind: CreditListKind;

  @Column({ type: 'varchar', length: 100 })
  basisDecisionNumber: string;

  @Field(() => DateScalar, { description: 'First day (the listing’s effective date)' })
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Day the measure ended (the removal’s effective date)' })
  @Column({ type: 'date', nullable: true })
  liftedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Why it ended, naming the removal or repair decision' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  liftReason: string | null;

  @Field({ description: 'Version of the joint-measure rules it was applied under' })
  @Column({ type: 'varchar', length: 40 })
  rulesVersion: string;

  @CreateDateColumn()
  createdAt: Date;
}
