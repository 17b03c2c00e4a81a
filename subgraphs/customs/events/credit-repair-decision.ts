import { IsNull, Not, type EntityManager } from 'typeorm';
import type { CreditRepairDecision, EventHandler } from '../../../shared/events/contract';
import { findingListChange } from '../credit-events';
import { customsCreditSignals } from '../credit-signal';
import { CustomsCreditRating } from '../entities/customs-credit-rating.entity';
import { CustomsDishonestyFinding } from '../entities/customs-dishonesty-finding.entity';
import { CustomsCreditLevel, CustomsDishonestyRemovalKind } from '../entities/enums';
import { creditLevelInEffect, customsCreditRulesOn, dishonestyFindingInForce } from '../rules/credit-rules';

/** The record kind market regulation's applications name for a customs dishonesty finding. */
export const CUSTOMS_FINDING_RECORD_KIND = 'CUSTOMS_DISHONESTY_FINDING';

const DISHONEST_LEVELS: readonly CustomsCreditLevel[] = [CustomsCreditLevel.DISHONEST, CustomsCreditLevel.SERIOUSLY_DISHONEST];

/**
 * A repair decision number names one decision: if customs already used it (a race with
 * `removeCustomsDishonestyFinding`), the application's id keeps this one distinct rather than failing for ever.
 */
async function freeNumber(m: EntityManager, number: string, applicationId: string): Promise<string> {
  const repo = m.getRepository(CustomsDishonestyFinding);
  const used = await repo.exists({ where: [{ decisionNumber: number }, { removalDecisionNumber: number }] });
  return used ? `${number}（信用修复申请 ${applicationId}）`.slice(0, 80) : number;
}

/**
 * Repaired, the enterprise is no longer a dishonest one: when no other finding stands on that day and its level in
 * force is DISHONEST or SERIOUSLY_DISHONEST, it returns to the default level of the rules in force (一般信用企业).
 * Order 251 art. 26 (repair of a 失信企业) and art. 27 second paragraph (moved off the serious list too); order 282
 * awaiting confirmation.
 */
async function restoreLevel(m: EntityManager, finding: CustomsDishonestyFinding, on: string, number: string): Promise<void> {
  const findings = await m.getRepository(CustomsDishonestyFinding).findBy({ operatorUscc: finding.operatorUscc, id: Not(finding.id) });
  if (findings.some((f) => dishonestyFindingInForce(f, on))) return;
  const ratings = await m.getRepository(CustomsCreditRating).find({
    where: { operatorUscc: finding.operatorUscc }, order: { effectiveOn: 'ASC', id: 'ASC' },
  });
  const { level, rating } = creditLevelInEffect(ratings, on);
  const rules = customsCreditRulesOn(on);
  if (!rating || !rules || !DISHONEST_LEVELS.includes(level)) return;
  await m.getRepository(CustomsCreditRating).save(m.getRepository(CustomsCreditRating).create({
    operatorUscc: finding.operatorUscc, level: rules.defaultLevel, effectiveOn: on, rulesVersion: rules.version,
    reason: `信用修复决定 ${number}：失信企业调整为${rules.defaultLevel}（海关总署令第251号第二十六、二十七条；第282号待确认）`.slice(0, 500),
  }));
}

/** Ends a standing finding by an approved credit repair; a finding already ended (a redelivery) changes nothing. */
async function repairFinding(decision: CreditRepairDecision, m: EntityManager, emit: Parameters<EventHandler<'CreditRepairDecision'>>[2]) {
  const repo = m.getRepository(CustomsDishonestyFinding);
  const finding = await repo.findOneBy({ id: Number(decision.recordId), removedOn: IsNull() });
  if (!finding || finding.operatorUscc !== decision.operatorUscc) return;
  const number = await freeNumber(m, decision.decisionNumber ?? `信用修复申请 ${decision.applicationId}`, decision.applicationId);
  const removal = {
    kind: CustomsDishonestyRemovalKind.CREDIT_REPAIR, decisionNumber: number, removedOn: decision.decidedOn,
    decidingAuthority: finding.decidingAuthority,
  };
  const result = await repo.update({ id: finding.id, removedOn: IsNull() }, {
    removedOn: removal.removedOn, removalKind: removal.kind, removalDecisionNumber: number,
    removalDecidingAuthority: finding.decidingAuthority, removalReason: `信用修复: ${decision.reason}`.slice(0, 300),
  });
  if (!result.affected) return;
  await emit('CreditListChange', findingListChange(finding, removal));
  await restoreLevel(m, finding, removal.removedOn, number);
  await customsCreditSignals.refresh(m, [finding.operatorUscc], new Date());
}

/**
 * Customs' consumer of CreditRepairDecision: an approved repair of one of its dishonesty findings, decided by its
 * staff on market regulation's application register, removes the finding (CREDIT_REPAIR) with its REPAIRED list
 * change, so every agency lifts its measures, and refreshes customs' credit signal. Other agencies' decisions and
 * refusals change nothing here.
 */
export const onCreditRepairDecision: EventHandler<'CreditRepairDecision'> = async (event, manager, emit) => {
  const decision = event.payload;
  if (decision.agency !== 'customs' || decision.recordKind !== CUSTOMS_FINDING_RECORD_KIND) return;
  if (decision.decision !== 'APPROVED') return;
  await repairFinding(decision, manager, emit);
};
