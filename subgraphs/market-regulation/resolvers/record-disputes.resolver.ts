import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { AbnormalOperationListing } from '../entities/abnormal-operation-listing.entity';
import { AdministrativePenalty } from '../entities/administrative-penalty.entity';
import { QualitySpotCheck } from '../entities/quality-spot-check.entity';
import { SeriousDishonestListing } from '../entities/serious-dishonest-listing.entity';
import type { MarketRegulationLoaders } from '../loaders';

type Ctx = SubgraphContext<MarketRegulationLoaders>;

const DISPUTED = {
  description: 'An objection (异议) against this record is open: the owning agency has not decided it yet',
};

/** `disputed` on each market-regulation record an objection can name (the register is in this agency's database). */
function disputed(ctx: Ctx, kind: string, id: number): Promise<boolean> {
  return ctx.loaders.recordDisputed.load(`${kind}:${id}`);
}

@Resolver(() => AdministrativePenalty)
export class PenaltyDisputeResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, DISPUTED)
  disputed(@Root() r: AdministrativePenalty, @Ctx() ctx: Ctx) {
    return disputed(ctx, 'ADMINISTRATIVE_PENALTY', r.id);
  }
}

@Resolver(() => SeriousDishonestListing)
export class SeriousListingDisputeResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, DISPUTED)
  disputed(@Root() r: SeriousDishonestListing, @Ctx() ctx: Ctx) {
    return disputed(ctx, 'SERIOUS_DISHONEST_LISTING', r.id);
  }
}

@Resolver(() => AbnormalOperationListing)
export class AbnormalListingDisputeResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, DISPUTED)
  disputed(@Root() r: AbnormalOperationListing, @Ctx() ctx: Ctx) {
    return disputed(ctx, 'ABNORMAL_OPERATION_LISTING', r.id);
  }
}

@Resolver(() => QualitySpotCheck)
export class SpotCheckDisputeResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, DISPUTED)
  disputed(@Root() r: QualitySpotCheck, @Ctx() ctx: Ctx) {
    return disputed(ctx, 'QUALITY_SPOT_CHECK', r.id);
  }
}
