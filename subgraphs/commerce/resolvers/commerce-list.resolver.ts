import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { DuplicateKey, duplicateConflict, refuseDuplicates } from '../../../shared/database/duplicates';
import { DateScalar } from '../../../shared/graphql/scalars';
import { commerceCreditSignals } from '../credit-signal';
import { CommerceListEntry, CommerceListKind } from '../entities/commerce-list-entry.entity';
import { ministryListRulesAt } from '../rules/ministry-lists';
import { CommerceContext } from './common';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { chinaToday } from '../../../shared/calendar/dates';
import { integerInRange, requiredText } from '../../../shared/validation/inputs';
import { notAfterToday } from '../../../shared/validation/dates';

@InputType({ description: 'A listing decision on a commerce credit list' })
export class RecordCommerceListEntryInput {
  @Field(() => UnifiedSocialCreditCodeScalar)
  operatorUscc: string;

  @Field(() => CommerceListKind, { description: 'Which list' })
  list: CommerceListKind;

  @Field({ description: 'Grounds of the listing, at most 500 characters' })
  reason: string;

  @Field({ description: 'Number of the decision document' })
  decisionNumber: string;

  @Field({ description: 'Deciding commerce authority' })
  decidingAuthority: string;

  @Field(() => DateScalar, { description: 'Listing date; not in the future' })
  listedOn: Date;

  @Field(() => Int, {
    nullable: true,
    description: 'Period in months; default and maximum from the versioned list rules (36 joint punishment, 24 key attention)',
  })
  periodMonths?: number | null;
}

@Resolver(() => CommerceListEntry)
export class CommerceListEntryResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, { description: 'Whether the operator is on the list today' })
  active(@Root() entry: CommerceListEntry, @Ctx() ctx: CommerceContext): boolean {
    return entry.isListedOn(chinaToday(ctx.now));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'commerce' })
  @Mutation(() => CommerceListEntry, { description: 'Records a listing on a commerce ministry credit list' })
  async recordCommerceListEntry(
    @Arg('input', () => RecordCommerceListEntryInput) input: RecordCommerceListEntryInput,
    @Ctx() ctx: CommerceContext,
  ): Promise<CommerceListEntry> {
    const operatorUscc = assertUscc(input.operatorUscc);
    const reason = requiredText(input.reason, 'reason', 500);
    const decisionNumber = requiredText(input.decisionNumber, 'decisionNumber', 60);
    const decidingAuthority = requiredText(input.decidingAuthority, 'decidingAuthority', 100);
    const listedOn = notAfterToday(input.listedOn, 'listedOn', chinaToday(ctx.now));
    const maximum = ministryListRulesAt(listedOn).maximumMonths[input.list];
    const periodMonths =
      input.periodMonths === null || input.periodMonths === undefined
        ? null
        : integerInRange(input.periodMonths, 'periodMonths', 1, maximum);
    const duplicate: DuplicateKey = {
      columns: ['operatorUscc', 'listKind', 'decisionNumber'],
      duplicate: { operatorUscc, list: input.list, decisionNumber },
      message: `Decision ${decisionNumber} already lists ${operatorUscc} on ${input.list}`,
    };
    return refuseDuplicates([duplicate], () =>
      ctx.db.transaction(async (m) => {
        const repo = m.getRepository(CommerceListEntry);
        if (await repo.exists({ where: { operatorUscc, listKind: input.list, decisionNumber } })) throw duplicateConflict(duplicate);
        const entry = await repo.save(
          repo.create({ operatorUscc, listKind: input.list, reason, decisionNumber, decidingAuthority, listedOn, periodMonths }),
        );
        await commerceCreditSignals.refresh(m, [operatorUscc], ctx.now);
        return entry;
      }),
    );
  }
}
