import type { EventHandler } from '../../../shared/events/contract';
import { ReferralCase, ReferralStatus } from '../entities/referral-case.entity';

/**
 * Opens a case for every referral another agency sends (移送): one case per referring agency and source record, so a
 * redelivered or repeated referral changes nothing. The case is received when the referring agency committed it, so a
 * delivery delayed by an outage does not shift the date of receipt.
 */
export const openReferralCase: EventHandler<'Referral'> = async (event, manager) => {
  const referral = event.payload;
  // An agency refers only on its own behalf: the envelope's source is the sender.
  if (referral.fromAgency !== event.sourceAgency) {
    throw new Error(`Referral ${event.id} from ${event.sourceAgency} claims to come from ${referral.fromAgency}`);
  }
  const receivedAt = new Date(event.occurredAt);
  if (Number.isNaN(receivedAt.getTime())) throw new Error(`Referral ${event.id} has an invalid time "${event.occurredAt}"`);
  const repo = manager.getRepository(ReferralCase);
  const key = { fromAgency: referral.fromAgency, referenceKind: referral.reference.kind, referenceId: referral.reference.id };
  if (await repo.existsBy(key)) return;
  await repo.insert({
    ...key,
    operatorUscc: referral.operatorUscc,
    fromPlatform: referral.fromPlatform ?? null,
    kind: referral.kind,
    summary: referral.summary.slice(0, 1000),
    referredOn: referral.referredOn,
    receivedAt,
    eventId: event.id,
    status: ReferralStatus.RECEIVED,
    acknowledgedAt: null,
    assignedTo: null,
    assignedAt: null,
    closedAt: null,
    outcome: null,
    outcomeInspectionId: null,
    outcomePenaltyDecisionNumber: null,
  });
};
