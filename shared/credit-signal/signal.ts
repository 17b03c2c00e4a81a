import type { EntityManager } from 'typeorm';
import type { AgencyId } from '../config/agencies';

/** A record a credit factor rests on: the owning agency's record kind and its id in that agency's graph. */
export interface CreditEvidence {
  kind: string;
  id: string;
}

/** One factor of an agency's credit signal: a number the assessment model weighs, with the records behind it. */
export interface SignalFactor {
  /** Stable code, prefixed by agency (MR_, COM_, CUS_, FIN_, POS_); the assessment model weighs it by this code. */
  code: string;
  /** Plain-language label, as an agency officer would read it. */
  label: string;
  /** A count (records, months, years) or 0/1 for a state; never negative. */
  value: number;
  /** The records the value rests on, newest first; at most MAX_EVIDENCE (value may count more). */
  evidence: CreditEvidence[];
}

/**
 * What one agency derives about an operator from its own records (issue 9 part 1). Every factor the agency defines
 * is present, 0 when nothing applies. Published as a `CreditSignalChange` event whenever it changes, so market
 * regulation's assessment can be recomputed without reading any other agency's database.
 */
export interface CreditSignal {
  agency: AgencyId;
  operatorUscc: string;
  /** When it was derived (ISO date-time). */
  asOf: string;
  /**
   * When the signal changes by the passage of time alone (a publicity period, a measure or a look-back window ends),
   * ISO date-time; null when nothing in it expires. The agency's review sweep derives it again then.
   */
  reviewAt: string | null;
  factors: SignalFactor[];
}

/** Evidence listed per factor; the value still counts every record. */
export const MAX_EVIDENCE = 20;

/** An agency's factors: the catalogue its signal always carries, in display order. */
export type FactorCatalogue = readonly { code: string; label: string }[];

/**
 * Derives the signals of `usccs` from the agency's own records, in a fixed number of statements whatever their number
 * (one read per record kind with IN (...)). Every operator of `usccs` is in the map.
 */
export type DeriveCreditSignals = (manager: EntityManager, usccs: readonly string[], now: Date) => Promise<Map<string, CreditSignal>>;

/** Builds a signal with every factor of the catalogue, from the values and evidence an agency found. */
export function signalOf(
  agency: AgencyId,
  operatorUscc: string,
  now: Date,
  catalogue: FactorCatalogue,
  found: Partial<Record<string, { value: number; evidence?: CreditEvidence[] }>>,
  reviewAt: Date | null,
): CreditSignal {
  return {
    agency,
    operatorUscc,
    asOf: now.toISOString(),
    reviewAt: reviewAt ? reviewAt.toISOString() : null,
    factors: catalogue.map(({ code, label }) => ({
      code,
      label,
      value: found[code]?.value ?? 0,
      evidence: (found[code]?.evidence ?? []).slice(0, MAX_EVIDENCE),
    })),
  };
}

/** The earliest of the given moments (null: none). */
export function earliest(...moments: (Date | null | undefined)[]): Date | null {
  let first: Date | null = null;
  for (const m of moments) if (m && (!first || m < first)) first = m;
  return first;
}

/** True when no factor of the signal has a value: the agency holds nothing that counts for or against the operator. */
export function isEmptySignal(signal: Pick<CreditSignal, 'factors'>): boolean {
  return signal.factors.every((f) => f.value === 0);
}

/** Rows grouped by a key (e.g. the operator's credit code), each group in the rows' order; rows without a key are left out. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Rows grouped by the operator they are about: what every agency's derive does with its batched reads. */
export function byOperator<T extends { operatorUscc: string | null }>(rows: readonly T[]): Map<string, T[]> {
  return groupBy(rows, (row) => row.operatorUscc);
}
