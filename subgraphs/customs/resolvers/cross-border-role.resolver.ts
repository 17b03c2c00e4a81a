import { Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DuplicateKey, duplicateConflict, refuseDuplicates } from '../../../shared/database/duplicates';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { badInput } from '../../../shared/errors/errors';
import { DateScalar } from '../../../shared/graphql/scalars';
import { ConnectionType } from '../../../shared/pagination/connection';
import { CrossBorderRole } from '../entities/cross-border-role.entity';
import { CustomsRegistration } from '../entities/customs-registration.entity';
import { CrossBorderQualification, CrossBorderRegime, CrossBorderRoleKind, CustomsRegistrationStatus } from '../entities/enums';
import { Operator, operatorRef } from '../entities/operator';
import { crossBorderRulesOn } from '../rules/cross-border';
import { CustomsContext, pageById } from './support';
import { UnifiedSocialCreditCodeScalar, assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { chinaToday } from '../../../shared/calendar/dates';
import { notAfterToday } from '../../../shared/validation/dates';

export const CrossBorderRoleConnection = ConnectionType(CrossBorderRole, 'CrossBorderRole');

@InputType({ description: 'Filters of the cross-border role list; all given filters must match' })
export class CrossBorderRoleFilter {
  @Field(() => CrossBorderRoleKind, { nullable: true })
  kind?: CrossBorderRoleKind;

  @Field(() => CrossBorderRegime, { nullable: true, description: 'Roles operating under this regime' })
  regime?: CrossBorderRegime;
}

@InputType({ description: 'Registration of an enterprise in a cross-border e-commerce role' })
export class RegisterCrossBorderRoleInput {
  @Field(() => UnifiedSocialCreditCodeScalar, { description: 'Enterprise already registered with customs' })
  uscc: string;

  @Field(() => CrossBorderRoleKind)
  kind: CrossBorderRoleKind;

  @Field(() => [CrossBorderRegime], { description: 'At least one regime, no repeats' })
  regimes: CrossBorderRegime[];

  @Field(() => DateScalar, { description: 'Not in the future, not before the customs registration' })
  registeredOn: Date;
}

@Resolver(() => CrossBorderRole)
export class CrossBorderRoleResolver {
  @FieldResolver(() => Operator, { nullable: true, description: 'The enterprise in this role' })
  @Access(ShareClass.PUBLIC)
  operator(@Root() role: CrossBorderRole): Operator {
    return operatorRef(role.operatorUscc);
  }

  @FieldResolver(() => CrossBorderQualification, {
    nullable: true,
    description:
      'Qualification the role needs from another agency: EXPRESS_PERMIT (postal) for LOGISTICS, PAYMENT_LICENCE (finance) for PAYMENT; null when none',
  })
  @Access(ShareClass.PUBLIC)
  qualificationRequired(@Root() role: CrossBorderRole, @Ctx() ctx: CustomsContext): CrossBorderQualification | null {
    return crossBorderRulesOn(chinaToday(ctx.now)).qualificationRequired[role.kind] ?? null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'Whether the operator holds the required qualification on the request date, by the permits and licences postal and finance published to customs and their own validity rule. Null when none is required, or when the role is read outside `Operator.crossBorderRoles` (e.g. from a root list)',
  })
  @Access(ShareClass.PUBLIC)
  qualificationHeld(@Root() role: CrossBorderRole): boolean | null {
    return role.qualificationHeld ?? null;
  }

  @Query(() => CrossBorderRoleConnection, { nullable: true, description: 'Cross-border e-commerce roles in order of registration' })
  @Access(ShareClass.PUBLIC)
  async customsCrossBorderRoles(
    @Ctx() ctx: CustomsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => CrossBorderRoleFilter, { nullable: true }) filter?: CrossBorderRoleFilter,
  ) {
    const qb = ctx.db.getRepository(CrossBorderRole).createQueryBuilder('role');
    if (filter?.kind) qb.andWhere('role.kind = :kind', { kind: filter.kind });
    // simple-array is a comma-separated list; regime names never contain one another.
    if (filter?.regime) qb.andWhere('role.regimes LIKE :regime', { regime: `%${filter.regime}%` });
    return pageById(qb, 'role', ctx, first, after);
  }

  @Mutation(() => CrossBorderRole, { description: 'Registers an enterprise in a cross-border e-commerce role' })
  @Access(ShareClass.AGENCY_WRITE, { agency: 'customs' })
  async registerCrossBorderRole(
    @Arg('input', () => RegisterCrossBorderRoleInput) input: RegisterCrossBorderRoleInput,
    @Ctx() ctx: CustomsContext,
  ): Promise<CrossBorderRole> {
    const uscc = assertUscc(input.uscc);
    const registeredOn = notAfterToday(input.registeredOn, 'registeredOn', chinaToday(ctx.now));
    if (input.regimes.length === 0) throw badInput('`regimes` must name at least one regime', { field: 'regimes' });
    if (new Set(input.regimes).size !== input.regimes.length) {
      throw badInput('`regimes` must not repeat a regime', { field: 'regimes' });
    }
    const duplicate: DuplicateKey = {
      columns: ['operatorUscc', 'kind'],
      duplicate: { uscc, kind: input.kind },
      message: `Operator ${uscc} is already registered in the role ${input.kind}`,
    };
    const saved = await refuseDuplicates([duplicate], () => ctx.db.transaction(async (m) => {
      const registration = await m.getRepository(CustomsRegistration).findOne({ where: { operatorUscc: uscc } });
      if (!registration) throw badInput(`Operator ${uscc} is not registered with customs`, { field: 'uscc' });
      if (registration.status !== CustomsRegistrationStatus.ACTIVE) {
        throw badInput(`The customs registration of ${uscc} is ${registration.status.toLowerCase()}`, { field: 'uscc' });
      }
      if (registeredOn < registration.registeredOn) {
        throw badInput(`\`registeredOn\` ${registeredOn} is before the customs registration on ${registration.registeredOn}`, {
          field: 'registeredOn',
        });
      }
      const repo = m.getRepository(CrossBorderRole);
      if (await repo.exists({ where: { operatorUscc: uscc, kind: input.kind } })) throw duplicateConflict(duplicate);
      return repo.save(repo.create({ operatorUscc: uscc, kind: input.kind, regimes: [...input.regimes], registeredOn }));
    }));
    ctx.loaders.rolesByOperator.clear(uscc);
    return saved;
  }
}
