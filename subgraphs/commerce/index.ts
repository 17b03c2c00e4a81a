import 'reflect-metadata';
import { DisputedRecord } from '../../shared/objections/disputed-record.entity';
import { onObjectionChange } from './events/objections';
import { COMMERCE_OBJECTION_RESOLVERS } from './resolvers/record-disputes.resolver';
import { CREDIT_SIGNAL_REVIEW_INTERVAL_MS } from '../../shared/credit-signal/publish';
import { EVENT_ENTITIES } from '../../shared/events/entities';
import { ReceivedListing } from '../../shared/joint-measures/received-listing.entity';
import { findByKeys } from '../../shared/subgraph/loaders';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import { AdvanceCompensationClaim } from './entities/advance-compensation-claim.entity';
import { GovernmentRestriction } from './entities/government-restriction.entity';
import { CommerceListEntry } from './entities/commerce-list-entry.entity';
import { ConsumerReview, ConsumerReviewStatusChange } from './entities/consumer-review.entity';
import { EcommerceMonthlyStatistic } from './entities/ecommerce-monthly-statistic.entity';
import { Operator } from './entities/operator';
import { OperatorCreditEvaluation } from './entities/operator-credit-evaluation.entity';
import { PlatformComplaint } from './entities/platform-complaint.entity';
import { PlatformRuleDocument } from './entities/platform-rule-document.entity';
import { Platform } from './entities/platform.entity';
import { Storefront } from './entities/storefront.entity';
import { TransactionRiskAlert } from './entities/transaction-risk-alert.entity';
import { ViolationLead } from './entities/violation-lead.entity';
import { onCreditListChange } from './events/credit-list-change';
import { commerceCreditSignals } from './credit-signal';
import { CommerceLoaders, createCommerceLoaders } from './loaders';
import { commerceMigrations } from './migrations';
import { AdvanceCompensationResolver } from './resolvers/advance-compensation.resolver';
import { CommerceListEntryResolver } from './resolvers/commerce-list.resolver';
import { ConsumerReviewResolver } from './resolvers/consumer-review.resolver';
import { OperatorCreditEvaluationResolver } from './resolvers/credit-evaluation.resolver';
import { CommerceOperatorResolver, ConsumerReviewPlatformStatsResolver } from './resolvers/operator.resolver';
import { GovernmentRestrictionResolver } from './resolvers/government-restriction.resolver';
import { PlatformComplaintOperatorResolver, PlatformComplaintResolver } from './resolvers/platform-complaint.resolver';
import { PlatformResolver } from './resolvers/platform.resolver';
import { TransactionRiskAlertResolver } from './resolvers/risk-alert.resolver';
import { EcommerceStatisticsResolver } from './resolvers/statistics.resolver';
import { StorefrontResolver } from './resolvers/storefront.resolver';
import { ViolationLeadResolver } from './resolvers/violation-lead.resolver';
import { seedCommerce } from './seed';

/** Commerce (商务): platforms, their rules, reviews, evaluations, alerts and compensation. */
export const commerceSubgraph: SubgraphDefinition<CommerceLoaders> = {
  agency: 'commerce',
  resolvers: [
    CommerceOperatorResolver,
    ConsumerReviewPlatformStatsResolver,
    PlatformResolver,
    StorefrontResolver,
    ConsumerReviewResolver,
    OperatorCreditEvaluationResolver,
    TransactionRiskAlertResolver,
    AdvanceCompensationResolver,
    CommerceListEntryResolver,
    EcommerceStatisticsResolver,
    GovernmentRestrictionResolver,
    PlatformComplaintResolver,
    PlatformComplaintOperatorResolver,
    ViolationLeadResolver,
    ...COMMERCE_OBJECTION_RESOLVERS,
  ],
  orphanedTypes: [Operator],
  entities: [
    DisputedRecord,
    Platform,
    PlatformRuleDocument,
    Storefront,
    ConsumerReview,
    ConsumerReviewStatusChange,
    OperatorCreditEvaluation,
    TransactionRiskAlert,
    AdvanceCompensationClaim,
    CommerceListEntry,
    EcommerceMonthlyStatistic,
    // The credit events: this agency's outbox and the events it has applied (shared/events).
    ...EVENT_ENTITIES,
    GovernmentRestriction,
    ReceivedListing,
    PlatformComplaint,
    ViolationLead,
  ],
  migrations: commerceMigrations,
  createLoaders: createCommerceLoaders,
  referenceResolvers: {
    // Commerce keeps no operator table: a reference is its key, and each field loads its own rows.
    Operator: { __resolveReference: (reference) => ({ uscc: String(reference.uscc) }) },
    Platform: {
      __resolveReference: (reference, ctx) => ctx.loaders.platformById.load(String(reference.id)),
    },
  },
  seed: seedCommerce,
  // A platform's in-platform operators: those with a storefront on it in commerce's own registry, which platforms
  // cannot write. Platform tokens read the records they reported (reviews, claims, complaints, leads) through it.
  platformMembers: async (db, platformId, usccs) => {
    if (usccs.length === 0) return new Set<string>();
    const rows = await findByKeys(db, Storefront, 'operatorUscc', usccs, { where: { platformId } });
    return new Set(rows.map((r) => r.operatorUscc));
  },
  // Listings pushed by every agency: the basis register, funding and procurement restrictions, the public alert.
  eventHandlers: { CreditListChange: onCreditListChange, ObjectionChange: onObjectionChange },
  // Signals that time alone changes (a look-back window or a list period ends) are derived and published again.
  startBackgroundWork: commerceCreditSignals.startReview(CREDIT_SIGNAL_REVIEW_INTERVAL_MS),
  // The statistics are seeded last (see seed.ts).
  isEmpty: async (db) => (await db.getRepository(EcommerceMonthlyStatistic).count({ take: 1 })) === 0,
};
