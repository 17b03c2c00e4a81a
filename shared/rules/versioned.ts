/**
 * Versioned rules, the one way every agency states them: a rule family is a list of versions, each in force
 * from its `effectiveFrom` (ISO date) until the next one. A record is judged by the version in force on its own
 * date (publication, evaluation, listing), so old records keep the meaning they had.
 */
import type { FigureSources } from './figure-sources';

export interface RuleVersion {
  /** Stable identifier of the version, shown on the records it judges (e.g. `evaluation-2019`). */
  version: string;
  /** First day (ISO date) the version applies to. */
  effectiveFrom: string;
  /** Source of each figure of the version (shared/rules/figure-sources.ts). */
  figureSources?: FigureSources;
}

/** A version that names the legal basis of its rules as a whole (market regulation states one for every version). */
export interface SourcedRuleVersion extends RuleVersion {
  source: string;
}

function byEffectiveFrom<T extends RuleVersion>(versions: readonly T[]): T[] {
  return [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

/**
 * The version in force on `date` (ISO `YYYY-MM-DD`): the latest whose effectiveFrom is on or before it.
 * Records older than the first version are judged by the first version (the oldest rules we know).
 */
export function ruleInForce<T extends RuleVersion>(versions: readonly T[], date: string): T {
  if (versions.length === 0) throw new Error('A rule family needs at least one version');
  const sorted = byEffectiveFrom(versions);
  let chosen = sorted[0];
  for (const v of sorted) if (v.effectiveFrom <= date) chosen = v;
  return chosen;
}

/** Date windows [from, to) in which each version applies: from = null for the oldest, to = null for the latest. */
export function ruleWindows<T extends RuleVersion>(versions: readonly T[]): { rule: T; from: string | null; to: string | null }[] {
  const sorted = byEffectiveFrom(versions);
  return sorted.map((rule, i) => ({
    rule,
    from: i === 0 ? null : rule.effectiveFrom,
    to: i + 1 < sorted.length ? sorted[i + 1].effectiveFrom : null,
  }));
}
