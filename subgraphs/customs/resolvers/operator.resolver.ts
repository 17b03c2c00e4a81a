import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { CrossBorderRole } from '../entities/cross-border-role.entity';
import { CustomsPenalty } from '../entities/customs-penalty.entity';
import { CustomsJointMeasure, CustomsJointMeasureKind } from '../entities/customs-joint-measure.entity';
import { CustomsRegistration } from '../entities/customs-registration.entity';
import { CustomsRegistrationStatus } from '../entities/enums';
import { Operator } from '../entities/operator';
import { crossBorderRulesOn } from '../rules/cross-border';
import { clearanceMeasureOn, ratingInEffect, underStrictReview } from '../rules/credit-rules';
import { customsJointRulesOn } from '../rules/joint-measures';
import { penaltyInPublicity } from '../rules/penalty-publicity';
import { CustomsClearanceMeasure, CustomsCredit } from './customs-credit.types';
import { CustomsContext, seesFullPenaltyHistory } from './support';
import { toClearanceMeasure } from './customs-credit.resolver';
import { measureInForce } from '../../../shared/joint-measures/measure-records';
import { AgencyCreditSignal, loadCreditSignal } from '../../../shared/credit-signal/graphql';
import type { CreditSignal } from '../../../shared/credit-signal/signal';
import { deriveCustomsCreditSignals } from '../credit-signal';
import { chinaToday } from '../../../shared/calendar/dates';
import { qualificationHeldOn } from '../../../shared/qualifications/validity';

/** Customs' fields on the shared Operator entity. Every field goes through a per-request DataLoader. */
@Resolver(() => Operator)
export class CustomsOperatorResolver {
  @FieldResolver(() => CustomsRegistration, {
    nullable: true,
    description: 'Registration with customs (海关注册登记); null when the operator is not registered',
  })
  @Access(ShareClass.PUBLIC)
  customsRegistration(@Root() operator: Operator, @Ctx() ctx: CustomsContext): Promise<CustomsRegistration | null> {
    return ctx.loaders.registrationByOperator.load(operator.uscc);
  }

  @FieldResolver(() => CustomsCredit, {
    nullable: true,
    description: 'Customs credit level in effect, rating history (with rules versions) and dishonesty findings',
  })
  @Access(ShareClass.PUBLIC)
  customsCredit(@Root() operator: Operator): CustomsCredit {
    return { operatorUscc: operator.uscc };
  }

  @FieldResolver(() => CustomsClearanceMeasure, {
    nullable: true,
    description:
      'Clearance measure (通关管理措施) derived today from the credit level in effect under the rules in force; null when not registered with customs or the registration is cancelled. For agencies and the operator itself (null for other callers)',
  })
  @Access(ShareClass.GOV_SHARED)
  async clearanceMeasure(@Root() operator: Operator, @Ctx() ctx: CustomsContext): Promise<CustomsClearanceMeasure | null> {
    const [registration, ratings] = await Promise.all([
      ctx.loaders.registrationByOperator.load(operator.uscc),
      ctx.loaders.ratingsByOperator.load(operator.uscc),
    ]);
    if (!registration || registration.status === CustomsRegistrationStatus.CANCELLED) return null;
    const today = chinaToday(ctx.now);
    const measure = clearanceMeasureOn(ratingInEffect(ratings, today), today);
    if (!measure) return null;
    const strict = (await ctx.loaders.jointMeasuresByOperator.load(operator.uscc)).find(
      (m) => m.kind === CustomsJointMeasureKind.STRICT_CLEARANCE_REVIEW && measureInForce(m, today),
    );
    if (!strict) return { ...toClearanceMeasure(measure), operatorUscc: operator.uscc, jointMeasureBasis: null };
    const strictMeasure = underStrictReview(measure, customsJointRulesOn(strict.startsOn).strictReviewLevel, today);
    return {
      ...toClearanceMeasure(strictMeasure),
      operatorUscc: operator.uscc,
      // The operator it belongs to travels with it (not a field): row-level access (the operator itself) reads it.
      jointMeasureBasis: { listKind: strict.basisListKind, decisionNumber: strict.basisDecisionNumber, operatorUscc: operator.uscc },
    };
  }

  @FieldResolver(() => [CustomsJointMeasure], {
    nullable: true,
    description:
      'Joint disciplinary measures customs applies because of listings pushed to it (strict clearance review, no advanced certification), latest first',
  })
  @Access(ShareClass.GOV_SHARED)
  async customsJointMeasures(
    @Root() operator: Operator,
    @Ctx() ctx: CustomsContext,
    @Arg('activeOnly', () => Boolean, { defaultValue: false, description: 'Only measures in force today' }) activeOnly: boolean,
  ): Promise<CustomsJointMeasure[]> {
    const rows = await ctx.loaders.jointMeasuresByOperator.load(operator.uscc);
    const today = chinaToday(ctx.now);
    return activeOnly ? rows.filter((m) => measureInForce(m, today)) : rows;
  }

  @FieldResolver(() => [CrossBorderRole], {
    nullable: true,
    description:
      'Cross-border e-commerce roles (跨境电子商务企业) with the qualification each needs from postal or finance and whether the operator holds it',
  })
  @Access(ShareClass.PUBLIC)
  async crossBorderRoles(@Root() operator: Operator, @Ctx() ctx: CustomsContext): Promise<CrossBorderRole[]> {
    const roles = await ctx.loaders.rolesByOperator.load(operator.uscc);
    const today = chinaToday(ctx.now);
    const rules = crossBorderRulesOn(today);
    // Only an operator in a role that needs a qualification costs the lookup.
    const needed = roles.some((role) => rules.qualificationRequired[role.kind]);
    // The permits and licences postal and finance published (QualificationChange), judged on the request date by their
    // own rule: no request to either agency, so one customs fetch per query, and an answer while they are down.
    const documents = needed ? await ctx.loaders.qualificationsByOperator.load(operator.uscc) : [];
    return roles.map((role) => {
      const required = rules.qualificationRequired[role.kind];
      // A copy: the loader's cached row must not carry one operator's view into another field.
      return Object.assign(Object.create(CrossBorderRole.prototype) as CrossBorderRole, role, {
        qualificationHeld: required ? qualificationHeldOn(required, documents, today) : null,
      });
    });
  }

  @FieldResolver(() => [CustomsPenalty], {
    nullable: true,
    description:
      'Customs administrative penalties (海关行政处罚), newest first: those within their publicity period (by decision kind: 3 years for smuggling, 1 year for other decisions); agencies, admins and the operator itself also see those whose publicity has ended',
  })
  @Access(ShareClass.PUBLIC)
  async customsPenalties(@Root() operator: Operator, @Ctx() ctx: CustomsContext): Promise<CustomsPenalty[]> {
    const penalties = await ctx.loaders.penaltiesByOperator.load(operator.uscc);
    if (seesFullPenaltyHistory(ctx.caller, operator.uscc)) return penalties;
    const today = chinaToday(ctx.now);
    // A penalty withdrawn on an accepted objection (异议) was wrong: no longer public.
    return penalties.filter((p) => p.withdrawnOn === null && penaltyInPublicity(p, today));
  }

  @FieldResolver(() => AgencyCreditSignal, {
    nullable: true,
    description:
      "Customs' credit signal about the operator (海关信用信号), derived now from customs' own records: the credit level in force (advanced certified, certified, dishonest, seriously dishonest), penalties within their publicity period and dishonesty findings in force, each with its records. The comprehensive credit assessment (综合信用评价) in market regulation weighs it. For agencies and the operator itself (null for other callers)",
  })
  @Access(ShareClass.GOV_SHARED)
  customsCreditSignal(@Root() operator: Operator, @Ctx() ctx: CustomsContext): Promise<CreditSignal> {
    return loadCreditSignal(ctx.loaders, ctx.db, deriveCustomsCreditSignals, ctx.now, operator.uscc);
  }
}
