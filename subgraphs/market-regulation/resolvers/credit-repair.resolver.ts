import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Resolver, Root } from 'type-graphql';
import { EntityManager, IsNull } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { Caller, isOperatorSelf, Scope } from '../../../shared/auth/caller';
import type { AgencyId } from '../../../shared/config/agencies';
import { ShareClass } from '../../../shared/auth/share-class';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { DuplicateKey, duplicateConflict, lockForWrite, refuseDuplicates } from '../../../shared/database/duplicates';
import { badInput, conflict } from '../../../shared/errors/errors';
import type { CreditRepairDecision as CreditRepairDecisionEvent } from '../../../shared/events/contract';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { optionalText, requiredText } from '../../../shared/validation/inputs';
import { abnormalRemoved, emitMarketRegulationEvent as emit, seriousRemoved } from '../credit-events';
import { CustomsRepairAnswer, customsRepairAssessment } from '../customs-credit-repair';
import { marketRegulationCreditSignals } from '../credit-signal';
import { AbnormalOperationListing } from '../entities/abnormal-operation-listing.entity';
import { AdministrativePenalty } from '../entities/administrative-penalty.entity';
import {
  CreditRepairApplicant, CreditRepairApplication, CreditRepairConditionResult, CreditRepairDecision, CreditRepairRecordKind,
  CreditRepairStatus,
} from '../entities/credit-repair-application.entity';
import { Operator } from '../entities/operator.entity';
import { SeriousDishonestListing } from '../entities/serious-dishonest-listing.entity';
import { SeriousDishonestRemovalKind } from '../enums';
import type { MarketRegulationLoaders } from '../loaders';
import {
  assessAbnormalRepair, assessPenaltyRepair, assessSeriousRepair, ineligibilityReason, RepairAssessment,
} from '../rules/credit-repair';
import { chinaToday } from '../../../shared/calendar/dates';
import { AGENCY, forbidden } from './access';
import { penaltyInPublicity, publicityOf, seriousState } from './derived';
import { recordIdInput } from '../../../shared/validation/record-ids';

type Ctx = SubgraphContext<MarketRegulationLoaders>;

@InputType({ description: 'An application for credit repair (信用修复申请) of a market-regulation record or a customs dishonesty finding' })
export class ApplyForCreditRepairInput {
  @Field(() => UnifiedSocialCreditCodeScalar, { description: 'The operator whose record is to be repaired' })
  operatorUscc: string;
  @Field(() => CreditRepairRecordKind) recordKind: CreditRepairRecordKind;
  @Field(() => ID, { description: 'Id of the penalty, listing or customs dishonesty finding' }) recordId: string;
  @Field({ description: 'The written public credit commitment (信用承诺书); required' }) commitment: string;
  @Field(() => String, {
    nullable: true,
    description:
      'How the penalty was performed, the harm removed (serious list: required), the fault cured (abnormal list: required) or the ' +
      'dishonest act corrected (customs finding: required)',
  })
  performanceEvidence?: string | null;
}

@InputType({ description: 'The decision of the agency that owns the record on a credit repair application' })
export class DecideCreditRepairInput {
  @Field(() => ID) applicationId: string;
  @Field(() => CreditRepairDecision) decision: CreditRepairDecision;
  @Field({ description: 'Reason of the decision, shown to the operator' }) reason: string;
  @Field(() => String, {
    nullable: true,
    description: 'Removal or repair decision number (移出/信用修复决定书文号); required to approve the repair of a listing or finding',
  })
  decisionNumber?: string | null;
}

/** The operator itself (its own records) or market regulation staff on its behalf. */
function applicantOf(caller: Caller, uscc: string): CreditRepairApplicant {
  if (isOperatorSelf(caller, uscc)) return CreditRepairApplicant.OPERATOR;
  if (caller.scopes.has(Scope.write(AGENCY))) return CreditRepairApplicant.MARKET_REGULATION;
  throw forbidden(`Only operator ${uscc} itself or market regulation staff may apply for the repair of its records`);
}

/** The agency that owns a kind of record and decides its repair (its write scope): customs for its findings. */
export function owningAgencyOf(kind: CreditRepairRecordKind): AgencyId {
  return kind === CreditRepairRecordKind.CUSTOMS_DISHONESTY_FINDING ? 'customs' : AGENCY;
}

/** The record, locked for the application, with what the conditions are judged by. */
interface RepairTarget {
  operatorUscc: string;
  decisionNumber: string;
  assess(m: EntityManager, today: string): Promise<RepairAssessment>;
}

async function targetOf(
  m: EntityManager,
  kind: CreditRepairRecordKind,
  id: number,
  application: { commitment: string; performanceEvidence: string | null },
  today: string,
  customs: CustomsRepairAnswer | null = null,
): Promise<RepairTarget> {
  const { commitment, performanceEvidence } = application;
  switch (kind) {
    case CreditRepairRecordKind.ADMINISTRATIVE_PENALTY: {
      const p = await m.getRepository(AdministrativePenalty).findOneBy({ id });
      if (!p) throw badInput(`No administrative penalty with id ${id}`, { field: 'recordId' });
      const pub = publicityOf(p);
      if (p.repairedOn) throw badInput(`Penalty ${p.decisionNumber} was already repaired on ${p.repairedOn}`, { field: 'recordId' });
      if (!pub.published || pub.repairableFrom === null) {
        throw badInput(
          `Penalty ${p.decisionNumber} has no publicity to end early (${pub.rulesVersion}: ${pub.published ? `short publicity ends by itself on ${pub.publicUntil}` : 'not published'})`,
          { field: 'recordId' },
        );
      }
      if (!penaltyInPublicity(p, today) && p.decidedOn <= today) {
        throw badInput(`Penalty ${p.decisionNumber} is no longer in publicity (publicity ended on ${pub.publicUntil})`, { field: 'recordId' });
      }
      return {
        operatorUscc: p.operatorUscc,
        decisionNumber: p.decisionNumber,
        assess: async (mm, day) => assessPenaltyRepair(
          p,
          await mm.getRepository(AdministrativePenalty).find({
            where: { operatorUscc: p.operatorUscc }, select: { decisionNumber: true, violationType: true, decidedOn: true },
          }),
          commitment,
          day,
        ),
      };
    }
    case CreditRepairRecordKind.SERIOUS_DISHONEST_LISTING: {
      const s = await m.getRepository(SeriousDishonestListing).findOneBy({ id });
      if (!s) throw badInput(`No serious illegal and dishonest listing with id ${id}`, { field: 'recordId' });
      const state = seriousState(s, today);
      if (!state.current) throw badInput(`Listing ${s.decisionNumber} is no longer current: removed on ${state.removedOn} (${state.removalKind})`, { field: 'recordId' });
      return {
        operatorUscc: s.operatorUscc,
        decisionNumber: s.decisionNumber,
        assess: async (mm, day) => assessSeriousRepair(
          s,
          await mm.getRepository(AdministrativePenalty).findBy({ operatorUscc: s.operatorUscc }),
          await mm.getRepository(AbnormalOperationListing).findBy({ operatorUscc: s.operatorUscc }),
          performanceEvidence,
          commitment,
          day,
        ),
      };
    }
    case CreditRepairRecordKind.ABNORMAL_OPERATION_LISTING: {
      const a = await m.getRepository(AbnormalOperationListing).findOneBy({ id });
      if (!a) throw badInput(`No abnormal operations listing with id ${id}`, { field: 'recordId' });
      if (a.removedOn) throw badInput(`Listing ${a.decisionNumber} was already removed on ${a.removedOn}`, { field: 'recordId' });
      return {
        operatorUscc: a.operatorUscc,
        decisionNumber: a.decisionNumber,
        assess: async (_mm, day) => assessAbnormalRepair(performanceEvidence, commitment, day),
      };
    }
    case CreditRepairRecordKind.CUSTOMS_DISHONESTY_FINDING: {
      // Judged by customs before the transaction (customsRepairAssessment); null: no such finding of the operator.
      if (!customs) throw badInput(`No customs dishonesty finding with id ${id} against this operator`, { field: 'recordId' });
      if (!customs.current) {
        throw badInput(`Customs dishonesty finding ${customs.findingDecisionNumber} is no longer current: removed on ${customs.removedOn}`, { field: 'recordId' });
      }
      const { rulesVersion, conditions, eligible } = customs;
      return {
        operatorUscc: customs.operatorUscc,
        decisionNumber: customs.findingDecisionNumber,
        assess: async () => ({ rulesVersion, conditions, eligible }),
      };
    }
  }
}

/** Customs' judgement of a finding's repair, asked before any write (SUBGRAPH_UNAVAILABLE when customs is down). */
function askCustoms(
  ctx: Ctx,
  kind: CreditRepairRecordKind,
  uscc: string,
  findingId: number,
  application: { commitment: string; performanceEvidence: string | null },
  removalDecisionNumber: string | null = null,
): Promise<CustomsRepairAnswer | null> {
  if (kind !== CreditRepairRecordKind.CUSTOMS_DISHONESTY_FINDING) return Promise.resolve(null);
  return customsRepairAssessment(ctx, { uscc, findingId, ...application, removalDecisionNumber });
}

function pendingTaken(kind: CreditRepairRecordKind, id: number): DuplicateKey {
  return {
    columns: ['recordKind', 'recordId'],
    duplicate: { recordKind: kind, recordId: id },
    message: `An application for the repair of ${kind} ${id} already awaits a decision`,
  };
}

/** Carries out an approved repair in the decision's transaction: publicity ended or listing removed, event, signal. */
async function repair(m: EntityManager, app: CreditRepairApplication, today: string, now: Date, reason: string, removalNumber: string | null) {
  switch (app.recordKind) {
    case CreditRepairRecordKind.CUSTOMS_DISHONESTY_FINDING:
      // Customs removes its own finding on the event (CREDIT_REPAIR, REPAIRED list change) and refreshes its signal.
      await emit(m, 'CreditRepairDecision', repairDecisionEvent(app, 'APPROVED', today, reason, removalNumber));
      return;
    case CreditRepairRecordKind.ADMINISTRATIVE_PENALTY: {
      const result = await m.getRepository(AdministrativePenalty).update({ id: app.recordId, repairedOn: IsNull() }, { repairedOn: today });
      if (!result.affected) throw conflict(`Penalty ${app.recordDecisionNumber} was repaired at the same time`);
      break;
    }
    case CreditRepairRecordKind.SERIOUS_DISHONEST_LISTING: {
      const listing = await m.getRepository(SeriousDishonestListing).findOneByOrFail({ id: app.recordId });
      const number = removalNumber as string;
      if (await m.getRepository(SeriousDishonestListing).exists({ where: [{ decisionNumber: number }, { removalDecisionNumber: number }] })) {
        throw duplicateConflict({ columns: ['removalDecisionNumber'], duplicate: { decisionNumber: number }, message: `A serious illegal and dishonest list decision with number ${number} already exists` });
      }
      const kind = SeriousDishonestRemovalKind.EARLY_REPAIR;
      const result = await m.getRepository(SeriousDishonestListing).update(
        { id: listing.id, removedOn: IsNull() },
        {
          removedOn: today, removalKind: kind, removalReason: reason.slice(0, 300), removalDecisionNumber: number,
          removalDecidingAuthority: listing.listingAuthority, harmRemoval: app.performanceEvidence?.slice(0, 300) ?? null,
        },
      );
      if (!result.affected) throw conflict(`Listing ${listing.decisionNumber} was removed at the same time`);
      await emit(m, 'CreditListChange', seriousRemoved(listing, { removedOn: today, kind, decisionNumber: number, decidingAuthority: listing.listingAuthority }));
      break;
    }
    case CreditRepairRecordKind.ABNORMAL_OPERATION_LISTING: {
      const listing = await m.getRepository(AbnormalOperationListing).findOneByOrFail({ id: app.recordId });
      const number = removalNumber as string;
      if (await m.getRepository(AbnormalOperationListing).exists({ where: [{ decisionNumber: number }, { removalDecisionNumber: number }] })) {
        throw duplicateConflict({ columns: ['removalDecisionNumber'], duplicate: { decisionNumber: number }, message: `An abnormal operations list decision with number ${number} already exists` });
      }
      const result = await m.getRepository(AbnormalOperationListing).update(
        { id: listing.id, removedOn: IsNull() },
        {
          removedOn: today, removalReason: `信用修复: ${reason}`.slice(0, 200), removalDecisionNumber: number,
          removalDecidingAuthority: listing.listingAuthority,
        },
      );
      if (!result.affected) throw conflict(`Listing ${listing.decisionNumber} was removed at the same time`);
      await emit(m, 'CreditListChange', abnormalRemoved(listing, {
        removedOn: today, decisionNumber: number, decidingAuthority: listing.listingAuthority, repaired: true,
      }));
      break;
    }
  }
  await marketRegulationCreditSignals.refresh(m, [app.operatorUscc], now);
}

/** The decision on an application about another agency's record, for that agency (the CreditRepairDecision event). */
function repairDecisionEvent(
  app: CreditRepairApplication, decision: 'APPROVED' | 'REFUSED', today: string, reason: string, number: string | null,
): CreditRepairDecisionEvent {
  return {
    applicationId: String(app.id), agency: owningAgencyOf(app.recordKind), recordKind: app.recordKind, recordId: String(app.recordId),
    operatorUscc: app.operatorUscc, decision, decidedOn: today, reason, ...(number ? { decisionNumber: number } : {}),
  };
}

@Resolver(() => CreditRepairApplication)
export class CreditRepairResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [CreditRepairConditionResult], {
    description: 'Each condition with met/unmet, its rule version and the date from which it is met',
  })
  conditions(@Root() app: CreditRepairApplication): CreditRepairConditionResult[] {
    return app.conditionResults.map((c) => ({ ...c, operatorUscc: app.operatorUscc }));
  }

  @Access(ShareClass.GOV_SHARED)
  @Mutation(() => CreditRepairApplication, {
    description:
      'Applies for credit repair (信用修复) of a penalty publicity, a listing or a customs dishonesty finding: by the operator ' +
      'itself (its own records) or by market regulation staff on its behalf. A customs finding is judged by customs\' rules, ' +
      'asked over GraphQL (SUBGRAPH_UNAVAILABLE, nothing recorded, when customs does not answer). An ineligible application ' +
      'is recorded as INELIGIBLE and refused with BAD_USER_INPUT naming the rule and the date from which it would be eligible',
  })
  async applyForCreditRepair(
    @Arg('input', () => ApplyForCreditRepairInput) input: ApplyForCreditRepairInput,
    @Ctx() ctx: Ctx,
  ): Promise<CreditRepairApplication> {
    const uscc = input.operatorUscc;
    const appliedBy = applicantOf(ctx.caller, uscc);
    const recordId = recordIdInput(input.recordId, 'recordId');
    const commitment = requiredText(input.commitment, 'commitment', 2000);
    const performanceEvidence = optionalText(input.performanceEvidence, 'performanceEvidence', 2000);
    const today = chinaToday(ctx.now);
    if (!(await ctx.db.getRepository(Operator).existsBy({ uscc }))) throw badInput(`No operator is registered with unified social credit code ${uscc}`);
    const customs = await askCustoms(ctx, input.recordKind, uscc, recordId, { commitment, performanceEvidence });
    const key = pendingTaken(input.recordKind, recordId);
    const saved = await refuseDuplicates([key], () => ctx.db.transaction(async (m) => {
      // Applications for one record take turns, so only one can await a decision.
      await lockForWrite(m, `credit-repair:${input.recordKind}:${recordId}`);
      const target = await targetOf(m, input.recordKind, recordId, { commitment, performanceEvidence }, today, customs);
      if (target.operatorUscc !== uscc) {
        if (appliedBy === CreditRepairApplicant.OPERATOR) {
          throw forbidden(`${input.recordKind} ${recordId} is not a record of operator ${uscc}: an operator applies for its own records only`);
        }
        throw badInput(`${input.recordKind} ${recordId} is not a record of operator ${uscc}`, { field: 'recordId' });
      }
      const repo = m.getRepository(CreditRepairApplication);
      if (await repo.existsBy({ recordKind: input.recordKind, recordId, status: CreditRepairStatus.APPLIED })) throw duplicateConflict(key);
      const result = await target.assess(m, today);
      return repo.save(repo.create({
        operatorUscc: uscc, recordKind: input.recordKind, recordId, recordDecisionNumber: target.decisionNumber,
        appliedAt: ctx.now, appliedBy, commitment, performanceEvidence,
        status: result.eligible ? CreditRepairStatus.APPLIED : CreditRepairStatus.INELIGIBLE,
        rulesVersion: result.rulesVersion, conditionResults: result.conditions,
        decidedAt: result.eligible ? null : ctx.now,
        reason: result.eligible ? null : ineligibilityReason(result).slice(0, 1000),
        removalDecisionNumber: null,
      }));
    }));
    if (saved.status === CreditRepairStatus.INELIGIBLE) {
      // Recorded first (the operator sees it in creditRepairApplications), then refused.
      throw badInput(`Credit repair refused: ${saved.reason}`, {
        applicationId: String(saved.id),
        unmetConditions: saved.conditionResults.filter((c) => !c.met).map((c) => ({ condition: c.condition, rule: c.rule, metFrom: c.metFrom })),
      });
    }
    return saved;
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY, coWriters: ['customs'] })
  @Mutation(() => CreditRepairApplication, {
    description:
      'Decides a credit repair application: staff of the agency that owns the record (market regulation; customs for its ' +
      'dishonesty findings), FORBIDDEN to others. APPROVED, in one transaction: a penalty\'s publicity ends today ' +
      '(repairedOn), or the listing is removed (EARLY_REPAIR) and a REPAIRED credit-list change ends the measures of every ' +
      'agency; the credit signal is refreshed. A customs finding is removed by customs on the CreditRepairDecision event ' +
      '(CREDIT_REPAIR, REPAIRED). The conditions are judged again on the day of approval',
  })
  async decideCreditRepair(
    @Arg('input', () => DecideCreditRepairInput) input: DecideCreditRepairInput,
    @Ctx() ctx: Ctx,
  ): Promise<CreditRepairApplication> {
    const id = recordIdInput(input.applicationId, 'applicationId');
    const reason = requiredText(input.reason, 'reason', 1000);
    const today = chinaToday(ctx.now);
    const approve = input.decision === CreditRepairDecision.APPROVED;
    const number = input.decisionNumber?.trim() ?? '';
    const sameNumber: DuplicateKey = {
      columns: ['removalDecisionNumber'], duplicate: { decisionNumber: number }, message: `A list decision with number ${number} already exists`,
    };
    // Who decides depends on whose record it is; a record owned elsewhere is judged again by its agency before any write.
    const found = await ctx.db.getRepository(CreditRepairApplication).findOneBy({ id });
    if (!found) throw badInput(`No credit repair application with id ${id}`, { field: 'applicationId' });
    const owner = owningAgencyOf(found.recordKind);
    if (!ctx.caller.scopes.has(Scope.write(owner))) {
      throw forbidden(`Only ${owner} (scope ${Scope.write(owner)}) decides application ${id} to repair its ${found.recordKind}`);
    }
    const asksCustoms = approve && found.status === CreditRepairStatus.APPLIED;
    if (asksCustoms && found.recordKind === CreditRepairRecordKind.CUSTOMS_DISHONESTY_FINDING && !number) {
      throw badInput('`decisionNumber` (信用修复决定书文号) is required to approve the repair of a customs finding', { field: 'decisionNumber' });
    }
    const customs = asksCustoms
      ? await askCustoms(ctx, found.recordKind, found.operatorUscc, found.recordId, found, number || null)
      : null;
    if (customs?.removalDecisionNumberTaken) throw duplicateConflict(sameNumber);
    return refuseDuplicates(number ? [sameNumber] : [], () => ctx.db.transaction(async (m) => {
      await lockForWrite(m, `credit-repair-application:${id}`);
      const repo = m.getRepository(CreditRepairApplication);
      const app = await repo.findOneBy({ id });
      if (!app) throw badInput(`No credit repair application with id ${id}`, { field: 'applicationId' });
      if (app.status !== CreditRepairStatus.APPLIED) {
        throw conflict(`Application ${id} is ${app.status}${app.decidedAt ? ` since ${app.decidedAt.toISOString()}` : ''}: it can be decided only once`, {
          status: app.status,
        });
      }
      let removalNumber: string | null = null;
      if (approve) {
        if (app.recordKind !== CreditRepairRecordKind.ADMINISTRATIVE_PENALTY) {
          if (!input.decisionNumber?.trim()) {
            throw badInput('`decisionNumber` (移出决定书文号) is required to approve the repair of a listing', { field: 'decisionNumber' });
          }
          removalNumber = requiredText(input.decisionNumber, 'decisionNumber', 80);
        }
        // What was true on application may have changed (a new penalty, a listing already removed).
        const target = await targetOf(m, app.recordKind, app.recordId, app, today, customs);
        const result = await target.assess(m, today);
        if (!result.eligible) {
          throw badInput(`Credit repair can no longer be approved: ${ineligibilityReason(result)}`, { field: 'decision' });
        }
        app.conditionResults = result.conditions;
        app.rulesVersion = result.rulesVersion;
        await repair(m, app, today, ctx.now, reason, removalNumber);
      } else if (owningAgencyOf(app.recordKind) !== AGENCY) {
        await emit(m, 'CreditRepairDecision', repairDecisionEvent(app, 'REFUSED', today, reason, null));
      }
      Object.assign(app, {
        status: approve ? CreditRepairStatus.APPROVED : CreditRepairStatus.REFUSED, decidedAt: ctx.now, reason, removalDecisionNumber: removalNumber,
      });
      return repo.save(app);
    }));
  }
}

@Resolver(() => Operator)
export class CreditRepairOperatorResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [CreditRepairApplication], {
    nullable: true,
    description: 'Credit repair applications (信用修复申请) for its market-regulation records, newest first, with the reason of a refusal',
  })
  creditRepairApplications(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<CreditRepairApplication[]> {
    return ctx.loaders.creditRepairApplicationsByOperator.load(operator.uscc);
  }
}
