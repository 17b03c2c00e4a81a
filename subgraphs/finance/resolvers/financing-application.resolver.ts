import {
  Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root,
} from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { fenToYuan } from '../../../shared/database/columns';
import { badInput, restrictedByJointMeasure } from '../../../shared/errors/errors';
import { DateScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import { FinancingApplication, FinancingLenderType, FinancingOutcome } from '../entities/financing-application.entity';
import { Operator } from '../entities/operator';
import { approvalRestriction } from '../rules/restrictions';
import { FinanceCtx, optionalUscc } from './common';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { chinaToday } from '../../../shared/calendar/dates';
import { yuanAmount, optionalText, requiredText } from '../../../shared/validation/inputs';
import { notAfterToday } from '../../../shared/validation/dates';
import { recordIdInput } from '../../../shared/validation/record-ids';

export const FinancingApplicationConnection = ConnectionType(FinancingApplication, 'FinancingApplication');

@InputType({ description: 'Filters of the credit-financing application list; all given filters must match' })
export class FinancingApplicationFilter {
  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true, description: 'Applications of this operator' })
  uscc?: string;

  @Field(() => String, { nullable: true, description: 'Platform name, e.g. 粤信融' })
  platformName?: string;

  @Field(() => FinancingOutcome, { nullable: true })
  outcome?: FinancingOutcome;

  @Field(() => FinancingLenderType, { nullable: true })
  lenderType?: FinancingLenderType;
}

@InputType({ description: 'A credit-financing application made through a public platform' })
export class SubmitFinancingApplicationInput {
  @Field(() => UnifiedSocialCreditCodeScalar, { description: 'Credit code of the applying operator' })
  uscc: string;

  @Field({ description: 'Public financing platform, e.g. 粤信融, 信易贷, 中小融' })
  platformName: string;

  @Field(() => FinancingLenderType)
  lenderType: FinancingLenderType;

  @Field(() => String, { nullable: true })
  lenderName?: string;

  @Field({ description: 'Amount requested in yuan, decimal string, greater than zero, e.g. "500000.00"' })
  amountRequested: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default today; not in the future' })
  appliedOn?: Date;
}

@InputType({ description: 'The decision on (or withdrawal of) a pending credit-financing application' })
export class RecordFinancingDecisionInput {
  @Field(() => ID)
  applicationId: string;

  @Field(() => FinancingOutcome, { description: 'APPROVED, REJECTED or WITHDRAWN' })
  outcome: FinancingOutcome;

  @Field(() => String, {
    nullable: true,
    description: 'Required when APPROVED: yuan granted, greater than zero and at most the amount requested',
  })
  amountGranted?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default today; not before appliedOn, not in the future' })
  decidedOn?: Date;

  @Field(() => String, { nullable: true, description: 'Reason, e.g. why rejected' })
  reason?: string;
}

@Resolver(() => FinancingApplication)
export class FinancingApplicationResolver {
  @Access(ShareClass.GOV_SHARED)
  @Query(() => FinancingApplicationConnection, {
    nullable: true,
    description: 'Credit-financing applications through public platforms (信用融资申请), newest first by id',
  })
  async financingApplications(
    @Ctx() ctx: FinanceCtx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => FinancingApplicationFilter, { nullable: true }) filter?: FinancingApplicationFilter,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(FinancingApplication).createQueryBuilder('f');
    const uscc = optionalUscc(filter?.uscc);
    if (uscc) qb.andWhere('f.operatorUscc = :uscc', { uscc });
    if (filter?.platformName) qb.andWhere('f.platformName = :platform', { platform: filter.platformName });
    if (filter?.outcome) qb.andWhere('f.outcome = :outcome', { outcome: filter.outcome });
    if (filter?.lenderType) qb.andWhere('f.lenderType = :lenderType', { lenderType: filter.lenderType });
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('f.id < :after', { after: Number(decodeCursor(after)) });
    const rows = await qb.orderBy('f.id', 'DESC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'finance' })
  @Mutation(() => FinancingApplication, { description: 'Records a new application; its outcome starts PENDING' })
  async submitFinancingApplication(
    @Arg('input', () => SubmitFinancingApplicationInput) input: SubmitFinancingApplicationInput,
    @Ctx() ctx: FinanceCtx,
  ): Promise<FinancingApplication> {
    const uscc = assertUscc(input.uscc);
    const platformName = requiredText(input.platformName, 'platformName', 60);
    const lenderName = optionalText(input.lenderName, 'lenderName', 200);
    const amountRequestedFen = yuanAmount(input.amountRequested, 'amountRequested', { positive: true });
    const today = chinaToday(ctx.now);
    const appliedOn = input.appliedOn ? notAfterToday(input.appliedOn, 'appliedOn', today) : today;
    return ctx.db.transaction(async (m) => {
      const repo = m.getRepository(FinancingApplication);
      return repo.save(
        repo.create({
          operatorUscc: uscc,
          platformName,
          lenderType: input.lenderType,
          lenderName,
          amountRequestedFen,
          appliedOn,
          outcome: FinancingOutcome.PENDING,
          amountGrantedFen: null,
          decidedOn: null,
          decisionReason: null,
        }),
      );
    });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'finance' })
  @Mutation(() => FinancingApplication, {
    description: 'Records the outcome of a pending application; a decided application cannot be decided again',
  })
  async recordFinancingDecision(
    @Arg('input', () => RecordFinancingDecisionInput) input: RecordFinancingDecisionInput,
    @Ctx() ctx: FinanceCtx,
  ): Promise<FinancingApplication> {
    const id = recordIdInput(input.applicationId, 'applicationId');
    if (input.outcome === FinancingOutcome.PENDING) throw badInput('A decision must be APPROVED, REJECTED or WITHDRAWN');
    const approved = input.outcome === FinancingOutcome.APPROVED;
    let grantedFen: number | null = null;
    if (approved) {
      if (input.amountGranted === undefined || input.amountGranted === null) {
        throw badInput('`amountGranted` is required when the outcome is APPROVED');
      }
      grantedFen = yuanAmount(input.amountGranted, 'amountGranted', { positive: true });
    } else if (input.amountGranted !== undefined && input.amountGranted !== null) {
      throw badInput(`\`amountGranted\` is only given when the outcome is APPROVED, not ${input.outcome}`);
    }
    const reason = optionalText(input.reason, 'reason', 500);
    const today = chinaToday(ctx.now);
    const decidedOn = input.decidedOn ? notAfterToday(input.decidedOn, 'decidedOn', today) : today;
    return ctx.db.transaction(async (m) => {
      const repo = m.getRepository(FinancingApplication);
      const app = await repo.findOne({ where: { id } });
      if (!app) throw badInput(`No financing application with id ${input.applicationId}`);
      if (app.outcome !== FinancingOutcome.PENDING) {
        throw badInput(`Financing application ${id} was already decided (${app.outcome} on ${app.decidedOn})`);
      }
      if (decidedOn < app.appliedOn) {
        throw badInput(`\`decidedOn\` (${decidedOn}) must not be before \`appliedOn\` (${app.appliedOn})`);
      }
      if (grantedFen !== null && grantedFen > app.amountRequestedFen) {
        throw badInput(
          `\`amountGranted\` (${fenToYuan(grantedFen)}) must not exceed the amount requested (${fenToYuan(app.amountRequestedFen)})`,
        );
      }
      if (approved) {
        // Judged on the decision's own date: credit granted before a listing took effect stays lawful.
        const restriction = await approvalRestriction(m, app.operatorUscc, decidedOn);
        if (restriction) {
          const { measure, listing } = restriction;
          throw restrictedByJointMeasure(
            `Operator ${app.operatorUscc} is under the joint measure ${measure.kind} (finance) on ${decidedOn}, ` +
              `on the basis of ${listing.listKind} ${listing.decisionNumber} (listed ${listing.listedOn}): ` +
              'credit financing may not be approved (联合惩戒: 限制融资)',
            { agency: 'finance', kind: measure.kind, basis: { listKind: listing.listKind, decisionNumber: listing.decisionNumber } },
          );
        }
      }
      app.outcome = input.outcome;
      app.amountGrantedFen = grantedFen;
      app.decidedOn = decidedOn;
      app.decisionReason = reason;
      return repo.save(app);
    });
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => String, { description: 'Amount requested, decimal yuan (申请金额, 元)' })
  amountRequested(@Root() app: FinancingApplication): string {
    return fenToYuan(app.amountRequestedFen) ?? '0.00';
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => String, { nullable: true, description: 'Amount granted when APPROVED, decimal yuan (获批金额, 元)' })
  amountGranted(@Root() app: FinancingApplication): string | null {
    return fenToYuan(app.amountGrantedFen);
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => Operator, { nullable: true, description: 'The applying operator' })
  operator(@Root() app: FinancingApplication): Operator {
    return { uscc: app.operatorUscc };
  }
}
