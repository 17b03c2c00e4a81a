import type { EventHandler } from '../../../shared/events/contract';
import { ReceivedQualification } from '../entities/received-qualification.entity';

/** Who may speak for each qualification: the agency that issues it. */
const ISSUER = { EXPRESS_PERMIT: 'postal', PAYMENT_LICENCE: 'finance' } as const;

/**
 * Customs' consumer of QualificationChange: keeps the latest state of each permit and licence for the cross-border
 * check. A state older than the one held (by the issuer's outbox sequence) changes nothing.
 */
export const onQualificationChange: EventHandler<'QualificationChange'> = async (event, manager) => {
  const change = event.payload;
  if (event.sourceAgency !== ISSUER[change.qualification]) {
    throw new Error(`QualificationChange ${event.id} from ${event.sourceAgency}: only ${ISSUER[change.qualification]} issues ${change.qualification}`);
  }
  const repo = manager.getRepository(ReceivedQualification);
  const held = await repo.findOneBy({ qualification: change.qualification, number: change.number });
  if (held && held.sourceSequence >= event.sequence) return;
  const row = {
    operatorUscc: change.operatorUscc, qualification: change.qualification, number: change.number, status: change.status,
    statusFrom: change.statusFrom, validFrom: change.validFrom, validUntil: change.validUntil,
    sourceSequence: event.sequence, eventId: event.id,
  };
  if (held) await repo.update({ id: held.id }, row);
  else await repo.insert(row);
};
