/**
 * When an operator holds a qualification another agency issues, judged one way everywhere: postal's express business
 * permit (快递业务经营许可证) and finance's payment licence (支付业务许可证) in their own fields (status,
 * holdsValidExpressPermit, holdsPaymentLicence) and in customs' cross-border check, which learns the documents from
 * the owners' QualificationChange events instead of asking the owners at request time.
 */
import type { QualificationChange, QualificationKind } from '../events/contract';

export type ExpressPermitStatusValue = 'VALID' | 'NOT_YET_VALID' | 'EXPIRED' | 'REVOKED';

/** What decides a permit's status on a day. */
export interface ExpressPermitValidity {
  validFrom: string;
  validUntil: string;
  revokedOn: string | null;
  /** Day the revocation was withdrawn on an accepted objection (异议). */
  withdrawnOn: string | null;
}

/** Status of an express permit on `today` (ISO date). */
export function expressPermitStatusOn(permit: ExpressPermitValidity, today: string): ExpressPermitStatusValue {
  // A revocation withdrawn on an accepted objection (异议) never took effect.
  if (permit.revokedOn && permit.revokedOn <= today && !permit.withdrawnOn) return 'REVOKED';
  if (today < permit.validFrom) return 'NOT_YET_VALID';
  if (today > permit.validUntil) return 'EXPIRED';
  return 'VALID';
}

export type PaymentLicenceDecision = 'IN_FORCE' | 'SUSPENDED' | 'REVOKED' | 'CANCELLED';
export type PaymentLicenceStatusValue = 'VALID' | 'EXPIRED' | 'SUSPENDED' | 'REVOKED' | 'CANCELLED';

/** What decides a payment licence's status on a day. */
export interface PaymentLicenceValidity {
  issuedOn: string;
  validUntil: string;
  administrativeStatus: PaymentLicenceDecision;
}

/** Status of a payment licence on `today`: an administrative decision wins; otherwise valid between issue and valid-until. */
export function paymentLicenceStatusOn(licence: PaymentLicenceValidity, today: string): PaymentLicenceStatusValue {
  switch (licence.administrativeStatus) {
    case 'SUSPENDED': return 'SUSPENDED';
    case 'REVOKED': return 'REVOKED';
    case 'CANCELLED': return 'CANCELLED';
    default:
      return today > licence.validUntil || today < licence.issuedOn ? 'EXPIRED' : 'VALID';
  }
}

/** holdsValidExpressPermit: one of the operator's permits is valid on `today`. */
export function holdsValidExpressPermit(permits: readonly ExpressPermitValidity[], today: string): boolean {
  return permits.some((p) => expressPermitStatusOn(p, today) === 'VALID');
}

/** holdsPaymentLicence: one of the operator's licences is valid on `today`. */
export function holdsPaymentLicence(licences: readonly PaymentLicenceValidity[], today: string): boolean {
  return licences.some((l) => paymentLicenceStatusOn(l, today) === 'VALID');
}

/** The QualificationChange postal publishes for a permit as it now stands (issued, revoked, revocation withdrawn). */
export function expressPermitChange(
  permit: ExpressPermitValidity & { permitNumber: string; holderUscc: string },
): QualificationChange {
  const revoked = Boolean(permit.revokedOn) && !permit.withdrawnOn;
  return {
    operatorUscc: permit.holderUscc,
    qualification: 'EXPRESS_PERMIT',
    number: permit.permitNumber,
    status: revoked ? 'REVOKED' : 'IN_FORCE',
    statusFrom: revoked ? permit.revokedOn : null,
    validFrom: permit.validFrom,
    validUntil: permit.validUntil,
  };
}

/** The QualificationChange finance publishes for a licence as it now stands (recorded, renewed, suspended, revoked, cancelled). */
export function paymentLicenceChange(
  licence: PaymentLicenceValidity & { licenceNumber: string; operatorUscc: string },
): QualificationChange {
  return {
    operatorUscc: licence.operatorUscc,
    qualification: 'PAYMENT_LICENCE',
    number: licence.licenceNumber,
    status: licence.administrativeStatus,
    statusFrom: null,
    validFrom: licence.issuedOn,
    validUntil: licence.validUntil,
  };
}

/** A document as a QualificationChange reported it (customs keeps the latest per document). */
export type ReportedQualification = Pick<QualificationChange, 'qualification' | 'status' | 'statusFrom' | 'validFrom' | 'validUntil'>;

/**
 * Whether documents reported by QualificationChange events make the operator hold `kind` on `today`: the owner's own
 * rule (holdsValidExpressPermit / holdsPaymentLicence) applied to the document as the owner described it.
 */
export function qualificationHeldOn(kind: QualificationKind, documents: readonly ReportedQualification[], today: string): boolean {
  const ofKind = documents.filter((d) => d.qualification === kind);
  if (kind === 'EXPRESS_PERMIT') {
    return holdsValidExpressPermit(
      ofKind.map((d) => ({
        validFrom: d.validFrom,
        validUntil: d.validUntil,
        revokedOn: d.status === 'IN_FORCE' ? null : d.statusFrom ?? d.validFrom,
        withdrawnOn: null,
      })),
      today,
    );
  }
  return holdsPaymentLicence(
    ofKind.map((d) => ({ issuedOn: d.validFrom, validUntil: d.validUntil, administrativeStatus: d.status })),
    today,
  );
}
