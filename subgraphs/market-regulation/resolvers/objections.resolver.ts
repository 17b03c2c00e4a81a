import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { isOperatorSelf, Scope } from '../../../shared/auth/caller';
import { ShareClass } from '../../../shared/auth/share-class';
import { addWorkingDays } from '../../../shared/calendar/working-days';
import { AGENCIES, type AgencyId } from '../../../shared/config/agencies';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { lockForWrite } from '../../../shared/database/duplicates';
import { badInput, conflict } from '../../../shared/errors/errors';
import type { ObjectionChange } from '../../../shared/events/contract';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { optionalText, requiredText } from '../../../shared/validation/inputs';
import { emitMarketRegulationEvent as emit } from '../credit-events';
import { AbnormalOperationListing } from '../entities/abnormal-operation-listing.entity';
import { AdministrativePenalty } from '../entities/administrative-penalty.entity';
import { Objection, ObjectionCorrection, ObjectionDecision, ObjectionStatus } from '../entities/objection.entity';
import { Operator } from '../entities/operator.entity';
import { QualitySpotCheck } from '../entities/quality-spot-check.entity';
import { SeriousDishonestListing } from '../entities/serious-dishonest-listing.entity';
import type { MarketRegulationLoaders } from '../loaders';
import { peerRecordState } from '../objection-records';
import { OBJECTION_DEADLINE_RULES, OBJECTION_RECORD_KINDS } from '../rules/objections';
import { chinaToday } from '../../../shared/calendar/dates';
import { ruleInForce } from '../../../shared/rules/versioned';
import { forbidden } from './access';
import { recordIdInput } from '../../../shared/validation/record-ids';

type Ctx = SubgraphContext<MarketRegulationLoaders>;

@InputType({ description: 'An objection (异议) against one record of an agency' })
export class FileObjectionInput {
  @Field({ description: 'Agency that owns the record: market-regulation, commerce, customs, finance or postal' }) agency: string;
  @Field({ description: 'Kind of record, as in the credit signals, e.g. ADMINISTRATIVE_PENALTY' }) recordKind: string;
  @Field(() => ID, { description: "Record id in the owning agency's data" }) recordId: string;
  @Field(() => UnifiedSocialCreditCodeScalar, { description: 'The operator the record is about' }) operatorUscc: string;
  @Field({ description: 'Grounds of the objection (异议理由)' }) grounds: string;
  @Field(() => String, { nullable: true, description: 'The correction asked for' }) requestedCorrection?: string | null;
}

@InputType({ description: "The owning agency's decision on an objection" })
export class DecideObjectionInput {
  @Field(() => ID) objectionId: string;
  @Field(() => ObjectionDecision) decision: ObjectionDecision;
  @Field(() => ObjectionCorrection, { nullable: true, description: 'Required when ACCEPTED, not allowed when REJECTED' })
  correction?: ObjectionCorrection | null;
  @Field({ description: 'Reason of the decision (处理理由)' }) reason: string;
  @Field(() => String, { nullable: true, description: 'The facts as corrected; required with CORRECT, only with CORRECT' })
  correctedFacts?: string | null;
}

/** Market regulation's records by evidence kind: where filing checks the record exists and whose it is. */
const OWN_RECORDS = {
  ADMINISTRATIVE_PENALTY: AdministrativePenalty,
  SERIOUS_DISHONEST_LISTING: SeriousDishonestListing,
  ABNORMAL_OPERATION_LISTING: AbnormalOperationListing,
  QUALITY_SPOT_CHECK: QualitySpotCheck,
} as const;
export type OwnRecordKind = keyof typeof OWN_RECORDS;
export function ownRecordEntity(kind: string) {
  return (OWN_RECORDS as Record<string, (typeof OWN_RECORDS)[OwnRecordKind] | undefined>)[kind];
}

export function objectionChangeOf(o: Objection): ObjectionChange {
  return {
    objectionId: String(o.id),
    agency: o.agency,
    recordKind: o.recordKind,
    recordId: o.recordId,
    operatorUscc: o.operatorUscc,
    status: o.status,
    ...(o.correction ? { correction: o.correction } : {}),
    ...(o.decidedOn ? { decidedOn: o.decidedOn } : {}),
    ...(o.reason ? { reason: o.reason } : {}),
    ...(o.correctedFacts ? { correctedFacts: o.correctedFacts } : {}),
  };
}

/** The agency whose staff acts (its `<agency>:write` scope), or "admin"; null for anyone else. */
function actingAgency(ctx: Ctx): AgencyId | 'admin' | null {
  const { caller } = ctx;
  if (caller.role === 'agency' && caller.agency && caller.scopes.has(Scope.GOV_SHARED)) return caller.agency;
  if (caller.scopes.has(Scope.ADMIN)) return 'admin';
  return null;
}

async function checkOwnRecord(m: EntityManager, kind: string, id: number, uscc: string, ctx: Ctx): Promise<void> {
  const entity = ownRecordEntity(kind);
  if (!entity) throw new Error(`No market-regulation record kind ${kind}`);
  const row = (await m.getRepository(entity).findOneBy({ id })) as { operatorUscc: string | null; withdrawnOn: string | null } | null;
  if (!row) throw badInput(`\`recordId\`: no ${kind} with id ${id} is recorded by market-regulation`, { field: 'recordId' });
  if (row.operatorUscc !== uscc) {
    // An operator learns nothing about other operators' records; agencies are told the mismatch.
    if (ctx.caller.role === 'operator') throw forbidden(`An operator may object only to its own records; ${kind} ${id} is not about ${uscc}`);
    throw badInput(`\`recordId\`: ${kind} ${id} is not a record of operator ${uscc}`, { field: 'recordId' });
  }
  if (row.withdrawnOn) throw badInput(`${kind} ${id} was already withdrawn on ${row.withdrawnOn}`, { field: 'recordId' });
}

async function checkPeerRecord(
  ctx: Ctx, agency: Exclude<AgencyId, 'market-regulation'>, kind: string, id: number, uscc: string,
): Promise<void> {
  const state = await peerRecordState(ctx, agency, kind, id, uscc);
  if (state === null) {
    throw badInput(`\`recordId\`: ${agency} holds no ${kind} with id ${id} of operator ${uscc}`, { field: 'recordId' });
  }
  if (state === 'WITHDRAWN') throw badInput(`${kind} ${id} was already withdrawn by ${agency}`, { field: 'recordId' });
}

@Resolver(() => Operator)
export class ObjectionsOperatorResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [Objection], {
    nullable: true,
    description: "Objections (异议) against the operator's records in any agency, with their decisions, newest first",
  })
  objections(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<Objection[]> {
    return ctx.loaders.objectionsByOperator.load(operator.uscc);
  }
}

@Resolver(() => Objection)
export class ObjectionResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => Boolean, {
    description: 'Not decided by its due date: still open after dueOn, or decided after it',
  })
  overdue(@Root() o: Objection, @Ctx() ctx: Ctx): boolean {
    return (o.decidedOn ?? chinaToday(ctx.now)) > o.dueOn;
  }

  @Access(ShareClass.GOV_SHARED)
  @Mutation(() => Objection, {
    description:
      "Files an objection (异议) against an agency's record: the operator itself for its own records, or agency staff. " +
      'The record shows disputed while it is open; the owning agency decides within the working days of the rule in force',
  })
  async fileObjection(@Arg('input', () => FileObjectionInput) input: FileObjectionInput, @Ctx() ctx: Ctx): Promise<Objection> {
    const { caller } = ctx;
    const operatorUscc = input.operatorUscc;
    const filedBy = caller.role === 'operator' ? 'operator' : actingAgency(ctx);
    if (filedBy === null) throw forbidden('Only the operator itself (its own token) or agency staff may file an objection');
    if (filedBy === 'operator' && !isOperatorSelf(caller, operatorUscc)) {
      throw forbidden(`An operator may object only to its own records, not to those of ${operatorUscc}`);
    }
    const agency = input.agency.trim() as AgencyId;
    if (!(AGENCIES as readonly string[]).includes(agency)) {
      throw badInput(`\`agency\` "${input.agency}" is not an agency: one of ${AGENCIES.join(', ')}`, { field: 'agency' });
    }
    const catalogue = OBJECTION_RECORD_KINDS[agency];
    const recordKind = input.recordKind.trim();
    if (!catalogue.kinds.includes(recordKind)) {
      throw badInput(`\`recordKind\` ${recordKind} is not a record kind of ${agency}: one of ${catalogue.kinds.join(', ')}`, {
        field: 'recordKind',
      });
    }
    const recordId = recordIdInput(input.recordId, 'recordId');
    const grounds = requiredText(input.grounds, 'grounds', 2000);
    const requestedCorrection = optionalText(input.requestedCorrection, 'requestedCorrection', 2000);
    if (!(await ctx.loaders.operatorByUscc.load(operatorUscc))) {
      throw badInput(`\`operatorUscc\`: no operator is registered with unified social credit code ${operatorUscc}`, { field: 'operatorUscc' });
    }
    // Another agency's record is checked with its owner before anything is written (an unreachable owner refuses).
    if (agency !== 'market-regulation') await checkPeerRecord(ctx, agency, recordKind, recordId, operatorUscc);
    const filedOn = chinaToday(ctx.now);
    const rule = ruleInForce(OBJECTION_DEADLINE_RULES, filedOn);
    const id = await ctx.db.transaction(async (m) => {
      const key = `objection:${agency}:${recordKind}:${recordId}`;
      await lockForWrite(m, key);
      if (agency === 'market-regulation') await checkOwnRecord(m, recordKind, recordId, operatorUscc, ctx);
      const repo = m.getRepository(Objection);
      const open = await repo.findOneBy({ agency, recordKind, recordId: String(recordId), status: ObjectionStatus.FILED });
      if (open) {
        throw conflict(`An objection to ${recordKind} ${recordId} is already open (objection ${open.id}, due ${open.dueOn})`, {
          objectionId: String(open.id),
        });
      }
      const saved = await repo.save(repo.create({
        operatorUscc, agency, recordKind, recordId: String(recordId), grounds, requestedCorrection,
        filedAt: ctx.now, filedOn, filedBy, status: ObjectionStatus.FILED,
        dueOn: addWorkingDays(filedOn, rule.decisionWorkingDays), rulesVersion: rule.version,
        decidedAt: null, decidedOn: null, decidedBy: null, correction: null, reason: null, correctedFacts: null,
      }));
      await emit(m, 'ObjectionChange', objectionChangeOf(saved));
      return saved.id;
    });
    return ctx.db.getRepository(Objection).findOneByOrFail({ id });
  }

  @Access(ShareClass.GOV_SHARED)
  @Mutation(() => Objection, {
    description:
      'Decides an open objection: staff of the owning agency (its write scope) or an admin. ACCEPTED withdraws or corrects ' +
      'the record in the owning agency; a decided objection cannot be decided again',
  })
  async decideObjection(@Arg('input', () => DecideObjectionInput) input: DecideObjectionInput, @Ctx() ctx: Ctx): Promise<Objection> {
    const id = recordIdInput(input.objectionId, 'objectionId');
    const reason = requiredText(input.reason, 'reason', 2000);
    const correctedFacts = optionalText(input.correctedFacts, 'correctedFacts', 2000);
    const correction = input.correction ?? null;
    if (input.decision === ObjectionDecision.ACCEPTED && correction === null) {
      throw badInput('`correction` is required when the decision is ACCEPTED: WITHDRAW or CORRECT', { field: 'correction' });
    }
    if (input.decision === ObjectionDecision.REJECTED && correction !== null) {
      throw badInput('`correction` is only for an ACCEPTED objection', { field: 'correction' });
    }
    if (correction === ObjectionCorrection.CORRECT && correctedFacts === null) {
      throw badInput('`correctedFacts` is required with the correction CORRECT', { field: 'correctedFacts' });
    }
    if (correction !== ObjectionCorrection.CORRECT && correctedFacts !== null) {
      throw badInput('`correctedFacts` is only for the correction CORRECT', { field: 'correctedFacts' });
    }
    const acting = actingAgency(ctx);
    await ctx.db.transaction(async (m) => {
      await lockForWrite(m, `objection-decision:${id}`);
      const repo = m.getRepository(Objection);
      const objection = await repo.findOneBy({ id });
      if (!objection) throw badInput(`\`objectionId\`: no objection with id ${id}`, { field: 'objectionId' });
      // Only the owning agency decides on its own record (its write scope), or an admin.
      const owns = acting === objection.agency && ctx.caller.scopes.has(Scope.write(objection.agency));
      if (!owns && acting !== 'admin') {
        throw forbidden(`Only ${objection.agency} (scope ${Scope.write(objection.agency)}) decides objection ${id} to its ${objection.recordKind}`);
      }
      if (objection.status !== ObjectionStatus.FILED) {
        throw conflict(`Objection ${id} was already decided: ${objection.status} on ${objection.decidedOn}`, { status: objection.status });
      }
      Object.assign(objection, {
        status: input.decision === ObjectionDecision.ACCEPTED ? ObjectionStatus.ACCEPTED : ObjectionStatus.REJECTED,
        decidedAt: ctx.now, decidedOn: chinaToday(ctx.now), decidedBy: acting, correction, reason, correctedFacts,
      });
      const saved = await repo.save(objection);
      await emit(m, 'ObjectionChange', objectionChangeOf(saved));
    });
    return ctx.db.getRepository(Objection).findOneByOrFail({ id });
  }
}
