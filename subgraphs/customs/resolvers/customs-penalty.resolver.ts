import { Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DuplicateKey, duplicateConflict, refuseDuplicates } from '../../../shared/database/duplicates';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { badInput } from '../../../shared/errors/errors';
import { fenToYuan } from '../../../shared/database/columns';
import { DateScalar } from '../../../shared/graphql/scalars';
import { ConnectionType } from '../../../shared/pagination/connection';
import { CustomsPenalty } from '../entities/customs-penalty.entity';
import { CustomsPenaltyCaseKind } from '../entities/enums';
import { Operator, operatorRef } from '../entities/operator';
import { customsCreditSignals } from '../credit-signal';
import { penaltyInPublicity, penaltyPublicity } from '../rules/penalty-publicity';
import { CustomsContext, pageById } from './support';
import { UnifiedSocialCreditCodeScalar, assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { chinaToday, toIsoDate } from '../../../shared/calendar/dates';
import { requiredText, yuanAmount, optionalText } from '../../../shared/validation/inputs';
import { notAfterToday } from '../../../shared/validation/dates';

export const CustomsPenaltyConnection = ConnectionType(CustomsPenalty, 'CustomsPenalty');

@InputType({ description: 'Filters of the customs penalty list; all given filters must match' })
export class CustomsPenaltyFilter {
  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true, description: 'Penalties of one operator' })
  uscc?: string;

  @Field(() => CustomsPenaltyCaseKind, { nullable: true })
  caseKind?: CustomsPenaltyCaseKind;

  @Field(() => DateScalar, { nullable: true, description: 'Decided on or after this date' })
  decidedFrom?: Date;

  @Field(() => DateScalar, { nullable: true, description: 'Decided on or before this date' })
  decidedTo?: Date;
}

@InputType({ description: 'A customs administrative penalty decision to record' })
export class RecordCustomsPenaltyInput {
  @Field(() => UnifiedSocialCreditCodeScalar, { description: 'Unified social credit code of the penalised party' })
  uscc: string;

  @Field({ description: 'Decision number (决定书文号), unique, at most 80 characters' })
  decisionNumber: string;

  @Field(() => CustomsPenaltyCaseKind)
  caseKind: CustomsPenaltyCaseKind;

  @Field({ description: 'Facts of the violation, at most 1000 characters' })
  facts: string;

  @Field({ description: 'Fine in yuan as a decimal string, e.g. "25000.00"; "0" when no fine' })
  fine: string;

  @Field(() => DateScalar, { description: 'Decision date; not in the future' })
  decidedOn: Date;

  @Field({ nullable: true, description: 'Deciding customs office (default 广州海关)' })
  decidingOffice?: string;
}

@Resolver(() => CustomsPenalty)
export class CustomsPenaltyResolver {
  @FieldResolver(() => String, { description: 'Fine in yuan, decimal string' })
  @Access(ShareClass.PUBLIC)
  fine(@Root() penalty: CustomsPenalty): string {
    return fenToYuan(penalty.fineFen) ?? '0.00';
  }

  @FieldResolver(() => Operator, { nullable: true, description: 'The penalised operator' })
  @Access(ShareClass.PUBLIC)
  operator(@Root() penalty: CustomsPenalty): Operator {
    return operatorRef(penalty.operatorUscc);
  }

  @FieldResolver(() => DateScalar, {
    description:
      'First day the decision is no longer publicised (公示截止), by decision kind under the rules in force on the decision date: 3 years after a smuggling decision, 1 year after the others',
  })
  @Access(ShareClass.PUBLIC)
  publicUntil(@Root() penalty: CustomsPenalty): string {
    return penaltyPublicity(penalty).publicUntil;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the decision is within its publicity period today' })
  @Access(ShareClass.PUBLIC)
  inPublicity(@Root() penalty: CustomsPenalty, @Ctx() ctx: CustomsContext): boolean {
    return penaltyInPublicity(penalty, chinaToday(ctx.now));
  }

  @FieldResolver(() => String, { description: 'Version of the publicity rules `publicUntil` was computed with' })
  @Access(ShareClass.PUBLIC)
  publicityRulesVersion(@Root() penalty: CustomsPenalty): string {
    return penaltyPublicity(penalty).rulesVersion;
  }

  @Query(() => CustomsPenaltyConnection, {
    nullable: true,
    description:
      "Customs penalty decisions in order of recording, including those whose publicity has ended (agencies only, null for other callers; the public sees an operator's publicised ones on `Operator.customsPenalties`)",
  })
  // The full history, including decisions whose publicity has ended: agencies only.
  @Access(ShareClass.GOV_SHARED)
  async customsPenalties(
    @Ctx() ctx: CustomsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => CustomsPenaltyFilter, { nullable: true }) filter?: CustomsPenaltyFilter,
  ) {
    const qb = ctx.db.getRepository(CustomsPenalty).createQueryBuilder('p');
    if (filter?.uscc) qb.andWhere('p.operatorUscc = :uscc', { uscc: assertUscc(filter.uscc) });
    if (filter?.caseKind) qb.andWhere('p.caseKind = :caseKind', { caseKind: filter.caseKind });
    if (filter?.decidedFrom) qb.andWhere('p.decidedOn >= :decidedFrom', { decidedFrom: toIsoDate(filter.decidedFrom) });
    if (filter?.decidedTo) qb.andWhere('p.decidedOn <= :decidedTo', { decidedTo: toIsoDate(filter.decidedTo) });
    if (filter?.decidedFrom && filter.decidedTo && toIsoDate(filter.decidedFrom) > toIsoDate(filter.decidedTo)) {
      throw badInput('`decidedFrom` must not be after `decidedTo`', { field: 'decidedFrom' });
    }
    return pageById(qb, 'p', ctx, first, after);
  }

  @Mutation(() => CustomsPenalty, { description: 'Records a customs penalty decision; returns it as stored' })
  @Access(ShareClass.AGENCY_WRITE, { agency: 'customs' })
  async recordCustomsPenalty(
    @Arg('input', () => RecordCustomsPenaltyInput) input: RecordCustomsPenaltyInput,
    @Ctx() ctx: CustomsContext,
  ): Promise<CustomsPenalty> {
    const uscc = assertUscc(input.uscc);
    const decisionNumber = requiredText(input.decisionNumber, 'decisionNumber', 80);
    const facts = requiredText(input.facts, 'facts', 1000);
    const fineFen = yuanAmount(input.fine, 'fine');
    const decidedOn = notAfterToday(input.decidedOn, 'decidedOn', chinaToday(ctx.now));
    const decidingOffice = optionalText(input.decidingOffice, 'decidingOffice', 60) ?? '广州海关';
    const duplicate: DuplicateKey = {
      columns: ['decisionNumber'],
      duplicate: { decisionNumber },
      message: `A customs penalty with decision number ${decisionNumber} already exists`,
    };
    const saved = await refuseDuplicates([duplicate], () =>
      ctx.db.transaction(async (m) => {
        const repo = m.getRepository(CustomsPenalty);
        if (await repo.exists({ where: { decisionNumber } })) throw duplicateConflict(duplicate);
        const penalty = await repo.save(
          repo.create({ operatorUscc: uscc, decisionNumber, caseKind: input.caseKind, facts, fineFen, decidedOn, decidingOffice }),
        );
        await customsCreditSignals.refresh(m, [uscc], ctx.now);
        return penalty;
      }),
    );
    ctx.loaders.penaltiesByOperator.clear(uscc);
    return saved;
  }
}
