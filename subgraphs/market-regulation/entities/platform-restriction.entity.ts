import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import type { CreditListKind } from '../../../shared/events/contract';
import { CreditListKindEnum } from '../../../shared/events/graphql-enums';
import { DateScalar, DateTimeScalar } from '../../../shared/graphql/scalars';

/** What a platform restricts for a listed operator (E-commerce credit joint punishment: 平台限制). */
export enum PlatformRestrictionKind {
  RESTRICTED_ONBOARDING = 'RESTRICTED_ONBOARDING',
  RESTRICTED_LISTING = 'RESTRICTED_LISTING',
  RESTRICTED_PROMOTION = 'RESTRICTED_PROMOTION',
}
registerEnumType(PlatformRestrictionKind, {
  name: 'PlatformRestrictionKind',
  description: 'Restrictions a platform applies to a listed operator',
  valuesConfig: {
    RESTRICTED_ONBOARDING: { description: 'Onboarding (入驻) restricted' },
    RESTRICTED_LISTING: { description: 'Listing goods or services (上架商品或服务) restricted' },
    RESTRICTED_PROMOTION: { description: 'Promotions (促销活动) restricted' },
  },
});

/**
 * A restriction a platform reports it applied (and later lifted) because of a listing in the credit-list feed;
 * it feeds the joint measures as a JointMeasureChange of agency `platform:<id>`. Only the reporting platform,
 * agencies and admins reach it (it is returned only by the reporting platform's own mutation).
 */
@Access(ShareClass.CREDIT_LIST_FEED)
@ObjectType('PlatformRestriction', { description: 'A restriction a platform applied to a listed operator' })
@Entity('platform_restriction')
@Index(['platformId', 'operatorUscc', 'restriction', 'basisDecisionNumber'], { unique: true })
export class PlatformRestriction {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Column({ type: 'varchar', length: 40 })
  platformId: string;

  @Field()
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => PlatformRestrictionKind)
  @Column({ type: 'varchar', length: 30 })
  restriction: PlatformRestrictionKind;

  @Field(() => CreditListKindEnum, { description: 'List of the basis listing' })
  @Column({ type: 'varchar', length: 30 })
  basisListKind: CreditListKind;

  @Field({ description: 'Decision number of the listing the restriction rests on' })
  @Column({ type: 'varchar', length: 80 })
  basisDecisionNumber: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  appliedOn: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  liftedOn: string | null;

  @Field(() => DateTimeScalar, { description: 'When the platform reported the restriction' })
  @Column({ type: Date })
  reportedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the platform reported the lift' })
  @Column({ type: Date, nullable: true })
  liftReportedAt: Date | null;
}
