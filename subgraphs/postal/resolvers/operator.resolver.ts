import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { AgencyCreditSignal, loadCreditSignal } from '../../../shared/credit-signal/graphql';
import type { CreditSignal } from '../../../shared/credit-signal/signal';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { derivePostalCreditSignals } from '../credit-signal';
import { EmptyParcelSignal } from '../entities/empty-parcel-signal.entity';
import { ExpressPermit } from '../entities/express-permit.entity';
import { Operator } from '../entities/operator';
import { ParcelStatistic } from '../entities/parcel-statistic.entity';
import { PostalComplaint } from '../entities/postal-complaint.entity';
import type { PostalLoaders } from '../loaders';
import { currentPermit } from '../permit-status';
import { holdsValidExpressPermit } from '../../../shared/qualifications/validity';
import { chinaToday } from '../../../shared/calendar/dates';

type Ctx = SubgraphContext<PostalLoaders>;

/** Postal's fields on the shared Operator entity. */
@Resolver(() => Operator)
export class PostalOperatorResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => ExpressPermit, {
    nullable: true,
    description:
      "The operator's express business permit (快递业务经营许可证): the one valid now, otherwise the most recent; null when it never held one",
  })
  async expressPermit(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<ExpressPermit | null> {
    return currentPermit(await ctx.loaders.permitsByHolder.load(operator.uscc), chinaToday(ctx.now));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'True when the operator holds an express business permit valid at the time of the request',
  })
  async holdsValidExpressPermit(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<boolean> {
    const today = chinaToday(ctx.now);
    const permits = await ctx.loaders.permitsByHolder.load(operator.uscc);
    return holdsValidExpressPermit(permits, today);
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => [PostalComplaint], {
    nullable: true,
    description: 'Postal complaints concerning parcels the operator shipped, most recently received first',
  })
  postalComplaints(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<PostalComplaint[]> {
    return ctx.loaders.complaintsByOperator.load(operator.uscc);
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [ParcelStatistic], {
    nullable: true,
    description: "Monthly parcel volume per carrier for the operator's shipments, latest period first",
  })
  parcelStats(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<ParcelStatistic[]> {
    return ctx.loaders.parcelStatsByOperator.load(operator.uscc);
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [EmptyParcelSignal], {
    nullable: true,
    description: 'Empty-parcel (空包) signals raised on the operator, latest period first',
  })
  emptyParcelSignals(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<EmptyParcelSignal[]> {
    return ctx.loaders.signalsByOperator.load(operator.uscc);
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => AgencyCreditSignal, {
    nullable: true,
    description:
      "Postal's credit signal on the operator (邮政信用信号): confirmed empty-parcel fake transactions, undecided " +
      'empty-parcel suspicions and a revoked express permit, each with the postal records behind it. The comprehensive ' +
      'credit assessment (综合信用评价) of market regulation weighs it',
  })
  postalCreditSignal(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<CreditSignal> {
    return loadCreditSignal(ctx.loaders, ctx.db, derivePostalCreditSignals, ctx.now, operator.uscc);
  }
}
