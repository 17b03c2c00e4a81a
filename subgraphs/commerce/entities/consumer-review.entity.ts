import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../../shared/graphql/scalars';

export enum ConsumerReviewStatus {
  VISIBLE = 'VISIBLE',
  HIDDEN_BY_PLATFORM = 'HIDDEN_BY_PLATFORM',
  FLAGGED_MALICIOUS = 'FLAGGED_MALICIOUS',
}
registerEnumType(ConsumerReviewStatus, {
  name: 'ConsumerReviewStatus',
  description:
    'Status of a consumer review. Reviews are never deleted (E-Commerce Law art. 39, 不得删除消费者评价): ' +
    'a platform hiding one is recorded as HIDDEN_BY_PLATFORM with its reason; FLAGGED_MALICIOUS marks a ' +
    'malicious or fake review (恶意评价 / 刷单评价)',
  valuesConfig: {
    VISIBLE: { description: 'Shown to consumers' },
    HIDDEN_BY_PLATFORM: { description: 'Hidden by the platform (平台屏蔽); the review is kept and counted' },
    FLAGGED_MALICIOUS: { description: 'Flagged as malicious or fake (恶意评价 / 虚假评价)' },
  },
});

/**
 * A consumer review: an append-only ledger row. Its content never changes; `status` is the latest
 * status, and every change is a ConsumerReviewStatusChange row written in the same transaction.
 */
@ObjectType({ description: 'A consumer review of an operator on a platform (消费者评价); never deleted' })
@Entity('consumer_review')
@Index(['operatorUscc', 'platformId', 'status'])
@Access(ShareClass.GOV_SHARED, { platforms: true })
export class ConsumerReview {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Identifier of the platform the review was posted on' })
  @Index()
  @Column({ type: 'varchar', length: 40 })
  platformId: string;

  @Field({ description: 'Credit code of the reviewed operator' })
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => String, { nullable: true, description: "The platform's shop identifier of the reviewed storefront" })
  @Column({ type: 'varchar', length: 60, nullable: true })
  shopId: string | null;

  @Field(() => Int, { description: 'Rating 1 (worst) to 5 (best)' })
  @Column({ type: 'int' })
  rating: number;

  @Field({ description: 'Text of the review' })
  @Column({ type: 'varchar', length: 1000 })
  text: string;

  @Field(() => DateTimeScalar)
  @Column({ type: Date })
  postedAt: Date;

  @Field(() => ConsumerReviewStatus, { description: 'Current status (the latest status change)' })
  @Index()
  @Column({ type: 'varchar', length: 24 })
  status: ConsumerReviewStatus;
}

/** One status change of a review: who changed it, to what, and why. Rows are only ever added. */
@ObjectType({ description: 'A status change of a consumer review, with its reason and actor' })
@Entity('consumer_review_status_change')
@Access(ShareClass.GOV_SHARED)
export class ConsumerReviewStatusChange {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  reviewId: number;

  @Field(() => ConsumerReviewStatus)
  @Column({ type: 'varchar', length: 24 })
  fromStatus: ConsumerReviewStatus;

  @Field(() => ConsumerReviewStatus)
  @Column({ type: 'varchar', length: 24 })
  toStatus: ConsumerReviewStatus;

  @Field({ description: 'Why the status changed (required for every change)' })
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Field({ description: 'Who changed it, e.g. the platform and its team, or a commerce officer' })
  @Column({ type: 'varchar', length: 100 })
  actor: string;

  @Field(() => DateTimeScalar)
  @Column({ type: Date })
  changedAt: Date;
}
