import 'reflect-metadata';
import { createAccessControlResolvers } from '../../shared/access-control/graphql';
import { EVENT_ENTITIES } from '../../shared/events/entities';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import { AbnormalOperationListing } from './entities/abnormal-operation-listing.entity';
import { AdministrativeLicense } from './entities/administrative-license.entity';
import { AdministrativePenalty } from './entities/administrative-penalty.entity';
import { CreditListAcknowledgement } from './entities/credit-list-acknowledgement.entity';
import { CreditListChangeRecord } from './entities/credit-list-change.entity';
import { DoubleRandomInspection } from './entities/double-random-inspection.entity';
import { ExemptSubject } from './entities/exempt-subject.entity';
import { InspectionDraw, InspectionDrawSelection } from './entities/inspection-draw.entity';
import { JointMeasure } from './entities/joint-measure.entity';
import { MarketRegulationMeasure } from './entities/market-regulation-measure.entity';
import { Objection } from './entities/objection.entity';
import { Operator } from './entities/operator.entity';
import { PlatformRegistration } from './entities/platform-registration.entity';
import { PlatformRestriction } from './entities/platform-restriction.entity';
import { QualitySpotCheck } from './entities/quality-spot-check.entity';
import { ReferralCase } from './entities/referral-case.entity';
import { RegulatoryAction } from './entities/regulatory-action.entity';
import { RiskClassification } from './entities/risk-classification.entity';
import { SeriousDishonestListing } from './entities/serious-dishonest-listing.entity';
import { StorefrontDisclosureCheck } from './entities/storefront-disclosure-check.entity';
import { recordCreditListChangeInFeed } from './events/feed';
import { applyCreditListChange, recordJointMeasureChange } from './events/handlers';
import { openReferralCase } from './events/referrals';
import { applyObjectionChange } from './events/objections';
import { ObjectionResolver, ObjectionsOperatorResolver } from './resolvers/objections.resolver';
import {
  AbnormalListingDisputeResolver, PenaltyDisputeResolver, SeriousListingDisputeResolver, SpotCheckDisputeResolver,
} from './resolvers/record-disputes.resolver';
import { startListExpirySweeper } from './events/list-expiry';
import { allBackgroundWork } from '../../shared/subgraph/background-work';
import { CREDIT_SIGNAL_REVIEW_INTERVAL_MS } from '../../shared/credit-signal/publish';
import { onCreditSignalChange, startAssessmentSweep } from './credit-assessment';
import { marketRegulationCreditSignals } from './credit-signal';
import { CreditAssessment } from './entities/credit-assessment.entity';
import { CreditRepairApplication } from './entities/credit-repair-application.entity';
import { CreditRepairOperatorResolver, CreditRepairResolver } from './resolvers/credit-repair.resolver';
import { ReceivedCreditSignal } from './entities/received-credit-signal.entity';
import { CreditAssessmentDocumentsResolver, CreditAssessmentOperatorResolver } from './resolvers/credit-assessment.resolver';
import { createMarketRegulationLoaders, MarketRegulationLoaders } from './loaders';
import { marketRegulationMigrations } from './migrations';
import { CreditListFeedResolver } from './resolvers/feed.resolver';
import { ExemptSubjectResolver, RegulatoryActionExemptSubjectResolver } from './resolvers/exempt-subjects.resolver';
import { MarketRegulationMutationResolver } from './resolvers/mutations.resolver';
import { InspectionDrawResolver } from './resolvers/inspection-draws.resolver';
import { JointMeasureResolver, JointMeasuresOperatorResolver } from './resolvers/joint-measures.resolver';
import { ReferralResolver, ReferralsOperatorResolver } from './resolvers/referrals.resolver';
import { OperatorResolver } from './resolvers/operator.resolver';
import {
  AbnormalListingResolver, LicenseResolver, operatorLinkResolvers, PenaltyResolver, PlatformRegistrationResolver,
  RiskClassificationResolver, SeriousListingResolver,
} from './resolvers/records.resolver';
import {
  PlatformRegulatoryActionsResolver, RegulatoryActionPlatformResolver, SupervisionRecordsResolver,
} from './resolvers/supervision-records.resolver';
import { seedMarketRegulation } from './seed';

/** Market regulation (市场监管): home of the operator's registration and the regulator's lists. */
export const marketRegulationSubgraph: SubgraphDefinition<MarketRegulationLoaders> = {
  agency: 'market-regulation',
  resolvers: [
    OperatorResolver,
    MarketRegulationMutationResolver,
    PenaltyResolver,
    LicenseResolver,
    AbnormalListingResolver,
    SeriousListingResolver,
    RiskClassificationResolver,
    PlatformRegistrationResolver,
    CreditListFeedResolver,
    JointMeasuresOperatorResolver,
    JointMeasureResolver,
    InspectionDrawResolver,
    SupervisionRecordsResolver,
    PlatformRegulatoryActionsResolver,
    RegulatoryActionPlatformResolver,
    ReferralsOperatorResolver,
    ReferralResolver,
    CreditAssessmentOperatorResolver,
    CreditAssessmentDocumentsResolver,
    ObjectionsOperatorResolver,
    ObjectionResolver,
    PenaltyDisputeResolver,
    SeriousListingDisputeResolver,
    AbnormalListingDisputeResolver,
    SpotCheckDisputeResolver,
    CreditRepairResolver,
    CreditRepairOperatorResolver,
    // Subjects exempt from registration (issue 10 part 5).
    ExemptSubjectResolver,
    RegulatoryActionExemptSubjectResolver,
    ...operatorLinkResolvers,
    // The operator's own business with the system (access log, consents) and token revocation live here,
    // at the home of the operator.
    ...createAccessControlResolvers(Operator),
  ],
  entities: [
    Operator,
    AdministrativePenalty,
    AdministrativeLicense,
    AbnormalOperationListing,
    SeriousDishonestListing,
    RiskClassification,
    StorefrontDisclosureCheck,
    PlatformRegistration,
    DoubleRandomInspection,
    QualitySpotCheck,
    RegulatoryAction,
    CreditListChangeRecord,
    CreditListAcknowledgement,
    PlatformRestriction,
    MarketRegulationMeasure,
    JointMeasure,
    InspectionDraw,
    InspectionDrawSelection,
    ReferralCase,
    Objection,
    ReceivedCreditSignal,
    CreditAssessment,
    CreditRepairApplication,
    ExemptSubject,
    // The credit events: this agency's outbox and the events it has applied (shared/events).
    ...EVENT_ENTITIES,
  ],
  migrations: marketRegulationMigrations,
  createLoaders: createMarketRegulationLoaders,
  referenceResolvers: {
    Operator: {
      __resolveReference: (reference, ctx) => ctx.loaders.operatorByUscc.load(String(reference.uscc)),
    },
    // Sellers exempt from registration have no credit code: their own entity, keyed by their own identifier.
    ExemptSubject: {
      __resolveReference: (reference, ctx) => ctx.loaders.exemptSubjectById.load(String(reference.subjectId)),
    },
    // Commerce owns platforms; market regulation only adds the actions against their operating companies.
    Platform: { __resolveReference: (reference) => ({ id: String(reference.id) }) },
  },
  seed: seedMarketRegulation,
  eventHandlers: {
    // Its own measures on every listing (customs' included), and the credit-list feed of every change (parts 3, 6).
    CreditListChange: async (event, manager, emit, context) => {
      await recordCreditListChangeInFeed(event, manager);
      await applyCreditListChange(event, manager, emit, context);
    },
    // Every agency's feedback into jointMeasures (part 4).
    JointMeasureChange: recordJointMeasureChange,
    // Other agencies' referrals (移送) open cases (issue 9 part 7).
    Referral: openReferralCase,
    // Every agency's credit signal, its own included: the inputs of the assessment and the risk class (parts 1-3).
    CreditSignalChange: onCreditSignalChange,
    // Objections against its own records: withdraw or correct them on an accepted decision (issue 10 part 1).
    ObjectionChange: applyObjectionChange,
  },
  // Records serious-dishonest listings that ended at expiry as removals, with their REMOVED event; publishes signals
  // that time alone changed; moves assessments to a new model version once it takes effect.
  startBackgroundWork: allBackgroundWork(
    startListExpirySweeper,
    marketRegulationCreditSignals.startReview(CREDIT_SIGNAL_REVIEW_INTERVAL_MS),
    startAssessmentSweep(CREDIT_SIGNAL_REVIEW_INTERVAL_MS),
  ),
  isEmpty: async (db) => (await db.getRepository(Operator).count({ take: 1 })) === 0,
  // The platform registry: operators a platform has reported as its in-platform operators (one statement).
  // Every entry was accepted only after commerce's storefront registry showed a storefront of that operator on
  // that platform (recordPlatformVerificationReport; the seed follows the same rule), so a platform cannot make
  // an operator "in-platform" by naming it.
  platformMembers: async (db, platformId, usccs) => {
    if (usccs.length === 0) return new Set<string>();
    const rows = await db
      .getRepository(PlatformRegistration)
      .createQueryBuilder('r')
      .select('DISTINCT r.operatorUscc', 'uscc')
      .where('r.platformId = :platformId', { platformId })
      .andWhere('r.operatorUscc IN (:...usccs)', { usccs: [...usccs] })
      .getRawMany<{ uscc: string }>();
    return new Set(rows.map((r) => r.uscc));
  },
};
