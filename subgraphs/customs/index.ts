import 'reflect-metadata';
import { DisputedRecord } from '../../shared/objections/disputed-record.entity';
import { onObjectionChange } from './events/objections';
import { CUSTOMS_OBJECTION_RESOLVERS } from './resolvers/record-disputes.resolver';
import { CREDIT_SIGNAL_REVIEW_INTERVAL_MS } from '../../shared/credit-signal/publish';
import { EVENT_ENTITIES } from '../../shared/events/entities';
import { ReceivedListing } from '../../shared/joint-measures/received-listing.entity';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import { CrossBorderRole } from './entities/cross-border-role.entity';
import { CustomsCreditRating } from './entities/customs-credit-rating.entity';
import { CustomsDishonestyFinding } from './entities/customs-dishonesty-finding.entity';
import { CustomsJointMeasure } from './entities/customs-joint-measure.entity';
import { CustomsPenalty } from './entities/customs-penalty.entity';
import { CustomsRegistration } from './entities/customs-registration.entity';
import { Operator } from './entities/operator';
import { ReceivedQualification } from './entities/received-qualification.entity';
import { onQualificationChange } from './events/qualification-change';
import { customsCreditSignals } from './credit-signal';
import { onCreditListChange } from './events/credit-list-change';
import { onCreditRepairDecision } from './events/credit-repair-decision';
import { createCustomsLoaders, CustomsLoaders } from './loaders';
import { customsMigrations } from './migrations';
import { CrossBorderRoleResolver } from './resolvers/cross-border-role.resolver';
import { CustomsCreditRepairResolver } from './resolvers/credit-repair.resolver';
import { CustomsCreditRatingResolver, CustomsCreditResolver } from './resolvers/customs-credit.resolver';
import { CustomsDishonestyFindingResolver } from './resolvers/customs-dishonesty-finding.resolver';
import { CustomsJointMeasureResolver } from './resolvers/customs-joint-measure.resolver';
import { CustomsPenaltyResolver } from './resolvers/customs-penalty.resolver';
import { CustomsRegistrationResolver } from './resolvers/customs-registration.resolver';
import { CustomsOperatorResolver } from './resolvers/operator.resolver';
import { seedCustoms } from './seed';

/**
 * Customs (海关): registration with the customs code, credit ratings under versioned rules, dishonesty
 * findings, derived clearance measures, cross-border e-commerce roles and customs penalties.
 */
export const customsSubgraph: SubgraphDefinition<CustomsLoaders> = {
  agency: 'customs',
  resolvers: [
    CustomsOperatorResolver,
    CustomsRegistrationResolver,
    CustomsCreditResolver,
    CustomsCreditRatingResolver,
    CustomsDishonestyFindingResolver,
    CrossBorderRoleResolver,
    CustomsPenaltyResolver,
    CustomsJointMeasureResolver,
    CustomsCreditRepairResolver,
    ...CUSTOMS_OBJECTION_RESOLVERS,
  ],
  orphanedTypes: [Operator],
  entities: [
    DisputedRecord,
    CustomsRegistration, CustomsCreditRating, CustomsDishonestyFinding, CrossBorderRole, CustomsPenalty, CustomsJointMeasure,
    ReceivedListing, ReceivedQualification, ...EVENT_ENTITIES,
  ],
  migrations: customsMigrations,
  createLoaders: createCustomsLoaders,
  referenceResolvers: {
    // Customs keeps no operator table: a reference is its key, and each field loads its own rows in batches.
    Operator: { __resolveReference: (reference) => ({ uscc: String(reference.uscc) }) },
  },
  seed: seedCustoms,
  // Listings pushed by every agency: the basis register, strict clearance review, no advanced certification.
  // Credit repairs of its findings that its staff approved on market regulation's application register; objections
  // to its records filed with market regulation. Express permits and payment licences as postal and finance issue them,
  // for the cross-border check.
  eventHandlers: {
    CreditListChange: onCreditListChange, CreditRepairDecision: onCreditRepairDecision, ObjectionChange: onObjectionChange,
    QualificationChange: onQualificationChange,
  },
  // Publishes signals that time alone changed (a penalty's publicity period ended).
  startBackgroundWork: customsCreditSignals.startReview(CREDIT_SIGNAL_REVIEW_INTERVAL_MS),
  isEmpty: async (db) => (await db.getRepository(CustomsRegistration).count({ take: 1 })) === 0,
};
