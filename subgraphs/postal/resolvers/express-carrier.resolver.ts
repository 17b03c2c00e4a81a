import { Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { badInput, notFound } from '../../../shared/errors/errors';
import { DuplicateKey, duplicateConflict, refuseDuplicates } from '../../../shared/database/duplicates';
import { DateScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { ExpressCarrier } from '../entities/express-carrier.entity';
import { ExpressCarrierCreditGrade } from '../entities/express-carrier-credit.entity';
import type { PostalLoaders } from '../loaders';
import { CREDIT_GRADE_SCALES, gradeOf } from '../rules/postal-rules';
import { ruleInForce } from '../../../shared/rules/versioned';
import { chinaToday } from '../../../shared/calendar/dates';
import { notAfterToday } from '../../../shared/validation/dates';
import { integerInRange } from '../../../shared/validation/inputs';

type Ctx = SubgraphContext<PostalLoaders>;

export const ExpressCarrierConnection = ConnectionType(ExpressCarrier, 'ExpressCarrier');
export const ExpressCarrierCreditGradeConnection = ConnectionType(ExpressCarrierCreditGrade, 'ExpressCarrierCreditGrade');

/** Loads a carrier by code for a resolver, or fails with NOT_FOUND (data integrity, not user input). */
export async function carrierOf(ctx: Ctx, code: string): Promise<ExpressCarrier> {
  const carrier = await ctx.loaders.carrierByCode.load(code);
  if (!carrier) throw notFound(`Express carrier "${code}" is not recorded`);
  return carrier;
}

/** Checks that a carrier code names a recorded carrier (BAD_USER_INPUT otherwise). */
export async function assertCarrier(ctx: Ctx, code: string): Promise<string> {
  const normalized = (code ?? '').trim().toUpperCase();
  if (!normalized || !(await ctx.loaders.carrierByCode.load(normalized))) {
    throw badInput(`Unknown express carrier code "${code}"`);
  }
  return normalized;
}

@InputType({ description: "An express company's credit evaluation score for one year" })
export class RecordExpressCarrierCreditScoreInput {
  @Field({ description: 'Carrier code, e.g. SF' })
  carrierCode: string;

  @Field(() => Int, { description: 'Evaluation year' })
  year: number;

  @Field(() => Int, { description: 'Score 0-100' })
  score: number;

  @Field(() => DateScalar, { nullable: true, description: 'Publication date; default today' })
  evaluatedOn?: Date;
}

@Resolver(() => ExpressCarrier)
export class ExpressCarrierResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [ExpressCarrierCreditGrade], { description: 'Credit grades by year, latest first' })
  creditGrades(@Root() carrier: ExpressCarrier, @Ctx() ctx: Ctx): Promise<ExpressCarrierCreditGrade[]> {
    return ctx.loaders.creditGradesByCarrier.load(carrier.code);
  }

  @Access(ShareClass.PUBLIC)
  @Query(() => ExpressCarrierConnection, { nullable: true, description: 'Express companies, by carrier code' })
  async expressCarriers(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(ExpressCarrier).createQueryBuilder('c');
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('c.code > :after', { after: decodeCursor(after) });
    const rows = await qb.orderBy('c.code', 'ASC').limit(size + 1).getMany();
    rows.forEach((r) => ctx.loaders.carrierByCode.prime(r.code, r));
    return toConnection(rows, size, totalCount, (r) => r.code, Boolean(after));
  }
}

@Resolver(() => ExpressCarrierCreditGrade)
export class ExpressCarrierCreditGradeResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => ExpressCarrier)
  carrier(@Root() row: ExpressCarrierCreditGrade, @Ctx() ctx: Ctx): Promise<ExpressCarrier> {
    return carrierOf(ctx, row.carrierCode);
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => String, { description: 'Grade on the scale in force for the year, e.g. AAA' })
  grade(@Root() row: ExpressCarrierCreditGrade): string {
    return gradeOf(ruleInForce(CREDIT_GRADE_SCALES, `${row.year}-01-01`), row.score);
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => String, { description: 'Version of the grade scale used' })
  scaleVersion(@Root() row: ExpressCarrierCreditGrade): string {
    return ruleInForce(CREDIT_GRADE_SCALES, `${row.year}-01-01`).version;
  }

  @Access(ShareClass.PUBLIC)
  @Query(() => ExpressCarrierCreditGradeConnection, {
    nullable: true,
    description: 'Express company credit grades (快递企业信用等级), latest year first',
  })
  async expressCarrierCreditGrades(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('carrierCode', () => String, { nullable: true }) carrierCode?: string,
    @Arg('year', () => Int, { nullable: true }) year?: number,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(ExpressCarrierCreditGrade).createQueryBuilder('g');
    if (carrierCode) qb.andWhere('g.carrierCode = :carrierCode', { carrierCode: carrierCode.trim().toUpperCase() });
    if (year !== undefined && year !== null) qb.andWhere('g.year = :year', { year });
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    // Ordered by year descending, then carrier code; the cursor carries both.
    if (after) {
      const m = /^(\d{4}):(.+)$/.exec(decodeCursor(after));
      if (!m) throw badInput(`Invalid cursor "${after}"`);
      qb.andWhere('(g.year < :ay OR (g.year = :ay AND g.carrierCode > :ac))', { ay: Number(m[1]), ac: m[2] });
    }
    const rows = await qb.orderBy('g.year', 'DESC').addOrderBy('g.carrierCode', 'ASC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => `${r.year}:${r.carrierCode}`, Boolean(after));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'postal' })
  @Mutation(() => ExpressCarrierCreditGrade, {
    description: "Records an express company's credit score for a year; the grade follows from the scale",
  })
  async recordExpressCarrierCreditScore(
    @Arg('input', () => RecordExpressCarrierCreditScoreInput) input: RecordExpressCarrierCreditScoreInput,
    @Ctx() ctx: Ctx,
  ): Promise<ExpressCarrierCreditGrade> {
    const today = chinaToday(ctx.now);
    const carrierCode = await assertCarrier(ctx, input.carrierCode);
    integerInRange(input.score, 'score', 0, 100);
    const evaluatedOn = input.evaluatedOn ? notAfterToday(input.evaluatedOn, 'evaluatedOn', today) : today;
    if (input.year < 2000 || String(input.year) > evaluatedOn.slice(0, 4)) {
      throw badInput(`year must be from 2000 to the year of evaluation (${evaluatedOn.slice(0, 4)}), got ${input.year}`);
    }
    const duplicate: DuplicateKey = {
      columns: ['carrierCode', 'year'],
      duplicate: { carrierCode, year: input.year },
      message: `A credit score of ${carrierCode} for ${input.year} already exists`,
    };
    return refuseDuplicates([duplicate], () =>
      ctx.db.transaction(async (m) => {
        const repo = m.getRepository(ExpressCarrierCreditGrade);
        if (await repo.exists({ where: { carrierCode, year: input.year } })) throw duplicateConflict(duplicate);
        return repo.save(repo.create({ carrierCode, year: input.year, score: input.score, evaluatedOn }));
      }),
    );
  }
}
