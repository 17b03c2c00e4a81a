import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { badInput } from '../../../shared/errors/errors';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import { EcommerceMonthlyStatistic } from '../entities/ecommerce-monthly-statistic.entity';
import type { CommerceContext } from './common';

export const EcommerceMonthlyStatisticConnection = ConnectionType(EcommerceMonthlyStatistic, 'EcommerceMonthlyStatistic');

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function checkedMonth(value: string | undefined, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!MONTH.test(value)) throw badInput(`\`${field}\` must be a month like 2026-10 (got "${value}")`, { field });
  return value;
}

@Resolver(() => EcommerceMonthlyStatistic)
export class EcommerceStatisticsResolver {
  @Access(ShareClass.PUBLIC)
  @Query(() => EcommerceMonthlyStatisticConnection, {
    nullable: true,
    description: 'Monthly e-commerce statistics by district (电子商务统计), ordered by month then district',
  })
  async ecommerceMonthlyStatistics(
    @Ctx() ctx: CommerceContext,
    @Arg('district', () => String, { nullable: true, description: 'District code, e.g. 440106' }) district?: string,
    @Arg('fromMonth', () => String, { nullable: true, description: 'First month, `YYYY-MM`' }) fromMonth?: string,
    @Arg('toMonth', () => String, { nullable: true, description: 'Last month, `YYYY-MM`' }) toMonth?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    if (district !== undefined && district !== null && !/^\d{6}$/.test(district)) {
      throw badInput(`\`district\` must be a six-digit division code such as 440106 (got "${district}")`, {
        field: 'district',
      });
    }
    const from = checkedMonth(fromMonth, 'fromMonth');
    const to = checkedMonth(toMonth, 'toMonth');
    if (from && to && to < from) throw badInput(`\`toMonth\` (${to}) must not be before \`fromMonth\` (${from})`, { field: 'toMonth' });
    const qb = ctx.db.getRepository(EcommerceMonthlyStatistic).createQueryBuilder('s');
    if (district) qb.andWhere('s.districtCode = :district', { district });
    if (from) qb.andWhere('s.month >= :from', { from });
    if (to) qb.andWhere('s.month <= :to', { to });
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) {
      const [month, districtCode] = decodeCursor(after).split('|');
      if (!MONTH.test(month ?? '') || !/^\d{6}$/.test(districtCode ?? '')) throw badInput(`Invalid cursor "${after}"`);
      qb.andWhere('(s.month > :cm OR (s.month = :cm AND s.districtCode > :cd))', { cm: month, cd: districtCode });
    }
    const rows = await qb.orderBy('s.month', 'ASC').addOrderBy('s.districtCode', 'ASC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => `${r.month}|${r.districtCode}`, Boolean(after));
  }
}
