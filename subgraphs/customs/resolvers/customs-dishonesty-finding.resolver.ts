import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { badInput, conflict } from '../../../shared/errors/errors';
import { createEmitEvent } from '../../../shared/events/outbox';
import { DuplicateKey, duplicateConflict, refuseDuplicates } from '../../../shared/database/duplicates';
import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { DateScalar } from '../../../shared/graphql/scalars';
import { ConnectionType } from '../../../shared/pagination/connection';
import { CustomsDishonestyFinding } from '../entities/customs-dishonesty-finding.entity';
import { CustomsRegistration } from '../entities/customs-registration.entity';
import { CustomsDishonestyGround, CustomsDishonestyRemovalKind } from '../entities/enums';
import { Operator, operatorRef } from '../entities/operator';
import { findingDecisionNumber, findingListChange } from '../credit-events';
import { customsCreditSignals } from '../credit-signal';
import { CustomsContext, pageById } from './support';
import { UnifiedSocialCreditCodeScalar, assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { requiredText, optionalText } from '../../../shared/validation/inputs';
import { chinaToday, toIsoDate } from '../../../shared/calendar/dates';
import { notAfterToday } from '../../../shared/validation/dates';
import { recordIdInput } from '../../../shared/validation/record-ids';

/** Customs' events into its outbox, inside the decision's transaction. */
const emit = createEmitEvent('customs');

export { findingDecisionNumber };

export const CustomsDishonestyFindingConnection = ConnectionType(CustomsDishonestyFinding, 'CustomsDishonestyFinding');

@InputType({ description: 'Filters of the dishonesty finding list; all given filters must match' })
export class CustomsDishonestyFindingFilter {
  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true, description: 'Findings against one operator' })
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
  @Field(() => UnifiedSocialCreditCodeScalar)
  uscc: string;

  @Field(() => CustomsDishonestyGround)
  ground: CustomsDishonestyGround;

  @Field({ description: 'Facts found, at most 1000 characters' })
  facts: string;

  @Field(() => DateScalar, { description: 'Date of the finding; not in the future, not before the registration' })
  foundOn: Date;

  @Field({ description: 'Document number of the finding decision (认定决定书文号), unique, at most 80 characters' })
  decisionNumber: string;

  @Field({ description: 'Customs office that decides the finding (作出决定的海关), at most 100 characters' })
  decidingAuthority: string;

  @Field({ nullable: true, description: 'Internal note (raw evidence, leads), at most 1000 characters; customs only' })
  internalNote?: string;
}

@InputType({ description: 'A decision ending a dishonesty finding: credit repair (信用修复) or correction' })
export class RemoveCustomsDishonestyFindingInput {
  @Field(() => ID)
  findingId: string;

  @Field(() => CustomsDishonestyRemovalKind)
  kind: CustomsDishonestyRemovalKind;

  @Field({ description: 'Document number of the removal decision (文号), unique, at most 80 characters' })
  decisionNumber: string;

  @Field({ description: 'Customs office that decides the removal, at most 100 characters' })
  decidingAuthority: string;

  @Field(() => DateScalar, { description: 'Date the finding ends; not in the future, not before the finding' })
  removedOn: Date;

  @Field({ description: 'Reason, at most 300 characters' })
  reason: string;
}

/** A decision number names one decision (a finding or a removal), never two. */
function decisionNumberTaken(decisionNumber: string, column: 'decisionNumber' | 'removalDecisionNumber'): DuplicateKey {
  return {
    columns: [column],
    duplicate: { decisionNumber },
    message: `A customs dishonesty decision with number ${decisionNumber} already exists`,
  };
}

function decisionNumberUsed(m: EntityManager, n: string): Promise<boolean> {
  return m.getRepository(CustomsDishonestyFinding).exists({ where: [{ decisionNumber: n }, { removalDecisionNumber: n }] });
}

@Resolver(() => CustomsDishonestyFinding)
export class CustomsDishonestyFindingResolver {
  @FieldResolver(() => DateScalar, { description: 'Date of the finding decision (as `foundOn`); it takes effect on it' })
  @Access(ShareClass.GOV_SHARED)
  decidedOn(@Root() finding: CustomsDishonestyFinding): string {
    return finding.foundOn;
  }

  @FieldResolver(() => Boolean, { description: 'The finding stands (not removed)' })
  @Access(ShareClass.GOV_SHARED)
  current(@Root() finding: CustomsDishonestyFinding): boolean {
    return finding.removedOn === null;
  }

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
    if (filter?.uscc) qb.andWhere('f.operatorUscc = :uscc', { uscc: assertUscc(filter.uscc) });
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
    const uscc = assertUscc(input.uscc);
    const facts = requiredText(input.facts, 'facts', 1000);
    const foundOn = notAfterToday(input.foundOn, 'foundOn', chinaToday(ctx.now));
    const decisionNumber = requiredText(input.decisionNumber, 'decisionNumber', 80);
    const decidingAuthority = requiredText(input.decidingAuthority, 'decidingAuthority', 100);
    const internalNote = optionalText(input.internalNote, 'internalNote', 1000);
    const sameNumber = decisionNumberTaken(decisionNumber, 'decisionNumber');
    const saved = await refuseDuplicates([sameNumber], () => ctx.db.transaction(async (m) => {
      const registration = await m.getRepository(CustomsRegistration).findOne({ where: { operatorUscc: uscc } });
      if (!registration) throw badInput(`Operator ${uscc} is not registered with customs`, { field: 'uscc' });
      if (foundOn < registration.registeredOn) {
        throw badInput(`\`foundOn\` ${foundOn} is before the registration on ${registration.registeredOn}`, {
          field: 'foundOn',
        });
      }
      if (await decisionNumberUsed(m, decisionNumber)) throw duplicateConflict(sameNumber);
      const repo = m.getRepository(CustomsDishonestyFinding);
      const finding = await repo.save(
        repo.create({
          operatorUscc: uscc, ground: input.ground, facts, foundOn, decisionNumber, decidingAuthority, internalNote,
          removedOn: null, removalKind: null, removalDecisionNumber: null, removalDecidingAuthority: null, removalReason: null,
        }),
      );
      await emit(m, 'CreditListChange', findingListChange(finding));
      await customsCreditSignals.refresh(m, [uscc], ctx.now);
      return finding;
    }));
    ctx.loaders.findingsByOperator.clear(uscc);
    return saved;
  }

  @Mutation(() => CustomsDishonestyFinding, {
    description: 'Ends a standing dishonesty finding by a numbered decision (credit repair or correction); returns it as stored',
  })
  @Access(ShareClass.AGENCY_WRITE, { agency: 'customs' })
  async removeCustomsDishonestyFinding(
    @Arg('input', () => RemoveCustomsDishonestyFindingInput) input: RemoveCustomsDishonestyFindingInput,
    @Ctx() ctx: CustomsContext,
  ): Promise<CustomsDishonestyFinding> {
    const repo = ctx.db.getRepository(CustomsDishonestyFinding);
    const finding = await repo.findOneBy({ id: recordIdInput(input.findingId, 'findingId') });
    if (!finding) throw badInput(`No customs dishonesty finding with id ${input.findingId}`, { field: 'findingId' });
    if (finding.removedOn) throw badInput(`Finding ${finding.id} was already removed on ${finding.removedOn}`, { field: 'findingId' });
    const removedOn = notAfterToday(input.removedOn, 'removedOn', chinaToday(ctx.now));
    if (removedOn < finding.foundOn) {
      throw badInput(`\`removedOn\` ${removedOn} is before the finding on ${finding.foundOn}`, { field: 'removedOn' });
    }
    const removalDecisionNumber = requiredText(input.decisionNumber, 'decisionNumber', 80);
    const removalDecidingAuthority = requiredText(input.decidingAuthority, 'decidingAuthority', 100);
    const removalReason = requiredText(input.reason, 'reason', 300);
    const sameNumber = decisionNumberTaken(removalDecisionNumber, 'removalDecisionNumber');
    await refuseDuplicates([sameNumber], () => ctx.db.transaction(async (m) => {
      if (await decisionNumberUsed(m, removalDecisionNumber)) throw duplicateConflict(sameNumber);
      // Only a finding still standing: of two concurrent removals, one wins.
      const result = await m.getRepository(CustomsDishonestyFinding).update(
        { id: finding.id, removedOn: IsNull() },
        { removedOn, removalKind: input.kind, removalDecisionNumber, removalDecidingAuthority, removalReason },
      );
      if (!result.affected) throw conflict(`Finding ${finding.id} was removed at the same time`);
      await emit(m, 'CreditListChange', findingListChange(finding, {
        kind: input.kind, decisionNumber: removalDecisionNumber, removedOn, decidingAuthority: removalDecidingAuthority,
      }));
      await customsCreditSignals.refresh(m, [finding.operatorUscc], ctx.now);
    }));
    ctx.loaders.findingsByOperator.clear(finding.operatorUscc);
    return repo.findOneByOrFail({ id: finding.id });
  }
}
