import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';
import { CustomsCreditLevel } from './enums';

/**
 * One credit rating decision (信用等级认定). Ratings are append-only: a new level is a new row;
 * the current level is the latest rating in effect.
 */
@ObjectType({ description: 'A customs credit rating (海关企业信用等级认定), with the rules version it was made under' })
@Entity('customs_credit_rating')
@Access(ShareClass.PUBLIC) // customs credit levels are publicised; the basis is case detail (below)
@Index(['operatorUscc', 'effectiveOn'])
export class CustomsCreditRating {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => CustomsCreditLevel)
  @Index()
  @Column({ type: 'varchar', length: 24 })
  level: CustomsCreditLevel;

  @Field(() => DateScalar, { description: 'Date the level takes effect' })
  @Column({ type: 'date' })
  effectiveOn: string;

  @Field({ description: 'Rules version in force on the effective date, e.g. GACC-ORDER-282 (海关总署令第282号)' })
  @Column({ type: 'varchar', length: 40 })
  rulesVersion: string;

  @Field(() => String, {
    nullable: true,
    description: 'Basis of the rating (认定依据); case detail for agencies and the operator itself (null for other callers)',
  })
  @Access(ShareClass.GOV_SHARED)
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @CreateDateColumn()
  createdAt: Date;

  // Objections (异议), issue 10: set by the consumer of ObjectionChange (shared/objections/consumer.ts), never cleared.
  @WithdrawnOnColumn(ShareClass.GOV_SHARED)
  withdrawnOn: string | null;

  @WithdrawalReasonColumn(ShareClass.GOV_SHARED)
  withdrawalReason: string | null;

  @CorrectionColumn()
  correction: string | null;

  @CorrectedOnColumn()
  correctedOn: string | null;
}
