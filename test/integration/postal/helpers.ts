import { completeUscc } from '../../../shared/credit-code/uscc';

/** The request time of the postal tests: 2026-11-15 in China Standard Time. */
export const NOW = new Date('2026-11-15T04:00:00Z');
export const TODAY = '2026-11-15';

/** A valid credit code outside the seed plan (seeded bodies start with MA). */
export function testUscc(n: number): string {
  return completeUscc('91', '440106', `MB${String(n).padStart(6, '0')}`);
}

export const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Operator {
      uscc
      holdsValidExpressPermit
      expressPermit { permitNumber status scope validFrom validUntil authority branches { name districtCode } holder { uscc } }
      postalComplaints { id category complainantName receivedOn replyDueOn decisionDueOn repliedOn decidedOn outcome status replyOverdue decisionOverdue rulesVersion carrier { code name } }
      parcelStats { period parcels noPickupScanCount lowWeightCount bulkWaybillCount reusedRecipientCount instantSignOffCount emptyParcelScore carrier { code } }
      emptyParcelSignals { id period score status rulesVersion raisedOn decidedOn referredToMarketRegulationOn reason carrier { code } features { feature count ratio weight contribution } }
    }
  }
}`;

export function reps(usccs: string[]) {
  return { representations: usccs.map((uscc) => ({ __typename: 'Operator', uscc })) };
}
