import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import type { CreditListKind } from '../../../shared/events/contract';
import { CreditListKindEnum } from '../../../shared/events/graphql-enums';
import { DateScalar } from '../../../shared/graphql/scalars';

export enum GovernmentRestrictionKind {
  GOVERNMENT_FUNDING_RESTRICTED = 'GOVERNMENT_FUNDING_RESTRICTED',
  GOVERNMENT_PROCUREMENT_RESTRICTED = 'GOVERNMENT_PROCUREMENT_RESTRICTED',
}
registerEnumType(GovernmentRestrictionKind, {
  name: 'GovernmentRestrictionKind',
  description: 'A restriction of a listed operator in government matters (联合惩戒)',
  valuesConfig: {
    GOVERNMENT_FUNDING_RESTRICTED: { description: 'No government funds or subsidies (限制申请财政性资金项目)' },
    GOVERNMENT_PROCUREMENT_RESTRICTED: { description: 'Restricted in government procurement (限制参与政府采购)' },
  },
});

@ObjectType({ description: 'The listing a commerce restriction or alert rests on (惩戒依据); listings are public' })
@Access(ShareClass.PUBLIC)
export class CommerceMeasureBasis {
  @Field(() => CreditListKindEnum)
  listKind: CreditListKind;

  @Field({ description: 'Document number of the listing decision (文号)' })
  decisionNumber: string;
}

/**
 * A government funding or procurement restriction commerce applies because of a listing received on the
 * credit-event bus. Never deleted: lifted (date and reason) when the listing is removed or repaired.
 */
@ObjectType({ description: 'A government funding or procurement restriction of a listed operator (联合惩戒)' })
@Entity('government_restriction')
@Index(['operatorUscc', 'basisListKind', 'basisDecisionNumber', 'kind'], { unique: true })
@Access(ShareClass.GOV_SHARED)
export class GovernmentRestriction {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => GovernmentRestrictionKind)
  @Column({ type: 'varchar', length: 40 })
  kind: GovernmentRestrictionKind;

  @Column({ type: 'varchar', length: 24 })
  basisListKind: CreditListKind;

  @Column({ type: 'varchar', length: 100 })
  basisDecisionNumber: string;

  @Field(() => DateScalar, { description: 'First day (the listing’s effective date)' })
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Day the restriction ended (the removal’s effective date)' })
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
