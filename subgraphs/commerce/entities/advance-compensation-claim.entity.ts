import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { fenToYuan, fenTransformer } from '../../../shared/database/columns';
import { DateScalar, DateTimeScalar } from '../../../shared/graphql/scalars';

export enum AdvanceCompensationStatus {
  CLAIMED = 'CLAIMED',
  PAID_BY_PLATFORM = 'PAID_BY_PLATFORM',
  RECOVERED_FROM_SELLER = 'RECOVERED_FROM_SELLER',
  REJECTED = 'REJECTED',
}
registerEnumType(AdvanceCompensationStatus, {
  name: 'AdvanceCompensationStatus',
  description:
    'Lifecycle of an advance compensation claim (先行赔付): CLAIMED → PAID_BY_PLATFORM → ' +
    'RECOVERED_FROM_SELLER (平台追偿), or CLAIMED → REJECTED',
});

/**
 * An advance compensation claim: a consumer claims from the platform, the platform pays first and then
 * recovers the amount from the seller. Amounts are integer fen in the database, yuan strings in GraphQL.
 */
@ObjectType({ description: 'An advance compensation claim (先行赔付): the platform pays first, then recovers from the seller' })
@Entity('advance_compensation_claim')
@Index(['platformId', 'claimReference'], { unique: true })
@Access(ShareClass.GOV_SHARED, { platforms: true })
export class AdvanceCompensationClaim {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Platform the consumer claimed from' })
  @Index()
  @Column({ type: 'varchar', length: 40 })
  platformId: string;

  @Field({ description: 'Credit code of the seller the claim is about' })
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: "The platform's reference of the claim (order or case number)" })
  @Column({ type: 'varchar', length: 60 })
  claimReference: string;

  @Field({ description: "What the consumer complains of" })
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'bigint', transformer: fenTransformer })
  claimedAmountFen: number;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  claimedOn: string;

  @Field(() => AdvanceCompensationStatus)
  @Index()
  @Column({ type: 'varchar', length: 24 })
  status: AdvanceCompensationStatus;

  @Column({ type: 'bigint', transformer: fenTransformer, nullable: true })
  paidAmountFen: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'Day the platform paid the consumer' })
  @Column({ type: 'date', nullable: true })
  paidOn: string | null;

  @Column({ type: 'bigint', transformer: fenTransformer, nullable: true })
  recoveredAmountFen: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'Day the platform recovered the amount from the seller' })
  @Column({ type: 'date', nullable: true })
  recoveredOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  rejectedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Why the platform rejected the claim' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectionReason: string | null;

  @Field(() => DateTimeScalar, { description: 'When commerce recorded the claim' })
  @CreateDateColumn()
  recordedAt: Date;

  @Field({ description: 'Amount the consumer claims, yuan (decimal string)' })
  get claimedAmount(): string {
    return fenToYuan(this.claimedAmountFen) ?? '0.00';
  }

  @Field(() => String, { nullable: true, description: 'Amount the platform paid the consumer, yuan' })
  get paidAmount(): string | null {
    return fenToYuan(this.paidAmountFen);
  }

  @Field(() => String, { nullable: true, description: 'Amount recovered from the seller, yuan (at most the paid amount)' })
  get recoveredAmount(): string | null {
    return fenToYuan(this.recoveredAmountFen);
  }

  // Objections (异议), issue 10: set by the consumer of ObjectionChange (shared/objections/consumer.ts), never cleared.
  // The platform that reported the record learns that it was withdrawn.
  @WithdrawnOnColumn(ShareClass.GOV_SHARED, undefined, { platforms: true })
  withdrawnOn: string | null;

  @WithdrawalReasonColumn(ShareClass.GOV_SHARED, undefined, { platforms: true })
  withdrawalReason: string | null;

  @CorrectionColumn()
  correction: string | null;

  @CorrectedOnColumn()
  correctedOn: string | null;
}
