import { ShareClass } from '../../../shared/auth/share-class';
import { createDisputedResolver, createObjectionRecordResolver } from '../../../shared/objections/graphql';
import { CustomsCreditRating } from '../entities/customs-credit-rating.entity';
import { CustomsDishonestyFinding } from '../entities/customs-dishonesty-finding.entity';
import { CustomsPenalty } from '../entities/customs-penalty.entity';
import { Operator } from '../entities/operator';
import { CUSTOMS_OBJECTION_RECORDS } from '../events/objections';

/** `disputed` on each customs record an objection can name, and the check market regulation makes when filing. */
export const CUSTOMS_OBJECTION_RESOLVERS = [
  createDisputedResolver(CustomsPenalty, 'CUSTOMS_PENALTY', ShareClass.PUBLIC),
  createDisputedResolver(CustomsDishonestyFinding, 'CUSTOMS_DISHONESTY_FINDING', ShareClass.GOV_SHARED),
  createDisputedResolver(CustomsCreditRating, 'CUSTOMS_CREDIT_RATING', ShareClass.PUBLIC),
  createObjectionRecordResolver(Operator, 'customsRecordForObjection', CUSTOMS_OBJECTION_RECORDS),
];
