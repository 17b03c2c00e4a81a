import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { CommerceMeasureBasis, GovernmentRestriction } from '../entities/government-restriction.entity';
import { Operator } from '../entities/operator';
import { CommerceContext } from './common';
import { measureInForce } from '../../../shared/joint-measures/measure-records';
import { chinaToday } from '../../../shared/calendar/dates';

@Resolver(() => GovernmentRestriction)
export class GovernmentRestrictionResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => CommerceMeasureBasis)
  basis(@Root() restriction: GovernmentRestriction): CommerceMeasureBasis {
    return { listKind: restriction.basisListKind, decisionNumber: restriction.basisDecisionNumber };
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => Boolean, { description: 'In force today (China time)' })
  active(@Root() restriction: GovernmentRestriction, @Ctx() ctx: CommerceContext): boolean {
    return measureInForce(restriction, chinaToday(ctx.now));
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => Operator, { nullable: true })
  operator(@Root() restriction: GovernmentRestriction): Operator {
    return { uscc: restriction.operatorUscc };
  }
}
