import { loadConfig } from '../../../shared/config/config';
import { createSeedPlan } from '../../../shared/seed/seed-plan';

/** Request time of the tests: the seed's reference day (2026-11-01) plus one, in China Standard Time. */
export const NOW = new Date('2026-11-02T04:00:00.000Z');
export const TODAY = '2026-11-02';

/** The same plan the harness seeds from, so tests know which operator is which. */
export function seedPlan(operators: number) {
  return createSeedPlan({ seed: loadConfig().seed, operators });
}

export const OPERATOR_FIELDS = `
  uscc name subjectType
  registration { legalRepresentative { name idNumber phone } registeredCapital address districtCode status establishedOn registrationAuthority }
  licenses { id documentNumber category certificateName licenseNumber content validFrom validUntil authority status }
  penalties { id decisionNumber violationType facts legalBasis categories fineAmount confiscatedAmount decidedOn decidingAuthority
    lawField restrictionUntil performed performedOn published publicUntil inPublicity repairableFrom rulesVersion }
  abnormalOperations { id reason listedOn listingAuthority removedOn removalReason current seriousListWarningOn seriousListEligibleOn rulesVersion }
  seriousDishonesty { id ground basisDecisionNumbers basisPenalties { decisionNumber performed } facts listedOn listingAuthority
    autoRemovalOn earlyRemovalEligibleOn removedOn removalKind removalReason current measures rulesVersion }
  onAbnormalList onSeriousDishonestList
  riskClass { class month modelVersion score classificationVersion classifiedAt samplingRatio { minPercent maxPercent } rulesVersion }
  riskClassHistory { class month modelVersion score }
  creditAssessment { score grade modelVersion assessedAt factors { agency code value contribution } }
  storefrontDisclosureChecks { id url licenseShown checkedAt compliant findings }
  platformRegistrations { id platformId verifiedAt nextVerificationDue reportingPeriod reportedAt rulesVersion }
  inspections { id task inspectedOn onSite result findings authority }
  qualitySpotChecks { id product batch result unqualifiedItems published checkedOn authority }
  regulatoryActions { id kind takenOn summary authority decisionNumber }
`;

export const OPERATOR_QUERY = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { ${OPERATOR_FIELDS} } }`;
