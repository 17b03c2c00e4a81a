import { Arg, ClassType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/access';
import { Caller, isOperatorSelf, Scope } from '../auth/caller';
import { ShareClass } from '../auth/share-class';
import { assertUscc, UnifiedSocialCreditCodeScalar } from '../credit-code/uscc-scalar';
import { badInput, ErrorCode } from '../errors/errors';
import { DateTimeScalar } from '../graphql/scalars';
import { ConnectionType } from '../pagination/connection';
import type { SubgraphContext } from '../subgraph/context';
import { isConsentActive } from './consent';
import type { ConsentGrant } from './entities';
import { GraphQLError } from 'graphql';

/**
 * The GraphQL side of the access-control store, hosted by one subgraph (market regulation, the home of the
 * operator): who read an operator's data (the "query records" of a credit report), its consents to
 * evaluators, and token revocation.
 */
@ObjectType({ description: 'One read of non-public data about the operator (查询记录): who, when, what and why' })
@Access(ShareClass.SELF_SERVICE)
export class AccessLogEntry {
  operatorUscc: string;
  @Field(() => Int, { description: 'Position in the tamper-evident audit chain' }) sequence: number;
  @Field(() => DateTimeScalar) at: Date;
  @Field(() => String, { nullable: true, description: 'Token subject of the reader' }) subject: string | null;
  @Field() role: string;
  @Field(() => String, { nullable: true }) agency: string | null;
  @Field({ description: 'The service that served the read' }) subgraph: string;
  @Field(() => [String], { description: 'Fields read, as Type.field' }) fields: string[];
  @Field({ description: 'Purpose the reader declared (x-purpose header)' }) purpose: string;
  @Field() requestId: string;
}

export const AccessLogConnection = ConnectionType(AccessLogEntry, 'AccessLog');

@ObjectType({ description: "An operator's consent that an evaluator may read its AUTHORIZED_QUERY data (授权查询)" })
@Access(ShareClass.SELF_SERVICE)
export class OperatorConsent {
  @Field(() => ID) id: string;
  @Field() operatorUscc: string;
  @Field({ description: 'Token subject of the evaluator' }) evaluatorSubject: string;
  @Field() purpose: string;
  @Field(() => DateTimeScalar) grantedAt: Date;
  @Field(() => DateTimeScalar) expiresAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) revokedAt: Date | null;
  @Field({ description: 'Active now: not expired and not revoked' }) active: boolean;
}

@InputType()
export class GrantConsentInput {
  @Field(() => UnifiedSocialCreditCodeScalar) operatorUscc: string;
  @Field() evaluatorSubject: string;
  @Field() purpose: string;
  @Field(() => DateTimeScalar) expiresAt: Date;
}

@ObjectType({ description: 'A revoked token' })
@Access(ShareClass.ADMIN)
export class TokenRevocation {
  @Field() tokenId: string;
  @Field(() => DateTimeScalar) until: Date;
}

function toConsent(grant: ConsentGrant, now: Date): OperatorConsent {
  return { ...grant, active: isConsentActive(grant, now) };
}

function assertSelfOrAdmin(caller: Caller, uscc: string): void {
  if (!caller.scopes.has(Scope.ADMIN) && !isOperatorSelf(caller, uscc)) {
    throw new GraphQLError('Only the operator itself or an admin may do this', { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

/** Resolvers for `operatorType` (the hosting subgraph's Operator entity class). */
export function createAccessControlResolvers(operatorType: ClassType<{ uscc: string }>) {
  @Resolver(() => operatorType)
  class OperatorAccessResolver {
    @FieldResolver(() => AccessLogConnection, { nullable: true, description: 'Who read this operator\'s non-public data, newest first' })
    @Access(ShareClass.SELF_SERVICE)
    async accessLog(
      @Root() operator: { uscc: string },
      @Ctx() ctx: SubgraphContext,
      @Arg('first', () => Int, { nullable: true }) first?: number,
      @Arg('after', () => String, { nullable: true }) after?: string,
    ) {
      const page = await ctx.accessControl.accessLogOf(operator.uscc, { first: first ?? 20, after, maxPageSize: ctx.maxPageSize });
      return page;
    }

    @FieldResolver(() => [OperatorConsent], { nullable: true, description: "The operator's consents to evaluators, newest first" })
    @Access(ShareClass.SELF_SERVICE)
    async consents(@Root() operator: { uscc: string }, @Ctx() ctx: SubgraphContext): Promise<OperatorConsent[]> {
      return (await ctx.accessControl.consentsOf(operator.uscc)).map((g) => toConsent(g, ctx.now));
    }
  }

  @Resolver()
  class ConsentMutationResolver {
    @Mutation(() => OperatorConsent, { description: 'The operator (or an admin) consents to an evaluator reading its data until expiresAt' })
    @Access(ShareClass.SELF_SERVICE)
    async grantConsent(@Arg('input', () => GrantConsentInput) input: GrantConsentInput, @Ctx() ctx: SubgraphContext) {
      const uscc = assertUscc(input.operatorUscc);
      assertSelfOrAdmin(ctx.caller, uscc);
      const grant = await ctx.accessControl.grantConsent({ ...input, operatorUscc: uscc }, ctx.caller);
      // Judged after the write: the grant is stamped with the store's clock, a moment after the request began.
      return toConsent(grant, new Date());
    }

    @Mutation(() => OperatorConsent, { description: 'Revokes a consent; it stops applying on the evaluator\'s next request' })
    @Access(ShareClass.SELF_SERVICE)
    async revokeConsent(
      @Arg('id', () => ID) id: string,
      @Ctx() ctx: SubgraphContext,
      @Arg('reason', () => String, { nullable: true }) reason?: string,
    ) {
      const grant = await ctx.accessControl.consent(id);
      if (!grant) throw badInput(`No consent with id "${id}"`);
      assertSelfOrAdmin(ctx.caller, grant.operatorUscc);
      return toConsent(await ctx.accessControl.revokeConsent(id, ctx.caller, reason ?? undefined), new Date());
    }

    @Mutation(() => TokenRevocation, {
      description:
        'Revokes a token by its id (jti) on every service, for as long as any token may live (AUTH_MAX_TOKEN_TTL); ' +
        'expiresAt can only lengthen that',
    })
    @Access(ShareClass.ADMIN)
    async revokeToken(
      @Arg('tokenId') tokenId: string,
      @Ctx() ctx: SubgraphContext,
      @Arg('expiresAt', () => DateTimeScalar, {
        nullable: true,
        description: "Keep the revocation at least this long (e.g. the token's exp); never shortens the retention",
      })
      expiresAt?: Date | null,
    ): Promise<TokenRevocation> {
      if (!/^[\w.:-]{1,200}$/.test(tokenId)) throw badInput('tokenId must be a token id (jti)');
      // The caller's expiry is not trusted to end the revocation: a wrong one would let the token work again.
      const until = await ctx.revocations.revoke(tokenId, expiresAt);
      return { tokenId, until };
    }
  }

  return [OperatorAccessResolver, ConsentMutationResolver] as const;
}
