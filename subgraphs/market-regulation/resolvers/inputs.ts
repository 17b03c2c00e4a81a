import { Field, ID, InputType } from 'type-graphql';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { DateScalar, DateTimeScalar } from '../../../shared/graphql/scalars';
import { LicenseApprovalRoute } from '../entities/administrative-license.entity';
import { SubjectType } from '../entities/operator.entity';
import {
  AbnormalOperationReason, MarketRegulationLawField, MarketRegulationLicenseCategory, MarketRegulationLicenseStatus,
  MarketRegulationPenaltyCategory, MarketRegulationPenaltySeverity, SeriousDishonestGround, SeriousDishonestRemovalKind,
} from '../enums';

@InputType({ description: 'Legal representative (法定代表人 / 经营者)' })
export class LegalRepresentativeInput {
  @Field() name: string;
  @Field({ description: 'Citizen ID number, 18 characters with the GB 11643 check character' })
  idNumber: string;
  @Field({ description: 'Mobile (11 digits starting with 1) or landline (020-12345678)' })
  phone: string;
}

@InputType({ description: 'Registration of a new market subject (设立登记)' })
export class RegisterOperatorInput {
  @Field(() => UnifiedSocialCreditCodeScalar) uscc: string;
  @Field() name: string;
  @Field(() => SubjectType) subjectType: SubjectType;
  @Field(() => LegalRepresentativeInput) legalRepresentative: LegalRepresentativeInput;
  @Field({ description: 'Registered capital in yuan, decimal string' }) registeredCapital: string;
  @Field() address: string;
  @Field({ description: 'Six-digit administrative division code of the district' }) districtCode: string;
  @Field(() => DateScalar) establishedOn: Date;
  @Field({ description: 'Registering authority (登记机关)' }) registrationAuthority: string;
}

@InputType({ description: 'An administrative penalty decision to record' })
export class RecordPenaltyInput {
  @Field(() => UnifiedSocialCreditCodeScalar) operatorUscc: string;
  @Field() decisionNumber: string;
  @Field() violationType: string;
  @Field() facts: string;
  @Field() legalBasis: string;
  @Field(() => [MarketRegulationPenaltyCategory]) categories: MarketRegulationPenaltyCategory[];
  @Field(() => MarketRegulationPenaltySeverity, {
    nullable: true,
    description:
      'Severity; may be omitted only when the categories decide it (e.g. LICENCE_REVOKED → LICENCE_REVOCATION, a warning alone → ORDINARY). ' +
      'A fine needs it: AGGRAVATED_FINE when the discretion benchmark aggravation rule (从重) was applied, else ORDINARY',
  })
  severity?: MarketRegulationPenaltySeverity | null;
  @Field(() => String, { nullable: true, description: 'Fine in yuan; required with FINE' })
  fineAmount?: string | null;
  @Field(() => String, { nullable: true, description: 'Confiscated amount in yuan; only with a confiscation category' })
  confiscatedAmount?: string | null;
  @Field(() => DateScalar) decidedOn: Date;
  @Field() decidingAuthority: string;
  @Field(() => MarketRegulationLawField, { defaultValue: MarketRegulationLawField.GENERAL })
  lawField: MarketRegulationLawField;
  @Field(() => DateScalar, { nullable: true, description: 'End of an imposed restriction (restriction categories only)' })
  restrictionUntil?: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'Natural person named in the decision (the operator of an individual business, or the person responsible)',
  })
  responsiblePersonName?: string | null;
  @Field(() => String, { nullable: true, description: "Case handler's internal note (market regulation only)" })
  caseHandlerNote?: string | null;
}

@InputType({ description: 'A decision to list an operator on the abnormal operations list (列入经营异常名录决定)' })
export class ListOnAbnormalOperationsInput {
  @Field(() => UnifiedSocialCreditCodeScalar) operatorUscc: string;
  @Field(() => AbnormalOperationReason) reason: AbnormalOperationReason;
  @Field({ description: 'Document number of the listing decision (文号), unique' }) decisionNumber: string;
  @Field(() => DateScalar, { description: 'Date of the decision; the listing takes effect on it' }) listedOn: Date;
  @Field({ description: 'Deciding authority (作出决定机关)' }) listingAuthority: string;
}

@InputType({ description: 'A decision to remove an operator from the abnormal operations list (移出经营异常名录决定)' })
export class RemoveFromAbnormalOperationsInput {
  @Field(() => ID) listingId: string;
  @Field({ description: 'Document number of the removal decision (文号), unique' }) decisionNumber: string;
  @Field({ description: 'Authority that decides the removal (作出决定机关)' }) decidingAuthority: string;
  @Field(() => DateScalar) removedOn: Date;
  @Field({ description: 'How the fault was cured (移出事由)' }) removalReason: string;
}

@InputType()
export class ListOnSeriousDishonestListInput {
  @Field(() => UnifiedSocialCreditCodeScalar) operatorUscc: string;
  @Field(() => SeriousDishonestGround) ground: SeriousDishonestGround;
  @Field(() => [String], {
    defaultValue: [],
    description: "Decision numbers of this operator's basis penalties; required unless the ground is ABNORMAL_LIST_3_YEARS",
  })
  basisDecisionNumbers: string[];
  @Field() facts: string;
  @Field({ description: 'Document number of the listing decision (列入决定书文号), unique' }) decisionNumber: string;
  @Field(() => DateScalar, {
    description: 'Date of the listing decision; the listing takes effect on it. After the statement period, or on/after the hearing',
  })
  listedOn: Date;
  @Field({ description: 'Deciding authority (作出决定机关)' }) listingAuthority: string;
  @Field(() => DateScalar, { description: 'Date of the prior notice of the intended listing (事先告知), before the decision' })
  priorNoticeOn: Date;
  @Field(() => DateScalar, {
    description: 'Last day of the period for statements and defence (陈述申辩期限) the notice gave; after the notice',
  })
  statementOfDefenceDeadline: Date;
  @Field(() => DateScalar, {
    nullable: true,
    description: "Date the operator's statements and defence were heard (陈述申辩); omit when it made none in the period",
  })
  defenceHeardOn?: Date | null;
}

@InputType({ description: 'A decision to remove a serious-list entry (移出严重违法失信名单决定)' })
export class RemoveFromSeriousDishonestListInput {
  @Field(() => ID) listingId: string;
  @Field(() => SeriousDishonestRemovalKind, {
    description: 'EARLY_REPAIR (after credit repair) or CORRECTED; AUTOMATIC removal happens by itself',
  })
  kind: SeriousDishonestRemovalKind;
  @Field({ description: 'Document number of the removal decision (移出决定书文号), unique' }) decisionNumber: string;
  @Field({ description: 'Authority that decides the removal (作出决定机关)' }) decidingAuthority: string;
  @Field(() => DateScalar) removedOn: Date;
  @Field() reason: string;
  @Field(() => String, {
    nullable: true,
    description: 'EARLY_REPAIR: how the operator removed the harm and adverse effects (主动消除危害后果和不良影响); required',
  })
  harmRemoval?: string | null;
}

@InputType()
export class RecordLicenseInput {
  @Field(() => UnifiedSocialCreditCodeScalar) operatorUscc: string;
  @Field() documentNumber: string;
  @Field(() => MarketRegulationLicenseCategory) category: MarketRegulationLicenseCategory;
  @Field() certificateName: string;
  @Field() licenseNumber: string;
  @Field() content: string;
  @Field(() => DateScalar) validFrom: Date;
  @Field(() => DateScalar, { nullable: true, description: 'Omit for a licence without end date' })
  validUntil?: Date | null;
  @Field() authority: string;
  @Field(() => MarketRegulationLicenseStatus, {
    defaultValue: MarketRegulationLicenseStatus.VALID,
    description: 'VALID, REVOKED or CANCELLED (EXPIRED is computed)',
  })
  status: MarketRegulationLicenseStatus;
  @Field(() => LicenseApprovalRoute, {
    defaultValue: LicenseApprovalRoute.STANDARD,
    description: 'NOTIFICATION_COMMITMENT (告知承诺) is refused with RESTRICTED_BY_JOINT_MEASURE while a joint measure excludes it',
  })
  approvalRoute: LicenseApprovalRoute;
}

@InputType('PlatformVerificationReportEntryInput', { description: 'One verified in-platform operator of a report' })
export class PlatformVerificationEntryInput {
  @Field(() => UnifiedSocialCreditCodeScalar) uscc: string;
  @Field(() => DateTimeScalar) verifiedAt: Date;
  // What the platform verified of the operator (E-Commerce Law art. 27: identity, address, contact, licence; the shop
  // address it shows): every entry carries all five, checked again in the resolver (blank or too long is BAD_USER_INPUT).
  @Field({ description: 'Name of the operator as verified, at most 100 characters' })
  operatorName: string;
  @Field({ description: 'Registered address (住所) as verified, at most 200 characters' })
  registeredAddress: string;
  @Field({ description: 'Contact telephone as verified, unmasked: digits, spaces, +, - or (), 7 to 20 characters' })
  contactPhone: string;
  @Field({ description: 'Business licence or permit number as verified (for a registered subject, its credit code), at most 60 characters' })
  licenceNumber: string;
  @Field({ description: 'Address of the shop (网店地址, URL or place of business), at most 200 characters' })
  shopAddress: string;
}

@InputType('RecordPlatformVerificationReportInput', { description: "A platform's half-yearly report of its verified in-platform operators" })
export class PlatformVerificationReportInput {
  @Field({ description: 'Platform identifier, e.g. taobao' }) platformId: string;
  @Field({ description: 'Half-year, e.g. 2026-H1' }) reportingPeriod: string;
  @Field(() => [PlatformVerificationEntryInput]) entries: PlatformVerificationEntryInput[];
}
