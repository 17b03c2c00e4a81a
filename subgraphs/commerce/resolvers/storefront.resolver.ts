import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import { Operator } from '../entities/operator';
import { Platform } from '../entities/platform.entity';
import { Storefront } from '../entities/storefront.entity';
import { CommerceContext } from './common';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { recordIdInput } from '../../../shared/validation/record-ids';

export const StorefrontConnection = ConnectionType(Storefront, 'Storefront');

@Resolver(() => Storefront)
export class StorefrontResolver {
  @Access(ShareClass.PUBLIC)
  @Query(() => StorefrontConnection, { nullable: true, description: 'Storefronts, optionally of one platform or one operator' })
  async storefronts(
    @Ctx() ctx: CommerceContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('platformId', () => String, { nullable: true }) platformId?: string,
    @Arg('operatorUscc', () => UnifiedSocialCreditCodeScalar, { nullable: true }) operatorUscc?: string,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(Storefront).createQueryBuilder('s');
    if (platformId) qb.andWhere('s.platformId = :platformId', { platformId });
    if (operatorUscc) qb.andWhere('s.operatorUscc = :uscc', { uscc: assertUscc(operatorUscc) });
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('s.id > :after', { after: recordIdInput(decodeCursor(after), 'after') });
    const rows = await qb.orderBy('s.id', 'ASC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Platform, { nullable: true })
  platform(@Root() storefront: Storefront, @Ctx() ctx: CommerceContext): Promise<Platform | null> {
    return ctx.loaders.platformById.load(storefront.platformId);
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Operator, { nullable: true, description: 'The operator running the shop' })
  operator(@Root() storefront: Storefront): Operator {
    return { uscc: storefront.operatorUscc };
  }
}
