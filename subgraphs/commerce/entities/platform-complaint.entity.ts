import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar, DateTimeScalar } from '../../../shared/graphql/scalars';

export enum PlatformComplaintCategory {
  PRODUCT_QUALITY = 'PRODUCT_QUALITY',
  FALSE_ADVERTISING = 'FALSE_ADVERTISING',
  RETURN_AND_REFUND = 'RETURN_AND_REFUND',
  DELIVERY = 'DELIVERY',
  AFTER_SALES = 'AFTER_SALES',
  PRICE = 'PRICE',
  OTHER = 'OTHER',
}
registerEnumType(PlatformComplaintCategory, {
  name: 'PlatformComplaintCategory',
  description: 'What a consumer complains of to a platform about an in-platform operator',
  valuesConfig: {
    PRODUCT_QUALITY: { description: 'Quality of the goods (商品质量)' },
    FALSE_ADVERTISING: { description: 'False or misleading description (虚假宣传)' },
    RETURN_AND_REFUND: { description: 'Returns and refunds, e.g. seven-day no-reason returns (七日无理由退货)' },
    DELIVERY: { description: 'Delivery of the goods (发货、配送)' },
    AFTER_SALES: { description: 'After-sales service (售后服务)' },
    PRICE: { description: 'Prices and charges (价格)' },
    OTHER: { description: 'Anything else' },
  },
});

export enum PlatformComplaintOutcome {
  UPHELD = 'UPHELD',
  PARTIALLY_UPHELD = 'PARTIALLY_UPHELD',
  NOT_UPHELD = 'NOT_UPHELD',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(PlatformComplaintOutcome, {
  name: 'PlatformComplaintOutcome',
  description: 'How the platform resolved a complaint; UPHELD and PARTIALLY_UPHELD count against the operator',
  valuesConfig: {
    UPHELD: { description: 'The complaint was well founded (投诉成立)' },
    PARTIALLY_UPHELD: { description: 'Partly well founded (部分成立)' },
    NOT_UPHELD: { description: 'Not well founded (投诉不成立)' },
    WITHDRAWN: { description: 'The consumer withdrew it (撤回)' },
  },
});

/** Outcomes that count against the operator (statistics and credit factor COM_PLATFORM_COMPLAINTS_UPHELD). */
export const UPHELD_OUTCOMES: readonly PlatformComplaintOutcome[] = [
  PlatformComplaintOutcome.UPHELD,
  PlatformComplaintOutcome.PARTIALLY_UPHELD,
];

/**
 * A consumer complaint a platform received about one of its in-platform operators and handled (online complaint
 * handling, E-Commerce Law art. 59), as the platform reports it. Distinct from postal complaints about carriers. The
 * consumer appears only as the platform's masked handle.
 */
@ObjectType({ description: 'A consumer complaint handled by a platform about an in-platform operator (平台投诉处理)' })
@Entity('platform_complaint')
@Index(['platformId', 'complaintReference'], { unique: true })
@Access(ShareClass.GOV_SHARED, { platforms: true })
export class PlatformComplaint {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Platform that received the complaint' })
  @Index()
  @Column({ type: 'varchar', length: 40 })
  platformId: string;

  @Field({ description: 'Credit code of the operator complained about' })
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: "The platform's complaint number, unique per platform" })
  @Column({ type: 'varchar', length: 60 })
  complaintReference: string;

  @Field({ description: "The consumer as the platform's masked handle (e.g. t***8); no other personal data is kept" })
  @Column({ type: 'varchar', length: 40 })
  consumerHandle: string;

  @Field(() => PlatformComplaintCategory)
  @Column({ type: 'varchar', length: 30 })
  category: PlatformComplaintCategory;

  @Field({ description: 'What the consumer complains of, at most 500 characters' })
  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Field(() => DateScalar, { description: 'Day the platform received the complaint' })
  @Column({ type: 'date' })
  receivedOn: string;

  @Field(() => DateScalar, { description: 'Day by which the platform must handle it (rules version in `rulesVersion`)' })
  @Column({ type: 'date' })
  handlingDeadline: string;

  @Field({ description: 'Version of the complaint-handling rules the deadline was computed with' })
  @Column({ type: 'varchar', length: 40 })
  rulesVersion: string;

  @Field(() => DateScalar, { nullable: true, description: 'Day the platform resolved it; null while open' })
  @Index()
  @Column({ type: 'date', nullable: true })
  resolvedOn: string | null;

  @Field(() => PlatformComplaintOutcome, { nullable: true, description: 'Outcome; null while open' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  outcome: PlatformComplaintOutcome | null;

  @Field(() => String, { nullable: true, description: 'What the platform decided or did, at most 500 characters' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  resolution: string | null;

  @Field(() => DateTimeScalar, { description: 'When commerce recorded the report' })
  @Column({ type: Date })
  recordedAt: Date;

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
