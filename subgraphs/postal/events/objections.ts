import { createObjectionConsumer, type ObjectionRecordTables } from '../../../shared/objections/consumer';
import { expressPermitChange } from '../../../shared/qualifications/validity';
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
  // A permit's revocation withdrawn: the permit stands again, and customs' cross-border check must learn it.
  onWithdrawn: async (kind, id, _change, manager, emit) => {
    if (kind !== 'EXPRESS_PERMIT') return;
    const permit = await manager.getRepository(ExpressPermit).findOneByOrFail({ id });
    await emit('QualificationChange', expressPermitChange(permit));
  },
});
