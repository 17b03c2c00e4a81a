import { Ctx, Field, FieldResolver, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { AgencyCreditSignal, loadCreditSignal } from '../../../shared/credit-signal/graphql';
import type { CreditSignal } from '../../../shared/credit-signal/signal';
import { DateTimeScalar } from '../../../shared/graphql/scalars';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { deriveMarketRegulationCreditSignals } from '../credit-signal';
import { CreditAssessment, CreditAssessmentFactor, CreditAssessmentSignal, CreditGradeCap } from '../entities/credit-assessment.entity';
import { Operator } from '../entities/operator.entity';
import type { MarketRegulationLoaders } from '../loaders';
import { chinaToday } from '../../../shared/calendar/dates';
import { warningRulesOn } from '../rules/transaction-risk-warning';
import { abnormalIsCurrent, seriousState } from './derived';

type Ctx = SubgraphContext<MarketRegulationLoaders>;

export const TransactionRiskWarningLevel = { CAUTION: 'CAUTION', HIGH: 'HIGH' } as const;
type Level = keyof typeof TransactionRiskWarningLevel;
registerEnumType(TransactionRiskWarningLevel, {
  name: 'TransactionRiskWarningLevel',
  description: 'How strongly consumers are warned',
  valuesConfig: {
    CAUTION: { description: 'Trade with caution (谨慎交易)' },
    HIGH: { description: 'High risk (高风险): seriously dishonest or graded D' },
  },
});

@ObjectType({ description: 'What a warning rests on: a public record or the public assessment grade' })
@Access(ShareClass.PUBLIC)
export class TransactionRiskBasis {
  @Field({ description: 'SERIOUS_DISHONEST_LISTING, ABNORMAL_OPERATION_LISTING or CREDIT_ASSESSMENT_GRADE' })
  kind: string;

  @Field({ description: 'Decision number of the listing, or grade and model version of the assessment' })
  reference: string;

  @Field({ description: 'Plain-language reason' })
  description: string;
}

@ObjectType({
  description:
    'A transaction credit-risk warning for consumers (交易信用风险提示), derived from public lists and the public assessment grade. ' +
    "Commerce's manually issued alerts (transactionRiskAlerts) remain for what a rule cannot see",
})
@Access(ShareClass.PUBLIC)
export class TransactionRiskWarning {
  @Field(() => TransactionRiskWarningLevel)
  level: Level;

  @Field({ description: 'The warning in plain language (Chinese, as shown to consumers)' })
  message: string;

  @Field({ description: 'The same in English' })
  messageEn: string;

  @Field(() => [TransactionRiskBasis])
  basis: TransactionRiskBasis[];

  @Field({ description: 'Version of the warning rules applied' })
  rulesVersion: string;

  @Field(() => DateTimeScalar, { description: 'When the newest basis took effect (listing day or assessment time)' })
  since: string;
}

/** Market regulation's assessment fields on Operator: the comprehensive assessment, its own signal, the public warning. */
@Resolver(() => Operator)
export class CreditAssessmentOperatorResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => CreditAssessment, {
    nullable: true,
    description:
      'Comprehensive credit assessment (综合信用评价) from the five agencies\' credit signals under a versioned model; ' +
      'recomputed whenever a signal changes. Null only before the first signal of a new registrant has been processed',
  })
  creditAssessment(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<CreditAssessment | null> {
    return ctx.loaders.currentAssessmentByOperator.load(operator.uscc);
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => AgencyCreditSignal, {
    nullable: true,
    description:
      "Market regulation's credit signal: penalties, lists, spot checks, inspections, storefront checks and regulatory " +
      'actions, as the assessment weighs them',
  })
  marketRegulationCreditSignal(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<CreditSignal> {
    return loadCreditSignal(ctx.loaders, ctx.db, deriveMarketRegulationCreditSignals, ctx.now, operator.uscc);
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => TransactionRiskWarning, {
    nullable: true,
    description:
      'Transaction credit-risk warning for consumers (交易信用风险提示) when a listing or the assessment grade warrants one; ' +
      'null when nothing does',
  })
  async transactionRiskWarning(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<TransactionRiskWarning | null> {
    const today = chinaToday(ctx.now);
    const rules = warningRulesOn(today);
    const [assessment, serious, abnormal] = await Promise.all([
      ctx.loaders.currentAssessmentByOperator.load(operator.uscc),
      ctx.loaders.seriousByOperator.load(operator.uscc),
      ctx.loaders.abnormalByOperator.load(operator.uscc),
    ]);
    const found: { level: Level; since: string; basis: TransactionRiskBasis }[] = [];
    for (const s of serious.filter((x) => seriousState(x, today).current)) {
      found.push({
        level: rules.seriousList,
        since: s.listedOn,
        basis: { kind: 'SERIOUS_DISHONEST_LISTING', reference: s.decisionNumber, description: `列入严重违法失信名单（${s.listedOn}）` },
      });
    }
    for (const a of abnormal.filter(abnormalIsCurrent)) {
      found.push({
        level: rules.abnormalList,
        since: a.listedOn,
        basis: { kind: 'ABNORMAL_OPERATION_LISTING', reference: a.decisionNumber, description: `列入经营异常名录（${a.listedOn}）` },
      });
    }
    const gradeLevel = assessment ? rules.grades[assessment.grade] : undefined;
    if (assessment && gradeLevel) {
      found.push({
        level: gradeLevel,
        since: assessment.assessedAt,
        basis: {
          kind: 'CREDIT_ASSESSMENT_GRADE',
          reference: `${assessment.grade} (${assessment.modelVersion})`,
          description: `综合信用评价等级 ${assessment.grade}`,
        },
      });
    }
    if (found.length === 0) return null;
    const level: Level = found.some((f) => f.level === 'HIGH') ? 'HIGH' : 'CAUTION';
    const reasons = found.map((f) => f.basis.description).join('；');
    return {
      level,
      message:
        level === 'HIGH'
          ? `该经营者信用风险高：${reasons}。请谨慎交易，保留交易凭证，如遇纠纷可向平台或12315投诉。`
          : `该经营者存在信用风险提示：${reasons}。交易前请核实商品与售后信息。`,
      messageEn:
        level === 'HIGH'
          ? 'High credit risk: this operator is listed as seriously dishonest or graded D. Trade with great care, keep your receipts, and complain to the platform or 12315 if a dispute arises.'
          : 'Credit risk notice: this operator is on the abnormal operations list or graded C. Check the goods and after-sales terms before you buy.',
      basis: found.map((f) => f.basis),
      rulesVersion: rules.version,
      since: found.map((f) => (f.since.length === 10 ? `${f.since}T00:00:00+08:00` : f.since)).map((x) => new Date(x).toISOString()).sort().at(-1)!,
    };
  }
}

/**
 * An assessment's documents (factors, caps, signals): the current assessment is loaded without them (kilobytes of JSON
 * per operator that most requests do not select), so they are read by id, for every assessment of the request in one
 * statement, when selected. An assessment loaded whole keeps its own.
 */
@Resolver(() => CreditAssessment)
export class CreditAssessmentDocumentsResolver {
  @FieldResolver()
  factors(@Root() assessment: CreditAssessment, @Ctx() ctx: Ctx): CreditAssessmentFactor[] | Promise<CreditAssessmentFactor[] | null> {
    return assessment.factors ?? documentsOf(assessment, ctx).then((whole) => whole?.factors ?? null);
  }

  @FieldResolver()
  caps(@Root() assessment: CreditAssessment, @Ctx() ctx: Ctx): CreditGradeCap[] | Promise<CreditGradeCap[] | null> {
    return assessment.caps ?? documentsOf(assessment, ctx).then((whole) => whole?.caps ?? null);
  }

  @FieldResolver()
  signals(@Root() assessment: CreditAssessment, @Ctx() ctx: Ctx): CreditAssessmentSignal[] | Promise<CreditAssessmentSignal[] | null> {
    return assessment.signals ?? documentsOf(assessment, ctx).then((whole) => whole?.signals ?? null);
  }
}

function documentsOf(assessment: CreditAssessment, ctx: Ctx): Promise<CreditAssessment | null> {
  return ctx.loaders.assessmentById.load(assessment.id);
}
