import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { badInput } from '../../../shared/errors/errors';
import { createEmitEvent } from '../../../shared/events/outbox';
import { DateScalar } from '../../../shared/graphql/scalars';
import { ConnectionType } from '../../../shared/pagination/connection';
import { CustomsDishonestyFinding } from '../entities/customs-dishonesty-finding.entity';
import { CustomsRegistration } from '../entities/customs-registration.entity';
import { CustomsDishonestyGround } from '../entities/enums';
import { Operator, operatorRef } from '../entities/operator';
import {
  CustomsContext, optionalText, pageById, requirePastDate, requireText, requireUscc, toIsoDate,
} from './support';

/** Customs' events into its outbox, inside the decision's transaction. */
const emit = createEmitEvent('customs');

/** The finding's decision number, or (not issued yet) the record's stable identity standing in for it. */
export function findingDecisionNumber(finding: Pick<CustomsDishonestyFinding, 'id' | 'decisionNumber'>): string {
  return finding.decisionNumber ?? `customs/dishonesty-finding/${finding.id}`;
}

export const CustomsDishonestyFindingConnection = ConnectionType(CustomsDishonestyFinding, 'CustomsDishonestyFinding');

@InputType({ description: 'Filters of the dishonesty finding list; all given filters must match' })
export class CustomsDishonestyFindingFilter {
  @Field(() => ID, { nullable: true, description: 'Findings against one operator' })
  uscc?: string;

  @Field(() => CustomsDishonestyGround, { nullable: true })
  ground?: CustomsDishonestyGround;

  @Field(() => DateScalar, { nullable: true, description: 'Found on or after this date' })
  foundFrom?: Date;

  @Field(() => DateScalar, { nullable: true, description: 'Found on or before this date' })
  foundTo?: Date;
}

@InputType({ description: 'A dishonesty finding (失信企业认定) against an enterprise registered with customs' })
export class RecordCustomsDishonestyFindingInput {
  @Field(() => ID)
  uscc: string;

  @Field(() => CustomsDishonestyGround)
  ground: CustomsDishonestyGround;

  @Field({ description: 'Facts found, at most 1000 characters' })
  facts: string;

  @Field(() => DateScalar, { description: 'Date of the finding; not in the future, not before the registration' })
  foundOn: Date;

  @Field({ nullable: true, description: 'Number of the finding decision, at most 80 characters' })
  decisionNumber?: string;

  @Field({ nullable: true, description: 'Internal note (raw evidence, leads), at most 1000 characters; customs only' })
  internalNote?: string;
}

@Resolver(() => CustomsDishonestyFinding)
export class CustomsDishonestyFindingResolver {
  @FieldResolver(() => Operator, { nullable: true, description: 'The operator found dishonest' })
  @Access(ShareClass.GOV_SHARED)
  operator(@Root() finding: CustomsDishonestyFinding): Operator {
    return operatorRef(finding.operatorUscc);
  }

  @Query(() => CustomsDishonestyFindingConnection, {
    nullable: true,
    description: 'Customs dishonesty findings in order of recording; agencies only (null for other callers)',
  })
  // Spans many operators: agencies only (the operator's own findings are on Operator.customsCredit).
  @Access(ShareClass.GOV_SHARED)
  async customsDishonestyFindings(
    @Ctx() ctx: CustomsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => CustomsDishonestyFindingFilter, { nullable: true }) filter?: CustomsDishonestyFindingFilter,
  ) {
    const qb = ctx.db.getRepository(CustomsDishonestyFinding).createQueryBuilder('f');
    if (filter?.uscc) qb.andWhere('f.operatorUscc = :uscc', { uscc: requireUscc(filter.uscc) });
    if (filter?.ground) qb.andWhere('f.ground = :ground', { ground: filter.ground });
    if (filter?.foundFrom) qb.andWhere('f.foundOn >= :foundFrom', { foundFrom: toIsoDate(filter.foundFrom) });
    if (filter?.foundTo) qb.andWhere('f.foundOn <= :foundTo', { foundTo: toIsoDate(filter.foundTo) });
    if (filter?.foundFrom && filter.foundTo && toIsoDate(filter.foundFrom) > toIsoDate(filter.foundTo)) {
      throw badInput('`foundFrom` must not be after `foundTo`', { field: 'foundFrom' });
    }
    return pageById(qb, 'f', ctx, first, after);
  }

  @Mutation(() => CustomsDishonestyFinding, { description: 'Records a dishonesty finding; returns it as stored' })
  @Access(ShareClass.AGENCY_WRITE, { agency: 'customs' })
  async recordCustomsDishonestyFinding(
    @Arg('input', () => RecordCustomsDishonestyFindingInput) input: RecordCustomsDishonestyFindingInput,
    @Ctx() ctx: CustomsContext,
  ): Promise<CustomsDishonestyFinding> {
    const uscc = requireUscc(input.uscc);
    const facts = requireText(input.facts, 'facts', 1000);
    const foundOn = requirePastDate(input.foundOn, 'foundOn', ctx);
    const decisionNumber = optionalText(input.decisionNumber, 'decisionNumber', 80);
    const internalNote = optionalText(input.internalNote, 'internalNote', 1000);
    const saved = await ctx.db.transaction(async (m) => {
      const registration = await m.getRepository(CustomsRegistration).findOne({ where: { operatorUscc: uscc } });
      if (!registration) throw badInput(`Operator ${uscc} is not registered with customs`, { field: 'uscc' });
      if (foundOn < registration.registeredOn) {
        throw badInput(`\`foundOn\` ${foundOn} is before the registration on ${registration.registeredOn}`, {
          field: 'foundOn',
        });
      }
      const repo = m.getRepository(CustomsDishonestyFinding);
      const finding = await repo.save(repo.create({ operatorUscc: uscc, ground: input.ground, facts, foundOn, decisionNumber, internalNote }));
      const number = findingDecisionNumber(finding);
      await emit(m, 'CreditListChange', {
        kind: 'CUSTOMS_DISHONEST',
        action: 'LISTED',
        operatorUscc: uscc,
        decisionNumber: number,
        listingDecisionNumber: number,
        effectiveOn: foundOn,
        ground: input.ground,
      });
      return finding;
    });
    ctx.loaders.findingsByOperator.clear(uscc);
    return saved;
  }
}
