/**
 * Versioned rules: every rule family is an array of versions, each in force from `effectiveFrom`
 * (ISO date) until the next one. A fact is judged by the version in force on its own date
 * (publication, evaluation, listing), so old records keep the meaning they had.
 */
export interface RuleVersion {
  /** Stable identifier of the version, shown on derived values (e.g. `evaluation-2019`). */
  version: string;
  /** ISO date from which the version applies. */
  effectiveFrom: string;
}

/** The version in force on `date` (ISO `YYYY-MM-DD`); the oldest one for dates before all versions. */
export function ruleVersionAt<V extends RuleVersion>(versions: readonly V[], date: string): V {
  if (versions.length === 0) throw new Error('A rule family needs at least one version');
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  let chosen = sorted[0];
  for (const v of sorted) if (v.effectiveFrom <= date) chosen = v;
  return chosen;
}

/** Adds whole days to an ISO date (UTC). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds whole months to an ISO date (UTC), clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** ISO date of an instant (UTC). */
export function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
