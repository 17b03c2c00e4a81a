import { readDeclarations } from '../../../shared/auth/field-guard';
import { ShareClass } from '../../../shared/auth/share-class';
import { buildFederatedSchema } from '../../../shared/subgraph/build-schema';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';

/** The non-public fields of the market-regulation subgraph and how they are declared; everything else is PUBLIC. */
const PLATFORMS = { platforms: true };
const NON_PUBLIC: Record<string, [ShareClass, Record<string, unknown>?]> = {
  'LegalRepresentative.idNumber': [ShareClass.PII, { mask: 'ID_NUMBER' }],
  'LegalRepresentative.phone': [ShareClass.PII, { mask: 'PHONE' }],
  'MarketRegulationPenalty.responsiblePersonName': [ShareClass.PII, { mask: 'PERSON_NAME' }],
  'MarketRegulationPlatformRegistration.contactPhone': [ShareClass.PII, { mask: 'PHONE' }],
  'MarketRegulationPenalty.caseHandlerNote': [ShareClass.AGENCY_PRIVATE],
  'Operator.riskClass': [ShareClass.GOV_SHARED, PLATFORMS],
  'Operator.riskClassHistory': [ShareClass.GOV_SHARED, PLATFORMS],
  'Operator.regulatoryActions': [ShareClass.GOV_SHARED, PLATFORMS],
  'Operator.platformRegistrations': [ShareClass.GOV_SHARED, PLATFORMS],
  'Operator.inspections': [ShareClass.GOV_SHARED],
  'Operator.storefrontDisclosureChecks': [ShareClass.GOV_SHARED],
  // The credit loop (issue 8): agencies read the feedback; a platform asks restrictions about its own operators.
  'Operator.jointMeasures': [ShareClass.GOV_SHARED],
  'Operator.restrictions': [ShareClass.GOV_SHARED, PLATFORMS],
  'Operator.inspectionRegime': [ShareClass.GOV_SHARED, PLATFORMS],
  'DoubleRandomInspection.findings': [ShareClass.AGENCY_PRIVATE],
  // The procedure of a listing decision: case details, not published with the decision.
  'SeriousDishonestListing.priorNoticeOn': [ShareClass.GOV_SHARED],
  'SeriousDishonestListing.statementOfDefenceDeadline': [ShareClass.GOV_SHARED],
  'SeriousDishonestListing.defenceHeardOn': [ShareClass.GOV_SHARED],
  'SeriousDishonestListing.harmRemoval': [ShareClass.GOV_SHARED],
  // Hosted here from shared/access-control: the operator's own business and token administration.
  'Operator.accessLog': [ShareClass.SELF_SERVICE],
  'Operator.consents': [ShareClass.SELF_SERVICE],
  'Mutation.grantConsent': [ShareClass.SELF_SERVICE],
  'Mutation.revokeConsent': [ShareClass.SELF_SERVICE],
  'Mutation.revokeToken': [ShareClass.ADMIN],
  // The credit-list feed (issue 8): agencies, admins and every platform; who acknowledged is for agencies.
  'Query.creditListChanges': [ShareClass.CREDIT_LIST_FEED, PLATFORMS],
  'Query.creditListChange': [ShareClass.CREDIT_LIST_FEED, PLATFORMS],
  'Mutation.acknowledgeCreditListChanges': [ShareClass.CREDIT_LIST_FEED, PLATFORMS],
  'CreditListChange.deliveries': [ShareClass.GOV_SHARED],
  // Regulatory actions against platforms' operating companies (issue 9) are for agencies.
  'Query.platformRegulatoryActions': [ShareClass.GOV_SHARED],
  'Query.overduePlatformVerifications': [ShareClass.GOV_SHARED, PLATFORMS],
  // A draw is published (一公开); its roster, and whom it drew until inspected, are for agencies (issue 9).
  'InspectionDraw.roster': [ShareClass.GOV_SHARED],
  'InspectionDraw.selections': [ShareClass.GOV_SHARED],
  'Platform.regulatoryActions': [ShareClass.GOV_SHARED],
  // Cases other agencies referred to market regulation (issue 9).
  'Operator.referrals': [ShareClass.GOV_SHARED],
  // Objections (issue 10): the register is for agencies and the operator; filing and deciding check the caller in
  // the resolver (its own records; the owning agency's write scope). A withdrawal is not published.
  'Operator.objections': [ShareClass.GOV_SHARED],
  'Mutation.fileObjection': [ShareClass.GOV_SHARED],
  'Mutation.decideObjection': [ShareClass.GOV_SHARED],
  'MarketRegulationPenalty.withdrawnOn': [ShareClass.GOV_SHARED],
  'MarketRegulationPenalty.withdrawalReason': [ShareClass.GOV_SHARED],
  'SeriousDishonestListing.withdrawnOn': [ShareClass.GOV_SHARED],
  'SeriousDishonestListing.withdrawalReason': [ShareClass.GOV_SHARED],
  'AbnormalOperationListing.withdrawnOn': [ShareClass.GOV_SHARED],
  'AbnormalOperationListing.withdrawalReason': [ShareClass.GOV_SHARED],
  'QualitySpotCheck.withdrawnOn': [ShareClass.GOV_SHARED],
  'QualitySpotCheck.withdrawalReason': [ShareClass.GOV_SHARED],
  // The comprehensive assessment (issue 9): score, grade, model and time are public; what it rests on is not.
  'Operator.marketRegulationCreditSignal': [ShareClass.GOV_SHARED],
  'CreditAssessment.factors': [ShareClass.AUTHORIZED_QUERY],
  'CreditAssessment.caps': [ShareClass.AUTHORIZED_QUERY],
  'CreditAssessment.signals': [ShareClass.AUTHORIZED_QUERY],
  // Credit repair (issue 10): the operator applies for its own records (the resolver checks whose), agencies see them.
  'Operator.creditRepairApplications': [ShareClass.GOV_SHARED],
  'Mutation.applyForCreditRepair': [ShareClass.GOV_SHARED],
  // Subjects exempt from registration (issue 10 part 5): the shop is public, the natural person behind it is personal
  // information, and the supervision record (and why registration is now required) is for agencies.
  'ExemptSubject.personName': [ShareClass.PII, { mask: 'PERSON_NAME' }],
  'ExemptSubject.idNumber': [ShareClass.PII, { mask: 'ID_NUMBER' }],
  'ExemptSubject.contact': [ShareClass.PII, { mask: 'PHONE' }],
  'ExemptSubject.registrationRequiredReason': [ShareClass.GOV_SHARED],
  'ExemptSubject.regulatoryActions': [ShareClass.GOV_SHARED],
  'ExemptSubject.storefrontDisclosureChecks': [ShareClass.GOV_SHARED],
};
/** Types whose every field has one class. */
const TYPES: Record<string, [ShareClass, Record<string, unknown>?]> = {
  MarketRegulationRiskClassification: [ShareClass.GOV_SHARED, PLATFORMS],
  MarketRegulationSamplingRatio: [ShareClass.GOV_SHARED, PLATFORMS],
  MarketRegulationAction: [ShareClass.GOV_SHARED, PLATFORMS],
  MarketRegulationPlatformRegistration: [ShareClass.GOV_SHARED, PLATFORMS],
  DoubleRandomInspection: [ShareClass.GOV_SHARED],
  StorefrontDisclosureCheck: [ShareClass.GOV_SHARED],
  JointMeasure: [ShareClass.GOV_SHARED],
  JointMeasureBasis: [ShareClass.GOV_SHARED, PLATFORMS],
  OperatorRestrictions: [ShareClass.GOV_SHARED, PLATFORMS],
  RestrictingMeasure: [ShareClass.GOV_SHARED, PLATFORMS],
  MarketRegulationInspectionRegime: [ShareClass.GOV_SHARED, PLATFORMS],
  AccessLogEntry: [ShareClass.SELF_SERVICE],
  OperatorConsent: [ShareClass.SELF_SERVICE],
  TokenRevocation: [ShareClass.ADMIN],
  CreditListChange: [ShareClass.CREDIT_LIST_FEED, PLATFORMS],
  CreditListAcknowledgement: [ShareClass.CREDIT_LIST_FEED, PLATFORMS],
  CreditListDelivery: [ShareClass.GOV_SHARED],
  PlatformRestriction: [ShareClass.CREDIT_LIST_FEED, PLATFORMS],
  InspectionDrawSelection: [ShareClass.GOV_SHARED],
  Referral: [ShareClass.GOV_SHARED],
  ReferralReference: [ShareClass.GOV_SHARED],
  Objection: [ShareClass.GOV_SHARED],
  CreditRepairApplication: [ShareClass.GOV_SHARED],
  CreditRepairConditionResult: [ShareClass.GOV_SHARED],
};

describe('market-regulation access declarations', () => {
  let declarations: ReturnType<typeof readDeclarations>;
  beforeAll(async () => {
    declarations = readDeclarations((await buildFederatedSchema(marketRegulationSubgraph)).schema);
  });

  it('declares every field', () => {
    expect(declarations.undeclared).toEqual([]);
    expect(declarations.declarations.length).toBeGreaterThan(100);
  });

  function expected(coordinate: string): [ShareClass, Record<string, unknown>?] {
    const [type, field] = coordinate.split('.');
    if (type === 'Mutation') {
      if (NON_PUBLIC[coordinate]) return NON_PUBLIC[coordinate];
      const platformReport = field === 'recordPlatformVerificationReport' || field === 'reportPlatformRestriction';
      return [ShareClass.AGENCY_WRITE, platformReport ? PLATFORMS : undefined];
    }
    return NON_PUBLIC[coordinate] ?? TYPES[type] ?? [ShareClass.PUBLIC];
  }

  it('gives each field its share class', () => {
    for (const d of declarations.declarations) {
      const [shareClass, options = {}] = expected(d.coordinate);
      expect({ coordinate: d.coordinate, shareClass: d.shareClass }).toEqual({ coordinate: d.coordinate, shareClass });
      if (options.mask) expect(d.mask).toBe(options.mask);
      const platformScope = (d.scopes ?? []).some((set) => set.includes('platform:in-platform'));
      expect({ coordinate: d.coordinate, platforms: platformScope }).toEqual({ coordinate: d.coordinate, platforms: Boolean(options.platforms) });
    }
    const classOf = (c: string) => declarations.declarations.find((d) => d.coordinate === c)?.shareClass;
    for (const c of Object.keys(NON_PUBLIC)) expect([c, classOf(c)]).toEqual([c, NON_PUBLIC[c][0]]);
  });

  it('names market regulation as the owner of its private fields and mutations', () => {
    for (const d of declarations.declarations) {
      if (d.shareClass === ShareClass.AGENCY_PRIVATE) expect(d.scopes).toEqual([['agency:market-regulation'], ['admin']]);
      if (d.shareClass === ShareClass.AGENCY_WRITE) expect(d.scopes?.[0]).toEqual(['market-regulation:write']);
      // Customs decides the repair of its own findings there (the resolver checks whose record it is).
      if (d.coordinate === 'Mutation.decideCreditRepair') expect(d.scopes).toEqual([['market-regulation:write'], ['customs:write']]);
      else if (d.shareClass === ShareClass.AGENCY_WRITE) expect(d.scopes?.every((set) => set[0] === 'market-regulation:write' || set[0] === 'platform:in-platform')).toBe(true);
      if (d.coordinate.startsWith('Mutation.') && d.shareClass !== ShareClass.AGENCY_WRITE) {
        expect([
          'Mutation.grantConsent', 'Mutation.revokeConsent', 'Mutation.revokeToken', 'Mutation.acknowledgeCreditListChanges',
          'Mutation.fileObjection', 'Mutation.decideObjection', 'Mutation.applyForCreditRepair',
        ])
          .toContain(d.coordinate);
      }
    }
    const queries = declarations.declarations.filter((d) => d.coordinate.startsWith('Query.'));
    expect(queries.map((q) => [q.coordinate, q.shareClass])).toEqual(
      expect.arrayContaining([['Query.operator', ShareClass.PUBLIC], ['Query.operators', ShareClass.PUBLIC]]),
    );
  });

  it('keeps non-public fields of public types nullable, so a denied field nulls only itself', async () => {
    const { schema } = await buildFederatedSchema(marketRegulationSubgraph);
    for (const d of declarations.declarations) {
      if (d.shareClass === ShareClass.PUBLIC || d.shareClass === ShareClass.AGENCY_WRITE) continue;
      const [type, field] = d.coordinate.split('.');
      if (TYPES[type]) continue; // inside a non-public type: the field that leads there is nullable
      if (type === 'Mutation') continue; // a mutation has no public siblings to protect
      const fieldType = (schema.getType(type) as import('graphql').GraphQLObjectType).getFields()[field].type;
      expect([d.coordinate, String(fieldType).endsWith('!')]).toEqual([d.coordinate, false]);
    }
  });
});
