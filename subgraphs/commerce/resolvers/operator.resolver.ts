import { withoutWithdrawn } from '../../../shared/objections/visibility';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AdvanceCompensationClaim } from '../entities/advance-compensation-claim.entity';
import { GovernmentRestriction } from '../entities/government-restriction.entity';
import { CommerceListEntry } from '../entities/commerce-list-entry.entity';
import { Operator } from '../entities/operator';
import { OperatorCreditEvaluation } from '../entities/operator-credit-evaluation.entity';
import { Platform } from '../entities/platform.entity';
import { Storefront } from '../entities/storefront.entity';
import { TransactionRiskAlert } from '../entities/transaction-risk-alert.entity';
import { CommerceContext, ownPlatformRecords } from './common';
import { ConsumerReviewPlatformStats, ConsumerReviewStats, toReviewStats } from './review-stats.types';
import { measureInForce } from '../../../shared/joint-measures/measure-records';
import { AgencyCreditSignal, loadCreditSignal } from '../../../shared/credit-signal/graphql';
import type { CreditSignal } from '../../../shared/credit-signal/signal';
import { deriveCommerceCreditSignals } from '../credit-signal';
import { chinaToday } from '../../../shared/calendar/dates';

/** Commerce's fields on the shared Operator entity; each goes through a per-request DataLoader. */
@Resolver(() => Operator)
export class CommerceOperatorResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [Storefront], { nullable: true, description: "The operator's shops on e-commerce platforms (网店)" })
  storefronts(@Root() operator: Operator, @Ctx() ctx: CommerceContext): Promise<Storefront[]> {
    return ctx.loaders.storefrontsByOperator.load(operator.uscc);
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => [OperatorCreditEvaluation], {
    nullable: true,
    description:
      'Credit evaluations of the operator by platforms and third parties, newest first (GOVERNMENT_COMPOSITE rows are ' +
      'history: the composite is now derived by market regulation, Operator.creditAssessment)',
  })
  platformEvaluations(@Root() operator: Operator, @Ctx() ctx: CommerceContext): Promise<OperatorCreditEvaluation[]> {
    return ctx.loaders.evaluationsByOperator.load(operator.uscc);
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => ConsumerReviewStats, {
    nullable: true,
    description: 'Consumer review statistics, counting reviews hidden by platforms and flagged as malicious',
  })
  async reviewStats(@Root() operator: Operator, @Ctx() ctx: CommerceContext): Promise<ConsumerReviewStats> {
    return toReviewStats(operator.uscc, await ctx.loaders.reviewCountsByOperator.load(operator.uscc));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [TransactionRiskAlert], {
    nullable: true,
    description: 'Transaction credit-risk alerts shown to consumers about the operator, newest first',
  })
  async riskAlerts(
    @Root() operator: Operator,
    @Ctx() ctx: CommerceContext,
    @Arg('activeOnly', { defaultValue: false, description: 'Only alerts shown today' }) activeOnly: boolean,
  ): Promise<TransactionRiskAlert[]> {
    const alerts = await ctx.loaders.riskAlertsByOperator.load(operator.uscc);
    const today = chinaToday(ctx.now);
    return activeOnly ? alerts.filter((a) => a.issuedOn <= today && a.expiresOn >= today) : alerts;
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [GovernmentRestriction], {
    nullable: true,
    description:
      'Government funding and procurement restrictions (联合惩戒) applied because of listings pushed to commerce, latest first',
  })
  async governmentRestrictions(
    @Root() operator: Operator,
    @Ctx() ctx: CommerceContext,
    @Arg('activeOnly', { defaultValue: false, description: 'Only restrictions in force today' }) activeOnly: boolean,
  ): Promise<GovernmentRestriction[]> {
    const rows = await ctx.loaders.restrictionsByOperator.load(operator.uscc);
    const today = chinaToday(ctx.now);
    return activeOnly ? rows.filter((r) => measureInForce(r, today)) : rows;
  }

  @Access(ShareClass.GOV_SHARED, { platforms: true })
  @FieldResolver(() => [AdvanceCompensationClaim], {
    nullable: true,
    description:
      'Advance compensation claims (先行赔付) about the operator, newest first; a platform sees the claims filed with it ' +
      'only (about its in-platform operators)',
  })
  async advanceCompensations(@Root() operator: Operator, @Ctx() ctx: CommerceContext): Promise<AdvanceCompensationClaim[]> {
    const claims = await ctx.loaders.claimsByOperator.load(operator.uscc);
    return ownPlatformRecords(ctx, operator.uscc, claims);
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [CommerceListEntry], {
    nullable: true,
    description: 'Entries on commerce ministry credit lists (joint punishment, key attention), newest first',
  })
  async commerceListEntries(
    @Root() operator: Operator,
    @Ctx() ctx: CommerceContext,
    @Arg('activeOnly', { defaultValue: false, description: 'Only entries listed today' }) activeOnly: boolean,
  ): Promise<CommerceListEntry[]> {
    const entries = withoutWithdrawn(ctx.caller, operator.uscc, await ctx.loaders.listEntriesByOperator.load(operator.uscc));
    const today = chinaToday(ctx.now);
    return activeOnly ? entries.filter((e) => e.isListedOn(today)) : entries;
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => AgencyCreditSignal, {
    nullable: true,
    description:
      "Commerce's credit signal about the operator (商务信用信号): its negative-review share, platform credit grades, " +
      'advance compensation paid and ministry list entries, each with the records behind it, derived now. The ' +
      'comprehensive credit assessment of market regulation (Operator.creditAssessment) weighs it',
  })
  commerceCreditSignal(@Root() operator: Operator, @Ctx() ctx: CommerceContext): Promise<CreditSignal> {
    return loadCreditSignal(ctx.loaders, ctx.db, deriveCommerceCreditSignals, ctx.now, operator.uscc);
  }
}

@Resolver(() => ConsumerReviewPlatformStats)
export class ConsumerReviewPlatformStatsResolver {
  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => Platform, { nullable: true })
  platform(@Root() stats: ConsumerReviewPlatformStats, @Ctx() ctx: CommerceContext): Promise<Platform | null> {
    return ctx.loaders.platformById.load(stats.platformId);
  }
}
