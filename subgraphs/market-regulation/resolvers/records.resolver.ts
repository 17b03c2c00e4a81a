import { Arg, ClassType, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { AccessOptions, ShareClass } from '../../../shared/auth/share-class';
import { fenToYuan } from '../../../shared/database/columns';
import { DateScalar } from '../../../shared/graphql/scalars';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { AbnormalOperationListing } from '../entities/abnormal-operation-listing.entity';
import { AdministrativeLicense } from '../entities/administrative-license.entity';
import { AdministrativePenalty } from '../entities/administrative-penalty.entity';
import { DoubleRandomInspection } from '../entities/double-random-inspection.entity';
import { Operator } from '../entities/operator.entity';
import { PlatformRegistration } from '../entities/platform-registration.entity';
import { QualitySpotCheck } from '../entities/quality-spot-check.entity';
import { RegulatoryAction } from '../entities/regulatory-action.entity';
import { RiskClassification } from '../entities/risk-classification.entity';
import { SeriousDishonestListing } from '../entities/serious-dishonest-listing.entity';
import { StorefrontDisclosureCheck } from '../entities/storefront-disclosure-check.entity';
import {
  MarketRegulationLicenseStatus, SeriousDishonestMeasure, SeriousDishonestRemovalKind,
} from '../enums';
import type { MarketRegulationLoaders } from '../loaders';
import { chinaToday } from '../../../shared/calendar/dates';
import { nextVerificationDue } from '../rules/platform-verification';
import { samplingBandFor } from '../rules/risk-class';
import { badInput } from '../../../shared/errors/errors';
import { visiblePenalties } from './access';
import {
  abnormalEscalation, abnormalIsCurrent, licenseStatus, penaltyInPublicity, publicityOf, seriousState,
} from './derived';

type Ctx = SubgraphContext<MarketRegulationLoaders>;

/**
 * `operator` on every record type, so a mutation's result can show the operator's new state. It is declared
 * with the record type's own class: it tells no more than the record's `operatorUscc`.
 */
function operatorLink<T extends { operatorUscc: string | null }>(
  recordType: ClassType<T>,
  shareClass: ShareClass,
  options: AccessOptions = {},
) {
  @Resolver(() => recordType)
  class OperatorLinkResolver {
    @Access(shareClass, options)
    @FieldResolver(() => Operator, { nullable: true, description: 'The operator the record belongs to' })
    async operator(@Root() record: T, @Ctx() ctx: Ctx): Promise<Operator | null> {
      // A regulatory action against a platform's operating company has no operator.
      return record.operatorUscc ? ctx.loaders.operatorByUscc.load(record.operatorUscc) : null;
    }
  }
  Object.defineProperty(OperatorLinkResolver, 'name', { value: `${recordType.name}OperatorLinkResolver` });
  return OperatorLinkResolver;
}

const PLATFORMS: AccessOptions = { platforms: true };
const LINKED: [ClassType<{ operatorUscc: string | null }>, ShareClass, AccessOptions?][] = [
  [AbnormalOperationListing, ShareClass.PUBLIC],
  [AdministrativeLicense, ShareClass.PUBLIC],
  [AdministrativePenalty, ShareClass.PUBLIC],
  [QualitySpotCheck, ShareClass.PUBLIC],
  [SeriousDishonestListing, ShareClass.PUBLIC],
  [DoubleRandomInspection, ShareClass.GOV_SHARED],
  [StorefrontDisclosureCheck, ShareClass.GOV_SHARED],
  [PlatformRegistration, ShareClass.GOV_SHARED, PLATFORMS],
  [RegulatoryAction, ShareClass.GOV_SHARED, PLATFORMS],
  [RiskClassification, ShareClass.GOV_SHARED, PLATFORMS],
];
export const operatorLinkResolvers = LINKED.map(([type, shareClass, options]) => operatorLink(type, shareClass, options));

@Resolver(() => AdministrativePenalty)
export class PenaltyResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => String, { nullable: true, description: 'Fine in yuan, decimal string (罚款金额)' })
  fineAmount(@Root() p: AdministrativePenalty): string | null {
    return fenToYuan(p.fineFen);
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => String, { nullable: true, description: 'Confiscated illegal gains / property in yuan (没收金额)' })
  confiscatedAmount(@Root() p: AdministrativePenalty): string | null {
    return fenToYuan(p.confiscatedFen);
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, { description: 'Whether the penalty is published at all (a warning alone is not)' })
  published(@Root() p: AdministrativePenalty): boolean {
    return publicityOf(p).published;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => DateScalar, {
    nullable: true,
    description:
      'End of publicity (公示截止日期): 3 months for circulated criticism or a small fine, otherwise 3 years or the restriction period if longer, ' +
      'or the day credit repair was approved (repairedOn) if earlier; null when not published',
  })
  publicUntil(@Root() p: AdministrativePenalty): string | null {
    return publicityOf(p).publicUntil;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, { description: 'Whether the penalty is within its publicity period today' })
  inPublicity(@Root() p: AdministrativePenalty, @Ctx() ctx: Ctx): boolean {
    return penaltyInPublicity(p, chinaToday(ctx.now));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => DateScalar, {
    nullable: true,
    description:
      'First day credit repair (信用修复) can end publicity early: 6 months after the decision, 1 year for food, drugs and special equipment; null when not applicable',
  })
  repairableFrom(@Root() p: AdministrativePenalty): string | null {
    return publicityOf(p).repairableFrom;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => String, { description: 'Version of the publicity rules the dates were computed with' })
  rulesVersion(@Root() p: AdministrativePenalty): string {
    return publicityOf(p).rulesVersion;
  }
}

@Resolver(() => AdministrativeLicense)
export class LicenseResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => MarketRegulationLicenseStatus, { description: 'Status today; VALID past validUntil shows as EXPIRED' })
  status(@Root() l: AdministrativeLicense, @Ctx() ctx: Ctx): MarketRegulationLicenseStatus {
    return licenseStatus(l, chinaToday(ctx.now));
  }
}

@Resolver(() => AbnormalOperationListing)
export class AbnormalListingResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => String, { description: 'Authority that decided the listing (作出决定机关), as on every list decision' })
  decidingAuthority(@Root() a: AbnormalOperationListing): string {
    return a.listingAuthority;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => DateScalar, { description: 'Date of the listing decision; the listing takes effect on it' })
  decidedOn(@Root() a: AbnormalOperationListing): string {
    return a.listedOn;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, { description: 'Still listed (not removed)' })
  current(@Root() a: AbnormalOperationListing): boolean {
    return abnormalIsCurrent(a);
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'Date the operator is warned of escalation to the serious list (3 years minus 60 days); null once removed',
  })
  seriousListWarningOn(@Root() a: AbnormalOperationListing): string | null {
    return abnormalEscalation(a).seriousListWarningOn;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'Date from which a still-listed operator goes on the serious list (3 years after listing); null once removed',
  })
  seriousListEligibleOn(@Root() a: AbnormalOperationListing): string | null {
    return abnormalEscalation(a).seriousListEligibleOn;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => String, { description: 'Version of the abnormal-list rules the dates were computed with' })
  rulesVersion(@Root() a: AbnormalOperationListing): string {
    return abnormalEscalation(a).rulesVersion;
  }
}

@Resolver(() => SeriousDishonestListing)
export class SeriousListingResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => String, { description: 'Authority that decided the listing (作出决定机关), as on every list decision' })
  decidingAuthority(@Root() s: SeriousDishonestListing): string {
    return s.listingAuthority;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => DateScalar, { description: 'Date of the listing decision; the listing takes effect on it' })
  decidedOn(@Root() s: SeriousDishonestListing): string {
    return s.listedOn;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => DateScalar, { description: 'Automatic removal date (期满移出): 3 years after listing' })
  autoRemovalOn(@Root() s: SeriousDishonestListing, @Ctx() ctx: Ctx): string {
    return seriousState(s, chinaToday(ctx.now)).autoRemovalOn;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => DateScalar, {
    description: 'First day early removal after credit repair can be granted: 1 year after listing',
  })
  earlyRemovalEligibleOn(@Root() s: SeriousDishonestListing, @Ctx() ctx: Ctx): string {
    return seriousState(s, chinaToday(ctx.now)).earlyRemovalEligibleOn;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'Removal date: the recorded removal, or the automatic removal date once it has passed; null while listed',
  })
  removedOn(@Root() s: SeriousDishonestListing, @Ctx() ctx: Ctx): string | null {
    return seriousState(s, chinaToday(ctx.now)).removedOn;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => SeriousDishonestRemovalKind, { nullable: true })
  removalKind(@Root() s: SeriousDishonestListing, @Ctx() ctx: Ctx): SeriousDishonestRemovalKind | null {
    return seriousState(s, chinaToday(ctx.now)).removalKind;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, { description: 'Listed today' })
  current(@Root() s: SeriousDishonestListing, @Ctx() ctx: Ctx): boolean {
    return seriousState(s, chinaToday(ctx.now)).current;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [SeriousDishonestMeasure], {
    description: 'Measures applied while listed (管理措施); empty once removed',
  })
  measures(@Root() s: SeriousDishonestListing, @Ctx() ctx: Ctx): SeriousDishonestMeasure[] {
    const state = seriousState(s, chinaToday(ctx.now));
    return state.current ? state.measures : [];
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [AdministrativePenalty], {
    description: 'The penalties the listing rests on (for the public: those still within their publicity period)',
  })
  async basisPenalties(@Root() s: SeriousDishonestListing, @Ctx() ctx: Ctx): Promise<AdministrativePenalty[]> {
    const found = await ctx.loaders.penaltyByDecisionNumber.loadMany(s.basisDecisionNumbers);
    const penalties = found.filter((p): p is AdministrativePenalty => p !== null && !(p instanceof Error));
    return visiblePenalties(ctx.caller, s.operatorUscc, penalties, chinaToday(ctx.now));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => String, { description: 'Version of the serious-list rules the dates were computed with' })
  rulesVersion(@Root() s: SeriousDishonestListing, @Ctx() ctx: Ctx): string {
    return seriousState(s, chinaToday(ctx.now)).rulesVersion;
  }
}

@Access(ShareClass.GOV_SHARED, PLATFORMS)
@ObjectType('MarketRegulationSamplingRatio', {
  description: 'Share of operators of a risk class drawn in "double random" inspections, in percent',
})
export class SamplingRatio {
  /** The operator of the classification (not a GraphQL field): the row-level rules need it. */
  operatorUscc: string;

  @Field(() => Int, { description: 'Lower bound, exclusive (except 0, the least risky class\'s bound): the band below ends here' })
  minPercent: number;

  @Field(() => Int, { description: 'Upper bound, inclusive' })
  maxPercent: number;
}

@Resolver(() => RiskClassification)
export class RiskClassificationResolver {
  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => SamplingRatio, { description: 'Inspection sampling ratio band of the class (抽查比例)' })
  samplingRatio(@Root() r: RiskClassification): SamplingRatio {
    const band = samplingBandFor(r.class, r.month);
    return { operatorUscc: r.operatorUscc, minPercent: band.minPercent, maxPercent: band.maxPercent };
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => String, { description: 'Version of the sampling rules in force in that month' })
  rulesVersion(@Root() r: RiskClassification): string {
    return samplingBandFor(r.class, r.month).rulesVersion;
  }
}

@Resolver(() => PlatformRegistration)
export class PlatformRegistrationResolver {
  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => DateScalar, { description: 'Date by which the platform must verify the operator again' })
  nextVerificationDue(@Root() r: PlatformRegistration): string {
    return nextVerificationDue(chinaToday(r.verifiedAt)).due;
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => String, { description: 'Version of the verification rules the due date was computed with' })
  rulesVersion(@Root() r: PlatformRegistration): string {
    return nextVerificationDue(chinaToday(r.verifiedAt)).rulesVersion;
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => Boolean, {
    description:
      "The platform's re-verification of the operator is overdue: this is its latest verification of the operator and " +
      'nextVerificationDue has passed (judged on the China calendar day of the request)',
  })
  async overdue(@Root() r: PlatformRegistration, @Ctx() ctx: Ctx): Promise<boolean> {
    if (nextVerificationDue(chinaToday(r.verifiedAt)).due >= chinaToday(ctx.now)) return false;
    const all = await ctx.loaders.platformRegistrationsByOperator.load(r.operatorUscc);
    return !all.some((o) => o.platformId === r.platformId && o.verifiedAt.getTime() > r.verifiedAt.getTime());
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @Query(() => [PlatformRegistration], {
    nullable: true,
    description:
      "A platform's in-platform operators whose periodic re-verification is overdue (网络交易监督管理办法 art. 24): the " +
      'latest verification of each, oldest due first. A platform token asks for its own platform only',
  })
  async overduePlatformVerifications(
    @Arg('platformId', () => String, { description: 'Platform identifier, e.g. taobao' }) platformId: string,
    @Ctx() ctx: Ctx,
  ): Promise<PlatformRegistration[]> {
    const id = platformId.trim();
    if (!/^[a-z][a-z0-9-]{1,39}$/.test(id)) {
      throw badInput(`\`platformId\` "${platformId}" must be a lower-case platform identifier such as "taobao"`);
    }
    // Every verification the platform reported, in one statement; the latest of each operator is kept.
    const rows = await ctx.db
      .getRepository(PlatformRegistration)
      .find({ where: { platformId: id }, order: { verifiedAt: 'DESC', id: 'DESC' } });
    const latestOf = new Map<string, PlatformRegistration>();
    for (const r of rows) if (!latestOf.has(r.operatorUscc)) latestOf.set(r.operatorUscc, r);
    const latest = [...latestOf.values()];
    const today = chinaToday(ctx.now);
    const due = (r: PlatformRegistration) => nextVerificationDue(chinaToday(r.verifiedAt)).due;
    return latest
      .filter((r) => due(r) < today)
      .sort((a, b) => due(a).localeCompare(due(b)) || a.operatorUscc.localeCompare(b.operatorUscc));
  }
}
