import { ShareClass } from '../../../shared/auth/share-class';
import { createDisputedResolver, createObjectionRecordResolver } from '../../../shared/objections/graphql';
import { AdvanceCompensationClaim } from '../entities/advance-compensation-claim.entity';
import { CommerceListEntry } from '../entities/commerce-list-entry.entity';
import { Operator } from '../entities/operator';
import { PlatformComplaint } from '../entities/platform-complaint.entity';
import { COMMERCE_OBJECTION_RECORDS } from '../events/objections';

/** `disputed` on each commerce record an objection can name, and the check market regulation makes when filing. */
export const COMMERCE_OBJECTION_RESOLVERS = [
  createDisputedResolver(AdvanceCompensationClaim, 'ADVANCE_COMPENSATION_CLAIM', ShareClass.GOV_SHARED, { platforms: true }),
  createDisputedResolver(CommerceListEntry, 'COMMERCE_LIST_ENTRY', ShareClass.PUBLIC),
  createDisputedResolver(PlatformComplaint, 'PLATFORM_COMPLAINT', ShareClass.GOV_SHARED, { platforms: true }),
  createObjectionRecordResolver(Operator, 'commerceRecordForObjection', COMMERCE_OBJECTION_RECORDS),
];
