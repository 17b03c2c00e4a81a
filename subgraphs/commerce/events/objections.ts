import { createObjectionConsumer, type ObjectionRecordTables } from '../../../shared/objections/consumer';
import { commerceCreditSignals } from '../credit-signal';
import { AdvanceCompensationClaim } from '../entities/advance-compensation-claim.entity';
import { CommerceListEntry } from '../entities/commerce-list-entry.entity';
import { PlatformComplaint } from '../entities/platform-complaint.entity';

/** Commerce's records an objection can name, by the evidence kind of its credit signal. */
export const COMMERCE_OBJECTION_RECORDS: ObjectionRecordTables = {
  ADVANCE_COMPENSATION_CLAIM: { entity: AdvanceCompensationClaim },
  COMMERCE_LIST_ENTRY: { entity: CommerceListEntry },
  PLATFORM_COMPLAINT: { entity: PlatformComplaint },
};

/** Commerce as the owner of a record an objection names (marks, withdraws or corrects it; refreshes the signal). */
export const onObjectionChange = createObjectionConsumer({
  agency: 'commerce',
  records: COMMERCE_OBJECTION_RECORDS,
  refresh: (m, usccs, now) => commerceCreditSignals.refresh(m, usccs, now),
});
