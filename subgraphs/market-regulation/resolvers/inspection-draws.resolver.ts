import { createHash, randomBytes } from 'node:crypto';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { Scope } from '../../../shared/auth/caller';
import { ShareClass } from '../../../shared/auth/share-class';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { badInput, conflict } from '../../../shared/errors/errors';
import { DateScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { optionalText, requiredText } from '../../../shared/validation/inputs';
import { DoubleRandomInspection } from '../entities/double-random-inspection.entity';
import { marketRegulationCreditSignals } from '../credit-signal';
import { InspectionDraw, InspectionDrawPopulation, InspectionDrawSelection } from '../entities/inspection-draw.entity';
import { MarketRegulationMeasure } from '../entities/market-regulation-measure.entity';
import { Operator, RegistrationStatus, SubjectType } from '../entities/operator.entity';
import { PlatformRegistration } from '../entities/platform-registration.entity';
import { RiskClassification } from '../entities/risk-classification.entity';
import { DoubleRandomInspectionResult, MarketRegulationRiskClass } from '../enums';
import type { MarketRegulationLoaders } from '../loaders';
import { chinaToday } from '../../../shared/calendar/dates';
import { MarketRegulationMeasureKind, raisedSamplingClass } from '../rules/joint-measures';
import { riskClassRulesFor } from '../rules/risk-class';
import { DrawCandidate, drawSample } from '../rules/sampling-draw';
import { AGENCY } from './access';
import { notAfterToday } from '../../../shared/validation/dates';
import { recordIdInput } from '../../../shared/validation/record-ids';

type Ctx = SubgraphContext<MarketRegulationLoaders>;
type Qb = ReturnType<ReturnType<Ctx['db']['getRepository']>['createQueryBuilder']>;

export const InspectionDrawConnection = ConnectionType(InspectionDraw, 'InspectionDraw');
const MAX_ROSTER = 500;
/** Selections written per INSERT: the statements of a draw grow only with the drawn count / this. */
const INSERT_CHUNK = 1000;

@InputType({ description: 'The population to draw from; an absent filter does not restrict' })
export class InspectionPopulationInput {
  @Field(() => String, { nullable: true, description: 'Six-digit district code' }) districtCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Operators the platform reported as in-platform operators' }) platformId?: string | null;
  @Field(() => SubjectType, { nullable: true }) subjectType?: SubjectType | null;
}

@InputType({ description: 'A tiered "double random" sampling draw (双随机抽取)' })
export class DrawInspectionSampleInput {
  @Field(() => InspectionPopulationInput) population: InspectionPopulationInput;
  @Field(() => String, { nullable: true, description: 'Seed of the draw (reproducible); generated when absent' }) seed?: string | null;
  @Field(() => [String], { description: 'Inspectors to assign from (执法检查人员名录)' }) roster: string[];
  @Field(() => DateScalar, { nullable: true, description: 'Day of the draw, not in the future; today when absent' }) drawnOn?: Date | null;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => String, { nullable: true, description: 'Authority making the draw; 市场监督管理局 when absent' }) authority?: string | null;
}

@InputType({ description: 'The result of inspecting an operator drawn in a draw' })
export class RecordInspectionInput {
  @Field(() => ID) drawId: string;
  @Field(() => UnifiedSocialCreditCodeScalar) operatorUscc: string;
  @Field(() => DateScalar) inspectedOn: Date;
  @Field(() => DoubleRandomInspectionResult) result: DoubleRandomInspectionResult;
  @Field({ description: 'Checked on site (实地检查); required for listed and class-D operators' }) onSite: boolean;
  @Field(() => String, { nullable: true }) findings?: string | null;
}

/** Restricts a query builder on alias `o` (operator) to the population. */
function population(qb: Qb, p: InspectionDrawPopulation): Qb {
  qb.where('o.status = :existing', { existing: RegistrationStatus.EXISTING });
  if (p.districtCode) qb.andWhere('o.districtCode = :districtCode', { districtCode: p.districtCode });
  if (p.subjectType) qb.andWhere('o.subjectType = :subjectType', { subjectType: p.subjectType });
  if (p.platformId) {
    qb.andWhere(
      (sub) =>
        'EXISTS ' +
        sub.subQuery().select('1').from(PlatformRegistration, 'pr')
          .where('pr.operatorUscc = o.uscc').andWhere('pr.platformId = :platformId').getQuery(),
      { platformId: p.platformId },
    );
  }
  return qb;
}

/**
 * The population with each operator's sampling class, in two statements whatever its size: operators with the
 * class in force for the month and the inspector of their previous draw (correlated sub-selects), then the
 * HIGHER_SAMPLING_RATIO measures in force on the day.
 */
async function readPopulation(ctx: Ctx, p: InspectionDrawPopulation, drawnOn: string, unclassifiedAs: MarketRegulationRiskClass) {
  const month = drawnOn.slice(0, 7);
  const rows = await population(ctx.db.getRepository(Operator).createQueryBuilder('o') as Qb, p)
    .select('o.uscc', 'uscc')
    .addSelect(
      (sub) => sub.select('rc.class').from(RiskClassification, 'rc')
        .where('rc.operatorUscc = o.uscc').andWhere('rc.month <= :month', { month })
        .orderBy('rc.month', 'DESC').limit(1),
      'riskClass',
    )
    .addSelect(
      (sub) => sub.select('s.inspector').from(InspectionDrawSelection, 's')
        .where('s.operatorUscc = o.uscc').orderBy('s.id', 'DESC').limit(1),
      'previousInspector',
    )
    .getRawMany<{ uscc: string; riskClass: MarketRegulationRiskClass | null; previousInspector: string | null }>();
  const measures = await population(ctx.db.getRepository(MarketRegulationMeasure).createQueryBuilder('m')
    .innerJoin(Operator, 'o', 'o.uscc = m.operatorUscc') as Qb, p)
    .andWhere('m.kind = :kind', { kind: MarketRegulationMeasureKind.HIGHER_SAMPLING_RATIO })
    .andWhere('m.startsOn <= :day', { day: drawnOn })
    .andWhere('(m.liftedOn IS NULL OR m.liftedOn > :day)')
    .select(['m.operatorUscc AS "operatorUscc"', 'm.kind AS "kind"', 'm.basisListKind AS "basisListKind"', 'm.rulesVersion AS "rulesVersion"'])
    .getRawMany<Pick<MarketRegulationMeasure, 'operatorUscc' | 'kind' | 'basisListKind' | 'rulesVersion'>>();
  const measuresOf = new Map<string, typeof measures>();
  for (const m of measures) measuresOf.set(m.operatorUscc, [...(measuresOf.get(m.operatorUscc) ?? []), m]);
  return rows.map<DrawCandidate>((r) => ({
    uscc: r.uscc,
    samplingClass: raisedSamplingClass(r.riskClass ?? unclassifiedAs, measuresOf.get(r.uscc) ?? []) as MarketRegulationRiskClass,
    previousInspector: r.previousInspector,
  }));
}

@Resolver(() => InspectionDraw)
export class InspectionDrawResolver {
  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => InspectionDraw, {
    description:
      'Draws operators for "double random" inspection from a population, at the configured ratio of each sampling class ' +
      '(risk class of the month raised by joint measures), and assigns inspectors at random from the roster. Reproducible from its seed',
  })
  async drawInspectionSample(@Arg('input', () => DrawInspectionSampleInput) input: DrawInspectionSampleInput, @Ctx() ctx: Ctx) {
    const today = chinaToday(ctx.now);
    const drawnOn = input.drawnOn ? notAfterToday(input.drawnOn, 'drawnOn', today) : today;
    const p: InspectionDrawPopulation = {
      districtCode: optionalText(input.population.districtCode, 'population.districtCode', 6),
      platformId: optionalText(input.population.platformId, 'population.platformId', 64),
      subjectType: input.population.subjectType ?? null,
    };
    if (p.districtCode && !/^\d{6}$/.test(p.districtCode)) throw badInput('`population.districtCode` must be a six-digit administrative division code');
    const roster = [...new Set(input.roster.map((r, i) => requiredText(r, `roster[${i}]`, 50)))];
    if (roster.length === 0) throw badInput('`roster` must name at least one inspector');
    if (roster.length !== input.roster.length) throw badInput('`roster` must not name an inspector twice');
    if (roster.length > MAX_ROSTER) throw badInput(`\`roster\` must not name more than ${MAX_ROSTER} inspectors`);
    const seed = input.seed == null ? randomBytes(16).toString('hex') : requiredText(input.seed, 'seed', 128);
    const rules = riskClassRulesFor(drawnOn.slice(0, 7));
    const candidates = await readPopulation(ctx, p, drawnOn, rules.unclassifiedAs);
    const { drawn, counts } = drawSample(candidates, seed, roster, rules);
    return ctx.db.transaction(async (m) => {
      const draw = await m.getRepository(InspectionDraw).save(m.getRepository(InspectionDraw).create({
        drawnOn, ...p, seed, seedSha256: createHash('sha256').update(seed).digest('hex'), rulesVersion: rules.version,
        classCounts: counts, populationCount: candidates.length, drawnCount: drawn.length, roster,
        note: optionalText(input.note, 'note', 500), authority: optionalText(input.authority, 'authority', 100) ?? '市场监督管理局',
      }));
      for (let i = 0; i < drawn.length; i += INSERT_CHUNK) {
        await m.getRepository(InspectionDrawSelection).insert(
          drawn.slice(i, i + INSERT_CHUNK).map((d) => ({ drawId: draw.id, operatorUscc: d.uscc, samplingClass: d.samplingClass, inspector: d.inspector, inspectionId: null })),
        );
      }
      return draw;
    });
  }

  @Access(ShareClass.PUBLIC)
  @Query(() => InspectionDrawConnection, { nullable: true, description: 'Published "double random" sampling draws (双随机抽查 一公开), newest first' })
  async inspectionDraws(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const repo = ctx.db.getRepository(InspectionDraw);
    const qb = repo.createQueryBuilder('d');
    if (after) {
      const raw = decodeCursor(after);
      if (!/^\d{1,12}$/.test(raw)) throw badInput(`\`after\` "${after}" is not a cursor of inspectionDraws`);
      qb.where('d.id < :after', { after: Number(raw) });
    }
    const rows = await qb.orderBy('d.id', 'DESC').limit(size + 1).getMany();
    // Counted only if the client selects totalCount.
    return toConnection(rows, size, () => repo.count(), (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => InspectionDrawPopulation, { description: 'The population filters of the draw' })
  population(@Root() d: InspectionDraw): InspectionDrawPopulation {
    return { districtCode: d.districtCode, platformId: d.platformId, subjectType: d.subjectType };
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The seed: to agency staff always; to everyone once every drawn operator is inspected (earlier, with the ' +
      'population, it would tell who is about to be inspected). Check it against seedSha256',
  })
  async seed(@Root() d: InspectionDraw, @Ctx() ctx: Ctx): Promise<string | null> {
    if (ctx.caller.scopes.has(Scope.GOV_SHARED)) return d.seed;
    const pending = await ctx.db.getRepository(InspectionDrawSelection).createQueryBuilder('s')
      .where('s.drawId = :id', { id: d.id }).andWhere('s.inspectionId IS NULL').getCount();
    return pending === 0 ? d.seed : null;
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [InspectionDrawSelection], {
    nullable: true,
    description: 'Operators drawn, their sampling class and inspector (agency staff: not public before the inspection)',
  })
  selections(@Root() d: InspectionDraw, @Ctx() ctx: Ctx): Promise<InspectionDrawSelection[]> {
    return ctx.db.getRepository(InspectionDrawSelection).find({ where: { drawId: d.id }, order: { operatorUscc: 'ASC' } });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => DoubleRandomInspection, {
    description:
      'Records the inspection of an operator drawn in a draw, once. Listed operators (on-site measure in force) and ' +
      'class-D operators must be inspected on site (实地核查)',
  })
  async recordInspection(@Arg('input', () => RecordInspectionInput) input: RecordInspectionInput, @Ctx() ctx: Ctx) {
    const today = chinaToday(ctx.now);
    const drawId = recordIdInput(input.drawId, 'drawId');
    const uscc = input.operatorUscc;
    const draw = await ctx.db.getRepository(InspectionDraw).findOneBy({ id: drawId });
    if (!draw) throw badInput(`\`drawId\` ${input.drawId} names no inspection draw`);
    const selection = await ctx.db.getRepository(InspectionDrawSelection).findOneBy({ drawId, operatorUscc: uscc });
    if (!selection) throw badInput(`\`operatorUscc\` ${uscc} was not drawn in draw ${drawId}`);
    const inspectedOn = notAfterToday(input.inspectedOn, 'inspectedOn', today);
    if (inspectedOn < draw.drawnOn) throw badInput(`\`inspectedOn\` (${inspectedOn}) is before the draw (${draw.drawnOn})`);
    if (!input.onSite) {
      const onSiteMeasure = await ctx.db.getRepository(MarketRegulationMeasure).createQueryBuilder('m')
        .where('m.operatorUscc = :uscc', { uscc }).andWhere('m.kind = :kind', { kind: MarketRegulationMeasureKind.ON_SITE_INSPECTION_REQUIRED })
        .andWhere('m.startsOn <= :day', { day: inspectedOn }).andWhere('(m.liftedOn IS NULL OR m.liftedOn > :day)').getOne();
      if (onSiteMeasure) {
        throw badInput(
          `\`onSite\` must be true: operator ${uscc} is listed (${onSiteMeasure.basisListKind} ${onSiteMeasure.basisDecisionNumber}) ` +
            'and its inspections are carried out on site (ON_SITE_INSPECTION_REQUIRED)',
        );
      }
      if (selection.samplingClass === MarketRegulationRiskClass.D) {
        throw badInput(`\`onSite\` must be true: operator ${uscc} was drawn as class D, whose inspections are carried out on site`);
      }
    }
    const findings = optionalText(input.findings, 'findings', 500);
    return ctx.db.transaction(async (m) => {
      const inspection = await m.getRepository(DoubleRandomInspection).save(m.getRepository(DoubleRandomInspection).create({
        operatorUscc: uscc, task: `双随机抽查 第${drawId}号抽取`, inspectedOn, onSite: input.onSite, result: input.result,
        findings, authority: draw.authority, drawId,
      }));
      // Guarded update: of two concurrent recordings only one finds the selection still open.
      const done = await m.getRepository(InspectionDrawSelection).createQueryBuilder()
        .update().set({ inspectionId: inspection.id })
        .where('id = :id', { id: selection.id }).andWhere('inspectionId IS NULL').execute();
      if (!done.affected) throw conflict(`The inspection of ${uscc} in draw ${drawId} is already recorded`, { duplicate: { drawId: String(drawId), operatorUscc: uscc } });
      await marketRegulationCreditSignals.refresh(m, [uscc], ctx.now);
      return inspection;
    });
  }
}
