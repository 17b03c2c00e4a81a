import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConsumerReviewStatus } from '../entities/consumer-review.entity';
import type { ReviewCountsRow } from '../loaders';

/** Counts shared by the operator total and each platform (not itself in the schema). */
@ObjectType('ConsumerReviewCounts')
@Access(ShareClass.AUTHORIZED_QUERY)
abstract class ReviewCounts {
  /** The operator the statistics belong to (not a GraphQL field: the access guard judges rows by it). */
  operatorUscc?: string;

  @Field(() => Int, { description: 'All reviews on record, whatever their status (reviews are never deleted)' })
  reviewCount: number;

  @Field(() => Float, { nullable: true, description: 'Average rating of all reviews on record (2 decimals); null without reviews' })
  averageRating: number | null;

  @Field(() => Int, { description: 'Reviews currently shown to consumers' })
  visibleCount: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Average rating consumers see (visible reviews only); a gap to averageRating shows hiding',
  })
  visibleAverageRating: number | null;

  @Field(() => Int, { description: 'Reviews hidden by the platform (平台屏蔽), still on record' })
  hiddenByPlatformCount: number;

  @Field(() => Int, { description: 'Reviews flagged as malicious or fake (恶意 / 虚假评价)' })
  flaggedMaliciousCount: number;
}

@ObjectType({ description: "Consumer review statistics of an operator on one platform" })
@Access(ShareClass.AUTHORIZED_QUERY)
export class ConsumerReviewPlatformStats extends ReviewCounts {
  @Field()
  platformId: string;
}

@ObjectType({ description: 'Consumer review statistics of an operator (消费者评价统计), counting hidden reviews' })
@Access(ShareClass.AUTHORIZED_QUERY)
export class ConsumerReviewStats extends ReviewCounts {
  @Field(() => [ConsumerReviewPlatformStats], { description: 'The same statistics per platform' })
  byPlatform: ConsumerReviewPlatformStats[];
}

function aggregate(rows: ReviewCountsRow[]): ReviewCounts {
  let reviewCount = 0;
  let ratingSum = 0;
  let visibleCount = 0;
  let visibleRatingSum = 0;
  let hiddenByPlatformCount = 0;
  let flaggedMaliciousCount = 0;
  for (const r of rows) {
    reviewCount += r.count;
    ratingSum += r.ratingSum;
    if (r.status === ConsumerReviewStatus.VISIBLE) {
      visibleCount += r.count;
      visibleRatingSum += r.ratingSum;
    }
    if (r.status === ConsumerReviewStatus.HIDDEN_BY_PLATFORM) hiddenByPlatformCount += r.count;
    if (r.status === ConsumerReviewStatus.FLAGGED_MALICIOUS) flaggedMaliciousCount += r.count;
  }
  const avg = (sum: number, n: number) => (n === 0 ? null : Math.round((sum / n) * 100) / 100);
  return {
    reviewCount,
    averageRating: avg(ratingSum, reviewCount),
    visibleCount,
    visibleAverageRating: avg(visibleRatingSum, visibleCount),
    hiddenByPlatformCount,
    flaggedMaliciousCount,
  };
}

/** Builds the statistics from the grouped counts of one operator. */
export function toReviewStats(operatorUscc: string, rows: ReviewCountsRow[]): ConsumerReviewStats {
  const platforms = [...new Set(rows.map((r) => r.platformId))].sort();
  return {
    operatorUscc,
    ...aggregate(rows),
    byPlatform: platforms.map((platformId) => ({
      operatorUscc,
      platformId,
      ...aggregate(rows.filter((r) => r.platformId === platformId)),
    })),
  };
}
