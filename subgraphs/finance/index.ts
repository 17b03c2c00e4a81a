import 'reflect-metadata';
import { DisputedRecord } from '../../shared/objections/disputed-record.entity';
import { onObjectionChange } from './events/objections';
import { FINANCE_OBJECTION_RESOLVERS } from './resolvers/record-disputes.resolver';
import { CREDIT_SIGNAL_REVIEW_INTERVAL_MS } from '../../shared/credit-signal/publish';
import { EVENT_ENTITIES } from '../../shared/events/entities';
import { ReceivedListing } from '../../shared/joint-measures/received-listing.entity';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import { financeCreditSignals } from './credit-signal';
import { CreditAuthorization } from './entities/credit-authorization.entity';
import { FinancingApplication } from './entities/financing-application.entity';
import { FinancingExposure } from './entities/financing-exposure.entity';
import { FinancingMeasure } from './entities/financing-measure.entity';
import { onCreditListChange } from './events/credit-list-change';
import { Operator } from './entities/operator';
import { PaymentLicence } from './entities/payment-licence.entity';
import { createFinanceLoaders, FinanceLoaders } from './loaders';
import { financeMigrations } from './migrations';
import { CreditAuthorizationResolver } from './resolvers/credit-authorization.resolver';
import { FinancingApplicationResolver } from './resolvers/financing-application.resolver';
import { FinancingExposureResolver } from './resolvers/financing-exposure.resolver';
import { FinancingMeasureResolver } from './resolvers/financing-measure.resolver';
import { FinanceOperatorResolver } from './resolvers/operator.resolver';
import { PaymentLicenceResolver } from './resolvers/payment-licence.resolver';
import { seedFinance } from './seed';
import { announceQualificationsOnce } from '../../shared/qualifications/announce';
import { paymentLicenceChange } from '../../shared/qualifications/validity';

/**
 * Local financial regulation (地方金融): joint-punishment financing measures, credit-query authorizations,
 * credit-financing applications through public platforms, aggregated exposure from local financial
 * organizations, and payment licences. It holds no bank loan ledgers.
 */
export const financeSubgraph: SubgraphDefinition<FinanceLoaders> = {
  agency: 'finance',
  resolvers: [
    FinanceOperatorResolver,
    FinancingMeasureResolver,
    CreditAuthorizationResolver,
    FinancingApplicationResolver,
    FinancingExposureResolver,
    PaymentLicenceResolver,
    ...FINANCE_OBJECTION_RESOLVERS,
  ],
  orphanedTypes: [Operator],
  entities: [
    FinancingMeasure, CreditAuthorization, FinancingApplication, FinancingExposure, PaymentLicence, DisputedRecord, ReceivedListing,
    ...EVENT_ENTITIES,
  ],
  migrations: financeMigrations,
  createLoaders: createFinanceLoaders,
  referenceResolvers: {
    // Finance keeps no operator table: a reference is its key, and each field loads its own rows.
    Operator: { __resolveReference: (reference) => ({ uscc: String(reference.uscc) }) },
  },
  seed: seedFinance,
  // Listings pushed by every agency: the basis register, and the financing measures they call for.
  eventHandlers: { CreditListChange: onCreditListChange, ObjectionChange: onObjectionChange },
  // Measures start and end, and exposure reports leave the look-back window, with no write: the sweep republishes.
  // A database older than QualificationChange first tells customs the licences it holds.
  startBackgroundWork: async (options) => {
    await announceQualificationsOnce(options.dataSource, 'finance', async (m) => (await m.find(PaymentLicence)).map(paymentLicenceChange));
    return financeCreditSignals.startReview(CREDIT_SIGNAL_REVIEW_INTERVAL_MS)(options);
  },
  isEmpty: async (db) => {
    for (const entity of [FinancingMeasure, FinancingApplication, FinancingExposure, CreditAuthorization]) {
      if ((await db.getRepository(entity).find({ take: 1 })).length > 0) return false;
    }
    return true;
  },
};
