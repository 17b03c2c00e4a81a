import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import {
  ExpressSupervisionMeasure, PostalMeasureBasis,
} from '../entities/express-supervision-measure.entity';
import { Operator } from '../entities/operator';
import type { PostalLoaders } from '../loaders';
import { measureInForce } from '../../../shared/joint-measures/measure-records';
import { chinaToday } from '../../../shared/calendar/dates';

type Ctx = SubgraphContext<PostalLoaders>;

@Access(ShareClass.GOV_SHARED)
@ObjectType('PostalExpressSupervision', { description: "Postal's supervision of the operator's express business" })
export class ExpressSupervision {
  operatorUscc: string;
  @Field({ description: 'Under stricter supervision today because of a listing (重点监管)' }) stricter: boolean;
  @Field(() => [ExpressSupervisionMeasure], { description: 'Stricter-supervision measures, in force and lifted, newest first' })
  measures: ExpressSupervisionMeasure[];
}

@Resolver(() => ExpressSupervisionMeasure)
export class ExpressSupervisionMeasureResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => PostalMeasureBasis, { description: 'The listing it rests on' })
  basis(@Root() m: ExpressSupervisionMeasure): PostalMeasureBasis {
    return { operatorUscc: m.operatorUscc, listKind: m.basisListKind, decisionNumber: m.basisDecisionNumber };
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => Boolean, { description: 'In force today' })
  active(@Root() m: ExpressSupervisionMeasure, @Ctx() ctx: Ctx): boolean {
    return measureInForce(m, chinaToday(ctx.now));
  }
}

@Resolver(() => Operator)
export class ExpressSupervisionOperatorResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => ExpressSupervision, {
    nullable: true,
    description: "Stricter supervision of the operator's express business while it is listed (joint disciplinary measure)",
  })
  async expressSupervision(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<ExpressSupervision> {
    const measures = await ctx.loaders.supervisionMeasuresByOperator.load(operator.uscc);
    const today = chinaToday(ctx.now);
    return { operatorUscc: operator.uscc, stricter: measures.some((m) => measureInForce(m, today)), measures };
  }
}
