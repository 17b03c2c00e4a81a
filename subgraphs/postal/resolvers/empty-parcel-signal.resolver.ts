import {
  Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root,
} from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { badInput } from '../../../shared/errors/errors';
import { lockForWrite } from '../../../shared/database/duplicates';
import { DateScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { assertOrder, assertPeriod } from '../dates';
import { signalFor } from '../empty-parcel-scoring';
import { EmptyParcelSignal, EmptyParcelSignalFeature, EmptyParcelSignalStatus } from '../entities/empty-parcel-signal.entity';
import { ExpressCarrier } from '../entities/express-carrier.entity';
import { Operator } from '../entities/operator';
import { ParcelStatistic } from '../entities/parcel-statistic.entity';
import { postalCreditSignals } from '../credit-signal';
import type { PostalLoaders } from '../loaders';
import { emitPostalEvent, emptyParcelReferral } from '../referrals';
import { EMPTY_PARCEL_SCORING_RULES } from '../rules/postal-rules';
import { carrierOf } from './express-carrier.resolver';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { ruleInForce } from '../../../shared/rules/versioned';
import { chinaToday } from '../../../shared/calendar/dates';
import { optionalText, requiredText } from '../../../shared/validation/inputs';
import { notAfterToday } from '../../../shared/validation/dates';
import { recordIdInput } from '../../../shared/validation/record-ids';

type Ctx = SubgraphContext<PostalLoaders>;

export const EmptyParcelSignalConnection = ConnectionType(EmptyParcelSignal, 'EmptyParcelSignal');

@InputType({ description: 'Filters of the empty-parcel signal list; all given filters must match' })
export class EmptyParcelSignalFilter {
  @Field(() => EmptyParcelSignalStatus, { nullable: true })
  status?: EmptyParcelSignalStatus;

  @Field({ nullable: true, description: 'Calendar month, e.g. 2026-10' })
  period?: string;

  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true, description: "Operator's credit code" })
  operatorUscc?: string;

  @Field({ nullable: true, description: 'Carrier code' })
  carrierCode?: string;
}

/**
 * A summary spanning every operator of the period: it has no single operator, so besides admins only
 * agencies (`gov:shared`) pass its row checks, as for the root lists of signals.
 */
@ObjectType({ description: 'Result of evaluating one period\'s parcel statistics for empty-parcel signals' })
@Access(ShareClass.GOV_SHARED)
export class EmptyParcelSignalComputation {
  @Field({ description: 'Calendar month evaluated' })
  period: string;

  @Field({ description: 'Version of the scoring rules applied' })
  rulesVersion: string;

  @Field(() => Int, { description: 'Score at or above which a signal is raised' })
  threshold: number;

  @Field(() => Int, { description: 'Statistics evaluated' })
  evaluated: number;

  @Field(() => Int, { description: 'Statistics at or above the threshold that already had a signal (left as they are)' })
  alreadyRaised: number;

  @Field(() => [EmptyParcelSignal], { description: 'Signals raised by this evaluation (empty when run again)' })
  raised: EmptyParcelSignal[];
}

async function loadSignal(m: EntityManager, id: string): Promise<EmptyParcelSignal> {
  const signal = await m.getRepository(EmptyParcelSignal).findOne({ where: { id: recordIdInput(id, 'id') } });
  if (!signal) throw badInput(`No empty-parcel signal with id "${id}"`);
  return signal;
}

function assertSuspected(signal: EmptyParcelSignal): void {
  if (signal.status !== EmptyParcelSignalStatus.SUSPECTED) {
    throw badInput(
      `Empty-parcel signal ${signal.id} is ${signal.status} since ${signal.decidedOn}; only a SUSPECTED signal can be decided`,
    );
  }
}

@Resolver(() => EmptyParcelSignal)
export class EmptyParcelSignalResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => ExpressCarrier, { description: 'The carrier whose statistics raised the signal' })
  carrier(@Root() s: EmptyParcelSignal, @Ctx() ctx: Ctx): Promise<ExpressCarrier> {
    return carrierOf(ctx, s.carrierCode);
  }

  @Access(ShareClass.AGENCY_PRIVATE, { agency: 'postal' })
  @FieldResolver(() => [EmptyParcelSignalFeature], {
    nullable: true,
    description: 'Features and their contributions to the score (raw evidence; null for callers other than postal)',
  })
  features(@Root() s: EmptyParcelSignal): EmptyParcelSignalFeature[] {
    // Each feature carries the signal's operator, for the field guard's row rules and the audit.
    return (s.features ?? []).map((f) => ({ ...f, operatorUscc: s.operatorUscc }));
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => Operator, { nullable: true, description: 'The operator suspected of empty-parcel fake transactions' })
  operator(@Root() s: EmptyParcelSignal): Operator {
    return { uscc: s.operatorUscc };
  }

  @Access(ShareClass.GOV_SHARED)
  @Query(() => EmptyParcelSignalConnection, {
    nullable: true,
    description: 'Empty-parcel (空包) signals, most recent first (agencies only)',
  })
  async emptyParcelSignals(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => EmptyParcelSignalFilter, { nullable: true }) filter?: EmptyParcelSignalFilter,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(EmptyParcelSignal).createQueryBuilder('s');
    if (filter?.status) qb.andWhere('s.status = :status', { status: filter.status });
    if (filter?.period) qb.andWhere('s.period = :period', { period: assertPeriod(filter.period) });
    if (filter?.operatorUscc) qb.andWhere('s.operatorUscc = :op', { op: assertUscc(filter.operatorUscc) });
    if (filter?.carrierCode) qb.andWhere('s.carrierCode = :carrier', { carrier: filter.carrierCode.trim().toUpperCase() });
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('s.id < :after', { after: Number(decodeCursor(after)) });
    const rows = await qb.orderBy('s.id', 'DESC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'postal' })
  @Mutation(() => EmptyParcelSignalComputation, {
    description:
      "Evaluates one period's parcel statistics with the versioned scoring rules and raises a SUSPECTED signal for " +
      'each at or above the threshold; idempotent (existing signals are kept as they are)',
  })
  async computeEmptyParcelSignals(
    @Arg('period') periodInput: string,
    @Ctx() ctx: Ctx,
  ): Promise<EmptyParcelSignalComputation> {
    const period = assertPeriod(periodInput);
    const today = chinaToday(ctx.now);
    if (period > today.slice(0, 7)) throw badInput(`period ${period} is later than the current month`);
    const rule = ruleInForce(EMPTY_PARCEL_SCORING_RULES, `${period}-01`);
    return ctx.db.transaction(async (m) => {
      // Computations of one period run one at a time: the second sees the first's signals as already raised.
      await lockForWrite(m, `empty-parcel-signals:${period}`);
      const stats = await m.getRepository(ParcelStatistic).find({ where: { period } });
      const existing = await m
        .getRepository(EmptyParcelSignal)
        .find({ where: { period }, select: { operatorUscc: true, carrierCode: true } });
      const known = new Set(existing.map((s) => `${s.operatorUscc}|${s.carrierCode}`));
      let alreadyRaised = 0;
      const fresh: Omit<EmptyParcelSignal, 'id'>[] = [];
      for (const stat of stats) {
        const signal = signalFor(stat, today);
        if (!signal) continue;
        if (known.has(`${stat.operatorUscc}|${stat.carrierCode}`)) alreadyRaised++;
        else fresh.push(signal);
      }
      const raised: EmptyParcelSignal[] = [];
      for (let i = 0; i < fresh.length; i += 200) {
        raised.push(...(await m.getRepository(EmptyParcelSignal).save(fresh.slice(i, i + 200) as EmptyParcelSignal[])));
      }
      // New suspicions change the operators' signals (POS_EMPTY_PARCEL_SUSPECTED).
      await postalCreditSignals.refresh(m, raised.map((r) => r.operatorUscc), ctx.now);
      return { period, rulesVersion: rule.version, threshold: rule.threshold, evaluated: stats.length, alreadyRaised, raised };
    });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'postal' })
  @Mutation(() => EmptyParcelSignal, {
    description:
      'Confirms a suspected empty-parcel signal and refers it to market regulation (移送), which receives it as a case ' +
      '(Operator.referrals)',
  })
  async confirmEmptyParcelSignal(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Ctx,
    @Arg('confirmedOn', () => DateScalar, { nullable: true, description: 'Default today' }) confirmedOnInput?: Date,
    @Arg('referredOn', () => DateScalar, { nullable: true, description: 'Date of referral; default the confirmation date' })
    referredOnInput?: Date,
    @Arg('reason', () => String, { nullable: true, description: 'Findings supporting the confirmation' }) reason?: string,
  ): Promise<EmptyParcelSignal> {
    const today = chinaToday(ctx.now);
    const confirmedOn = confirmedOnInput ? notAfterToday(confirmedOnInput, 'confirmedOn', today) : today;
    const referredOn = referredOnInput ? notAfterToday(referredOnInput, 'referredOn', today) : confirmedOn;
    assertOrder('confirmedOn', confirmedOn, 'referredOn', referredOn);
    const why = optionalText(reason, 'reason', 500);
    return ctx.db.transaction(async (m) => {
      const signal = await loadSignal(m, id);
      assertSuspected(signal);
      assertOrder('raisedOn', signal.raisedOn, 'confirmedOn', confirmedOn);
      signal.status = EmptyParcelSignalStatus.CONFIRMED;
      signal.decidedOn = confirmedOn;
      signal.referredToMarketRegulationOn = referredOn;
      signal.reason = why;
      const saved = await m.getRepository(EmptyParcelSignal).save(signal);
      // The referral leaves with the confirmation: market regulation receives it as a case (Operator.referrals).
      await emitPostalEvent(m, 'Referral', emptyParcelReferral({ ...saved, referredToMarketRegulationOn: referredOn }));
      await postalCreditSignals.refresh(m, [saved.operatorUscc], ctx.now);
      return saved;
    });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'postal' })
  @Mutation(() => EmptyParcelSignal, { description: 'Dismisses a suspected empty-parcel signal; the reason is required' })
  async dismissEmptyParcelSignal(
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: Ctx,
    @Arg('dismissedOn', () => DateScalar, { nullable: true, description: 'Default today' }) dismissedOnInput?: Date,
  ): Promise<EmptyParcelSignal> {
    const today = chinaToday(ctx.now);
    const why = requiredText(reason, 'reason', 500);
    const dismissedOn = dismissedOnInput ? notAfterToday(dismissedOnInput, 'dismissedOn', today) : today;
    return ctx.db.transaction(async (m) => {
      const signal = await loadSignal(m, id);
      assertSuspected(signal);
      assertOrder('raisedOn', signal.raisedOn, 'dismissedOn', dismissedOn);
      signal.status = EmptyParcelSignalStatus.DISMISSED;
      signal.decidedOn = dismissedOn;
      signal.reason = why;
      const saved = await m.getRepository(EmptyParcelSignal).save(signal);
      // A dismissed suspicion no longer counts (POS_EMPTY_PARCEL_SUSPECTED).
      await postalCreditSignals.refresh(m, [saved.operatorUscc], ctx.now);
      return saved;
    });
  }
}
