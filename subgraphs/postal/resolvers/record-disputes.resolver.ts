import { ShareClass } from '../../../shared/auth/share-class';
import { createDisputedResolver, createObjectionRecordResolver } from '../../../shared/objections/graphql';
import { EmptyParcelSignal } from '../entities/empty-parcel-signal.entity';
import { ExpressPermit } from '../entities/express-permit.entity';
import { Operator } from '../entities/operator';
import { POSTAL_OBJECTION_RECORDS } from '../events/objections';

/** `disputed` on each postal record an objection can name, and the check market regulation makes when filing. */
export const POSTAL_OBJECTION_RESOLVERS = [
  createDisputedResolver(EmptyParcelSignal, 'EMPTY_PARCEL_SIGNAL', ShareClass.GOV_SHARED),
  createDisputedResolver(ExpressPermit, 'EXPRESS_PERMIT', ShareClass.PUBLIC),
  createObjectionRecordResolver(Operator, 'postalRecordForObjection', POSTAL_OBJECTION_RECORDS),
];
