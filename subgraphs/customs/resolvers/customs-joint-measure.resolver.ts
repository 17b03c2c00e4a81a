import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { CustomsJointMeasure, CustomsMeasureBasis } from '../entities/customs-joint-measure.entity';
import { Operator, operatorRef } from '../entities/operator';
import { CustomsContext } from './support';
import { measureInForce } from '../../../shared/joint-measures/measure-records';
import { chinaToday } from '../../../shared/calendar/dates';

@Resolver(() => CustomsJointMeasure)
export class CustomsJointMeasureResolver {
  @FieldResolver(() => CustomsMeasureBasis)
  @Access(ShareClass.GOV_SHARED)
  basis(@Root() measure: CustomsJointMeasure): CustomsMeasureBasis {
    return { listKind: measure.basisListKind, decisionNumber: measure.basisDecisionNumber };
  }

  @FieldResolver(() => Boolean, { description: 'In force today (China time)' })
  @Access(ShareClass.GOV_SHARED)
  active(@Root() measure: CustomsJointMeasure, @Ctx() ctx: CustomsContext): boolean {
    return measureInForce(measure, chinaToday(ctx.now));
  }

  @FieldResolver(() => Operator, { nullable: true })
  @Access(ShareClass.GOV_SHARED)
  operator(@Root() measure: CustomsJointMeasure): Operator {
    return operatorRef(measure.operatorUscc);
  }
}
