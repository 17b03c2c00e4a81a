import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { Storefront } from '../entities/storefront.entity';

export const StorefrontConnection = ConnectionType(Storefront, 'Storefront');

@Resolver(() => Storefront)
export class StorefrontResolver {
  @Query(() => StorefrontConnection, { description: 'Storefronts, optionally of one platform' })
  async storefronts(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('platformId', () => String, { nullable: true }) platformId?: string,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(Storefront).createQueryBuilder('s');
    if (platformId) qb.andWhere('s.platformId = :platformId', { platformId });
    const totalCount = await qb.clone().getCount();
    if (after) qb.andWhere('s.id > :after', { after: Number(decodeCursor(after)) });
    const rows = await qb.orderBy('s.id', 'ASC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }
}
