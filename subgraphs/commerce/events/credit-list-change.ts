import type { EntityManager } from 'typeorm';
import type { EventHandler } from '../../../shared/events/contract';
import { chinaMidnight, addDays, addMonths } from '../../../shared/calendar/dates';
import { recordListingChange } from '../../../shared/joint-measures/basis-register';
import { applyMeasureRecords, FeedbackEmit, liftMeasureRecords } from '../../../shared/joint-measures/measure-records';
import type { ReceivedListing } from '../../../shared/joint-measures/received-listing.entity';
import { GovernmentRestriction } from '../entities/government-restriction.entity';
import { Storefront } from '../entities/storefront.entity';
import {
  TransactionRiskAlert, TransactionRiskAlertKind, TransactionRiskLevel,
} from '../entities/transaction-risk-alert.entity';
import { commerceJointRulesAt, commerceMattersOf, DISHONEST_LIST_RISK_ALERT } from '../rules/joint-measures';

const LIST_NAMES: Record<string, string> = {
  SERIOUS_DISHONEST: '严重违法失信名单',
  CUSTOMS_DISHONEST: '海关失信企业名单',
  ABNORMAL_OPERATIONS: '经营异常名录',
};

function alertFeedback(listing: ReceivedListing, action: 'APPLIED' | 'LIFTED', on: string) {
  return {
    agency: 'commerce' as const,
    operatorUscc: listing.operatorUscc,
    kind: DISHONEST_LIST_RISK_ALERT,
    matters: [],
    basis: { listKind: listing.listKind, decisionNumber: listing.decisionNumber },
    action,
    at: chinaMidnight(on),
  };
}

/** A public DISHONEST_LIST alert on every platform the operator has a storefront on, from the listing's date. */
async function showAlerts(manager: EntityManager, listing: ReceivedListing, from: string, months: number, emit: FeedbackEmit) {
  const platforms = [
    ...new Set((await manager.getRepository(Storefront).find({ where: { operatorUscc: listing.operatorUscc } })).map((s) => s.platformId)),
  ].sort();
  const repo = manager.getRepository(TransactionRiskAlert);
  let shown = 0;
  for (const platformId of platforms) {
    const key = { operatorUscc: listing.operatorUscc, platformId, basisListKind: listing.listKind, basisDecisionNumber: listing.decisionNumber };
    if ((await repo.count({ where: key })) > 0) continue;
    await repo.save(
      repo.create({
        ...key,
        kind: TransactionRiskAlertKind.DISHONEST_LIST,
        level: TransactionRiskLevel.HIGH,
        consumerMessage: `该经营者已被列入${LIST_NAMES[listing.listKind]}（${listing.decisionNumber}），请谨慎交易`,
        issuedOn: from,
        expiresOn: addDays(addMonths(from, months), -1),
      }),
    );
    shown += 1;
  }
  if (shown > 0) {
    await emit('JointMeasureChange', alertFeedback(listing, 'APPLIED', from));
    // The alert's term is fixed when it is shown: its end is reported now, so market regulation sees it end on
    // that day even when no removal comes first (an earlier removal's LIFTED moves the end earlier).
    await emit('JointMeasureChange', alertFeedback(listing, 'LIFTED', addMonths(from, months)));
  }
}

/** Ends the listing's alerts: the last day shown becomes the day before the removal. */
async function endAlerts(manager: EntityManager, listing: ReceivedListing, from: string, emit: FeedbackEmit) {
  const repo = manager.getRepository(TransactionRiskAlert);
  const alerts = await repo.find({
    where: { operatorUscc: listing.operatorUscc, basisListKind: listing.listKind, basisDecisionNumber: listing.decisionNumber },
  });
  const lastDay = addDays(from, -1);
  const open = alerts.filter((a) => a.expiresOn > lastDay);
  for (const alert of open) {
    alert.expiresOn = lastDay;
    await repo.save(alert);
  }
  if (open.length > 0) await emit('JointMeasureChange', alertFeedback(listing, 'LIFTED', from));
}

/**
 * Commerce's consumer of CreditListChange: records the listing in its basis register; on LISTED restricts
 * government funding and procurement and shows a public DISHONEST_LIST alert on the operator's platforms; on
 * REMOVED/REPAIRED ends them from the removal's date; reports every change back.
 */
export const onCreditListChange: EventHandler<'CreditListChange'> = async (event, manager, emit) => {
  const outcome = await recordListingChange(manager, event);
  if (outcome.effect === 'APPLY') {
    const rules = commerceJointRulesAt(outcome.from);
    await applyMeasureRecords(manager, GovernmentRestriction, 'commerce', outcome.listing, outcome.from,
      rules.measures[outcome.listing.listKind], rules.version, emit);
    const months = rules.dishonestAlertMonths[outcome.listing.listKind];
    if (months) await showAlerts(manager, outcome.listing, outcome.from, months, emit);
  }
  if (outcome.effect === 'LIFT') {
    await liftMeasureRecords(manager, GovernmentRestriction, 'commerce', outcome.listing, outcome.from, commerceMattersOf, emit);
    await endAlerts(manager, outcome.listing, outcome.from, emit);
  }
};
