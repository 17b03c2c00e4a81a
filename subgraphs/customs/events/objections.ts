import { IsNull } from 'typeorm';
import { createObjectionConsumer, type ObjectionRecordTables } from '../../../shared/objections/consumer';
import { findingListChange } from '../credit-events';
import { customsCreditSignals } from '../credit-signal';
import { CustomsCreditRating } from '../entities/customs-credit-rating.entity';
import { CustomsDishonestyFinding } from '../entities/customs-dishonesty-finding.entity';
import { CustomsPenalty } from '../entities/customs-penalty.entity';
import { CustomsDishonestyRemovalKind } from '../entities/enums';

/** Customs' records an objection can name, by the evidence kind of its credit signal. */
export const CUSTOMS_OBJECTION_RECORDS: ObjectionRecordTables = {
  CUSTOMS_PENALTY: { entity: CustomsPenalty },
  CUSTOMS_DISHONESTY_FINDING: { entity: CustomsDishonestyFinding },
  CUSTOMS_CREDIT_RATING: { entity: CustomsCreditRating },
};

/**
 * Customs as the owner of a record an objection names. A dishonesty finding withdrawn while it stands also ends that
 * day as CORRECTED (撤销/更正) by a decision naming the objection, and its REMOVED event lifts every agency's measures.
 */
export const onObjectionChange = createObjectionConsumer({
  agency: 'customs',
  records: CUSTOMS_OBJECTION_RECORDS,
  refresh: (m, usccs, now) => customsCreditSignals.refresh(m, usccs, now),
  onWithdrawn: async (kind, id, change, m, emit) => {
    if (kind !== 'CUSTOMS_DISHONESTY_FINDING') return;
    const repo = m.getRepository(CustomsDishonestyFinding);
    const finding = await repo.findOneBy({ id, removedOn: IsNull() });
    if (!finding) return;
    const removal = {
      kind: CustomsDishonestyRemovalKind.CORRECTED,
      decisionNumber: `异议撤销-O${change.objectionId}-F${id}`,
      removedOn: change.decidedOn as string,
      decidingAuthority: finding.decidingAuthority ?? 'customs',
    };
    await repo.update({ id }, {
      removedOn: removal.removedOn, removalKind: removal.kind, removalDecisionNumber: removal.decisionNumber,
      removalDecidingAuthority: removal.decidingAuthority, removalReason: `Withdrawn on objection ${change.objectionId}`.slice(0, 300),
    });
    await emit('CreditListChange', findingListChange(finding, removal));
  },
});
