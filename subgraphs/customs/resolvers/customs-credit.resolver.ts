import { Arg, Ctx, Field, FieldResolver, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { withoutWithdrawn } from '../../../shared/objections/visibility';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { badInput, restrictedByJointMeasure } from '../../../shared/errors/errors';
import { DateScalar } from '../../../shared/graphql/scalars';
import { CustomsCreditRating } from '../entities/customs-credit-rating.entity';
import { CustomsDishonestyFinding } from '../entities/customs-dishonesty-finding.entity';
import { CustomsJointMeasure, CustomsJointMeasureKind } from '../entities/customs-joint-measure.entity';
import { CustomsRegistration } from '../entities/customs-registration.entity';
import { CustomsCreditLevel, CustomsRegistrationStatus } from '../entities/enums';
import { Operator, operatorRef } from '../entities/operator';
import {
  CUSTOMS_CREDIT_RULES, CustomsCreditRuleVersion, customsCreditRulesOn, CustomsInspectionRateBasis, DerivedClearanceMeasure, ratingInEffect,
} from '../rules/credit-rules';
import { CustomsClearanceMeasure, CustomsCredit, CustomsCreditRules } from './customs-credit.types';
import { CustomsContext } from './support';
import { measureInForce } from '../../../shared/joint-measures/measure-records';
import { customsCreditSignals } from '../credit-signal';
import { UnifiedSocialCreditCodeScalar, assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { chinaToday, toIsoDate } from '../../../shared/calendar/dates';
import { requiredText } from '../../../shared/validation/inputs';
import { notAfterToday } from '../../../shared/validation/dates';

/** "80.00%" of the declarations, or "20.00% of the routine average"; null when the order sets no rate. */
function inspectionRateText(m: DerivedClearanceMeasure): string | null {
  if (m.inspectionRatePercent === null) return null;
  return m.inspectionRateBasis === CustomsInspectionRateBasis.ROUTINE_AVERAGE
    ? `${m.inspectionRatePercent}% of the routine average`
    : `${m.inspectionRatePercent}%`;
}

export function toClearanceMeasure(m: DerivedClearanceMeasure): CustomsClearanceMeasure {
  return {
    level: m.level,
    ratingEffectiveOn: m.ratingEffectiveOn,
    rulesVersion: m.rulesVersion,
    inspectionRateTarget: inspectionRateText(m),
    inspectionRateBound: m.inspectionRateBound,
    guaranteeRequirement: m.guarantee,
    auditFrequency: m.audit,
    description: m.description,
  };
}

function toRulesType(rules: CustomsCreditRuleVersion): CustomsCreditRules {
  const later = CUSTOMS_CREDIT_RULES.filter((r) => r.effectiveFrom > rules.effectiveFrom)
    .map((r) => r.effectiveFrom)
    .sort();
  const until = later[0] ? toIsoDate(new Date(Date.parse(`${later[0]}T00:00:00Z`) - 86_400_000)) : null;
  return {
    version: rules.version,
    title: rules.title,
    effectiveFrom: rules.effectiveFrom,
    effectiveUntil: until,
    levels: [...rules.levels],
    defaultLevel: rules.defaultLevel,
    measures: rules.levels.flatMap((level) => {
      const rule = rules.measures[level];
      return rule ? [toClearanceMeasure({ ...rule, level, rulesVersion: rules.version, ratingEffectiveOn: null })] : [];
    }),
  };
}

@InputType({ description: 'A customs credit rating decision to record' })
export class RecordCustomsCreditRatingInput {
  @Field(() => UnifiedSocialCreditCodeScalar, { description: 'Unified social credit code of the rated enterprise (registered with customs)' })
  uscc: string;

  @Field(() => CustomsCreditLevel, { description: 'Must be a level of the rules version in force on `effectiveOn`' })
  level: CustomsCreditLevel;

  @Field(() => DateScalar, {
    description: 'Date the level takes effect; not in the future, not before the registration or the latest rating',
  })
  effectiveOn: Date;

  @Field({ description: 'Basis of the rating (认定依据), at most 500 characters' })
  reason: string;
}

@Resolver(() => CustomsCredit)
export class CustomsCreditResolver {
  @FieldResolver(() => Operator, { nullable: true, description: 'The operator this credit belongs to' })
  @Access(ShareClass.PUBLIC)
  operator(@Root() credit: CustomsCredit): Operator {
    return operatorRef(credit.operatorUscc);
  }

  @FieldResolver(() => CustomsCreditRating, {
    nullable: true,
    description: 'The rating in effect today: the latest one effective on or before today; null when never rated',
  })
  @Access(ShareClass.PUBLIC)
  async current(@Root() credit: CustomsCredit, @Ctx() ctx: CustomsContext): Promise<CustomsCreditRating | null> {
    return ratingInEffect(await ctx.loaders.ratingsByOperator.load(credit.operatorUscc), chinaToday(ctx.now));
  }

  @FieldResolver(() => [CustomsCreditRating], {
    description: 'Every rating in order of effective date, each with the rules version it was made under',
  })
  @Access(ShareClass.PUBLIC)
  async history(@Root() credit: CustomsCredit, @Ctx() ctx: CustomsContext): Promise<CustomsCreditRating[]> {
    return withoutWithdrawn(ctx.caller, credit.operatorUscc, await ctx.loaders.ratingsByOperator.load(credit.operatorUscc));
  }

  @FieldResolver(() => [CustomsDishonestyFinding], {
    nullable: true,
    description:
      'Dishonesty findings (失信认定) against the operator, newest first; case details for agencies and the operator itself (null for other callers)',
  })
  @Access(ShareClass.GOV_SHARED)
  dishonestyFindings(@Root() credit: CustomsCredit, @Ctx() ctx: CustomsContext): Promise<CustomsDishonestyFinding[]> {
    return ctx.loaders.findingsByOperator.load(credit.operatorUscc);
  }

  @Query(() => CustomsCreditRules, {
    nullable: true,
    description: 'The customs credit rules in force on a date (default: today); null before the first version',
  })
  @Access(ShareClass.PUBLIC)
  customsCreditRules(
    @Ctx() ctx: CustomsContext,
    @Arg('on', () => DateScalar, { nullable: true }) on?: Date,
  ): CustomsCreditRules | null {
    const rules = customsCreditRulesOn(on ? toIsoDate(on) : chinaToday(ctx.now));
    return rules ? toRulesType(rules) : null;
  }

  @Query(() => [CustomsCreditRules], { nullable: true, description: 'Every version of the customs credit rules, oldest first' })
  @Access(ShareClass.PUBLIC)
  customsCreditRuleVersions(): CustomsCreditRules[] {
    return [...CUSTOMS_CREDIT_RULES].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).map(toRulesType);
  }

  @Mutation(() => CustomsCredit, {
    description:
      'Records a credit rating. Refuses a level the rules in force on its effective date do not know (e.g. CERTIFIED before 2026-04-01). Returns the credit after the rating',
  })
  @Access(ShareClass.AGENCY_WRITE, { agency: 'customs' })
  async recordCustomsCreditRating(
    @Arg('input', () => RecordCustomsCreditRatingInput) input: RecordCustomsCreditRatingInput,
    @Ctx() ctx: CustomsContext,
  ): Promise<CustomsCredit> {
    const uscc = assertUscc(input.uscc);
    const effectiveOn = notAfterToday(input.effectiveOn, 'effectiveOn', chinaToday(ctx.now));
    const reason = requiredText(input.reason, 'reason', 500);
    const rules = customsCreditRulesOn(effectiveOn);
    if (!rules) {
      throw badInput(
        `No customs credit rules are in force on ${effectiveOn}; the first version takes effect ${CUSTOMS_CREDIT_RULES[0].effectiveFrom}`,
        { field: 'effectiveOn' },
      );
    }
    if (!rules.levels.includes(input.level)) {
      throw badInput(
        `Level ${input.level} does not exist under ${rules.version} in force on ${effectiveOn} (levels: ${rules.levels.join(', ')})`,
        { field: 'level', rulesVersion: rules.version },
      );
    }
    await ctx.db.transaction(async (m) => {
      const registration = await m.getRepository(CustomsRegistration).findOne({ where: { operatorUscc: uscc } });
      if (!registration) throw badInput(`Operator ${uscc} is not registered with customs`, { field: 'uscc' });
      if (registration.status === CustomsRegistrationStatus.CANCELLED) {
        throw badInput(`The customs registration of ${uscc} is cancelled`, { field: 'uscc' });
      }
      if (effectiveOn < registration.registeredOn) {
        throw badInput(`\`effectiveOn\` ${effectiveOn} is before the registration on ${registration.registeredOn}`, {
          field: 'effectiveOn',
        });
      }
      if (input.level === CustomsCreditLevel.ADVANCED_CERTIFIED) {
        const exclusions = await m.getRepository(CustomsJointMeasure).find({
          where: { operatorUscc: uscc, kind: CustomsJointMeasureKind.ADVANCED_CERTIFICATION_EXCLUDED },
          order: { startsOn: 'ASC', id: 'ASC' },
        });
        const exclusion = exclusions.find((e) => measureInForce(e, effectiveOn));
        if (exclusion) {
          throw restrictedByJointMeasure(
            `Operator ${uscc} may not be advanced certified (高级认证) on ${effectiveOn}: the joint measure ` +
              `${exclusion.kind} (customs) is in force on the basis of ${exclusion.basisListKind} ${exclusion.basisDecisionNumber}`,
            {
              agency: 'customs',
              kind: exclusion.kind,
              basis: { listKind: exclusion.basisListKind, decisionNumber: exclusion.basisDecisionNumber },
            },
          );
        }
      }
      const latest = await m
        .getRepository(CustomsCreditRating)
        .findOne({ where: { operatorUscc: uscc }, order: { effectiveOn: 'DESC', id: 'DESC' } });
      if (latest && effectiveOn < latest.effectiveOn) {
        throw badInput(
          `\`effectiveOn\` ${effectiveOn} is before the latest rating, effective ${latest.effectiveOn}; ratings are recorded in date order`,
          { field: 'effectiveOn' },
        );
      }
      const repo = m.getRepository(CustomsCreditRating);
      await repo.save(repo.create({ operatorUscc: uscc, level: input.level, effectiveOn, rulesVersion: rules.version, reason }));
      await customsCreditSignals.refresh(m, [uscc], ctx.now);
    });
    ctx.loaders.ratingsByOperator.clear(uscc);
    return { operatorUscc: uscc };
  }
}

@Resolver(() => CustomsCreditRating)
export class CustomsCreditRatingResolver {
  @FieldResolver(() => Operator, { nullable: true, description: 'The rated operator' })
  @Access(ShareClass.PUBLIC)
  operator(@Root() rating: CustomsCreditRating): Operator {
    return operatorRef(rating.operatorUscc);
  }
}
