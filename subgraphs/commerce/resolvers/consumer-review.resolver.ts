import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { badInput } from '../../../shared/errors/errors';
import { DateTimeScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import { commerceCreditSignals } from '../credit-signal';
import { ConsumerReview, ConsumerReviewStatus, ConsumerReviewStatusChange } from '../entities/consumer-review.entity';
import { Operator } from '../entities/operator';
import { Platform } from '../entities/platform.entity';
import { Storefront } from '../entities/storefront.entity';
import {
  assertUpdated, CommerceContext, isPlatformCaller, requireInPlatform, requireOwnPlatform, requirePlatform,
} from './common';

const PLATFORMS = { platforms: true };
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { integerInRange, requiredText } from '../../../shared/validation/inputs';
import { recordIdInput } from '../../../shared/validation/record-ids';

export const ConsumerReviewConnection = ConnectionType(ConsumerReview, 'ConsumerReview');

@InputType({ description: 'Filters of the consumer review list; all given filters must match' })
export class ConsumerReviewFilter {
  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true, description: 'Credit code of the reviewed operator' })
  operatorUscc?: string;

  @Field(() => ID, { nullable: true })
  platformId?: string;

  @Field(() => ConsumerReviewStatus, { nullable: true })
  status?: ConsumerReviewStatus;
}

@InputType({ description: 'A consumer review as reported by the platform' })
export class RecordConsumerReviewInput {
  @Field(() => ID)
  platformId: string;

  @Field(() => UnifiedSocialCreditCodeScalar, { description: 'Credit code of the reviewed operator' })
  operatorUscc: string;

  @Field(() => String, { nullable: true, description: "The platform's shop id; must be a storefront of the operator" })
  shopId?: string | null;

  @Field(() => Int, { description: 'Rating 1 to 5' })
  rating: number;

  @Field(() => String, { nullable: true, description: 'Review text, at most 1000 characters' })
  text?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the consumer posted it; default now' })
  postedAt?: Date | null;
}

@InputType({
  description:
    'A status change of a review. There is no deletion: hiding is HIDDEN_BY_PLATFORM with a reason, and the ' +
    'review stays on record',
})
export class ChangeConsumerReviewStatusInput {
  @Field(() => ID)
  reviewId: string;

  @Field(() => ConsumerReviewStatus)
  status: ConsumerReviewStatus;

  @Field({ description: 'Why the status changes (required, at most 500 characters)' })
  reason: string;

  @Field({ description: 'Who changes it, e.g. `taobao 内容安全团队` (at most 100 characters)' })
  actor: string;
}

@Resolver(() => ConsumerReview)
export class ConsumerReviewResolver {
  @Access(ShareClass.GOV_SHARED)
  @Query(() => ConsumerReviewConnection, {
    nullable: true,
    description: 'Consumer reviews, oldest first, including hidden and flagged ones (nothing is ever deleted)',
  })
  async consumerReviews(
    @Ctx() ctx: CommerceContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => ConsumerReviewFilter, { nullable: true }) filter?: ConsumerReviewFilter,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(ConsumerReview).createQueryBuilder('r');
    if (filter?.operatorUscc) qb.andWhere('r.operatorUscc = :uscc', { uscc: assertUscc(filter.operatorUscc) });
    if (filter?.platformId) qb.andWhere('r.platformId = :platformId', { platformId: filter.platformId });
    if (filter?.status) qb.andWhere('r.status = :status', { status: filter.status });
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('r.id > :after', { after: cursorId(after) });
    const rows = await qb.orderBy('r.id', 'ASC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [ConsumerReviewStatusChange], {
    description: 'Every status change, oldest first (empty while the review was never changed)',
  })
  statusHistory(@Root() review: ConsumerReview, @Ctx() ctx: CommerceContext): Promise<ConsumerReviewStatusChange[]> {
    return ctx.loaders.statusChangesByReview.load(review.id);
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => Platform, { nullable: true })
  platform(@Root() review: ConsumerReview, @Ctx() ctx: CommerceContext): Promise<Platform | null> {
    return ctx.loaders.platformById.load(review.platformId);
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => Operator, { nullable: true, description: 'The reviewed operator' })
  operator(@Root() review: ConsumerReview): Operator {
    return { uscc: review.operatorUscc };
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => Storefront, { nullable: true })
  storefront(@Root() review: ConsumerReview, @Ctx() ctx: CommerceContext): Promise<Storefront | null> | null {
    return review.shopId ? ctx.loaders.storefrontByShop.load(`${review.platformId}/${review.shopId}`) : null;
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'commerce', platforms: true })
  @Mutation(() => ConsumerReview, {
    description:
      'Records a consumer review reported by a platform (status VISIBLE): a platform token for its own platform and ' +
      'in-platform operators, or commerce staff',
  })
  async recordConsumerReview(
    @Arg('input', () => RecordConsumerReviewInput) input: RecordConsumerReviewInput,
    @Ctx() ctx: CommerceContext,
  ): Promise<ConsumerReview> {
    requireOwnPlatform(ctx, input.platformId);
    const operatorUscc = assertUscc(input.operatorUscc);
    const rating = integerInRange(input.rating, 'rating', 1, 5);
    const text = requiredText(input.text, 'text', 1000, 0);
    const postedAt = input.postedAt ?? ctx.now;
    if (postedAt.getTime() > ctx.now.getTime()) {
      throw badInput(`\`postedAt\` (${postedAt.toISOString()}) must not be in the future`, { field: 'postedAt' });
    }
    const shopId = input.shopId ? requiredText(input.shopId, 'shopId', 60) : null;
    return ctx.db.transaction(async (m) => {
      await requirePlatform(m, input.platformId);
      if (isPlatformCaller(ctx)) await requireInPlatform(m, input.platformId, operatorUscc);
      if (shopId) {
        const shop = await m.getRepository(Storefront).findOne({ where: { platformId: input.platformId, shopId } });
        if (!shop || shop.operatorUscc !== operatorUscc) {
          throw badInput(`Shop "${shopId}" on ${input.platformId} is not a storefront of ${operatorUscc}`, {
            field: 'shopId',
          });
        }
      }
      const repo = m.getRepository(ConsumerReview);
      const review = await repo.save(
        repo.create({
          platformId: input.platformId,
          operatorUscc,
          shopId,
          rating,
          text,
          postedAt,
          status: ConsumerReviewStatus.VISIBLE,
        }),
      );
      await commerceCreditSignals.refresh(m, [operatorUscc], ctx.now);
      return review;
    });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'commerce', platforms: true })
  @Mutation(() => ConsumerReview, {
    description:
      'Changes the status of a review and appends a status-change row with the reason and actor. Reviews ' +
      'cannot be deleted (E-Commerce Law art. 39); a platform hiding one records HIDDEN_BY_PLATFORM',
  })
  async changeConsumerReviewStatus(
    @Arg('input', () => ChangeConsumerReviewStatusInput) input: ChangeConsumerReviewStatusInput,
    @Ctx() ctx: CommerceContext,
  ): Promise<ConsumerReview> {
    const reason = requiredText(input.reason, 'reason', 500, 2);
    const actor = requiredText(input.actor, 'actor', 100);
    if (!Object.values(ConsumerReviewStatus).includes(input.status)) {
      throw badInput(`Unknown review status "${String(input.status)}"; reviews cannot be deleted`, { field: 'status' });
    }
    const reviewId = recordIdInput(input.reviewId, 'reviewId');
    return ctx.db.transaction(async (m) => {
      const repo = m.getRepository(ConsumerReview);
      const review = await repo.findOne({ where: { id: reviewId } });
      if (!review) throw badInput(`Unknown consumer review ${input.reviewId}`, { field: 'reviewId' });
      requireOwnPlatform(ctx, review.platformId);
      if (review.status === input.status) {
        throw badInput(`Review ${review.id} already has status ${review.status}`, { field: 'status' });
      }
      const changedAt = ctx.now;
      if (changedAt.getTime() < review.postedAt.getTime()) {
        throw badInput('A status change cannot precede the posting of the review', { field: 'reviewId' });
      }
      const result = await m
        .createQueryBuilder()
        .update(ConsumerReview)
        .set({ status: input.status })
        .where('id = :id AND status = :from', { id: review.id, from: review.status })
        .execute();
      assertUpdated(result.affected, `Review ${review.id}`);
      await m.getRepository(ConsumerReviewStatusChange).insert({
        reviewId: review.id,
        fromStatus: review.status,
        toStatus: input.status,
        reason,
        actor,
        changedAt,
      });
      review.status = input.status;
      // Flagging a review malicious takes it out of the negative-review share; hiding it does not.
      await commerceCreditSignals.refresh(m, [review.operatorUscc], ctx.now);
      return review;
    });
  }
}

function cursorId(after: string): number {
  return recordIdInput(decodeCursor(after), 'after');
}
