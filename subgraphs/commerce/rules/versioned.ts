/**
 * Versioned rules: every rule family is an array of versions, each in force from `effectiveFrom`
 * (ISO date) until the next one. A fact is judged by the version in force on its own date
 * (publication, evaluation, listing), so old records keep the meaning they had.
 */
import type { FigureSources } from '../../../shared/rules/figure-sources';
export interface RuleVersion {
  /** Stable identifier of the version, shown on derived values (e.g. `evaluation-2019`). */
  version: string;
  /** ISO date from which the version applies. */
  effectiveFrom: string;
  /** Source of each figure of the version (shared/rules/figure-sources.ts). */
  figureSources?: FigureSources;
}

/** The version in force on `date` (ISO `YYYY-MM-DD`); the oldest one for dates before all versions. */
export function ruleVersionAt<V extends RuleVersion>(versions: readonly V[], date: string): V {
  if (versions.length === 0) throw new Error('A rule family needs at least one version');
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  let chosen = sorted[0];
  for (const v of sorted) if (v.effectiveFrom <= date) chosen = v;
  return chosen;
}

export { addDays, addMonths, daysBetween, toIsoDate as isoDay } from '../../../shared/calendar/dates';
