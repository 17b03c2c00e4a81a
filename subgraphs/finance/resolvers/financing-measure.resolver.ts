import {
  Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root,
} from 'type-graphql';
import { Brackets, WhereExpressionBuilder } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { badInput } from '../../../shared/errors/errors';
import { duplicateConflict, lockForWrite } from '../../../shared/database/duplicates';
import { DateScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import {
  FinancingBasisListKind, FinancingMeasure, FinancingMeasureBasis, FinancingMeasureKind, FinancingMeasureStatus,
} from '../entities/financing-measure.entity';
import { Operator } from '../entities/operator';
import { financeCreditSignals } from '../credit-signal';
import { findReceivedListing, listingInForce } from '../../../shared/joint-measures/basis-register';
import { FINANCING_MEASURE_RULES, measureEndsOn } from '../rules/finance-rules';
import { creditListKindOf } from '../rules/joint-measures';
import { measureStatus } from '../rules/status-rules';
import { FinanceCtx, optionalUscc } from './common';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { addDays, addMonths, chinaToday } from '../../../shared/calendar/dates';
import { ruleInForce } from '../../../shared/rules/versioned';
import { optionalText, requiredText } from '../../../shared/validation/inputs';
import { dateInput, notAfterToday } from '../../../shared/validation/dates';
import { recordIdInput } from '../../../shared/validation/record-ids';

export const FinancingMeasureConnection = ConnectionType(FinancingMeasure, 'FinancingMeasure');

/** SQL condition "in force on :today" (alias m), the same rule as measureStatus. */
function inForce(qb: WhereExpressionBuilder, today: string) {
  qb.where('m.startsOn <= :today', { today })
    .andWhere('m.endsOn >= :today', { today })
    .andWhere(new Brackets((b) => b.where('m.liftedOn IS NULL').orWhere('m.liftedOn > :today', { today })));
}

@InputType({ description: 'Filters of the financing measure list; all given filters must match' })
export class FinancingMeasureFilter {
  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true, description: 'Measures against this operator only' })
  uscc?: string;

  @Field(() => FinancingMeasureKind, { nullable: true })
  kind?: FinancingMeasureKind;

  @Field(() => FinancingBasisListKind, { nullable: true })
  basisListKind?: FinancingBasisListKind;

  @Field(() => Boolean, { nullable: true, description: 'true: in force today; false: pending, expired or lifted' })
  active?: boolean;
}

@InputType({ description: 'A financing measure to impose on an operator' })
export class ImposeFinancingMeasureInput {
  @Field(() => UnifiedSocialCreditCodeScalar, { description: 'Unified social credit code of the operator' })
  uscc: string;

  @Field(() => FinancingMeasureKind)
  kind: FinancingMeasureKind;

  @Field(() => FinancingBasisListKind, { description: 'The kind of list entry the measure rests on' })
  basisListKind: FinancingBasisListKind;

  @Field({ description: 'Reference of the list entry, e.g. its document number' })
  basisReference: string;

  @Field(() => String, { nullable: true, description: 'Authority that listed the operator' })
  basisAuthority?: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day; default today' })
  startsOn?: Date;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day, when the basis fixes it; otherwise computed from the measure rules for the kind',
  })
  endsOn?: Date;

  @Field(() => String, { nullable: true, description: 'Imposing authority (实施部门)' })
  imposedBy?: string;
}

@Resolver(() => FinancingMeasure)
export class FinancingMeasureResolver {
  @Access(ShareClass.GOV_SHARED)
  @Query(() => FinancingMeasureConnection, {
    nullable: true,
    description: 'Joint-punishment financing measures (联合惩戒融资措施), newest first by id',
  })
  async financingMeasures(
    @Ctx() ctx: FinanceCtx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => FinancingMeasureFilter, { nullable: true }) filter?: FinancingMeasureFilter,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const today = chinaToday(ctx.now);
    const qb = ctx.db.getRepository(FinancingMeasure).createQueryBuilder('m');
    const uscc = optionalUscc(filter?.uscc);
    if (uscc) qb.andWhere('m.operatorUscc = :uscc', { uscc });
    if (filter?.kind) qb.andWhere('m.kind = :kind', { kind: filter.kind });
    if (filter?.basisListKind) qb.andWhere('m.basisListKind = :basis', { basis: filter.basisListKind });
    if (filter?.active === true) qb.andWhere(new Brackets((b) => inForce(b, today)));
    if (filter?.active === false) {
      qb.andWhere(
        new Brackets((b) =>
          b.where('m.startsOn > :today', { today })
            .orWhere('m.endsOn < :today', { today })
            .orWhere('m.liftedOn <= :today', { today }),
        ),
      );
    }
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('m.id < :after', { after: Number(decodeCursor(after)) });
    const rows = await qb.orderBy('m.id', 'DESC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'finance' })
  @Mutation(() => FinancingMeasure, {
    description:
      'Imposes a financing measure on an operator. Without `endsOn` the period comes from the measure rules ' +
      'in force on the start date for the kind.',
  })
  async imposeFinancingMeasure(
    @Arg('input', () => ImposeFinancingMeasureInput) input: ImposeFinancingMeasureInput,
    @Ctx() ctx: FinanceCtx,
  ): Promise<FinancingMeasure> {
    const uscc = assertUscc(input.uscc);
    const reference = requiredText(input.basisReference, 'basisReference', 100);
    const authority = optionalText(input.basisAuthority, 'basisAuthority', 100);
    const imposedBy = optionalText(input.imposedBy, 'imposedBy', 100);
    const startsOn = input.startsOn ? dateInput(input.startsOn, 'startsOn') : chinaToday(ctx.now);
    const rule = ruleInForce(FINANCING_MEASURE_RULES, startsOn);
    let endsOn: string;
    if (input.endsOn) {
      endsOn = dateInput(input.endsOn, 'endsOn');
      if (endsOn < startsOn) throw badInput(`\`endsOn\` (${endsOn}) must not be before \`startsOn\` (${startsOn})`);
      const latest = measureEndsOn(startsOn, rule.maxMonths);
      if (endsOn > latest) {
        throw badInput(`A financing measure lasts at most ${rule.maxMonths} months (rules ${rule.version}): \`endsOn\` must be on or before ${latest}`);
      }
    } else {
      endsOn = measureEndsOn(startsOn, rule.durationMonths[input.kind]);
    }
    if (startsOn > addMonths(chinaToday(ctx.now), 12)) throw badInput('`startsOn` must be within a year from today');
    const listKind = creditListKindOf(input.basisListKind);
    if (!listKind) {
      throw badInput(
        `\`basisListKind\` ${input.basisListKind}: finance receives no listings of this kind, so a measure on it would rest ` +
          'on a basis that is missing; measures rest on listings received from the credit list push',
        { field: 'basisListKind' },
      );
    }
    return ctx.db.transaction(async (m) => {
      // A measure whose basis is missing cannot exist: the listing must have been received and be in force.
      const listing = await findReceivedListing(m, uscc, listKind, reference);
      if (!listing || !listingInForce(listing, startsOn)) {
        throw badInput(
          listing
            ? `The basis ${listKind} ${reference} of ${uscc} is not in force on ${startsOn} ` +
                `(listed ${listing.listedOn ?? 'unknown'}, removed ${listing.removedOn ?? 'no'})`
            : `No ${listKind} listing ${reference} of ${uscc} has been received: a measure whose basis is missing cannot exist`,
          { field: 'basisReference' },
        );
      }
      if (listing.removedOn && endsOn >= listing.removedOn) {
        const lastDay = addDays(listing.removedOn, -1);
        if (input.endsOn) {
          throw badInput(`The basis ${listKind} ${reference} ends on ${listing.removedOn}: \`endsOn\` must be on or before ${lastDay}`, {
            field: 'endsOn',
          });
        }
        endsOn = lastDay;
      }
      // Overlap is no index's business: measures of one operator, kind and basis are written one at a time.
      await lockForWrite(m, `financing-measure:${uscc}:${input.kind}:${input.basisListKind}:${reference}`);
      const repo = m.getRepository(FinancingMeasure);
      const overlapping = await repo
        .createQueryBuilder('m')
        .where('m.operatorUscc = :uscc', { uscc })
        .andWhere('m.kind = :kind', { kind: input.kind })
        .andWhere('m.basisListKind = :basis AND m.basisReference = :reference', { basis: input.basisListKind, reference })
        .andWhere('m.liftedOn IS NULL')
        .andWhere('m.startsOn <= :endsOn AND m.endsOn >= :startsOn', { startsOn, endsOn })
        .getCount();
      if (overlapping > 0) {
        throw duplicateConflict({
          columns: [],
          duplicate: { uscc, kind: input.kind, basisListKind: input.basisListKind, basisReference: reference },
          message: `A ${input.kind} measure on basis ${reference} already covers part of ${startsOn}..${endsOn}`,
        });
      }
      const measure = await repo.save(
        repo.create({
          operatorUscc: uscc,
          kind: input.kind,
          basisListKind: input.basisListKind,
          basisReference: reference,
          basisAuthority: authority,
          startsOn,
          endsOn,
          endsOnFromRules: !input.endsOn,
          rulesVersion: rule.version,
          liftedOn: null,
          liftReason: null,
          imposedBy,
        }),
      );
      await financeCreditSignals.refresh(m, [uscc], ctx.now);
      return measure;
    });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'finance' })
  @Mutation(() => FinancingMeasure, {
    description: 'Lifts a measure before the end of its period (e.g. after credit repair); the record stays',
  })
  async liftFinancingMeasure(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: FinanceCtx,
    @Arg('liftedOn', () => DateScalar, { nullable: true, description: 'Default today' }) liftedOn?: Date,
  ): Promise<FinancingMeasure> {
    const measureId = recordIdInput(id, 'id');
    const why = requiredText(reason, 'reason', 500);
    const today = chinaToday(ctx.now);
    const on = liftedOn ? notAfterToday(liftedOn, 'liftedOn', today) : today;
    return ctx.db.transaction(async (m) => {
      const repo = m.getRepository(FinancingMeasure);
      const measure = await repo.findOne({ where: { id: measureId } });
      if (!measure) throw badInput(`No financing measure with id ${id}`);
      if (measure.liftedOn) throw badInput(`Financing measure ${id} was already lifted on ${measure.liftedOn}`);
      if (on < measure.startsOn) throw badInput(`\`liftedOn\` (${on}) must not be before the start (${measure.startsOn})`);
      if (on > measure.endsOn) throw badInput(`Financing measure ${id} already ended on ${measure.endsOn}`);
      measure.liftedOn = on;
      measure.liftReason = why;
      const lifted = await repo.save(measure);
      await financeCreditSignals.refresh(m, [measure.operatorUscc], ctx.now);
      return lifted;
    });
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => FinancingMeasureStatus, { description: 'State on the request date (China time)' })
  status(@Root() measure: FinancingMeasure, @Ctx() ctx: FinanceCtx): FinancingMeasureStatus {
    return measureStatus(measure, chinaToday(ctx.now));
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => Boolean, { description: 'True while the measure is in force (status ACTIVE)' })
  active(@Root() measure: FinancingMeasure, @Ctx() ctx: FinanceCtx): boolean {
    return measureStatus(measure, chinaToday(ctx.now)) === FinancingMeasureStatus.ACTIVE;
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => FinancingMeasureBasis)
  basis(@Root() measure: FinancingMeasure): FinancingMeasureBasis {
    return {
      listKind: measure.basisListKind,
      reference: measure.basisReference,
      authority: measure.basisAuthority,
      operatorUscc: measure.operatorUscc,
    };
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => Operator, { nullable: true, description: 'The operator concerned' })
  operator(@Root() measure: FinancingMeasure): Operator {
    return { uscc: measure.operatorUscc };
  }
}
