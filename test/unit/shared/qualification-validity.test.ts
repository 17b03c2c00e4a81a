import {
  expressPermitChange, expressPermitStatusOn, holdsPaymentLicence, holdsValidExpressPermit, paymentLicenceChange,
  qualificationHeldOn, type ExpressPermitValidity, type PaymentLicenceDecision, type PaymentLicenceValidity,
} from '../../../shared/qualifications/validity';

/**
 * Customs judges a qualification from what the issuer published (QualificationChange); postal and finance judge it
 * from their own rows. For every permit and licence shape and every day around its dates, both must say the same.
 */
const DAYS = ['2023-12-31', '2024-01-01', '2024-06-30', '2024-07-01', '2025-03-01', '2028-12-31', '2029-01-01'];
const UNTIL = '2028-12-31';

const PERMITS: ExpressPermitValidity[] = [
  { validFrom: '2024-01-01', validUntil: UNTIL, revokedOn: null, withdrawnOn: null },
  { validFrom: '2024-01-01', validUntil: UNTIL, revokedOn: '2024-07-01', withdrawnOn: null },
  // A revocation withdrawn on an accepted objection never took effect.
  { validFrom: '2024-01-01', validUntil: UNTIL, revokedOn: '2024-07-01', withdrawnOn: '2025-01-10' },
  { validFrom: '2024-07-01', validUntil: UNTIL, revokedOn: null, withdrawnOn: null },
];

const DECISIONS: PaymentLicenceDecision[] = ['IN_FORCE', 'SUSPENDED', 'REVOKED', 'CANCELLED'];

describe('one validity rule for permits and licences, at their issuer and at customs', () => {
  it.each(DAYS)('judges each express permit alike from its row and from its QualificationChange on %s', (day) => {
    for (const permit of PERMITS) {
      const change = expressPermitChange({ ...permit, permitNumber: '粤快许0001', holderUscc: '91440101MA5CJQ4N59' });
      expect({ permit, day, held: qualificationHeldOn('EXPRESS_PERMIT', [change], day) })
        .toEqual({ permit, day, held: holdsValidExpressPermit([permit], day) });
    }
  });

  it.each(DAYS)('judges each payment licence alike from its row and from its QualificationChange on %s', (day) => {
    for (const administrativeStatus of DECISIONS) {
      const licence: PaymentLicenceValidity = { issuedOn: '2024-01-01', validUntil: UNTIL, administrativeStatus };
      const change = paymentLicenceChange({ ...licence, licenceNumber: 'Z2024440000001', operatorUscc: '91440101MA5CJQ4N59' });
      expect({ licence, day, held: qualificationHeldOn('PAYMENT_LICENCE', [change], day) })
        .toEqual({ licence, day, held: holdsPaymentLicence([licence], day) });
    }
  });

  it('holds when one of several documents is valid, and never by a document of the other kind', () => {
    const revoked = expressPermitChange({ ...PERMITS[1], permitNumber: 'A', holderUscc: 'X' });
    const renewal = expressPermitChange({ validFrom: '2025-01-01', validUntil: UNTIL, revokedOn: null, withdrawnOn: null, permitNumber: 'B', holderUscc: 'X' });
    expect(qualificationHeldOn('EXPRESS_PERMIT', [revoked, renewal], '2024-12-31')).toBe(false);
    expect(qualificationHeldOn('EXPRESS_PERMIT', [revoked, renewal], '2025-01-01')).toBe(true);
    const licence = paymentLicenceChange({ issuedOn: '2024-01-01', validUntil: UNTIL, administrativeStatus: 'IN_FORCE', licenceNumber: 'Z', operatorUscc: 'X' });
    expect(qualificationHeldOn('EXPRESS_PERMIT', [licence], '2025-01-01')).toBe(false);
    expect(qualificationHeldOn('PAYMENT_LICENCE', [revoked, renewal], '2025-01-01')).toBe(false);
  });

  it('states a permit as it stands: a withdrawn revocation is no decision', () => {
    expect(expressPermitChange({ ...PERMITS[2], permitNumber: 'A', holderUscc: 'X' })).toMatchObject({ status: 'IN_FORCE', statusFrom: null });
    expect(expressPermitChange({ ...PERMITS[1], permitNumber: 'A', holderUscc: 'X' })).toMatchObject({ status: 'REVOKED', statusFrom: '2024-07-01' });
    expect(expressPermitStatusOn(PERMITS[2], '2025-03-01')).toBe('VALID');
  });
});
