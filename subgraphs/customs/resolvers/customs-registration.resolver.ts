import { Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DuplicateKey, duplicateConflict, refuseDuplicates } from '../../../shared/database/duplicates';
import type { SelectQueryBuilder } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { badInput } from '../../../shared/errors/errors';
import { DateScalar } from '../../../shared/graphql/scalars';
import { ConnectionType } from '../../../shared/pagination/connection';
import { CustomsCreditRating } from '../entities/customs-credit-rating.entity';
import { CustomsRegistration } from '../entities/customs-registration.entity';
import {
  CustomsCreditLevel, CustomsEconomicZone, CustomsEnterpriseType, CustomsRegistrationStatus,
} from '../entities/enums';
import { Operator, operatorRef } from '../entities/operator';
import { creditLevelInEffect, customsCreditRulesOn } from '../rules/credit-rules';
import {
  describeCustomsCodeFault, ENTERPRISE_TYPE_DIGIT_OF, findCustomsCodeFault, parseCustomsCode,
} from '../rules/customs-code';
import { CustomsContext, pageById } from './support';
import { UnifiedSocialCreditCodeScalar, assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { chinaToday } from '../../../shared/calendar/dates';
import { optionalText } from '../../../shared/validation/inputs';
import { notAfterToday } from '../../../shared/validation/dates';

export const CustomsRegistrationConnection = ConnectionType(CustomsRegistration, 'CustomsRegistration');

/** Throws BAD_USER_INPUT naming what is wrong with a customs code; returns the trimmed code. */
export function assertCustomsCode(value: string): string {
  const code = value.trim();
  const fault = findCustomsCodeFault(code);
  if (fault) throw badInput(describeCustomsCodeFault(value, fault), { field: 'customsCode', customsCodeFault: fault.kind });
  return code;
}

@InputType({ description: 'Filters of the customs registration list; all given filters must match' })
export class CustomsRegistrationFilter {
  @Field(() => CustomsCreditLevel, {
    nullable: true,
    description: 'Credit level in effect today (enterprises never rated count as the default level, REGULAR)',
  })
  level?: CustomsCreditLevel;

  @Field(() => CustomsRegistrationStatus, { nullable: true })
  status?: CustomsRegistrationStatus;

  @Field(() => CustomsEnterpriseType, { nullable: true, description: 'Enterprise type, position 6 of the code' })
  enterpriseType?: CustomsEnterpriseType;

  @Field({ nullable: true, description: 'Region, positions 1-4 of the code, e.g. 4401' })
  region?: string;
}

@InputType({ description: 'Registration of an enterprise with customs' })
export class RegisterCustomsEnterpriseInput {
  @Field(() => UnifiedSocialCreditCodeScalar, { description: 'Unified social credit code of the enterprise' })
  uscc: string;

  @Field({ description: '10-digit customs code; its positions 5 and 6 give the economic zone and enterprise type' })
  customsCode: string;

  @Field(() => DateScalar, { description: 'Date of registration; not in the future' })
  registeredOn: Date;

  @Field({ nullable: true, description: 'Registering customs office (default 广州海关)' })
  registeringOffice?: string;
}

@Resolver(() => CustomsRegistration)
export class CustomsRegistrationResolver {
  @FieldResolver(() => Operator, { nullable: true, description: 'The registered operator' })
  @Access(ShareClass.PUBLIC)
  operator(@Root() registration: CustomsRegistration): Operator {
    return operatorRef(registration.operatorUscc);
  }

  @FieldResolver(() => String, { description: 'Region, positions 1-4 of the customs code (4401 Guangzhou)' })
  @Access(ShareClass.PUBLIC)
  region(@Root() registration: CustomsRegistration): string {
    return parseCustomsCode(registration.customsCode).region;
  }

  @FieldResolver(() => CustomsEconomicZone, { description: 'Economic zone, position 5 of the customs code' })
  @Access(ShareClass.PUBLIC)
  economicZone(@Root() registration: CustomsRegistration): CustomsEconomicZone {
    return parseCustomsCode(registration.customsCode).economicZone;
  }

  @FieldResolver(() => CustomsEnterpriseType, { description: 'Enterprise type, position 6 of the customs code' })
  @Access(ShareClass.PUBLIC)
  enterpriseType(@Root() registration: CustomsRegistration): CustomsEnterpriseType {
    return parseCustomsCode(registration.customsCode).enterpriseType;
  }

  @FieldResolver(() => CustomsCreditLevel, {
    description: 'Credit level in effect today (the default level, REGULAR, when never rated)',
  })
  @Access(ShareClass.PUBLIC)
  async creditLevel(@Root() registration: CustomsRegistration, @Ctx() ctx: CustomsContext): Promise<CustomsCreditLevel> {
    return creditLevelInEffect(await ctx.loaders.ratingsByOperator.load(registration.operatorUscc), chinaToday(ctx.now)).level;
  }

  @Query(() => CustomsRegistration, { nullable: true, description: 'One customs registration by its customs code' })
  @Access(ShareClass.PUBLIC)
  customsRegistration(
    @Arg('customsCode') customsCode: string,
    @Ctx() ctx: CustomsContext,
  ): Promise<CustomsRegistration | null> {
    return ctx.db.getRepository(CustomsRegistration).findOne({ where: { customsCode: assertCustomsCode(customsCode) } });
  }

  @Query(() => CustomsRegistrationConnection, { nullable: true, description: 'Customs registrations in order of registration' })
  @Access(ShareClass.PUBLIC)
  async customsRegistrations(
    @Ctx() ctx: CustomsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => CustomsRegistrationFilter, { nullable: true }) filter?: CustomsRegistrationFilter,
  ) {
    const qb = ctx.db.getRepository(CustomsRegistration).createQueryBuilder('reg');
    if (filter?.status) qb.andWhere('reg.status = :status', { status: filter.status });
    if (filter?.enterpriseType) {
      qb.andWhere('SUBSTR(reg.customsCode, 6, 1) = :typeDigit', {
        typeDigit: ENTERPRISE_TYPE_DIGIT_OF[filter.enterpriseType],
      });
    }
    if (filter?.region !== undefined && filter.region !== null) {
      if (!/^\d{4}$/.test(filter.region)) throw badInput('`region` must be 4 digits, e.g. 4401', { field: 'region' });
      qb.andWhere('reg.customsCode LIKE :regionPrefix', { regionPrefix: `${filter.region}%` });
    }
    if (filter?.level) whereLevelInEffect(qb, ctx, filter.level);
    return pageById(qb, 'reg', ctx, first, after);
  }

  @Mutation(() => CustomsRegistration, { description: 'Registers an enterprise with customs under a new customs code' })
  @Access(ShareClass.AGENCY_WRITE, { agency: 'customs' })
  async registerCustomsEnterprise(
    @Arg('input', () => RegisterCustomsEnterpriseInput) input: RegisterCustomsEnterpriseInput,
    @Ctx() ctx: CustomsContext,
  ): Promise<CustomsRegistration> {
    const uscc = assertUscc(input.uscc);
    const customsCode = assertCustomsCode(input.customsCode);
    const registeredOn = notAfterToday(input.registeredOn, 'registeredOn', chinaToday(ctx.now));
    const registeringOffice = optionalText(input.registeringOffice, 'registeringOffice', 60) ?? '广州海关';
    const registered: DuplicateKey = {
      columns: ['operatorUscc'],
      duplicate: { uscc },
      message: `Operator ${uscc} is already registered with customs`,
    };
    const codeTaken: DuplicateKey = {
      columns: ['customsCode'],
      duplicate: { customsCode },
      message: `Customs code ${customsCode} is already assigned to another enterprise`,
    };
    const saved = await refuseDuplicates([registered, codeTaken], () =>
      ctx.db.transaction(async (m) => {
        const repo = m.getRepository(CustomsRegistration);
        if (await repo.exists({ where: { operatorUscc: uscc } })) throw duplicateConflict(registered);
        if (await repo.exists({ where: { customsCode } })) throw duplicateConflict(codeTaken);
        return repo.save(
          repo.create({ operatorUscc: uscc, customsCode, registeredOn, registeringOffice, status: CustomsRegistrationStatus.ACTIVE }),
        );
      }),
    ).catch(async (err: unknown) => {
      // A concurrent identical registration breaks both unique indexes and PostgreSQL names whichever it
      // checked first; the operator's own registration is the duplicate that tells the caller what happened.
      const duplicate = (err as { extensions?: { duplicate?: { customsCode?: string } } }).extensions?.duplicate;
      if (duplicate?.customsCode && (await ctx.db.getRepository(CustomsRegistration).exists({ where: { operatorUscc: uscc } }))) {
        throw duplicateConflict(registered);
      }
      throw err;
    });
    ctx.loaders.registrationByOperator.clear(uscc);
    return saved;
  }
}

/**
 * Restricts registrations (alias `reg`) to those whose rating in effect today has `level`;
 * for the default level, also those never rated by today. Plain correlated subqueries: portable.
 */
function whereLevelInEffect(qb: SelectQueryBuilder<CustomsRegistration>, ctx: CustomsContext, level: CustomsCreditLevel) {
  const q = (name: string) => ctx.db.driver.escape(name);
  const table = q(ctx.db.getMetadata(CustomsCreditRating).tableName);
  const [uscc, effectiveOn, id, lvl] = ['operatorUscc', 'effectiveOn', 'id', 'level'].map(q);
  const inEffect = `EXISTS (SELECT 1 FROM ${table} r WHERE r.${uscc} = reg.${uscc} AND r.${effectiveOn} <= :today AND r.${lvl} = :level
    AND NOT EXISTS (SELECT 1 FROM ${table} r2 WHERE r2.${uscc} = r.${uscc} AND r2.${effectiveOn} <= :today
      AND (r2.${effectiveOn} > r.${effectiveOn} OR (r2.${effectiveOn} = r.${effectiveOn} AND r2.${id} > r.${id}))))`;
  const today = chinaToday(ctx.now);
  const isDefault = customsCreditRulesOn(today)?.defaultLevel === level;
  const neverRated = `NOT EXISTS (SELECT 1 FROM ${table} r3 WHERE r3.${uscc} = reg.${uscc} AND r3.${effectiveOn} <= :today)`;
  qb.andWhere(isDefault ? `(${inEffect} OR ${neverRated})` : inEffect, { today, level });
}
