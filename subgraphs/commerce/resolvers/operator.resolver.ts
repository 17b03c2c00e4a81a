import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { Operator } from '../entities/operator';
import { Storefront } from '../entities/storefront.entity';
import type { CommerceLoaders } from '../loaders';

type Ctx = SubgraphContext<CommerceLoaders>;

/** Commerce's fields on the shared Operator entity. */
@Resolver(() => Operator)
export class CommerceOperatorResolver {
  @FieldResolver(() => [Storefront], { description: "The operator's shops on e-commerce platforms" })
  storefronts(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<Storefront[]> {
    return ctx.loaders.storefrontsByOperator.load(operator.uscc);
  }
}
