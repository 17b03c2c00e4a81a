import { Arg, Ctx, Field, FieldResolver, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { isOperatorSelf } from '../../../shared/auth/caller';
import { ShareClass } from '../../../shared/auth/share-class';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { fenToYuan } from '../../../shared/database/columns';
import { badInput } from '../../../shared/errors/errors';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { AbnormalOperationListing } from '../entities/abnormal-operation-listing.entity';
import { AdministrativeLicense } from '../entities/administrative-license.entity';
import { AdministrativePenalty } from '../entities/administrative-penalty.entity';
import { DoubleRandomInspection } from '../entities/double-random-inspection.entity';
import { Operator, RegistrationStatus } from '../entities/operator.entity';
import { PlatformRegistration } from '../entities/platform-registration.entity';
import { QualitySpotCheck } from '../entities/quality-spot-check.entity';
import { RegulatoryAction } from '../entities/regulatory-action.entity';
import { RiskClassification } from '../entities/risk-classification.entity';
import { SeriousDishonestListing } from '../entities/serious-dishonest-listing.entity';
import { StorefrontDisclosureCheck } from '../entities/storefront-disclosure-check.entity';
import { MarketRegulationRiskClass } from '../enums';
import { chinaToday } from '../../../shared/calendar/dates';
import type { MarketRegulationLoaders } from '../loaders';
import { forbidden, isGovernment, visibleListings, visiblePenalties, visibleSpotChecks } from './access';
import { abnormalIsCurrent, currentSeriousCondition, seriousState } from './derived';
import { Registration } from './registration.types';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';

type Ctx = SubgraphContext<MarketRegulationLoaders>;

export const OperatorConnection = ConnectionType(Operator, 'Operator');

@InputType({ description: 'Filters of the operator list; all given filters must match' })
export class OperatorFilter {
  @Field({ nullable: true, description: 'Fragment of the registered name' })
  nameContains?: string;

  @Field({ nullable: true, description: 'District code, e.g. 440106' })
  districtCode?: string;

  @Field(() => RegistrationStatus, { nullable: true })
  status?: RegistrationStatus;

  @Field(() => MarketRegulationRiskClass, { nullable: true, description: "Class of the operator's latest monthly risk classification" })
  riskClass?: MarketRegulationRiskClass;

  @Field({ nullable: true, description: 'true: currently on the abnormal operations list; false: not currently listed' })
  onAbnormalList?: boolean;

  @Field({
    nullable: true,
    description: 'true: currently on the serious illegal and dishonest list (not removed); false: not currently listed',
  })
  onSeriousDishonestList?: boolean;
}

@Resolver(() => Operator)
export class OperatorResolver {
  @Access(ShareClass.PUBLIC)
  @Query(() => Operator, { nullable: true, description: 'One operator by its unified social credit code' })
  operator(@Arg('uscc', () => UnifiedSocialCreditCodeScalar) uscc: string, @Ctx() ctx: Ctx): Promise<Operator | null> {
    return ctx.loaders.operatorByUscc.load(assertUscc(uscc));
  }

  @Access(ShareClass.PUBLIC)
  @Query(() => OperatorConnection, {
    nullable: true,
    description: 'Operators, ordered by credit code. The riskClass filter needs gov:shared or admin (risk classes are GOV_SHARED)',
  })
  async operators(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => OperatorFilter, { nullable: true }) filter?: OperatorFilter,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    // Filtering by risk class would reveal GOV_SHARED classes to anyone who may list operators.
    if (filter?.riskClass && !isGovernment(ctx.caller)) {
      throw forbidden('The riskClass filter needs agency (gov:shared) or admin access: risk classes are not public');
    }
    const qb = ctx.db.getRepository(Operator).createQueryBuilder('o');
    if (filter?.nameContains) {
      if (filter.nameContains.length > 100) throw badInput('`nameContains` must not exceed 100 characters');
      const escaped = filter.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere("o.name LIKE :name ESCAPE '\\'", { name: `%${escaped}%` });
    }
    if (filter?.districtCode) qb.andWhere('o.districtCode = :district', { district: filter.districtCode });
    if (filter?.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter?.riskClass) {
      const latest = qb.subQuery().select('MAX(r2.month)').from(RiskClassification, 'r2')
        .where('r2.operatorUscc = r.operatorUscc').getQuery();
      const withClass = qb.subQuery().select('r.operatorUscc').from(RiskClassification, 'r')
        .where('r.class = :riskClass').andWhere(`r.month = ${latest}`).getQuery();
      qb.andWhere(`o.uscc IN ${withClass}`, { riskClass: filter.riskClass });
    }
    if (filter?.onAbnormalList !== undefined && filter.onAbnormalList !== null) {
      const listed = qb.subQuery().select('1').from(AbnormalOperationListing, 'a')
        .where('a.operatorUscc = o.uscc').andWhere('a.removedOn IS NULL').getQuery();
      qb.andWhere(`${filter.onAbnormalList ? '' : 'NOT '}EXISTS ${listed}`);
    }
    if (filter?.onSeriousDishonestList !== undefined && filter.onSeriousDishonestList !== null) {
      const current = currentSeriousCondition('s', chinaToday(ctx.now), 'sdl');
      const listed = qb.subQuery().select('1').from(SeriousDishonestListing, 's')
        .where('s.operatorUscc = o.uscc').andWhere(current.sql).getQuery();
      qb.andWhere(`${filter.onSeriousDishonestList ? '' : 'NOT '}EXISTS ${listed}`, current.params);
    }
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('o.uscc > :after', { after: decodeCursor(after) });
    const rows = await qb.orderBy('o.uscc', 'ASC').limit(size + 1).getMany();
    rows.forEach((r) => ctx.loaders.operatorByUscc.prime(r.uscc, r));
    return toConnection(rows, size, totalCount, (r) => r.uscc, Boolean(after));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Registration)
  registration(@Root() operator: Operator): Registration {
    return {
      operatorUscc: operator.uscc,
      legalRepresentative: {
        operatorUscc: operator.uscc,
        name: operator.legalRepresentativeName,
        idNumber: operator.legalRepresentativeIdNumber,
        phone: operator.legalRepresentativePhone,
      },
      registeredCapital: fenToYuan(operator.registeredCapitalFen) ?? '0.00',
      address: operator.address,
      districtCode: operator.districtCode,
      status: operator.status,
      establishedOn: operator.establishedOn,
      registrationAuthority: operator.registrationAuthority,
    };
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [AdministrativeLicense], { description: 'Administrative licences (行政许可), newest first' })
  licenses(@Root() operator: Operator, @Ctx() ctx: Ctx) {
    return ctx.loaders.licensesByOperator.load(operator.uscc);
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [AdministrativePenalty], {
    description:
      'Administrative penalties (行政处罚), newest first. Agencies, admins and the operator itself see every penalty, including those whose publicity has ended; everyone else only those within their publicity period',
  })
  async penalties(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<AdministrativePenalty[]> {
    const all = await ctx.loaders.penaltiesByOperator.load(operator.uscc);
    return visiblePenalties(ctx.caller, operator.uscc, all, chinaToday(ctx.now));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [AbnormalOperationListing], {
    description:
      'Abnormal operations list entries (经营异常名录), current and removed, newest first; entries withdrawn on an objection only for agencies and the operator',
  })
  async abnormalOperations(@Root() operator: Operator, @Ctx() ctx: Ctx) {
    return visibleListings(ctx.caller, operator.uscc, await ctx.loaders.abnormalByOperator.load(operator.uscc));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [SeriousDishonestListing], {
    description:
      'Serious illegal and dishonest list entries (严重违法失信名单), current and removed, newest first; entries withdrawn on an objection only for agencies and the operator',
  })
  async seriousDishonesty(@Root() operator: Operator, @Ctx() ctx: Ctx) {
    return visibleListings(ctx.caller, operator.uscc, await ctx.loaders.seriousByOperator.load(operator.uscc));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, { description: 'Currently on the abnormal operations list' })
  async onAbnormalList(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<boolean> {
    return (await ctx.loaders.abnormalByOperator.load(operator.uscc)).some(abnormalIsCurrent);
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, { description: 'Currently on the serious illegal and dishonest list' })
  async onSeriousDishonestList(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<boolean> {
    const today = chinaToday(ctx.now);
    return (await ctx.loaders.seriousByOperator.load(operator.uscc)).some((s) => seriousState(s, today).current);
  }

  @Access(ShareClass.GOV_SHARED, { platforms: true })
  @FieldResolver(() => RiskClassification, { nullable: true, description: 'Latest monthly credit risk classification' })
  async riskClass(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<RiskClassification | null> {
    return (await ctx.loaders.riskClassesByOperator.load(operator.uscc))[0] ?? null;
  }

  @Access(ShareClass.GOV_SHARED, { platforms: true })
  @FieldResolver(() => [RiskClassification], { nullable: true, description: 'Monthly credit risk classifications, newest month first' })
  riskClassHistory(@Root() operator: Operator, @Ctx() ctx: Ctx) {
    return ctx.loaders.riskClassesByOperator.load(operator.uscc);
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [StorefrontDisclosureCheck], { nullable: true, description: 'Storefront licence-display checks, newest first' })
  storefrontDisclosureChecks(@Root() operator: Operator, @Ctx() ctx: Ctx) {
    return ctx.loaders.disclosureChecksByOperator.load(operator.uscc);
  }

  @Access(ShareClass.GOV_SHARED, { platforms: true })
  @FieldResolver(() => [PlatformRegistration], {
    nullable: true,
    description:
      "Platforms' verification reports naming this operator (平台内经营者登记), newest period first; a platform sees its own reports only",
  })
  async platformRegistrations(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<PlatformRegistration[]> {
    const all = await ctx.loaders.platformRegistrationsByOperator.load(operator.uscc);
    const { caller } = ctx;
    if (isGovernment(caller) || isOperatorSelf(caller, operator.uscc)) return all;
    return all.filter((r) => caller.platformId !== undefined && r.platformId === caller.platformId);
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [DoubleRandomInspection], { nullable: true, description: '"Double random" inspections, newest first' })
  inspections(@Root() operator: Operator, @Ctx() ctx: Ctx) {
    return ctx.loaders.inspectionsByOperator.load(operator.uscc);
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [QualitySpotCheck], {
    description: 'Product quality spot checks, newest first; unpublished results only for agencies, admins and the operator itself',
  })
  async qualitySpotChecks(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<QualitySpotCheck[]> {
    return visibleSpotChecks(ctx.caller, operator.uscc, await ctx.loaders.spotChecksByOperator.load(operator.uscc));
  }

  @Access(ShareClass.GOV_SHARED, { platforms: true })
  @FieldResolver(() => [RegulatoryAction], { nullable: true, description: 'Interviews, notices and penalty cases, newest first' })
  regulatoryActions(@Root() operator: Operator, @Ctx() ctx: Ctx) {
    return ctx.loaders.actionsByOperator.load(operator.uscc);
  }
}
