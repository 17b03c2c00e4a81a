import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { AgencyCreditSignal, loadCreditSignal } from '../../../shared/credit-signal/graphql';
import { deriveFinanceCreditSignals } from '../credit-signal';
import { CreditAuthorization, CreditAuthorizationStatus } from '../entities/credit-authorization.entity';
import { FinancingApplication } from '../entities/financing-application.entity';
import { FinancingMeasure, FinancingMeasureStatus } from '../entities/financing-measure.entity';
import { Operator } from '../entities/operator';
import { PaymentLicence } from '../entities/payment-licence.entity';
import { measureStatus } from '../rules/status-rules';
import { FinanceCtx } from './common';
import { authorizationStatus } from './credit-authorization.resolver';
import { FinancingExposureSummary, summarize } from './financing-exposure.resolver';
import { currentLicence } from './payment-licence.resolver';
import { holdsPaymentLicence } from '../../../shared/qualifications/validity';
import { chinaToday } from '../../../shared/calendar/dates';

/**
 * Local financial regulation's (地方金融) fields on the shared Operator entity. No bank loan ledgers.
 * Access: payment licences are PUBLIC (customs' cross-border check learns them from QualificationChange events); financing measures, credit
 * authorizations, applications and the exposure summary are AUTHORIZED_QUERY. Those are nullable, like the
 * GOV_SHARED root lists, so a caller who may not read them keeps the rest of the operator: the field is null
 * with an UNAUTHORIZED_FIELD_OR_TYPE error instead of nulling the whole entity.
 */
@Resolver(() => Operator)
export class FinanceOperatorResolver {
  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => [FinancingMeasure], {
    nullable: true,
    description: 'Joint-punishment financing measures against the operator (联合惩戒融资措施), latest start first',
  })
  async financingMeasures(
    @Root() operator: Operator,
    @Ctx() ctx: FinanceCtx,
    @Arg('activeOnly', () => Boolean, { defaultValue: false, description: 'Only measures in force today' })
    activeOnly: boolean,
  ): Promise<FinancingMeasure[]> {
    const rows = await ctx.loaders.measuresByOperator.load(operator.uscc);
    const today = chinaToday(ctx.now);
    return activeOnly ? rows.filter((m) => measureStatus(m, today) === FinancingMeasureStatus.ACTIVE) : rows;
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => [CreditAuthorization], {
    nullable: true,
    description: 'Authorizations the operator gave lenders to query its credit information, latest first',
  })
  async creditAuthorizations(
    @Root() operator: Operator,
    @Ctx() ctx: FinanceCtx,
    @Arg('activeOnly', () => Boolean, { defaultValue: false, description: 'Only authorizations active today' })
    activeOnly: boolean,
  ): Promise<CreditAuthorization[]> {
    const rows = await ctx.loaders.authorizationsByOperator.load(operator.uscc);
    const today = chinaToday(ctx.now);
    return activeOnly ? rows.filter((a) => authorizationStatus(a, today) === CreditAuthorizationStatus.ACTIVE) : rows;
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => [FinancingApplication], {
    nullable: true,
    description: 'Credit-financing applications through public platforms and their outcomes, latest first',
  })
  financingApplications(@Root() operator: Operator, @Ctx() ctx: FinanceCtx): Promise<FinancingApplication[]> {
    return ctx.loaders.applicationsByOperator.load(operator.uscc);
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => FinancingExposureSummary, {
    nullable: true,
    description:
      'Latest reported month of aggregated exposure to local financial organizations (micro-loan, guarantee, ' +
      'factoring, leasing, pawn), with totals and overdue flags; empty rows when never reported',
  })
  async exposure(@Root() operator: Operator, @Ctx() ctx: FinanceCtx): Promise<FinancingExposureSummary> {
    return summarize(operator.uscc, await ctx.loaders.latestExposureByOperator.load(operator.uscc));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => PaymentLicence, {
    nullable: true,
    description: 'The payment licence (支付业务许可证): the valid one, else the latest issued; null when none',
  })
  async paymentLicence(@Root() operator: Operator, @Ctx() ctx: FinanceCtx): Promise<PaymentLicence | null> {
    return currentLicence(await ctx.loaders.paymentLicencesByOperator.load(operator.uscc), chinaToday(ctx.now));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'True when the operator holds a payment licence valid on the request date',
  })
  async holdsPaymentLicence(@Root() operator: Operator, @Ctx() ctx: FinanceCtx): Promise<boolean> {
    const today = chinaToday(ctx.now);
    const licences = await ctx.loaders.paymentLicencesByOperator.load(operator.uscc);
    return holdsPaymentLicence(licences, today);
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => AgencyCreditSignal, {
    nullable: true,
    description:
      "Local financial regulation's credit signal on the operator (地方金融信用信号): financing measures in force and " +
      'local financial organization types with long-overdue exposure, each with its records. The comprehensive credit ' +
      'assessment (综合信用评价) in market regulation weighs it.',
  })
  async financeCreditSignal(@Root() operator: Operator, @Ctx() ctx: FinanceCtx): Promise<AgencyCreditSignal> {
    return loadCreditSignal(ctx.loaders, ctx.db, deriveFinanceCreditSignals, ctx.now, operator.uscc);
  }
}
