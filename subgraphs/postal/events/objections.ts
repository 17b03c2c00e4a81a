import { createObjectionConsumer, type ObjectionRecordTables } from '../../../shared/objections/consumer';
import { postalCreditSignals } from '../credit-signal';
import { EmptyParcelSignal } from '../entities/empty-parcel-signal.entity';
import { ExpressPermit } from '../entities/express-permit.entity';

/** Postal's records an objection can name, by the evidence kind of its credit signal (a permit names its holder). */
export const POSTAL_OBJECTION_RECORDS: ObjectionRecordTables = {
  EMPTY_PARCEL_SIGNAL: { entity: EmptyParcelSignal },
  EXPRESS_PERMIT: { entity: ExpressPermit, owner: 'holderUscc' },
};

/** Postal as the owner of a record an objection names (marks, withdraws or corrects it; refreshes the signal). */
export const onObjectionChange = createObjectionConsumer({
  agency: 'postal',
  records: POSTAL_OBJECTION_RECORDS,
  refresh: (m, usccs, now) => postalCreditSignals.refresh(m, usccs, now),
});
