import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { badInput } from '../../../shared/errors/errors';
import { DuplicateKey, duplicateConflict, refuseDuplicates } from '../../../shared/database/duplicates';
import { DateScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import { AdvanceCompensationClaim, AdvanceCompensationStatus } from '../entities/advance-compensation-claim.entity';
import { Operator } from '../entities/operator';
import { Platform } from '../entities/platform.entity';
import { commerceCreditSignals } from '../credit-signal';
import { fenToYuan } from '../../../shared/database/columns';
import {
  assertUpdated, CommerceContext, inOrder, isPlatformCaller, requireInPlatform, requireOwnPlatform, requirePlatform,
} from './common';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { positiveYuan, requiredText } from '../../../shared/validation/inputs';
import { notAfterToday } from '../../../shared/validation/dates';
import { recordIdInput } from '../../../shared/validation/record-ids';
import { chinaToday } from '../../../shared/calendar/dates';

const PLATFORMS = { platforms: true };

export const AdvanceCompensationClaimConnection = ConnectionType(AdvanceCompensationClaim, 'AdvanceCompensationClaim');

@InputType({ description: 'Filters of the advance compensation claim list; all given filters must match' })
export class AdvanceCompensationClaimFilter {
  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true })
  operatorUscc?: string;

  @Field(() => ID, { nullable: true })
  platformId?: string;

  @Field(() => AdvanceCompensationStatus, { nullable: true })
  status?: AdvanceCompensationStatus;
}

@InputType({ description: "A consumer's advance compensation claim filed with a platform" })
export class FileAdvanceCompensationClaimInput {
  @Field(() => ID)
  platformId: string;

  @Field(() => UnifiedSocialCreditCodeScalar, { description: 'Credit code of the seller' })
  operatorUscc: string;

  @Field({ description: "The platform's claim reference (order or case number), unique per platform" })
  claimReference: string;

  @Field({ description: 'What the consumer complains of, at most 500 characters' })
  reason: string;

  @Field({ description: 'Claimed amount in yuan, a positive decimal string such as "299.00"' })
  claimedAmount: string;

  @Field(() => DateScalar, { description: 'Day of the claim; not in the future' })
  claimedOn: Date;
}

@InputType({ description: 'The platform paying a claim first (平台先行赔付)' })
export class RecordAdvanceCompensationPaymentInput {
  @Field(() => ID)
  claimId: string;

  @Field({ description: 'Paid amount in yuan; positive, at most the claimed amount' })
  paidAmount: string;

  @Field(() => DateScalar, { description: 'Day paid; not before the claim, not in the future' })
  paidOn: Date;
}

@InputType({ description: 'The platform recovering a paid claim from the seller (向商家追偿)' })
export class RecordAdvanceCompensationRecoveryInput {
  @Field(() => ID)
  claimId: string;

  @Field({ description: 'Recovered amount in yuan; positive, at most the paid amount' })
  recoveredAmount: string;

  @Field(() => DateScalar, { description: 'Day recovered; not before payment, not in the future' })
  recoveredOn: Date;
}

@InputType({ description: 'The platform rejecting a claim' })
export class RejectAdvanceCompensationClaimInput {
  @Field(() => ID)
  claimId: string;

  @Field(() => DateScalar, { description: 'Day rejected; not before the claim, not in the future' })
  rejectedOn: Date;

  @Field({ description: 'Why the claim is rejected, at most 500 characters' })
  reason: string;
}

/** The claim, read in the write transaction, which must be in `expected` status and of a platform the caller acts for. */
async function claimIn(
  m: EntityManager,
  ctx: CommerceContext,
  claimIdInput: string,
  expected: AdvanceCompensationStatus,
  action: string,
): Promise<AdvanceCompensationClaim> {
  const id = recordIdInput(claimIdInput, 'claimId');
  const claim = await m.getRepository(AdvanceCompensationClaim).findOne({ where: { id } });
  if (!claim) throw badInput(`Unknown advance compensation claim ${claimIdInput}`, { field: 'claimId' });
  // A platform changes only the claims filed with it.
  requireOwnPlatform(ctx, claim.platformId);
  if (claim.status !== expected) {
    throw badInput(`Claim ${id} is ${claim.status}; ${action} needs a claim that is ${expected}`, {
      field: 'claimId',
      status: claim.status,
    });
  }
  return claim;
}

/** Applies `changes` if the claim is still in `from` status, and returns the updated claim. */
async function transition(
  m: EntityManager,
  claim: AdvanceCompensationClaim,
  from: AdvanceCompensationStatus,
  changes: Partial<AdvanceCompensationClaim>,
): Promise<AdvanceCompensationClaim> {
  const result = await m
    .createQueryBuilder()
    .update(AdvanceCompensationClaim)
    .set(changes)
    .where('id = :id AND status = :from', { id: claim.id, from })
    .execute();
  assertUpdated(result.affected, `Claim ${claim.id}`);
  return Object.assign(claim, changes);
}

@Resolver(() => AdvanceCompensationClaim)
export class AdvanceCompensationResolver {
  @Access(ShareClass.GOV_SHARED)
  @Query(() => AdvanceCompensationClaimConnection, { nullable: true, description: 'Advance compensation claims, oldest first' })
  async advanceCompensationClaims(
    @Ctx() ctx: CommerceContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => AdvanceCompensationClaimFilter, { nullable: true }) filter?: AdvanceCompensationClaimFilter,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(AdvanceCompensationClaim).createQueryBuilder('c');
    if (filter?.operatorUscc) qb.andWhere('c.operatorUscc = :uscc', { uscc: assertUscc(filter.operatorUscc) });
    if (filter?.platformId) qb.andWhere('c.platformId = :platformId', { platformId: filter.platformId });
    if (filter?.status) qb.andWhere('c.status = :status', { status: filter.status });
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('c.id > :after', { after: recordIdInput(decodeCursor(after), 'after') });
    const rows = await qb.orderBy('c.id', 'ASC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => Platform, { nullable: true })
  platform(@Root() claim: AdvanceCompensationClaim, @Ctx() ctx: CommerceContext): Promise<Platform | null> {
    return ctx.loaders.platformById.load(claim.platformId);
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => Operator, { nullable: true, description: 'The seller the claim is about' })
  operator(@Root() claim: AdvanceCompensationClaim): Operator {
    return { uscc: claim.operatorUscc };
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'commerce', platforms: true })
  @Mutation(() => AdvanceCompensationClaim, {
    description:
      'Files a consumer claim (status CLAIMED): a platform token for its own platform and in-platform operators, or ' +
      'commerce staff',
  })
  async fileAdvanceCompensationClaim(
    @Arg('input', () => FileAdvanceCompensationClaimInput) input: FileAdvanceCompensationClaimInput,
    @Ctx() ctx: CommerceContext,
  ): Promise<AdvanceCompensationClaim> {
    requireOwnPlatform(ctx, input.platformId);
    const operatorUscc = assertUscc(input.operatorUscc);
    const claimReference = requiredText(input.claimReference, 'claimReference', 60);
    const reason = requiredText(input.reason, 'reason', 500);
    const claimedAmountFen = positiveYuan(input.claimedAmount, 'claimedAmount');
    const claimedOn = notAfterToday(input.claimedOn, 'claimedOn', chinaToday(ctx.now));
    const duplicate: DuplicateKey = {
      columns: ['platformId', 'claimReference'],
      duplicate: { platformId: input.platformId, claimReference },
      message: `A claim with reference "${claimReference}" of ${input.platformId} already exists`,
    };
    return refuseDuplicates([duplicate], () =>
      ctx.db.transaction(async (m) => {
        await requirePlatform(m, input.platformId);
        if (isPlatformCaller(ctx)) await requireInPlatform(m, input.platformId, operatorUscc);
        const repo = m.getRepository(AdvanceCompensationClaim);
        if (await repo.exists({ where: { platformId: input.platformId, claimReference } })) throw duplicateConflict(duplicate);
        const claim = await repo.save(
          repo.create({
            platformId: input.platformId,
            operatorUscc,
            claimReference,
            reason,
            claimedAmountFen,
            claimedOn,
            status: AdvanceCompensationStatus.CLAIMED,
            paidAmountFen: null,
            paidOn: null,
            recoveredAmountFen: null,
            recoveredOn: null,
            rejectedOn: null,
            rejectionReason: null,
          }),
        );
        await commerceCreditSignals.refresh(m, [operatorUscc], ctx.now);
        return claim;
      }),
    );
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'commerce', platforms: true })
  @Mutation(() => AdvanceCompensationClaim, {
    description: 'Records that the platform paid a CLAIMED claim first (→ PAID_BY_PLATFORM)',
  })
  async recordAdvanceCompensationPayment(
    @Arg('input', () => RecordAdvanceCompensationPaymentInput) input: RecordAdvanceCompensationPaymentInput,
    @Ctx() ctx: CommerceContext,
  ): Promise<AdvanceCompensationClaim> {
    const paidAmountFen = positiveYuan(input.paidAmount, 'paidAmount');
    const paidOn = notAfterToday(input.paidOn, 'paidOn', chinaToday(ctx.now));
    return ctx.db.transaction(async (m) => {
      const claim = await claimIn(m, ctx, input.claimId, AdvanceCompensationStatus.CLAIMED, 'a payment');
      inOrder(claim.claimedOn, 'claimedOn', paidOn, 'paidOn');
      if (paidAmountFen > claim.claimedAmountFen) {
        throw badInput(
          `\`paidAmount\` (${fenToYuan(paidAmountFen)}) must not exceed the claimed amount (${claim.claimedAmount})`,
          { field: 'paidAmount' },
        );
      }
      const paid = await transition(m, claim, AdvanceCompensationStatus.CLAIMED, {
        status: AdvanceCompensationStatus.PAID_BY_PLATFORM,
        paidAmountFen,
        paidOn,
      });
      await commerceCreditSignals.refresh(m, [paid.operatorUscc], ctx.now);
      return paid;
    });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'commerce', platforms: true })
  @Mutation(() => AdvanceCompensationClaim, {
    description: 'Records that the platform recovered a paid claim from the seller (→ RECOVERED_FROM_SELLER)',
  })
  async recordAdvanceCompensationRecovery(
    @Arg('input', () => RecordAdvanceCompensationRecoveryInput) input: RecordAdvanceCompensationRecoveryInput,
    @Ctx() ctx: CommerceContext,
  ): Promise<AdvanceCompensationClaim> {
    const recoveredAmountFen = positiveYuan(input.recoveredAmount, 'recoveredAmount');
    const recoveredOn = notAfterToday(input.recoveredOn, 'recoveredOn', chinaToday(ctx.now));
    return ctx.db.transaction(async (m) => {
      const claim = await claimIn(m, ctx, input.claimId, AdvanceCompensationStatus.PAID_BY_PLATFORM, 'a recovery');
      inOrder(claim.paidOn ?? claim.claimedOn, 'paidOn', recoveredOn, 'recoveredOn');
      if (recoveredAmountFen > (claim.paidAmountFen ?? 0)) {
        throw badInput(
          `\`recoveredAmount\` (${fenToYuan(recoveredAmountFen)}) must not exceed the paid amount (${claim.paidAmount})`,
          { field: 'recoveredAmount' },
        );
      }
      const recovered = await transition(m, claim, AdvanceCompensationStatus.PAID_BY_PLATFORM, {
        status: AdvanceCompensationStatus.RECOVERED_FROM_SELLER,
        recoveredAmountFen,
        recoveredOn,
      });
      await commerceCreditSignals.refresh(m, [recovered.operatorUscc], ctx.now);
      return recovered;
    });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'commerce', platforms: true })
  @Mutation(() => AdvanceCompensationClaim, { description: 'Records that the platform rejected a CLAIMED claim' })
  async rejectAdvanceCompensationClaim(
    @Arg('input', () => RejectAdvanceCompensationClaimInput) input: RejectAdvanceCompensationClaimInput,
    @Ctx() ctx: CommerceContext,
  ): Promise<AdvanceCompensationClaim> {
    const rejectionReason = requiredText(input.reason, 'reason', 500);
    const rejectedOn = notAfterToday(input.rejectedOn, 'rejectedOn', chinaToday(ctx.now));
    return ctx.db.transaction(async (m) => {
      const claim = await claimIn(m, ctx, input.claimId, AdvanceCompensationStatus.CLAIMED, 'a rejection');
      inOrder(claim.claimedOn, 'claimedOn', rejectedOn, 'rejectedOn');
      const rejected = await transition(m, claim, AdvanceCompensationStatus.CLAIMED, {
        status: AdvanceCompensationStatus.REJECTED,
        rejectedOn,
        rejectionReason,
      });
      await commerceCreditSignals.refresh(m, [rejected.operatorUscc], ctx.now);
      return rejected;
    });
  }
}
