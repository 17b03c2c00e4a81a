import { Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { badInput } from '../../../shared/errors/errors';
import { DuplicateKey, lockForWrite, refuseDuplicates } from '../../../shared/database/duplicates';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { assertPeriod } from '../dates';
import { scoreStatistic } from '../empty-parcel-scoring';
import { ExpressCarrier } from '../entities/express-carrier.entity';
import { Operator } from '../entities/operator';
import { ParcelStatistic } from '../entities/parcel-statistic.entity';
import type { PostalLoaders } from '../loaders';
import { assertCarrier, carrierOf } from './express-carrier.resolver';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { chinaToday } from '../../../shared/calendar/dates';

type Ctx = SubgraphContext<PostalLoaders>;

export const ParcelVolumeStatisticConnection = ConnectionType(ParcelStatistic, 'ParcelVolumeStatistic');

const FEATURE_FIELDS = [
  'noPickupScanCount', 'lowWeightCount', 'bulkWaybillCount', 'reusedRecipientCount', 'instantSignOffCount',
] as const;

@InputType({ description: "A carrier's monthly parcel statistics for one operator; a repeated report corrects the previous one" })
export class ReportParcelStatisticsInput {
  @Field({ description: 'Carrier code, e.g. YTO' })
  carrierCode: string;

  @Field(() => UnifiedSocialCreditCodeScalar, { description: "Shipping operator's credit code" })
  operatorUscc: string;

  @Field({ description: 'Calendar month, e.g. 2026-10; not later than the current month' })
  period: string;

  @Field(() => Int, { description: 'Parcels shipped, at least 0' })
  parcels: number;

  @Field(() => Int) noPickupScanCount: number;
  @Field(() => Int) lowWeightCount: number;
  @Field(() => Int) bulkWaybillCount: number;
  @Field(() => Int) reusedRecipientCount: number;
  @Field(() => Int) instantSignOffCount: number;
}

@Resolver(() => ParcelStatistic)
export class ParcelStatisticResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => ExpressCarrier)
  carrier(@Root() s: ParcelStatistic, @Ctx() ctx: Ctx): Promise<ExpressCarrier> {
    return carrierOf(ctx, s.carrierCode);
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => Operator, { nullable: true, description: 'The shipping e-commerce operator' })
  operator(@Root() s: ParcelStatistic): Operator {
    return { uscc: s.operatorUscc };
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => Int, {
    description: 'Empty-parcel (空包) score 0-100 of these statistics under the versioned scoring rules',
  })
  emptyParcelScore(@Root() s: ParcelStatistic): number {
    return scoreStatistic(s).score;
  }

  @Access(ShareClass.GOV_SHARED)
  @Query(() => ParcelVolumeStatisticConnection, {
    nullable: true,
    description: 'Parcel volume statistics, by period then operator (agencies only)',
  })
  async parcelVolumeStatistics(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('period', () => String, { nullable: true }) period?: string,
    @Arg('carrierCode', () => String, { nullable: true }) carrierCode?: string,
    @Arg('operatorUscc', () => UnifiedSocialCreditCodeScalar, { nullable: true }) operatorUscc?: string,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(ParcelStatistic).createQueryBuilder('s');
    if (period) qb.andWhere('s.period = :period', { period: assertPeriod(period) });
    if (carrierCode) qb.andWhere('s.carrierCode = :carrier', { carrier: carrierCode.trim().toUpperCase() });
    if (operatorUscc) qb.andWhere('s.operatorUscc = :op', { op: assertUscc(operatorUscc) });
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('s.id > :after', { after: Number(decodeCursor(after)) });
    const rows = await qb.orderBy('s.id', 'ASC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'postal' })
  @Mutation(() => ParcelStatistic, {
    description: "Records a carrier's monthly parcel statistics for an operator (a repeated report corrects it)",
  })
  async reportParcelStatistics(
    @Arg('input', () => ReportParcelStatisticsInput) input: ReportParcelStatisticsInput,
    @Ctx() ctx: Ctx,
  ): Promise<ParcelStatistic> {
    const carrierCode = await assertCarrier(ctx, input.carrierCode);
    const operatorUscc = assertUscc(input.operatorUscc);
    const period = assertPeriod(input.period);
    const currentMonth = chinaToday(ctx.now).slice(0, 7);
    if (period > currentMonth) throw badInput(`period ${period} is later than the current month ${currentMonth}`);
    if (!Number.isInteger(input.parcels) || input.parcels < 0) {
      throw badInput(`parcels must be a non-negative integer, got ${input.parcels}`);
    }
    for (const field of FEATURE_FIELDS) {
      const value = input[field];
      if (!Number.isInteger(value) || value < 0) throw badInput(`${field} must be a non-negative integer, got ${value}`);
      if (value > input.parcels) throw badInput(`${field} (${value}) must not exceed parcels (${input.parcels})`);
    }
    const counts = {
      parcels: input.parcels,
      noPickupScanCount: input.noPickupScanCount,
      lowWeightCount: input.lowWeightCount,
      bulkWaybillCount: input.bulkWaybillCount,
      reusedRecipientCount: input.reusedRecipientCount,
      instantSignOffCount: input.instantSignOffCount,
    };
    const concurrent: DuplicateKey = {
      columns: ['operatorUscc', 'carrierCode', 'period'],
      duplicate: { operatorUscc, carrierCode, period },
      message: `Statistics of ${carrierCode} for ${operatorUscc} in ${period} were reported at the same time; retry`,
    };
    return refuseDuplicates([concurrent], () => ctx.db.transaction(async (m) => {
      // A repeated report corrects the first: reports of one key are serialized, so the second one updates.
      await lockForWrite(m, `parcel-statistic:${operatorUscc}:${carrierCode}:${period}`);
      const repo = m.getRepository(ParcelStatistic);
      const existing = await repo.findOne({ where: { carrierCode, operatorUscc, period } });
      if (existing) {
        Object.assign(existing, counts, { revision: existing.revision + 1, reportedAt: ctx.now });
        return repo.save(existing);
      }
      return repo.save(repo.create({ carrierCode, operatorUscc, period, ...counts, revision: 1, reportedAt: ctx.now }));
    }));
  }
}
