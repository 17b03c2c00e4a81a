import 'reflect-metadata';
import { DisputedRecord } from '../../shared/objections/disputed-record.entity';
import { onObjectionChange } from './events/objections';
import { POSTAL_OBJECTION_RESOLVERS } from './resolvers/record-disputes.resolver';
import { CREDIT_SIGNAL_REVIEW_INTERVAL_MS } from '../../shared/credit-signal/publish';
import { EVENT_ENTITIES } from '../../shared/events/entities';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import { postalCreditSignals } from './credit-signal';
import { EmptyParcelSignal } from './entities/empty-parcel-signal.entity';
import { ExpressCarrier } from './entities/express-carrier.entity';
import { ExpressCarrierCreditGrade } from './entities/express-carrier-credit.entity';
import { ExpressPermit, ExpressPermitBranch } from './entities/express-permit.entity';
import { ExpressSupervisionMeasure } from './entities/express-supervision-measure.entity';
import { Operator } from './entities/operator';
import { ParcelStatistic } from './entities/parcel-statistic.entity';
import { PostalComplaint } from './entities/postal-complaint.entity';
import { postalEventHandlers } from './events/handlers';
import { createPostalLoaders, PostalLoaders } from './loaders';
import { postalMigrations } from './migrations';
import { EmptyParcelSignalResolver } from './resolvers/empty-parcel-signal.resolver';
import { ExpressCarrierCreditGradeResolver, ExpressCarrierResolver } from './resolvers/express-carrier.resolver';
import { ExpressSupervisionMeasureResolver, ExpressSupervisionOperatorResolver } from './resolvers/express-supervision.resolver';
import { ExpressPermitResolver } from './resolvers/express-permit.resolver';
import { PostalOperatorResolver } from './resolvers/operator.resolver';
import { ParcelStatisticResolver } from './resolvers/parcel-statistic.resolver';
import { PostalComplaintResolver } from './resolvers/postal-complaint.resolver';
import { seedPostal } from './seed';
import { announceQualificationsOnce } from '../../shared/qualifications/announce';
import { expressPermitChange } from '../../shared/qualifications/validity';

/**
 * Postal administration (邮政管理): express business permits, express company credit grades, postal
 * complaints, parcel volume statistics and empty-parcel (空包) signals.
 */
export const postalSubgraph: SubgraphDefinition<PostalLoaders> = {
  agency: 'postal',
  resolvers: [
    PostalOperatorResolver,
    ExpressPermitResolver,
    ExpressCarrierResolver,
    ExpressCarrierCreditGradeResolver,
    PostalComplaintResolver,
    ParcelStatisticResolver,
    EmptyParcelSignalResolver,
    ExpressSupervisionOperatorResolver,
    ExpressSupervisionMeasureResolver,
    ...POSTAL_OBJECTION_RESOLVERS,
  ],
  orphanedTypes: [Operator],
  entities: [
    DisputedRecord,
    ExpressCarrier,
    ExpressCarrierCreditGrade,
    ExpressPermit,
    ExpressPermitBranch,
    PostalComplaint,
    ParcelStatistic,
    EmptyParcelSignal,
    ExpressSupervisionMeasure,
    // The credit events: this agency's outbox and the events it has applied (shared/events).
    ...EVENT_ENTITIES,
  ],
  migrations: postalMigrations,
  createLoaders: createPostalLoaders,
  referenceResolvers: {
    // Postal keeps no operator table: a reference is its key, and each field loads its own rows in batches.
    Operator: { __resolveReference: (reference) => ({ uscc: String(reference.uscc) }) },
  },
  seed: seedPostal,
  // Stricter supervision of a listed permit holder's express business, reported back as feedback.
  eventHandlers: { ...postalEventHandlers, ObjectionChange: onObjectionChange },
  // Signals that time alone changed (a look-back window ended) are derived again and published.
  // A database older than QualificationChange first tells customs the permits it holds.
  startBackgroundWork: async (options) => {
    await announceQualificationsOnce(options.dataSource, 'postal', async (m) => (await m.find(ExpressPermit)).map(expressPermitChange));
    return postalCreditSignals.startReview(CREDIT_SIGNAL_REVIEW_INTERVAL_MS)(options);
  },
  isEmpty: async (db) => (await db.getRepository(ExpressCarrier).count({ take: 1 })) === 0,
};
