import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { addDays, addMonths, chinaToday } from '../../../shared/calendar/dates';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { DuplicateKey, duplicateConflict, refuseDuplicates } from '../../../shared/database/duplicates';
import { badInput } from '../../../shared/errors/errors';
import { DateScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import { commerceCreditSignals } from '../credit-signal';
import { Operator } from '../entities/operator';
import {
  PlatformComplaint, PlatformComplaintCategory, PlatformComplaintOutcome, UPHELD_OUTCOMES,
} from '../entities/platform-complaint.entity';
import { Platform } from '../entities/platform.entity';
import { complaintDeadline, complaintOverdue, PLATFORM_COMPLAINT_WINDOW_MONTHS } from '../rules/platform-complaints';
import {
  assertUpdated, CommerceContext, inOrder, requireInPlatform, requireOwnPlatform, requirePlatform,
} from './common';
import { requiredText } from '../../../shared/validation/inputs';
import { notAfterToday } from '../../../shared/validation/dates';
import { recordIdInput } from '../../../shared/validation/record-ids';

const PLATFORMS = { platforms: true };

export const PlatformComplaintConnection = ConnectionType(PlatformComplaint, 'PlatformComplaint');

@InputType({ description: 'Filters of the platform complaint list; all given filters must match' })
export class PlatformComplaintFilter {
  @Field(() => ID, { nullable: true }) operatorUscc?: string;
  @Field(() => ID, { nullable: true }) platformId?: string;
  @Field(() => Boolean, { nullable: true, description: 'Only complaints overdue today (open past the deadline or resolved late)' })
  overdue?: boolean;
}

@InputType({ description: 'A consumer complaint a platform received about one of its in-platform operators' })
export class RecordPlatformComplaintInput {
  @Field(() => ID) platformId: string;
  @Field(() => ID, { description: 'Credit code of the operator complained about; must have a storefront on the platform' })
  operatorUscc: string;
  @Field({ description: "The platform's complaint number, unique per platform (at most 60 characters)" })
  complaintReference: string;
  @Field({
    description:
      "The consumer's masked handle as the platform shows it (e.g. t***8, 138****5678): at least one `*`, no run of " +
      'more than four digits, at most 40 characters. No other personal data is taken',
  })
  consumerHandle: string;
  @Field(() => PlatformComplaintCategory) category: PlatformComplaintCategory;
  @Field({ description: 'What the consumer complains of, at most 500 characters' }) summary: string;
  @Field(() => DateScalar, { description: 'Day the platform received it; not in the future' }) receivedOn: Date;
}

@InputType({ description: "The platform's resolution of a complaint" })
export class ResolvePlatformComplaintInput {
  @Field(() => ID) complaintId: string;
  @Field(() => PlatformComplaintOutcome) outcome: PlatformComplaintOutcome;
  @Field(() => DateScalar, { description: 'Day resolved; not before receipt, not in the future' }) resolvedOn: Date;
  @Field({ description: 'What the platform decided or did, at most 500 characters' }) resolution: string;
}

@ObjectType({
  description:
    "Statistics of the consumer complaints platforms handled about the operator, over the last 12 months by day of " +
    'receipt (window: local choice, awaiting confirmation)',
})
@Access(ShareClass.GOV_SHARED)
export class PlatformComplaintStats {
  /** The operator (not a GraphQL field): the row-level rules need it. */
  operatorUscc: string;

  @Field(() => DateScalar, { description: 'First day of the window' }) from: string;
  @Field(() => DateScalar, { description: 'Last day of the window (today)' }) to: string;
  @Field(() => Int, { description: 'Complaints received in the window' }) count: number;
  @Field(() => Int, { description: 'Of them, resolved' }) resolvedCount: number;
  @Field(() => Int, { description: 'Of them, resolved UPHELD or PARTIALLY_UPHELD' }) upheldCount: number;
  @Field(() => Float, { nullable: true, description: 'Upheld share of the resolved ones, percent (one decimal); null when none is resolved' })
  upheldPercent: number | null;
  @Field(() => Int, { description: 'Of them, overdue today (open past the deadline or resolved late)' }) overdueCount: number;
  @Field(() => Float, { nullable: true, description: 'Overdue share of all received, percent (one decimal); null when none was received' })
  overduePercent: number | null;
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

/** The statistics of one operator's complaints on `today`. */
export function complaintStats(operatorUscc: string, complaints: PlatformComplaint[], today: string): PlatformComplaintStats {
  // The same look-back as the credit signal: from the same date 12 months ago (inclusive) to today.
  const from = addDays(addMonths(today, -PLATFORM_COMPLAINT_WINDOW_MONTHS), 1);
  const inWindow = complaints.filter((c) => c.receivedOn >= from && c.receivedOn <= today);
  const resolved = inWindow.filter((c) => c.outcome !== null);
  const upheld = resolved.filter((c) => UPHELD_OUTCOMES.includes(c.outcome!));
  const overdue = inWindow.filter((c) => complaintOverdue(c, today));
  return {
    operatorUscc,
    from,
    to: today,
    count: inWindow.length,
    resolvedCount: resolved.length,
    upheldCount: upheld.length,
    upheldPercent: percent(upheld.length, resolved.length),
    overdueCount: overdue.length,
    overduePercent: percent(overdue.length, inWindow.length),
  };
}

/** A masked handle: something masked, no phone or ID number in clear. */
function maskedHandle(value: string): string {
  const handle = requiredText(value, 'consumerHandle', 40);
  if (!handle.includes('*') || /\d{5,}/.test(handle) || /\s/.test(handle)) {
    throw badInput(
      '`consumerHandle` must be the masked handle the platform shows (at least one `*`, no run of more than four ' +
        'digits, no spaces): complaints keep no personal data beyond it',
      { field: 'consumerHandle' },
    );
  }
  return handle;
}

async function complaintIn(m: EntityManager, complaintIdInput: string): Promise<PlatformComplaint> {
  const id = recordIdInput(complaintIdInput, 'complaintId');
  const complaint = await m.getRepository(PlatformComplaint).findOne({ where: { id } });
  if (!complaint) throw badInput(`Unknown platform complaint ${complaintIdInput}`, { field: 'complaintId' });
  return complaint;
}

@Resolver(() => PlatformComplaint)
export class PlatformComplaintResolver {
  @Access(ShareClass.GOV_SHARED)
  @Query(() => PlatformComplaintConnection, { nullable: true, description: 'Consumer complaints handled by platforms, oldest first' })
  async platformComplaints(
    @Ctx() ctx: CommerceContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => PlatformComplaintFilter, { nullable: true }) filter?: PlatformComplaintFilter,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const today = chinaToday(ctx.now);
    const qb = ctx.db.getRepository(PlatformComplaint).createQueryBuilder('c');
    if (filter?.operatorUscc) qb.andWhere('c.operatorUscc = :uscc', { uscc: assertUscc(filter.operatorUscc) });
    if (filter?.platformId) qb.andWhere('c.platformId = :platformId', { platformId: filter.platformId });
    // The same rule as complaintOverdue, in SQL so pages and counts agree.
    const overdue = '(c.resolvedOn IS NULL AND c.handlingDeadline < :today) OR (c.resolvedOn > c.handlingDeadline)';
    if (filter?.overdue === true) qb.andWhere(`(${overdue})`, { today });
    if (filter?.overdue === false) qb.andWhere(`NOT (${overdue})`, { today });
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('c.id > :after', { after: recordIdInput(decodeCursor(after), 'after') });
    const rows = await qb.orderBy('c.id', 'ASC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => Boolean, {
    description: 'Open after its handling deadline, or resolved after it (judged on the China calendar day of the request)',
  })
  overdue(@Root() c: PlatformComplaint, @Ctx() ctx: CommerceContext): boolean {
    return complaintOverdue(c, chinaToday(ctx.now));
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => String, { description: 'Source of the handling deadline (regulation and article, or local choice)' })
  deadlineSource(@Root() c: PlatformComplaint): string {
    return complaintDeadline(c.receivedOn).source;
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => Platform, { nullable: true })
  platform(@Root() c: PlatformComplaint, @Ctx() ctx: CommerceContext): Promise<Platform | null> {
    return ctx.loaders.platformById.load(c.platformId);
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => Operator, { nullable: true, description: 'The operator complained about' })
  operator(@Root() c: PlatformComplaint): Operator {
    return { uscc: c.operatorUscc };
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'commerce', platforms: true })
  @Mutation(() => PlatformComplaint, {
    description:
      'Records a consumer complaint a platform received about one of its in-platform operators, with its handling ' +
      "deadline from the complaint rules (a platform token for its own platform, or commerce staff)",
  })
  async recordPlatformComplaint(
    @Arg('input', () => RecordPlatformComplaintInput) input: RecordPlatformComplaintInput,
    @Ctx() ctx: CommerceContext,
  ): Promise<PlatformComplaint> {
    requireOwnPlatform(ctx, input.platformId);
    const operatorUscc = assertUscc(input.operatorUscc);
    const complaintReference = requiredText(input.complaintReference, 'complaintReference', 60);
    const consumerHandle = maskedHandle(input.consumerHandle);
    const summary = requiredText(input.summary, 'summary', 500);
    const receivedOn = notAfterToday(input.receivedOn, 'receivedOn', chinaToday(ctx.now));
    if (!Object.values(PlatformComplaintCategory).includes(input.category)) {
      throw badInput(`Unknown complaint category "${String(input.category)}"`, { field: 'category' });
    }
    const deadline = complaintDeadline(receivedOn);
    const duplicate: DuplicateKey = {
      columns: ['platformId', 'complaintReference'],
      duplicate: { platformId: input.platformId, complaintReference },
      message: `A complaint with reference "${complaintReference}" of ${input.platformId} already exists`,
    };
    return refuseDuplicates([duplicate], () =>
      ctx.db.transaction(async (m) => {
        await requirePlatform(m, input.platformId);
        await requireInPlatform(m, input.platformId, operatorUscc);
        const repo = m.getRepository(PlatformComplaint);
        if (await repo.exists({ where: { platformId: input.platformId, complaintReference } })) throw duplicateConflict(duplicate);
        const complaint = await repo.save(
          repo.create({
            platformId: input.platformId,
            operatorUscc,
            complaintReference,
            consumerHandle,
            category: input.category,
            summary,
            receivedOn,
            handlingDeadline: deadline.due,
            rulesVersion: deadline.rulesVersion,
            resolvedOn: null,
            outcome: null,
            resolution: null,
            recordedAt: ctx.now,
          }),
        );
        // Open complaints do not count yet; refreshed anyway so the signal follows every complaint write.
        await commerceCreditSignals.refresh(m, [operatorUscc], ctx.now);
        return complaint;
      }),
    );
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'commerce', platforms: true })
  @Mutation(() => PlatformComplaint, {
    description: 'Records how the platform resolved an open complaint; an upheld one counts in commerce\'s credit signal',
  })
  async resolvePlatformComplaint(
    @Arg('input', () => ResolvePlatformComplaintInput) input: ResolvePlatformComplaintInput,
    @Ctx() ctx: CommerceContext,
  ): Promise<PlatformComplaint> {
    const resolution = requiredText(input.resolution, 'resolution', 500);
    const resolvedOn = notAfterToday(input.resolvedOn, 'resolvedOn', chinaToday(ctx.now));
    if (!Object.values(PlatformComplaintOutcome).includes(input.outcome)) {
      throw badInput(`Unknown complaint outcome "${String(input.outcome)}"`, { field: 'outcome' });
    }
    return ctx.db.transaction(async (m) => {
      const complaint = await complaintIn(m, input.complaintId);
      requireOwnPlatform(ctx, complaint.platformId);
      if (complaint.outcome !== null) {
        throw badInput(`Complaint ${complaint.id} was already resolved ${complaint.outcome} on ${complaint.resolvedOn}`, {
          field: 'complaintId',
        });
      }
      inOrder(complaint.receivedOn, 'receivedOn', resolvedOn, 'resolvedOn');
      const changes = { outcome: input.outcome, resolvedOn, resolution };
      const result = await m
        .createQueryBuilder()
        .update(PlatformComplaint)
        .set(changes)
        .where('id = :id AND outcome IS NULL', { id: complaint.id })
        .execute();
      assertUpdated(result.affected, `Complaint ${complaint.id}`);
      // An upheld outcome is a factor of commerce's credit signal (COM_PLATFORM_COMPLAINTS_UPHELD).
      await commerceCreditSignals.refresh(m, [complaint.operatorUscc], ctx.now);
      return Object.assign(complaint, changes);
    });
  }
}

@Resolver(() => Operator)
export class PlatformComplaintOperatorResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => PlatformComplaintStats, {
    nullable: true,
    description:
      'Consumer complaints platforms handled about the operator (平台投诉处理): count, upheld share and overdue share ' +
      'over 12 months. Upheld ones feed commerce\'s credit signal (COM_PLATFORM_COMPLAINTS_UPHELD)',
  })
  async platformComplaintStats(@Root() operator: Operator, @Ctx() ctx: CommerceContext): Promise<PlatformComplaintStats> {
    return complaintStats(operator.uscc, await ctx.loaders.platformComplaintsByOperator.load(operator.uscc), chinaToday(ctx.now));
  }
}
