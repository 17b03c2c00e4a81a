import { Arg, Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import type { RestrictedMatter } from '../../../shared/events/contract';
import { RestrictedMatterEnum } from '../../../shared/events/graphql-enums';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { JointMeasure, JointMeasureBasis, jointMeasureActive } from '../entities/joint-measure.entity';
import { Operator } from '../entities/operator.entity';
import { MarketRegulationRiskClass } from '../enums';
import type { MarketRegulationLoaders } from '../loaders';
import { chinaToday } from '../../../shared/calendar/dates';
import { MarketRegulationMeasureKind, raisedSamplingClass } from '../rules/joint-measures';
import { samplingBandFor } from '../rules/risk-class';
import { SamplingRatio } from './records.resolver';
import { measureInForce } from '../../../shared/joint-measures/measure-records';

type Ctx = SubgraphContext<MarketRegulationLoaders>;
const PLATFORMS = { platforms: true };

@Access(ShareClass.GOV_SHARED, PLATFORMS)
@ObjectType({ description: 'A joint measure that restricts a matter, and the listing it rests on' })
export class RestrictingMeasure {
  operatorUscc: string;
  @Field({ description: 'Agency that applies it, or platform:<id>' }) agency: string;
  @Field() kind: string;
  @Field(() => JointMeasureBasis) basis: JointMeasureBasis;
}

@Access(ShareClass.GOV_SHARED, PLATFORMS)
@ObjectType({ description: 'Whether joint measures in force restrict a matter for the operator' })
export class OperatorRestrictions {
  operatorUscc: string;
  @Field(() => RestrictedMatterEnum) matter: RestrictedMatter;
  @Field({ description: 'True while at least one measure in force restricts the matter' }) restricted: boolean;
  @Field(() => [RestrictingMeasure], { description: 'The measures in force that restrict it' }) measures: RestrictingMeasure[];
}

@Access(ShareClass.GOV_SHARED, PLATFORMS)
@ObjectType('MarketRegulationInspectionRegime', {
  description: '"Double random" inspection regime in force today: the risk class band, raised by joint measures (提高抽查比例, 实地核查)',
})
export class InspectionRegime {
  operatorUscc: string;
  @Field(() => MarketRegulationRiskClass, { nullable: true, description: 'Class of the latest monthly classification' })
  riskClass: MarketRegulationRiskClass | null;
  @Field(() => MarketRegulationRiskClass, { nullable: true, description: 'Class whose sampling band applies: raised by joint measures' })
  samplingClass: MarketRegulationRiskClass | null;
  @Field(() => SamplingRatio, { nullable: true, description: 'Sampling ratio band in force today; null when neither classified nor listed' })
  samplingRatio: SamplingRatio | null;
  @Field({ description: 'True when a joint measure raised the band above the risk class' }) raisedByJointMeasure: boolean;
  @Field({ description: 'Inspections must be carried out on site (实地核查)' }) onSiteInspectionRequired: boolean;
  @Field(() => [JointMeasureBasis], { description: 'Listings whose measures shape the regime' }) basis: JointMeasureBasis[];
  @Field(() => String, { nullable: true, description: 'Version of the sampling rules' }) samplingRulesVersion: string | null;
  @Field(() => [String], { description: 'Versions of the joint-measure rules the measures were chosen with' }) measureRulesVersions: string[];
}


@Resolver(() => JointMeasure)
export class JointMeasureResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => JointMeasureBasis, { description: 'The listing the measure rests on' })
  basis(@Root() m: JointMeasure): JointMeasureBasis {
    return { operatorUscc: m.operatorUscc, listKind: m.basisListKind, decisionNumber: m.basisDecisionNumber };
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => Boolean, { description: 'In force now: applied and not lifted' })
  active(@Root() m: JointMeasure, @Ctx() ctx: Ctx): boolean {
    return jointMeasureActive(m, ctx.now);
  }
}

@Resolver(() => Operator)
export class JointMeasuresOperatorResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [JointMeasure], {
    nullable: true,
    description:
      'Joint disciplinary measures every agency and platform reported applying because of a listing (联合惩戒实施情况), in force and lifted, newest first',
  })
  jointMeasures(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<JointMeasure[]> {
    return ctx.loaders.jointMeasuresByOperator.load(operator.uscc);
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => OperatorRestrictions, {
    nullable: true,
    description: 'Whether joint measures in force restrict a matter; a platform may ask about its own in-platform operators',
  })
  async restrictions(
    @Root() operator: Operator,
    @Arg('matter', () => RestrictedMatterEnum) matter: RestrictedMatter,
    @Ctx() ctx: Ctx,
  ): Promise<OperatorRestrictions> {
    const all = await ctx.loaders.jointMeasuresByOperator.load(operator.uscc);
    const measures = all
      .filter((m) => m.matters.includes(matter) && jointMeasureActive(m, ctx.now))
      .map((m) => ({
        operatorUscc: m.operatorUscc,
        agency: m.agency,
        kind: m.kind,
        basis: { operatorUscc: m.operatorUscc, listKind: m.basisListKind, decisionNumber: m.basisDecisionNumber },
      }));
    return { operatorUscc: operator.uscc, matter, restricted: measures.length > 0, measures };
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => InspectionRegime, {
    nullable: true,
    description: 'Inspection regime in force today: sampling band of the risk class, raised and made on-site by joint measures',
  })
  async inspectionRegime(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<InspectionRegime> {
    const today = chinaToday(ctx.now);
    const [classes, own] = await Promise.all([
      ctx.loaders.riskClassesByOperator.load(operator.uscc),
      ctx.loaders.ownMeasuresByOperator.load(operator.uscc),
    ]);
    const riskClass = classes[0]?.class ?? null;
    const active = own.filter((m) => measureInForce(m, today));
    const samplingClass = raisedSamplingClass(riskClass, active);
    const band = samplingClass ? samplingBandFor(samplingClass, today.slice(0, 7)) : null;
    const basis = new Map(active.map((m) => [`${m.basisListKind}/${m.basisDecisionNumber}`, m]));
    return {
      operatorUscc: operator.uscc,
      riskClass,
      samplingClass,
      samplingRatio: band ? { operatorUscc: operator.uscc, minPercent: band.minPercent, maxPercent: band.maxPercent } : null,
      raisedByJointMeasure: samplingClass !== riskClass,
      onSiteInspectionRequired: active.some((m) => m.kind === MarketRegulationMeasureKind.ON_SITE_INSPECTION_REQUIRED),
      basis: [...basis.values()].map((m) => ({ operatorUscc: m.operatorUscc, listKind: m.basisListKind, decisionNumber: m.basisDecisionNumber })),
      samplingRulesVersion: band?.rulesVersion ?? null,
      measureRulesVersions: [...new Set(active.map((m) => m.rulesVersion))],
    };
  }
}
