import { EmptyParcelSignal, EmptyParcelSignalStatus } from './entities/empty-parcel-signal.entity';
import { ParcelStatistic } from './entities/parcel-statistic.entity';
import { EMPTY_PARCEL_SCORING_RULES, EmptyParcelScore, scoreEmptyParcels } from './rules/postal-rules';

/** Scores one statistic with the versioned empty-parcel rules (rules/postal-rules.ts). */
export function scoreStatistic(stat: ParcelStatistic): EmptyParcelScore {
  return scoreEmptyParcels(
    stat.period,
    stat.parcels,
    {
      NO_PICKUP_SCAN: stat.noPickupScanCount,
      LOW_WEIGHT: stat.lowWeightCount,
      BULK_WAYBILL: stat.bulkWaybillCount,
      REUSED_RECIPIENT: stat.reusedRecipientCount,
      INSTANT_SIGN_OFF: stat.instantSignOffCount,
    },
    EMPTY_PARCEL_SCORING_RULES,
  );
}

/** The signal a statistic raises on `raisedOn`, or null when it stays below the threshold. */
export function signalFor(stat: ParcelStatistic, raisedOn: string): Omit<EmptyParcelSignal, 'id'> | null {
  const scored = scoreStatistic(stat);
  if (!scored.raised) return null;
  return {
    operatorUscc: stat.operatorUscc,
    carrierCode: stat.carrierCode,
    period: stat.period,
    parcels: stat.parcels,
    score: scored.score,
    features: scored.features,
    rulesVersion: scored.rule.version,
    status: EmptyParcelSignalStatus.SUSPECTED,
    raisedOn,
    decidedOn: null,
    referredToMarketRegulationOn: null,
    reason: null,
    withdrawnOn: null,
    withdrawalReason: null,
    correction: null,
    correctedOn: null,
  };
}
