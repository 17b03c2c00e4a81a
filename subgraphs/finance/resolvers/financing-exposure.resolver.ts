import {
  Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, ObjectType, Query, Resolver, Root,
} from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { fenToYuan } from '../../../shared/database/columns';
import { badInput } from '../../../shared/errors/errors';
import { DuplicateKey, duplicateConflict, refuseDuplicates } from '../../../shared/database/duplicates';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import { FinancingExposure, FinancingOverdueBand, LocalFinancialOrgType } from '../entities/financing-exposure.entity';
import { Operator } from '../entities/operator';
import { financeCreditSignals } from '../credit-signal';
import { EXPOSURE_RULES } from '../rules/finance-rules';
import { bandOf, exposureRulesFor } from '../rules/status-rules';
import { FinanceCtx, optionalUscc } from './common';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { ruleInForce } from '../../../shared/rules/versioned';
import { chinaToday } from '../../../shared/calendar/dates';
import { integerInRange, optionalText, yuanAmount } from '../../../shared/validation/inputs';

export const FinancingExposureConnection = ConnectionType(FinancingExposure, 'FinancingExposure');

const BAND_ORDER: FinancingOverdueBand[] = [
  FinancingOverdueBand.NONE,
  FinancingOverdueBand.DAYS_1_30,
  FinancingOverdueBand.DAYS_31_90,
  FinancingOverdueBand.DAYS_91_180,
  FinancingOverdueBand.OVER_180,
];

/** An operator's exposure in one reported month, over all organization types. */
@ObjectType({ description: "An operator's aggregated exposure to local financial organizations in one month (融资余额汇总)" })
@Access(ShareClass.AUTHORIZED_QUERY)
export class FinancingExposureSummary {
  /** The operator the summary is about, for the row-level checks (consent, own record); not a GraphQL field. */
  operatorUscc: string;

  @Field(() => String, { nullable: true, description: 'Month of the rows, YYYY-MM; null when never reported' })
  reportedMonth: string | null;

  /** Per-type detail is for agencies (and the operator itself); evaluators see the summary only, so it may be null. */
  @Access(ShareClass.GOV_SHARED)
  @Field(() => [FinancingExposure], {
    nullable: true,
    description: 'One row per local financial organization type; agencies and the operator itself only',
  })
  rows: FinancingExposure[];

  @Field({ description: 'Sum of the outstanding amounts, decimal yuan' })
  totalOutstanding: string;

  @Field({ description: 'True when any row is overdue (逾期)' })
  overdue: boolean;

  @Field(() => FinancingOverdueBand, { description: 'The worst overdue band over the rows' })
  worstOverdueBand: FinancingOverdueBand;

  @Field(() => [LocalFinancialOrgType], { description: 'Organization types with an overdue exposure' })
  overdueOrgTypes: LocalFinancialOrgType[];
}

export function summarize(operatorUscc: string, rows: FinancingExposure[]): FinancingExposureSummary {
  const bands = rows.map(bandOf);
  const worst = bands.reduce((w, b) => (BAND_ORDER.indexOf(b) > BAND_ORDER.indexOf(w) ? b : w), FinancingOverdueBand.NONE);
  return {
    operatorUscc,
    reportedMonth: rows[0]?.reportedMonth ?? null,
    rows,
    totalOutstanding: fenToYuan(rows.reduce((s, r) => s + r.outstandingFen, 0)) ?? '0.00',
    overdue: worst !== FinancingOverdueBand.NONE,
    worstOverdueBand: worst,
    overdueOrgTypes: rows.filter((_, i) => bands[i] !== FinancingOverdueBand.NONE).map((r) => r.orgType),
  };
}

@InputType({ description: 'Filters of the exposure report rows; all given filters must match' })
export class FinancingExposureFilter {
  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true })
  uscc?: string;

  @Field(() => LocalFinancialOrgType, { nullable: true })
  orgType?: LocalFinancialOrgType;

  @Field(() => String, { nullable: true, description: 'YYYY-MM' })
  reportedMonth?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only rows overdue beyond the grace days of the current exposure rules' })
  overdueOnly?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Include rows corrected by a later revision (default false)' })
  includeSuperseded?: boolean;
}

@InputType({ description: 'One organization type in a monthly exposure report' })
export class FinancingExposureRowInput {
  @Field(() => LocalFinancialOrgType)
  orgType: LocalFinancialOrgType;

  @Field({ description: 'Outstanding amount at month end, decimal yuan, not negative' })
  outstanding: string;

  @Field(() => Int, { description: 'Longest overdue period at month end, in days (0 = none)' })
  maxOverdueDays: number;

  @Field(() => Int, { description: 'Number of organizations of this type with an exposure' })
  organizationCount: number;
}

@InputType({ description: "A monthly aggregated report of an operator's exposure to local financial organizations" })
export class ReportFinancingExposureInput {
  @Field(() => UnifiedSocialCreditCodeScalar)
  uscc: string;

  @Field({ description: 'Month reported, YYYY-MM, not after the current month' })
  reportedMonth: string;

  @Field(() => [FinancingExposureRowInput], { description: 'One row per organization type (at least one)' })
  rows: FinancingExposureRowInput[];

  @Field(() => String, {
    nullable: true,
    description: 'Required when the month was already reported: the new rows supersede the earlier ones',
  })
  correctionReason?: string;
}

@Resolver(() => FinancingExposure)
export class FinancingExposureResolver {
  @Access(ShareClass.GOV_SHARED)
  @Query(() => FinancingExposureConnection, {
    nullable: true,
    description: 'Monthly aggregated exposure rows from local financial organizations, newest first by id',
  })
  async financingExposures(
    @Ctx() ctx: FinanceCtx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => FinancingExposureFilter, { nullable: true }) filter?: FinancingExposureFilter,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(FinancingExposure).createQueryBuilder('e');
    const uscc = optionalUscc(filter?.uscc);
    if (uscc) qb.andWhere('e.operatorUscc = :uscc', { uscc });
    if (filter?.orgType) qb.andWhere('e.orgType = :orgType', { orgType: filter.orgType });
    if (filter?.reportedMonth) qb.andWhere('e.reportedMonth = :month', { month: checkMonth(filter.reportedMonth) });
    if (filter?.overdueOnly) {
      qb.andWhere('e.maxOverdueDays > :grace', { grace: ruleInForce(EXPOSURE_RULES, chinaToday(ctx.now)).graceDays });
    }
    if (!filter?.includeSuperseded) qb.andWhere('e.superseded = :no', { no: false });
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('e.id < :after', { after: Number(decodeCursor(after)) });
    const rows = await qb.orderBy('e.id', 'DESC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'finance' })
  @Mutation(() => FinancingExposureSummary, {
    description:
      "Records an operator's monthly exposure report (one row per organization type). Reporting a month again " +
      'needs a correction reason; the earlier rows stay, marked superseded. Returns the month as now recorded.',
  })
  async reportFinancingExposure(
    @Arg('input', () => ReportFinancingExposureInput) input: ReportFinancingExposureInput,
    @Ctx() ctx: FinanceCtx,
  ): Promise<FinancingExposureSummary> {
    const uscc = assertUscc(input.uscc);
    const month = checkMonth(input.reportedMonth);
    if (month > chinaToday(ctx.now).slice(0, 7)) throw badInput(`\`reportedMonth\` (${month}) must not be in the future`);
    if (!input.rows?.length) throw badInput('`rows` must contain at least one organization type');
    const seen = new Set<string>();
    const parsed = input.rows.map((row, i) => {
      if (seen.has(row.orgType)) throw badInput(`\`rows\` lists ${row.orgType} twice`);
      seen.add(row.orgType);
      const outstandingFen = yuanAmount(row.outstanding, `rows[${i}].outstanding`);
      integerInRange(row.maxOverdueDays, `rows[${i}].maxOverdueDays`, 0, 36_500);
      integerInRange(row.organizationCount, `rows[${i}].organizationCount`, 0, 10_000);
      if (row.maxOverdueDays > 0 && outstandingFen === 0) {
        throw badInput(`\`rows[${i}]\`: an overdue exposure needs an outstanding amount above zero`);
      }
      if (outstandingFen > 0 && row.organizationCount === 0) {
        throw badInput(`\`rows[${i}]\`: an outstanding amount needs at least one organization`);
      }
      return { ...row, outstandingFen };
    });
    const correctionReason = optionalText(input.correctionReason, 'correctionReason', 500);
    // Two reports of one month read the same revision; the unique (operator, organization type, month,
    // revision) index refuses the second.
    const concurrent: DuplicateKey = {
      columns: ['operatorUscc', 'orgType', 'reportedMonth', 'revision'],
      duplicate: { uscc, reportedMonth: month },
      message: `${month} of ${uscc} was reported at the same time by another request; read it and retry`,
    };
    const saved = await refuseDuplicates([concurrent], () => ctx.db.transaction(async (m) => {
      const repo = m.getRepository(FinancingExposure);
      const existing = await repo.find({ where: { operatorUscc: uscc, reportedMonth: month } });
      if (existing.length > 0 && !correctionReason) {
        throw duplicateConflict({
          ...concurrent,
          message: `${month} was already reported for ${uscc}; give a \`correctionReason\` to supersede it`,
        });
      }
      if (existing.length === 0 && correctionReason) {
        throw badInput(`${month} was not reported yet for ${uscc}: nothing to correct`);
      }
      const revision = existing.reduce((max, r) => Math.max(max, r.revision), 0) + 1;
      if (existing.length > 0) {
        await repo.update({ operatorUscc: uscc, reportedMonth: month, superseded: false }, { superseded: true });
      }
      const rows = parsed.map((row) =>
        repo.create({
          operatorUscc: uscc,
          orgType: row.orgType,
          reportedMonth: month,
          organizationCount: row.organizationCount,
          outstandingFen: row.outstandingFen,
          maxOverdueDays: row.maxOverdueDays,
          revision,
          correctionReason,
          superseded: false,
        }),
      );
      const written = await repo.save(rows);
      await financeCreditSignals.refresh(m, [uscc], ctx.now);
      return written;
    }));
    return summarize(uscc, [...saved].sort((a, b) => a.orgType.localeCompare(b.orgType)));
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => String, { description: 'Outstanding amount at month end, decimal yuan (余额, 元)' })
  outstanding(@Root() row: FinancingExposure): string {
    return fenToYuan(row.outstandingFen) ?? '0.00';
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => Boolean, { description: 'True when the longest overdue period exceeds the grace days (逾期)' })
  overdue(@Root() row: FinancingExposure): boolean {
    return bandOf(row) !== FinancingOverdueBand.NONE;
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => FinancingOverdueBand, { description: 'Overdue days band under the exposure rules of the month' })
  overdueDaysBand(@Root() row: FinancingExposure): FinancingOverdueBand {
    return bandOf(row);
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => String, { description: 'Version of the exposure rules the band is judged by' })
  rulesVersion(@Root() row: FinancingExposure): string {
    return exposureRulesFor(row.reportedMonth).version;
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => Operator, { nullable: true })
  operator(@Root() row: FinancingExposure): Operator {
    return { uscc: row.operatorUscc };
  }
}

/** Validates a YYYY-MM month. */
function checkMonth(value: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(String(value ?? '').trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[1]) < 1990) {
    throw badInput(`\`reportedMonth\` must be a month YYYY-MM; got "${value}"`);
  }
  return m[0];
}
