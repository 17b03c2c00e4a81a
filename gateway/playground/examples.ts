import { readManifest } from '../persisted-operations/manifest';
import { EXAMPLE_OPERATOR, UserGroup } from './roles';

/** A saved operation the playground offers, by the user group that runs it. */
export interface PlaygroundExample {
  group: UserGroup;
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

const uscc = { uscc: EXAMPLE_OPERATOR };

// Copied from the README's "Example queries" (test/unit/gateway/playground-examples.test.ts validates them).
const written: PlaygroundExample[] = [
  {
    group: 'public',
    name: 'What the public sees (riskClass is withheld)',
    query: `query PublicOperator($uscc: UnifiedSocialCreditCode!) {
  operator(uscc: $uscc) {
    uscc name subjectType
    registration { legalRepresentative { name } address districtCode status establishedOn }
    licenses { licenseNumber category validUntil status }
    penalties { decisionNumber violationType categories fineAmount decidedOn publicUntil }
    abnormalOperations { reason listedOn removedOn }
    seriousDishonesty { ground listedOn autoRemovalOn earlyRemovalEligibleOn removedOn }
    customsCredit { current { level effectiveOn rulesVersion } }
    crossBorderRoles { kind regimes qualificationRequired qualificationHeld }
    expressPermit { permitNumber status validUntil }
    paymentLicence { licenceNumber status }
    riskClass { class month }              # GOV_SHARED: null, with an error
  }
}`,
    variables: uscc,
  },
  {
    group: 'agency',
    name: 'Market regulation: listed operators of a district',
    query: `query AgencyListedOperators {
  operators(first: 5, filter: { districtCode: "440106", onSeriousDishonestList: true }) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { uscc name riskClass { class month samplingRatio { minPercent maxPercent } } inspections { inspectedOn result } regulatoryActions { kind takenOn } }
  }
}`,
  },
  {
    group: 'agency',
    name: 'Joint measures in force against an operator',
    query: `query AgencyJointMeasures($uscc: UnifiedSocialCreditCode!) {
  operator(uscc: $uscc) {
    jointMeasures { agency kind basis { listKind decisionNumber } appliedAt liftedAt active }
    restrictions(matter: CREDIT_FINANCING) { restricted measures { agency kind basis { listKind decisionNumber } } }
    inspectionRegime { samplingClass samplingRatio { minPercent maxPercent } onSiteInspectionRequired }
    financingMeasures { kind startsOn liftedOn active basis { listKind reference } }
    governmentRestrictions(activeOnly: true) { kind startsOn basis { listKind decisionNumber } }
    clearanceMeasure { inspectionRateTarget guaranteeRequirement jointMeasureBasis { listKind decisionNumber } }
  }
}`,
    variables: uscc,
  },
  {
    group: 'agency',
    name: 'Customs: rating history and clearance measure',
    query: `query AgencyCustomsCredit($uscc: UnifiedSocialCreditCode!) {
  operator(uscc: $uscc) {
    customsRegistration { customsCode enterpriseType }
    customsCredit { current { level rulesVersion } history { level effectiveOn rulesVersion } dishonestyFindings { ground foundOn } }
    clearanceMeasure { inspectionRateTarget guaranteeRequirement auditFrequency }
    customsPenalties { decisionNumber fine }
  }
}`,
    variables: uscc,
  },
  {
    group: 'platform',
    name: 'Pull credit list changes',
    query: `query PlatformPull($after: String) {
  creditListChanges(after: $after, first: 100) {
    pageInfo { hasNextPage endCursor }
    nodes { id kind action operatorUscc decisionNumber listingDecisionNumber effectiveOn sourceAgency occurredAt }
  }
}`,
    variables: { after: null },
  },
  {
    group: 'platform',
    name: 'May this operator onboard?',
    query: `query PlatformOnboarding($uscc: UnifiedSocialCreditCode!) {
  operator(uscc: $uscc) { restrictions(matter: PLATFORM_ONBOARDING) { restricted measures { agency kind basis { decisionNumber } } } }
}`,
    variables: uscc,
  },
  {
    group: 'operator',
    name: 'Who read my data, and my consents',
    query: `query OperatorAccessLog($uscc: UnifiedSocialCreditCode!) {
  operator(uscc: $uscc) {
    accessLog(first: 10) { nodes { at subject role fields purpose subgraph } }
    consents { evaluatorSubject active expiresAt }
  }
}`,
    variables: uscc,
  },
];

/**
 * Every saved example. Evaluators may run registered operations only, so theirs are the manifest's own texts
 * (operations/evaluator/*.graphql): whatever is registered is offered, nothing else.
 */
export function playgroundExamples(manifestPath?: string): PlaygroundExample[] {
  const evaluator = readManifest(manifestPath)
    .operations.filter((o) => o.name.startsWith('Evaluator'))
    .map((o): PlaygroundExample => ({ group: 'evaluator', name: o.name, query: o.body, variables: uscc }));
  return [...written.slice(0, 1), ...evaluator, ...written.slice(1)];
}
