import type { Referral } from '../../shared/events/contract';
import { createEmitEvent } from '../../shared/events/outbox';
import type { SeededEvent } from '../../shared/events/seed-outbox';
import type { EmptyParcelSignal } from './entities/empty-parcel-signal.entity';

/** Writes postal's events into its outbox, inside the decision's transaction. */
export const emitPostalEvent = createEmitEvent('postal');

/** Kind of postal record a referral rests on (Referral.reference.kind). */
export const EMPTY_PARCEL_SIGNAL_REFERENCE = 'EMPTY_PARCEL_SIGNAL';

/** The referral (移送) of a confirmed empty-parcel signal to market regulation, as the confirmation records it. */
export function emptyParcelReferral(signal: EmptyParcelSignal & { referredToMarketRegulationOn: string }): Referral {
  return {
    fromAgency: 'postal',
    kind: 'EMPTY_PARCEL_FRAUD',
    operatorUscc: signal.operatorUscc,
    reference: { kind: EMPTY_PARCEL_SIGNAL_REFERENCE, id: String(signal.id) },
    summary:
      `空包刷单：${signal.period} 经 ${signal.carrierCode} 寄递 ${signal.parcels} 件，风险分 ${signal.score}（${signal.rulesVersion}）` +
      (signal.reason ? `；${signal.reason}` : ''),
    referredOn: signal.referredToMarketRegulationOn,
  };
}

/** The seed's confirmed referrals as the confirmations would have emitted them, in order of referral. */
export function seededReferrals(signals: EmptyParcelSignal[]): SeededEvent<'Referral'>[] {
  return signals
    .filter((s): s is EmptyParcelSignal & { referredToMarketRegulationOn: string } => s.referredToMarketRegulationOn !== null)
    .sort((a, b) => a.referredToMarketRegulationOn.localeCompare(b.referredToMarketRegulationOn) || a.id - b.id)
    .map((s) => ({
      type: 'Referral',
      payload: emptyParcelReferral(s),
      // Referred in the afternoon of the referral day (China time); seeded decisions carry no time of day.
      occurredAt: new Date(`${s.referredToMarketRegulationOn}T15:00:00+08:00`).toISOString(),
    }));
}
