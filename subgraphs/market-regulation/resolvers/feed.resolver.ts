import {
  Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root,
} from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { Scope } from '../../../shared/auth/caller';
import { ShareClass } from '../../../shared/auth/share-class';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { DuplicateKey, duplicateConflict, lockForWrite, refuseDuplicates } from '../../../shared/database/duplicates';
import { badInput } from '../../../shared/errors/errors';
import { DateScalar, DateTimeScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, encodeCursor, toConnection } from '../../../shared/pagination/connection';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { In } from 'typeorm';
import { requiredText } from '../../../shared/validation/inputs';
import { CreditListChangeRecord } from '../entities/credit-list-change.entity';
import { Operator } from '../entities/operator.entity';
import { PlatformRestriction, PlatformRestrictionKind } from '../entities/platform-restriction.entity';
import { emitMarketRegulationEvent } from '../credit-events';
import { acknowledgeFeed, AcknowledgementState, platformRecipient, platformRestrictionAsJointMeasure } from '../events/feed';
import type { MarketRegulationLoaders } from '../loaders';
import { chinaToday } from '../../../shared/calendar/dates';
import { operatorsWithStorefrontOn } from '../storefront-registry';
import { forbidden } from './access';
import { notAfterToday } from '../../../shared/validation/dates';

type Ctx = SubgraphContext<MarketRegulationLoaders>;

export const CreditListChangeConnection = ConnectionType(CreditListChangeRecord, 'CreditListChange');

@Access(ShareClass.GOV_SHARED)
@ObjectType('CreditListDelivery', { description: 'Whether one expected recipient has acknowledged a change' })
export class CreditListDelivery {
  @Field({ description: 'An agency id (e.g. customs) or platform:<id>' })
  recipient: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the recipient acknowledged the change; null while it has not' })
  acknowledgedAt: Date | null;
}

@Access(ShareClass.CREDIT_LIST_FEED)
@ObjectType('CreditListAcknowledgement', { description: "An organisation's position in the credit-list feed" })
export class CreditListAcknowledgementResult {
  @Field({ description: 'The organisation: the agency id of the token, or platform:<id>' })
  recipient: string;

  @Field(() => String, { nullable: true, description: 'Cursor of the last change acknowledged; null before the first acknowledgement' })
  upTo: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When that acknowledgement was recorded' })
  acknowledgedAt: Date | null;

  @Field(() => Int, { description: 'Changes in the feed after the acknowledged one' })
  pendingCount: number;
}

@InputType({ description: 'A restriction a platform applied (or lifted) because of a listing in the credit-list feed' })
export class ReportPlatformRestrictionInput {
  @Field({ description: "The reporting platform's id; a platform reports for itself only" })
  platformId: string;

  @Field(() => UnifiedSocialCreditCodeScalar)
  operatorUscc: string;

  @Field(() => PlatformRestrictionKind)
  restriction: PlatformRestrictionKind;

  @Field({ description: 'Decision number of the LISTED change in creditListChanges the restriction rests on' })
  basisDecisionNumber: string;

  @Field(() => DateScalar, { description: 'First day the restriction applied' })
  appliedOn: Date;

  @Field(() => DateScalar, { nullable: true, description: 'Day the restriction was lifted; report it again with this date once lifted' })
  liftedOn?: Date | null;
}

function toResult(state: AcknowledgementState): CreditListAcknowledgementResult {
  return {
    recipient: state.recipient,
    upTo: state.upToPosition === null ? null : encodeCursor(state.upToPosition),
    acknowledgedAt: state.acknowledgedAt,
    pendingCount: state.pendingCount,
  };
}

/** A feed position from a cursor this feed handed out; anything else is BAD_USER_INPUT naming the argument. */
function feedPosition(cursor: string, argument: string): number {
  let raw: string;
  try {
    raw = decodeCursor(cursor);
  } catch {
    throw badInput(`\`${argument}\` "${cursor}" is not a cursor of creditListChanges`);
  }
  if (!/^\d{1,12}$/.test(raw)) throw badInput(`\`${argument}\` "${cursor}" is not a cursor of creditListChanges`);
  return Number(raw);
}

@Resolver(() => CreditListChangeRecord)
export class CreditListFeedResolver {
  @Access(ShareClass.CREDIT_LIST_FEED)
  @Query(() => CreditListChangeConnection, {
    nullable: true,
    description:
      'The credit-list push (名单推送): every listing, removal and repair decision of every agency, in the order market ' +
      'regulation received them. Page with `after` (the last endCursor you processed), then acknowledge it',
  })
  async creditListChanges(
    @Ctx() ctx: Ctx,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const repo = ctx.db.getRepository(CreditListChangeRecord);
    // Counted only if the client selects totalCount.
    const totalCount = () => repo.count();
    const qb = repo.createQueryBuilder('c');
    if (after) qb.where('c.position > :after', { after: feedPosition(after, 'after') });
    const rows = await qb.orderBy('c.position', 'ASC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.position, Boolean(after));
  }

  @Access(ShareClass.CREDIT_LIST_FEED)
  @Query(() => CreditListChangeRecord, { nullable: true, description: 'One change of the credit-list feed by its event id' })
  creditListChange(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<CreditListChangeRecord | null> {
    return ctx.db.getRepository(CreditListChangeRecord).findOneBy({ eventId: requiredText(id, 'id', 64) });
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [CreditListDelivery], {
    nullable: true,
    description:
      'Every expected recipient (the five agencies, every platform in the platform registry or that has acknowledged ' +
      'the feed) and when it acknowledged this change; null acknowledgedAt: not acknowledged yet',
  })
  deliveries(@Root() change: CreditListChangeRecord, @Ctx() ctx: Ctx): Promise<CreditListDelivery[]> {
    return ctx.loaders.creditListDeliveries.load(change.position);
  }

  @Access(ShareClass.CREDIT_LIST_FEED)
  @Mutation(() => CreditListAcknowledgementResult, {
    description:
      "Records that the caller's organisation (its agency, or platform:<id>) has received every change up to the " +
      'cursor. A cursor at or before the one already acknowledged changes nothing',
  })
  async acknowledgeCreditListChanges(@Arg('upTo') upTo: string, @Ctx() ctx: Ctx): Promise<CreditListAcknowledgementResult> {
    const { caller } = ctx;
    let recipient: string | undefined;
    if (caller.role === 'platform' && caller.platformId && caller.scopes.has(Scope.platform(caller.platformId))) {
      recipient = platformRecipient(caller.platformId);
    } else if (caller.role === 'agency' && caller.agency && caller.scopes.has(Scope.GOV_SHARED)) {
      recipient = caller.agency;
    }
    if (!recipient) throw forbidden('Only an agency or a platform acknowledges the credit-list feed, for its own organisation');
    const position = feedPosition(upTo, 'upTo');
    if (!(await ctx.db.getRepository(CreditListChangeRecord).existsBy({ position }))) {
      throw badInput(`\`upTo\` "${upTo}" names no change in the credit-list feed`);
    }
    return toResult(await acknowledgeFeed(ctx.db, recipient, position, ctx.now));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'market-regulation', platforms: true })
  @Mutation(() => PlatformRestriction, {
    description:
      'A platform reports a restriction it applied to a listed operator trading on it (restricted onboarding, listing ' +
      'goods or services, promotions), and reports it again with liftedOn when lifted. It feeds Operator.jointMeasures',
  })
  async reportPlatformRestriction(
    @Arg('input', () => ReportPlatformRestrictionInput) input: ReportPlatformRestrictionInput,
    @Ctx() ctx: Ctx,
  ): Promise<PlatformRestriction> {
    const { caller } = ctx;
    const platformId = input.platformId.trim();
    if (caller.role !== 'platform' || caller.platformId !== platformId || !caller.scopes.has(Scope.platform(platformId))) {
      throw forbidden(`Only platform "${platformId}" itself reports the restrictions it applied`);
    }
    const today = chinaToday(ctx.now);
    const appliedOn = notAfterToday(input.appliedOn, 'appliedOn', today);
    const liftedOn = input.liftedOn ? notAfterToday(input.liftedOn, 'liftedOn', today) : null;
    if (liftedOn !== null && liftedOn < appliedOn) throw badInput(`\`liftedOn\` (${liftedOn}) must not be before \`appliedOn\` (${appliedOn})`);
    const basisDecisionNumber = requiredText(input.basisDecisionNumber, 'basisDecisionNumber', 80);
    const uscc = input.operatorUscc;
    if (!(await ctx.db.getRepository(Operator).existsBy({ uscc }))) {
      throw badInput(`No operator is registered with unified social credit code ${uscc}`);
    }
    const feed = ctx.db.getRepository(CreditListChangeRecord);
    const listing = await feed.findOne({
      where: { operatorUscc: uscc, action: 'LISTED', decisionNumber: basisDecisionNumber },
      order: { position: 'ASC' },
    });
    if (!listing) {
      throw badInput(
        `\`basisDecisionNumber\` ${basisDecisionNumber} is not a listing of operator ${uscc} in the credit-list feed; ` +
          'a platform restriction rests on a published listing',
      );
    }
    if (appliedOn < listing.effectiveOn) {
      throw badInput(`\`appliedOn\` (${appliedOn}) is before the listing ${basisDecisionNumber} took effect (${listing.effectiveOn})`);
    }
    const ended = await feed.findOne({
      where: { operatorUscc: uscc, kind: listing.kind, listingDecisionNumber: basisDecisionNumber, action: In(['REMOVED', 'REPAIRED']) },
      order: { effectiveOn: 'ASC' },
    });
    if (ended && ended.effectiveOn <= appliedOn) {
      throw badInput(`Listing ${basisDecisionNumber} ended on ${ended.effectiveOn} (${ended.action}); no restriction can rest on it from ${appliedOn}`);
    }
    // Commerce's storefront registry, which platforms cannot write: a platform restricts only its own traders.
    if (!(await operatorsWithStorefrontOn(ctx, platformId, [uscc])).has(uscc)) {
      throw badInput(`No storefront on platform ${platformId} is registered with commerce for operator ${uscc}; nothing was recorded`);
    }
    const duplicate: DuplicateKey = {
      columns: ['platformId', 'operatorUscc', 'restriction', 'basisDecisionNumber'],
      duplicate: { platformId, operatorUscc: uscc, restriction: input.restriction, basisDecisionNumber },
      message: `Platform ${platformId} has already reported ${input.restriction} of ${uscc} on listing ${basisDecisionNumber}` +
        (liftedOn ? ' as lifted' : ''),
    };
    const id = await refuseDuplicates([duplicate], () => ctx.db.transaction(async (m) => {
      await lockForWrite(m, `market-regulation:platform-restriction:${platformId}:${uscc}`);
      const repo = m.getRepository(PlatformRestriction);
      const existing = await repo.findOneBy({ platformId, operatorUscc: uscc, restriction: input.restriction, basisDecisionNumber });
      if (!existing) {
        const saved = await repo.save(repo.create({
          platformId, operatorUscc: uscc, restriction: input.restriction, basisListKind: listing.kind, basisDecisionNumber,
          appliedOn, liftedOn, reportedAt: ctx.now, liftReportedAt: liftedOn ? ctx.now : null,
        }));
        // The platform's feedback joins every agency's in jointMeasures: committed with the report, or not at all.
        await emitMarketRegulationEvent(m, 'JointMeasureChange', platformRestrictionAsJointMeasure(saved, 'APPLIED'));
        if (liftedOn) await emitMarketRegulationEvent(m, 'JointMeasureChange', platformRestrictionAsJointMeasure(saved, 'LIFTED'));
        return saved.id;
      }
      // Reported before: only the lift of a standing restriction is news.
      if (existing.liftedOn !== null || liftedOn === null) throw duplicateConflict(duplicate);
      if (existing.appliedOn !== appliedOn) {
        throw badInput(`\`appliedOn\` (${appliedOn}) differs from the reported ${existing.appliedOn} of this restriction`);
      }
      if (liftedOn < existing.appliedOn) throw badInput(`\`liftedOn\` (${liftedOn}) must not be before \`appliedOn\` (${existing.appliedOn})`);
      await repo.update({ id: existing.id }, { liftedOn, liftReportedAt: ctx.now });
      await emitMarketRegulationEvent(m, 'JointMeasureChange', platformRestrictionAsJointMeasure({ ...existing, liftedOn }, 'LIFTED'));
      return existing.id;
    }));
    return ctx.db.getRepository(PlatformRestriction).findOneByOrFail({ id });
  }
}
