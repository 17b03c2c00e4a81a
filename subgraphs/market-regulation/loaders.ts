import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { findByKeys, manyByKey, oneByKey } from '../../shared/subgraph/loaders';
import { AbnormalOperationListing } from './entities/abnormal-operation-listing.entity';
import { AdministrativeLicense } from './entities/administrative-license.entity';
import { AdministrativePenalty } from './entities/administrative-penalty.entity';
import { CreditAssessment } from './entities/credit-assessment.entity';
import { CreditRepairApplication } from './entities/credit-repair-application.entity';
import { JointMeasure } from './entities/joint-measure.entity';
import { MarketRegulationMeasure } from './entities/market-regulation-measure.entity';
import { DoubleRandomInspection } from './entities/double-random-inspection.entity';
import { ExemptSubject } from './entities/exempt-subject.entity';
import { Objection, ObjectionStatus } from './entities/objection.entity';
import { Operator } from './entities/operator.entity';
import { PlatformRegistration } from './entities/platform-registration.entity';
import { QualitySpotCheck } from './entities/quality-spot-check.entity';
import { ReferralCase } from './entities/referral-case.entity';
import { RegulatoryAction } from './entities/regulatory-action.entity';
import { RiskClassification } from './entities/risk-classification.entity';
import { SeriousDishonestListing } from './entities/serious-dishonest-listing.entity';
import { StorefrontDisclosureCheck } from './entities/storefront-disclosure-check.entity';
import { createDeliveriesLoader } from './events/feed';

/** Per-request DataLoaders of the market-regulation subgraph, one per key. Lists are newest first. */
/** An assessment's JSON documents, read only when a request selects them (CreditAssessmentDocumentsResolver). */
export const ASSESSMENT_DOCUMENTS = ['factors', 'caps', 'signals'] as const;

export function createMarketRegulationLoaders(db: DataSource) {
  return {
    operatorByUscc: oneByKey<Operator, string>(db, Operator, 'uscc'),
    creditListDeliveries: createDeliveriesLoader(db),
    penaltyByDecisionNumber: oneByKey<AdministrativePenalty, string>(db, AdministrativePenalty, 'decisionNumber'),
    penaltiesByOperator: manyByKey<AdministrativePenalty, string>(db, AdministrativePenalty, 'operatorUscc', {
      decidedOn: 'DESC', id: 'DESC',
    }),
    licensesByOperator: manyByKey<AdministrativeLicense, string>(db, AdministrativeLicense, 'operatorUscc', {
      validFrom: 'DESC', id: 'DESC',
    }),
    abnormalByOperator: manyByKey<AbnormalOperationListing, string>(db, AbnormalOperationListing, 'operatorUscc', {
      listedOn: 'DESC', id: 'DESC',
    }),
    seriousByOperator: manyByKey<SeriousDishonestListing, string>(db, SeriousDishonestListing, 'operatorUscc', {
      listedOn: 'DESC', id: 'DESC',
    }),
    riskClassesByOperator: manyByKey<RiskClassification, string>(db, RiskClassification, 'operatorUscc', {
      month: 'DESC',
    }),
    disclosureChecksByOperator: manyByKey<StorefrontDisclosureCheck, string>(db, StorefrontDisclosureCheck, 'operatorUscc', {
      checkedAt: 'DESC', id: 'DESC',
    }),
    platformRegistrationsByOperator: manyByKey<PlatformRegistration, string>(db, PlatformRegistration, 'operatorUscc', {
      reportingPeriod: 'DESC', platformId: 'ASC',
    }),
    inspectionsByOperator: manyByKey<DoubleRandomInspection, string>(db, DoubleRandomInspection, 'operatorUscc', {
      inspectedOn: 'DESC', id: 'DESC',
    }),
    spotChecksByOperator: manyByKey<QualitySpotCheck, string>(db, QualitySpotCheck, 'operatorUscc', {
      checkedOn: 'DESC', id: 'DESC',
    }),
    actionsByOperator: manyByKey<RegulatoryAction, string>(db, RegulatoryAction, 'operatorUscc', {
      takenOn: 'DESC', id: 'DESC',
    }),
    actionsByPlatform: manyByKey<RegulatoryAction, string>(db, RegulatoryAction, 'platformId', {
      takenOn: 'DESC', id: 'DESC',
    }),
    jointMeasuresByOperator: manyByKey<JointMeasure, string>(db, JointMeasure, 'operatorUscc', { appliedAt: 'DESC', id: 'DESC' }),
    referralsByOperator: manyByKey<ReferralCase, string>(db, ReferralCase, 'operatorUscc', { receivedAt: 'DESC', id: 'DESC' }),
    objectionsByOperator: manyByKey<Objection, string>(db, Objection, 'operatorUscc', { filedAt: 'DESC', id: 'DESC' }),
    /** `KIND:id` of a market-regulation record → an objection against it is open. One statement per request. */
    recordDisputed: new DataLoader<string, boolean>(async (keys) => {
      const rows = await findByKeys(db, Objection, 'recordId', keys.map((k) => k.split(':')[1]), {
        where: { agency: 'market-regulation', status: ObjectionStatus.FILED },
      });
      const open = new Set(rows.map((r) => `${r.recordKind}:${r.recordId}`));
      return keys.map((k) => open.has(k));
    }),
    inspectionById: oneByKey<DoubleRandomInspection, number>(db, DoubleRandomInspection, 'id'),
    // Without its documents (kilobytes of factors per operator): CreditAssessmentDocumentsResolver reads them by id
    // only when a request selects them.
    currentAssessmentByOperator: oneByKey<CreditAssessment, string>(db, CreditAssessment, 'operatorUscc', { current: true }, [
      ...ASSESSMENT_DOCUMENTS,
    ]),
    assessmentById: oneByKey<CreditAssessment, number>(db, CreditAssessment, 'id'),
    creditRepairApplicationsByOperator: manyByKey<CreditRepairApplication, string>(db, CreditRepairApplication, 'operatorUscc', {
      appliedAt: 'DESC', id: 'DESC',
    }),
    // Subjects exempt from registration (issue 10 part 5), by their own identifier.
    exemptSubjectById: oneByKey<ExemptSubject, string>(db, ExemptSubject, 'subjectId'),
    actionsByExemptSubject: manyByKey<RegulatoryAction, string>(db, RegulatoryAction, 'exemptSubjectId', {
      takenOn: 'DESC', id: 'DESC',
    }),
    disclosureChecksByExemptSubject: manyByKey<StorefrontDisclosureCheck, string>(db, StorefrontDisclosureCheck, 'exemptSubjectId', {
      checkedAt: 'DESC', id: 'DESC',
    }),
    ownMeasuresByOperator: manyByKey<MarketRegulationMeasure, string>(db, MarketRegulationMeasure, 'operatorUscc', { id: 'ASC' }),
  };
}

export type MarketRegulationLoaders = ReturnType<typeof createMarketRegulationLoaders>;
