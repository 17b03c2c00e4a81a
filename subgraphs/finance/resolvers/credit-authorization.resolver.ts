import {
  Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root,
} from 'type-graphql';
import { Brackets } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { badInput } from '../../../shared/errors/errors';
import { DateScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import {
  CreditAuthorization, CreditAuthorizationPurpose, CreditAuthorizationStatus, CreditDataCategory,
} from '../entities/credit-authorization.entity';
import { Operator } from '../entities/operator';
import { CREDIT_AUTHORIZATION_RULES } from '../rules/finance-rules';
import { FinanceCtx, optionalUscc } from './common';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { addMonths, chinaToday } from '../../../shared/calendar/dates';
import { ruleInForce } from '../../../shared/rules/versioned';
import { optionalText, requiredText } from '../../../shared/validation/inputs';
import { dateInput, notAfterToday } from '../../../shared/validation/dates';
import { recordIdInput } from '../../../shared/validation/record-ids';

export const CreditAuthorizationConnection = ConnectionType(CreditAuthorization, 'CreditAuthorization');

/** Status on `today`: revoked wins over expired; the expiry day itself is no longer covered. */
export function authorizationStatus(a: CreditAuthorization, today: string): CreditAuthorizationStatus {
  if (a.revokedOn && a.revokedOn <= today) return CreditAuthorizationStatus.REVOKED;
  if (a.expiresOn <= today) return CreditAuthorizationStatus.EXPIRED;
  return CreditAuthorizationStatus.ACTIVE;
}

@InputType({ description: 'Filters of the credit-query authorization list; all given filters must match' })
export class CreditAuthorizationFilter {
  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true, description: 'Authorizations given by this operator' })
  uscc?: string;

  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true, description: 'Authorizations given to this lender (by its credit code)' })
  granteeUscc?: string;

  @Field(() => CreditAuthorizationPurpose, { nullable: true })
  purpose?: CreditAuthorizationPurpose;

  @Field(() => CreditAuthorizationStatus, { nullable: true, description: 'Status on the request date' })
  status?: CreditAuthorizationStatus;
}

@InputType({ description: 'An authorization an operator gives a lender to query its credit information' })
export class GrantCreditAuthorizationInput {
  @Field(() => UnifiedSocialCreditCodeScalar, { description: 'Credit code of the operator giving the authorization' })
  uscc: string;

  @Field({ description: 'Name of the lender or guarantor' })
  granteeName: string;

  @Field(() => UnifiedSocialCreditCodeScalar, { description: 'Unified social credit code of the lender or guarantor' })
  granteeUscc: string;

  @Field(() => CreditAuthorizationPurpose)
  purpose: CreditAuthorizationPurpose;

  @Field(() => [CreditDataCategory], { description: 'Data categories the grantee may query (at least one)' })
  scope: CreditDataCategory[];

  @Field(() => DateScalar, { nullable: true, description: 'Default today; not in the future' })
  grantedOn?: Date;

  @Field(() => DateScalar, {
    description: 'First day no longer covered; after grantedOn and within the rules’ maximum for the purpose',
  })
  expiresOn: Date;
}

@Resolver(() => CreditAuthorization)
export class CreditAuthorizationResolver {
  @Access(ShareClass.GOV_SHARED)
  @Query(() => CreditAuthorizationConnection, {
    nullable: true,
    description: 'Credit-query authorizations operators gave lenders (查询授权), newest first by id',
  })
  async creditAuthorizations(
    @Ctx() ctx: FinanceCtx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => CreditAuthorizationFilter, { nullable: true }) filter?: CreditAuthorizationFilter,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const today = chinaToday(ctx.now);
    const qb = ctx.db.getRepository(CreditAuthorization).createQueryBuilder('a');
    const uscc = optionalUscc(filter?.uscc);
    const grantee = optionalUscc(filter?.granteeUscc);
    if (uscc) qb.andWhere('a.operatorUscc = :uscc', { uscc });
    if (grantee) qb.andWhere('a.granteeUscc = :grantee', { grantee });
    if (filter?.purpose) qb.andWhere('a.purpose = :purpose', { purpose: filter.purpose });
    const notRevoked = new Brackets((b) => b.where('a.revokedOn IS NULL').orWhere('a.revokedOn > :today', { today }));
    if (filter?.status === CreditAuthorizationStatus.REVOKED) qb.andWhere('a.revokedOn <= :today', { today });
    if (filter?.status === CreditAuthorizationStatus.EXPIRED) {
      qb.andWhere(notRevoked).andWhere('a.expiresOn <= :today', { today });
    }
    if (filter?.status === CreditAuthorizationStatus.ACTIVE) {
      qb.andWhere(notRevoked).andWhere('a.expiresOn > :today', { today });
    }
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('a.id < :after', { after: Number(decodeCursor(after)) });
    const rows = await qb.orderBy('a.id', 'DESC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'finance' })
  @Mutation(() => CreditAuthorization, {
    description: 'Records an authorization an operator gives a lender to query its credit information',
  })
  async grantCreditAuthorization(
    @Arg('input', () => GrantCreditAuthorizationInput) input: GrantCreditAuthorizationInput,
    @Ctx() ctx: FinanceCtx,
  ): Promise<CreditAuthorization> {
    const uscc = assertUscc(input.uscc);
    const granteeUscc = assertUscc(input.granteeUscc);
    if (granteeUscc === uscc) throw badInput('An operator cannot authorize itself: `granteeUscc` equals `uscc`');
    const granteeName = requiredText(input.granteeName, 'granteeName', 200);
    const scope = [...new Set(input.scope ?? [])];
    if (scope.length === 0) throw badInput('`scope` must name at least one data category');
    if (scope.length !== input.scope.length) throw badInput('`scope` lists a data category twice');
    const today = chinaToday(ctx.now);
    const grantedOn = input.grantedOn ? notAfterToday(input.grantedOn, 'grantedOn', today) : today;
    const expiresOn = dateInput(input.expiresOn, 'expiresOn');
    if (expiresOn <= grantedOn) {
      throw badInput(`\`expiresOn\` (${expiresOn}) must be after \`grantedOn\` (${grantedOn})`);
    }
    const rule = ruleInForce(CREDIT_AUTHORIZATION_RULES, grantedOn);
    const maxMonths = rule.maxMonths[input.purpose];
    const latest = addMonths(grantedOn, maxMonths);
    if (expiresOn > latest) {
      throw badInput(
        `An authorization for ${input.purpose} lasts at most ${maxMonths} months (rules ${rule.version}): ` +
          `\`expiresOn\` must be on or before ${latest}`,
      );
    }
    return ctx.db.transaction(async (m) => {
      const repo = m.getRepository(CreditAuthorization);
      return repo.save(
        repo.create({
          operatorUscc: uscc,
          granteeName,
          granteeUscc,
          purpose: input.purpose,
          scope,
          grantedOn,
          expiresOn,
          rulesVersion: rule.version,
          revokedOn: null,
          revokeReason: null,
        }),
      );
    });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'finance' })
  @Mutation(() => CreditAuthorization, {
    description: 'The operator withdraws an authorization; the record stays with the revocation date',
  })
  async revokeCreditAuthorization(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: FinanceCtx,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
    @Arg('revokedOn', () => DateScalar, { nullable: true, description: 'Default today' }) revokedOn?: Date,
  ): Promise<CreditAuthorization> {
    const authorizationId = recordIdInput(id, 'id');
    const why = optionalText(reason, 'reason', 500);
    const today = chinaToday(ctx.now);
    const on = revokedOn ? notAfterToday(revokedOn, 'revokedOn', today) : today;
    return ctx.db.transaction(async (m) => {
      const repo = m.getRepository(CreditAuthorization);
      const auth = await repo.findOne({ where: { id: authorizationId } });
      if (!auth) throw badInput(`No credit authorization with id ${id}`);
      if (auth.revokedOn) throw badInput(`Credit authorization ${id} was already revoked on ${auth.revokedOn}`);
      if (on < auth.grantedOn) throw badInput(`\`revokedOn\` (${on}) must not be before \`grantedOn\` (${auth.grantedOn})`);
      if (on >= auth.expiresOn) throw badInput(`Credit authorization ${id} already expired on ${auth.expiresOn}`);
      auth.revokedOn = on;
      auth.revokeReason = why;
      return repo.save(auth);
    });
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => CreditAuthorizationStatus, { description: 'State on the request date (China time)' })
  status(@Root() auth: CreditAuthorization, @Ctx() ctx: FinanceCtx): CreditAuthorizationStatus {
    return authorizationStatus(auth, chinaToday(ctx.now));
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => Operator, { nullable: true, description: 'The operator that gave the authorization' })
  operator(@Root() auth: CreditAuthorization): Operator {
    return { uscc: auth.operatorUscc };
  }
}
