import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { badInput } from '../../../shared/errors/errors';
import { DateScalar } from '../../../shared/graphql/scalars';
import {
  CreditEvaluationStandard, OperatorCreditEvaluation, OperatorCreditEvaluatorKind, OperatorCreditGrade,
} from '../entities/operator-credit-evaluation.entity';
import { platformEvaluationRules } from '../entities/platform-rule-document.entity';
import { CreditEvaluationResult, evaluateCredit } from '../rules/credit-evaluation';
import { Platform } from '../entities/platform.entity';
import { commerceCreditSignals } from '../credit-signal';
import { CommerceContext, requirePlatform } from './common';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { integerInRange, requiredText } from '../../../shared/validation/inputs';
import { notAfterToday } from '../../../shared/validation/dates';
import { chinaToday } from '../../../shared/calendar/dates';

@InputType({ description: 'An operator credit evaluation; score and grade are derived by the versioned rules' })
export class RecordOperatorCreditEvaluationInput {
  @Field(() => UnifiedSocialCreditCodeScalar)
  operatorUscc: string;

  @Field(() => OperatorCreditEvaluatorKind)
  evaluatorKind: OperatorCreditEvaluatorKind;

  @Field({ description: 'Name of the evaluating platform, agency or authority' })
  evaluatorName: string;

  @Field(() => ID, { nullable: true, description: 'The evaluating platform; required when evaluatorKind is PLATFORM' })
  platformId?: string | null;

  @Field(() => CreditEvaluationStandard)
  standard: CreditEvaluationStandard;

  @Field(() => DateScalar, { description: 'Evaluation date; not in the future' })
  evaluatedOn: Date;

  @Field(() => Int, { description: 'Overall satisfaction (综合满意度), 0-100' })
  overallSatisfaction: number;

  @Field(() => Int, { description: 'Product quality (商品质量), 0-100' })
  productQuality: number;

  @Field(() => Int, { description: 'Brand reputation (品牌信誉), 0-100' })
  brandReputation: number;

  @Field(() => Int, { description: 'After-sales service (售后服务), 0-100' })
  afterSalesService: number;
}

/**
 * Score and grade of an evaluation: a platform's by its own CREDIT_EVALUATION_RULES in force on the evaluation date
 * (E-Commerce Law art. 39), null when none in force publishes figures; a third party's by the city's fallback table.
 */
export async function gradeOf(evaluation: OperatorCreditEvaluation, ctx: CommerceContext): Promise<CreditEvaluationResult | null> {
  if (evaluation.evaluatorKind !== OperatorCreditEvaluatorKind.PLATFORM || !evaluation.platformId) {
    return evaluateCredit(evaluation, evaluation.evaluatedOn);
  }
  const documents = await ctx.loaders.ruleDocumentsByPlatform.load(evaluation.platformId);
  return evaluateCredit(evaluation, evaluation.evaluatedOn, platformEvaluationRules(documents));
}

@Resolver(() => OperatorCreditEvaluation)
export class OperatorCreditEvaluationResolver {
  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "Weighted score 0-100 (one decimal): a platform evaluation by the platform's own credit evaluation rules in force " +
      "on evaluatedOn, a third-party evaluation by the city's fallback table; null when the platform had published no " +
      'rules with figures in force that day',
  })
  async score(@Root() evaluation: OperatorCreditEvaluation, @Ctx() ctx: CommerceContext): Promise<number | null> {
    return (await gradeOf(evaluation, ctx))?.score ?? null;
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => OperatorCreditGrade, { nullable: true, description: 'Grade from the score by the same rules' })
  async grade(@Root() evaluation: OperatorCreditEvaluation, @Ctx() ctx: CommerceContext): Promise<OperatorCreditGrade | null> {
    return ((await gradeOf(evaluation, ctx))?.grade ?? null) as OperatorCreditGrade | null;
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The rules used: the platform document (`<platformId> CREDIT_EVALUATION_RULES v<n>`) or the city's fallback " +
      'table version (third-party evaluations)',
  })
  async rulesVersion(@Root() evaluation: OperatorCreditEvaluation, @Ctx() ctx: CommerceContext): Promise<string | null> {
    return (await gradeOf(evaluation, ctx))?.rulesVersion ?? null;
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => Platform, { nullable: true, description: 'The evaluating platform, for platform evaluations' })
  platform(@Root() evaluation: OperatorCreditEvaluation, @Ctx() ctx: CommerceContext): Promise<Platform | null> | null {
    return evaluation.platformId ? ctx.loaders.platformById.load(evaluation.platformId) : null;
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'commerce' })
  @Mutation(() => OperatorCreditEvaluation, {
    description:
      'Records a platform or third-party credit evaluation of an operator; indicators are 0-100, score and grade are ' +
      'computed. GOVERNMENT_COMPOSITE is refused: the composite is derived (Operator.creditAssessment)',
  })
  async recordOperatorCreditEvaluation(
    @Arg('input', () => RecordOperatorCreditEvaluationInput) input: RecordOperatorCreditEvaluationInput,
    @Ctx() ctx: CommerceContext,
  ): Promise<OperatorCreditEvaluation> {
    if (input.evaluatorKind === OperatorCreditEvaluatorKind.GOVERNMENT_COMPOSITE) {
      throw badInput(
        'The government composite evaluation is no longer recorded: it is derived by market regulation from every ' +
          "agency's credit signal (Operator.creditAssessment)",
        { field: 'evaluatorKind' },
      );
    }
    const operatorUscc = assertUscc(input.operatorUscc);
    const evaluatorName = requiredText(input.evaluatorName, 'evaluatorName', 200);
    const evaluatedOn = notAfterToday(input.evaluatedOn, 'evaluatedOn', chinaToday(ctx.now));
    const indicators = {
      overallSatisfaction: integerInRange(input.overallSatisfaction, 'overallSatisfaction', 0, 100),
      productQuality: integerInRange(input.productQuality, 'productQuality', 0, 100),
      brandReputation: integerInRange(input.brandReputation, 'brandReputation', 0, 100),
      afterSalesService: integerInRange(input.afterSalesService, 'afterSalesService', 0, 100),
    };
    const platformId = input.platformId?.trim() || null;
    if (input.evaluatorKind === OperatorCreditEvaluatorKind.PLATFORM && !platformId) {
      throw badInput('`platformId` is required for a PLATFORM evaluation', { field: 'platformId' });
    }
    return ctx.db.transaction(async (m) => {
      if (platformId) await requirePlatform(m, platformId);
      const repo = m.getRepository(OperatorCreditEvaluation);
      const evaluation = await repo.save(
        repo.create({
          operatorUscc,
          platformId,
          evaluatorKind: input.evaluatorKind,
          evaluatorName,
          standard: input.standard,
          evaluatedOn,
          ...indicators,
        }),
      );
      await commerceCreditSignals.refresh(m, [operatorUscc], ctx.now);
      return evaluation;
    });
  }
}
