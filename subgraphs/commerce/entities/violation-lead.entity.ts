import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ReferralKind } from '../../../shared/events/contract';
import { ReferralKindEnum } from '../../../shared/events/graphql-enums';
import { DateTimeScalar } from '../../../shared/graphql/scalars';

/**
 * A violation lead a platform reported about one of its in-platform operators (E-Commerce Law art. 29: a platform
 * that finds an in-platform operator in violation takes measures and reports to the competent department). Commerce
 * keeps the platform's report and forwards it to market regulation as a Referral event, where it becomes a case.
 */
@ObjectType({ description: 'A violation lead a platform reported to market regulation about an in-platform operator' })
@Entity('platform_violation_lead')
@Index(['platformId', 'evidenceReference'], { unique: true })
@Access(ShareClass.GOV_SHARED, { platforms: true })
export class ViolationLead {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'The reporting platform' })
  @Index()
  @Column({ type: 'varchar', length: 40 })
  platformId: string;

  @Field({ description: 'Credit code of the operator reported' })
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => ReferralKindEnum, { description: 'Kind of violation' })
  @Column({ type: 'varchar', length: 40 })
  kind: ReferralKind;

  @Field({ description: "The platform's findings, at most 1000 characters" })
  @Column({ type: 'varchar', length: 1000 })
  summary: string;

  @Field({ description: "The platform's reference of its evidence (case file number), unique per platform" })
  @Column({ type: 'varchar', length: 80 })
  evidenceReference: string;

  @Field(() => DateTimeScalar, { description: 'When the platform reported it' })
  @Column({ type: Date })
  reportedAt: Date;
}
