import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MoreThanOrEqual } from 'typeorm';
import { badInput } from '../../../shared/errors/errors';
import { refuseDuplicates } from '../../../shared/database/duplicates';
import { DateScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import { CommercePlatformKind, Platform } from '../entities/platform.entity';
import { PlatformRuleDocument, PlatformRuleDocumentKind } from '../entities/platform-rule-document.entity';
import { ruleDocumentNoticeRulesAt } from '../rules/rule-document-notice';
import { type EvaluationFigures, evaluationFiguresFaults } from '../rules/credit-evaluation';
import { OperatorCreditEvaluation, OperatorCreditEvaluatorKind, OperatorCreditGrade } from '../entities/operator-credit-evaluation.entity';
import { commerceCreditSignals } from '../credit-signal';
import { daysBetween, chinaToday } from '../../../shared/calendar/dates';
import { CommerceContext, inOrder, requirePlatform } from './common';
import { requiredText } from '../../../shared/validation/inputs';
import { dateInput, notAfterToday } from '../../../shared/validation/dates';

export const PlatformConnection = ConnectionType(Platform, 'Platform');

@InputType({ description: 'Weights of the four evaluation indicators, whole percents adding up to 100' })
export class PlatformEvaluationWeightsInput {
  @Field(() => Int) overallSatisfaction: number;
  @Field(() => Int) productQuality: number;
  @Field(() => Int) brandReputation: number;
  @Field(() => Int) afterSalesService: number;
}

@InputType({ description: 'The lowest score (0-100) of a grade' })
export class PlatformGradeThresholdInput {
  @Field(() => OperatorCreditGrade) grade: OperatorCreditGrade;
  @Field(() => Float) minimumScore: number;
}

@InputType({ description: "The figures of a platform's credit evaluation rules" })
export class PlatformEvaluationRulesInput {
  @Field(() => PlatformEvaluationWeightsInput) weightsPercent: PlatformEvaluationWeightsInput;

  @Field(() => [PlatformGradeThresholdInput], { description: 'Each grade once, best first, scores falling, the worst from 0' })
  gradeThresholds: PlatformGradeThresholdInput[];
}

/** The figures of a CREDIT_EVALUATION_RULES document, checked; null for a document without them. */
function checkedEvaluationRules(input: PublishPlatformRuleDocumentInput): EvaluationFigures | null {
  if (!input.evaluationRules) return null;
  if (input.kind !== PlatformRuleDocumentKind.CREDIT_EVALUATION_RULES) {
    throw badInput(`\`evaluationRules\` belong to a CREDIT_EVALUATION_RULES document, not to ${input.kind}`, { field: 'evaluationRules' });
  }
  const { weightsPercent: w, gradeThresholds } = input.evaluationRules;
  const figures: EvaluationFigures = {
    weightsPercent: {
      overallSatisfaction: w.overallSatisfaction, productQuality: w.productQuality,
      brandReputation: w.brandReputation, afterSalesService: w.afterSalesService,
    },
    gradeThresholds: gradeThresholds.map((t) => ({ grade: t.grade, minimumScore: t.minimumScore })),
  };
  const faults = evaluationFiguresFaults(figures, 'evaluationRules');
  if (faults.length > 0) throw badInput(`Invalid credit evaluation rules (E-Commerce Law art. 39): ${faults.join('; ')}`, { field: 'evaluationRules' });
  return figures;
}

@InputType({ description: 'A new version of a platform rule document, published after public consultation' })
export class PublishPlatformRuleDocumentInput {
  @Field(() => ID)
  platformId: string;

  @Field(() => PlatformRuleDocumentKind)
  kind: PlatformRuleDocumentKind;

  @Field({ description: 'Title, at most 200 characters' })
  title: string;

  @Field(() => DateScalar, { description: 'Day the public consultation started; not after publication' })
  consultationStartsOn: Date;

  @Field(() => DateScalar, { description: 'Day of publication; not in the future' })
  publishedOn: Date;

  @Field(() => DateScalar, {
    description: 'Day the version takes effect: at least the notice period (7 days) after publication',
  })
  effectiveOn: Date;

  @Field({ description: 'Summary of the changes, at most 2000 characters' })
  summary: string;

  @Field(() => PlatformEvaluationRulesInput, {
    nullable: true,
    description:
      'CREDIT_EVALUATION_RULES: the weights and grade thresholds the platform publishes (E-Commerce Law art. 39); its ' +
      'evaluations dated while this version is in force are graded by them. Refused for other kinds',
  })
  evaluationRules?: PlatformEvaluationRulesInput | null;
}

/** The latest version of each kind that is in force on `today`. */
export function currentVersions(documents: PlatformRuleDocument[], today: string): PlatformRuleDocument[] {
  const current = new Map<PlatformRuleDocumentKind, PlatformRuleDocument>();
  for (const d of documents) {
    if (d.effectiveOn > today) continue;
    const seen = current.get(d.kind);
    if (!seen || d.version > seen.version) current.set(d.kind, d);
  }
  return Object.values(PlatformRuleDocumentKind)
    .map((k) => current.get(k))
    .filter((d): d is PlatformRuleDocument => Boolean(d));
}

@Resolver(() => Platform)
export class PlatformResolver {
  @Access(ShareClass.PUBLIC)
  @Query(() => PlatformConnection, { nullable: true, description: 'E-commerce platforms, ordered by identifier' })
  async platforms(
    @Ctx() ctx: CommerceContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('kind', () => CommercePlatformKind, { nullable: true }) kind?: CommercePlatformKind,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(Platform).createQueryBuilder('p');
    if (kind) qb.andWhere('p.kind = :kind', { kind });
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('p.id > :after', { after: decodeCursor(after) });
    const rows = await qb.orderBy('p.id', 'ASC').limit(size + 1).getMany();
    rows.forEach((r) => ctx.loaders.platformById.prime(r.id, r));
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.PUBLIC)
  @Query(() => Platform, { nullable: true, description: 'One platform by its identifier, e.g. `taobao`' })
  platform(@Arg('id', () => ID) id: string, @Ctx() ctx: CommerceContext): Promise<Platform | null> {
    return ctx.loaders.platformById.load(id);
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [PlatformRuleDocument], {
    description: 'All published versions of the platform rule documents, by kind and newest version first',
  })
  async ruleDocuments(
    @Root() platform: Platform,
    @Ctx() ctx: CommerceContext,
    @Arg('kind', () => PlatformRuleDocumentKind, { nullable: true }) kind?: PlatformRuleDocumentKind,
  ): Promise<PlatformRuleDocument[]> {
    const docs = await ctx.loaders.ruleDocumentsByPlatform.load(platform.id);
    return kind ? docs.filter((d) => d.kind === kind) : docs;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [PlatformRuleDocument], {
    description: 'For each kind, the version in force today (published versions not yet effective are excluded)',
  })
  async currentRuleDocuments(@Root() platform: Platform, @Ctx() ctx: CommerceContext): Promise<PlatformRuleDocument[]> {
    return currentVersions(await ctx.loaders.ruleDocumentsByPlatform.load(platform.id), chinaToday(ctx.now));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'commerce' })
  @Mutation(() => PlatformRuleDocument, {
    description:
      'Records a new version of a platform rule document. Refused (BAD_USER_INPUT) when it takes effect less ' +
      'than the notice period (7 days, E-Commerce Law art. 34) after publication, before the consultation ' +
      'started, or not after the latest version of the same kind. A CREDIT_EVALUATION_RULES version carries the figures ' +
      "(evaluationRules) the platform's evaluations are graded by while it is in force",
  })
  async publishPlatformRuleDocument(
    @Arg('input', () => PublishPlatformRuleDocumentInput) input: PublishPlatformRuleDocumentInput,
    @Ctx() ctx: CommerceContext,
  ): Promise<PlatformRuleDocument> {
    const title = requiredText(input.title, 'title', 200);
    const summary = requiredText(input.summary, 'summary', 2000);
    const consultationStartsOn = dateInput(input.consultationStartsOn, 'consultationStartsOn');
    const publishedOn = notAfterToday(input.publishedOn, 'publishedOn', chinaToday(ctx.now));
    const effectiveOn = dateInput(input.effectiveOn, 'effectiveOn');
    const evaluationRules = checkedEvaluationRules(input);
    inOrder(consultationStartsOn, 'consultationStartsOn', publishedOn, 'publishedOn');
    inOrder(consultationStartsOn, 'consultationStartsOn', effectiveOn, 'effectiveOn');
    const notice = ruleDocumentNoticeRulesAt(publishedOn);
    const noticeDays = daysBetween(publishedOn, effectiveOn);
    if (noticeDays < notice.minimumNoticeDays) {
      throw badInput(
        `\`effectiveOn\` (${effectiveOn}) gives ${noticeDays} days' notice after publication (${publishedOn}); ` +
          `at least ${notice.minimumNoticeDays} days are required (${notice.legalBasis})`,
        { field: 'effectiveOn', minimumNoticeDays: notice.minimumNoticeDays, rulesVersion: notice.version },
      );
    }
    // The next version number is read in the transaction; the unique (platform, kind, version) index
    // refuses the second of two concurrent publications.
    const concurrent = {
      columns: ['platformId', 'kind', 'version'],
      duplicate: { platformId: input.platformId, kind: input.kind },
      message: `Another version of the ${input.kind} document of ${input.platformId} was published at the same time; read it and retry`,
    };
    return refuseDuplicates([concurrent], () =>
      ctx.db.transaction(async (m) => {
        await requirePlatform(m, input.platformId);
        const repo = m.getRepository(PlatformRuleDocument);
        const latest = await repo.findOne({
          where: { platformId: input.platformId, kind: input.kind },
          order: { version: 'DESC' },
        });
        if (latest && effectiveOn <= latest.effectiveOn) {
          throw badInput(
            `\`effectiveOn\` (${effectiveOn}) must be after the effective date of version ${latest.version} (${latest.effectiveOn})`,
            { field: 'effectiveOn' },
          );
        }
        const saved = await repo.save(
          repo.create({
            platformId: input.platformId,
            kind: input.kind,
            version: (latest?.version ?? 0) + 1,
            title,
            consultationStartsOn,
            publishedOn,
            effectiveOn,
            summary,
            evaluationRules,
          }),
        );
        // Recorded late, a version already in force regrades the platform's evaluations dated since it took effect.
        if (input.kind === PlatformRuleDocumentKind.CREDIT_EVALUATION_RULES && effectiveOn <= chinaToday(ctx.now)) {
          const regraded = await m.getRepository(OperatorCreditEvaluation).find({
            select: { operatorUscc: true },
            where: { platformId: input.platformId, evaluatorKind: OperatorCreditEvaluatorKind.PLATFORM, evaluatedOn: MoreThanOrEqual(effectiveOn) },
          });
          const usccs = [...new Set(regraded.map((e) => e.operatorUscc))];
          if (usccs.length > 0) await commerceCreditSignals.refresh(m, usccs, ctx.now);
        }
        return saved;
      }),
    );
  }
}
