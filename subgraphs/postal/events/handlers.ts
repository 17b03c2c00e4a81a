import { IsNull } from 'typeorm';
import type { EventHandler, EventHandlers, JointMeasureChange } from '../../../shared/events/contract';
import { ExpressPermit, ExpressPermitStatus } from '../entities/express-permit.entity';
import { ExpressSupervisionMeasure } from '../entities/express-supervision-measure.entity';
import { permitStatusOn } from '../permit-status';
import { postalMeasureFor, STRICTER_EXPRESS_SUPERVISION } from '../rules/joint-measures';
import { chinaMidnight } from '../../../shared/calendar/dates';

const AGENCY = 'postal' as const;

/**
 * Stricter supervision of a listed operator's express business, where it holds a permit valid on the listing's
 * effective date; lifted when the listing is removed or repaired. Each change is reported back as a JointMeasureChange.
 */
export const applyCreditListChange: EventHandler<'CreditListChange'> = async (event, manager, emit) => {
  const change = event.payload;
  const repo = manager.getRepository(ExpressSupervisionMeasure);
  if (change.action === 'LISTED') {
    const { warranted, rulesVersion } = postalMeasureFor(change.kind, change.effectiveOn);
    if (!warranted) return;
    const permits = await manager.getRepository(ExpressPermit).find({
      where: { holderUscc: change.operatorUscc }, order: { validFrom: 'DESC', id: 'DESC' },
    });
    const permit = permits.find((p) => permitStatusOn(p, change.effectiveOn) === ExpressPermitStatus.VALID);
    if (!permit) return; // no express business to supervise
    const key = {
      operatorUscc: change.operatorUscc, kind: STRICTER_EXPRESS_SUPERVISION,
      basisListKind: change.kind, basisDecisionNumber: change.decisionNumber,
    };
    if (await repo.existsBy(key)) return;
    await repo.insert({
      ...key, permitNumber: permit.permitNumber, startsOn: change.effectiveOn, liftedOn: null, liftDecisionNumber: null, rulesVersion,
    });
    await emit('JointMeasureChange', {
      agency: AGENCY, operatorUscc: change.operatorUscc, kind: STRICTER_EXPRESS_SUPERVISION, matters: [],
      basis: { listKind: change.kind, decisionNumber: change.decisionNumber }, action: 'APPLIED', at: chinaMidnight(change.effectiveOn),
    } satisfies JointMeasureChange);
    return;
  }
  const standing = await repo.find({
    where: {
      operatorUscc: change.operatorUscc, basisListKind: change.kind, basisDecisionNumber: change.listingDecisionNumber, liftedOn: IsNull(),
    },
    order: { id: 'ASC' },
  });
  for (const measure of standing) {
    await repo.update({ id: measure.id }, { liftedOn: change.effectiveOn, liftDecisionNumber: change.decisionNumber });
    await emit('JointMeasureChange', {
      agency: AGENCY, operatorUscc: measure.operatorUscc, kind: measure.kind, matters: [],
      basis: { listKind: measure.basisListKind, decisionNumber: measure.basisDecisionNumber }, action: 'LIFTED',
      at: chinaMidnight(change.effectiveOn),
    } satisfies JointMeasureChange);
  }
};

export const postalEventHandlers: EventHandlers = { CreditListChange: applyCreditListChange };
