/** A version of a rule set: which rules apply is decided by the date of the record they apply to. */
import type { FigureSources } from '../../../shared/rules/figure-sources';
export interface RuleVersion {
  /** Identifier shown to clients as `rulesVersion`. */
  version: string;
  /** First day (ISO date) the version applies to; versions are listed in ascending order. */
  effectiveFrom: string;
  /** The legal source of the rules. */
  source: string;
  /** Source of each figure of the version (shared/rules/figure-sources.ts); `source` is the rules' general basis. */
  figureSources?: FigureSources;
}

/**
 * The version in force on `date` (ISO date): the latest whose effectiveFrom is on or before it.
 * Records older than the first version are judged by the first version (the oldest rules we know).
 */
export function ruleInForce<T extends RuleVersion>(versions: readonly T[], date: string): T {
  if (versions.length === 0) throw new Error('No rule versions');
  let chosen = versions[0];
  for (const v of versions) {
    if (v.effectiveFrom <= date) chosen = v;
    else break;
  }
  return chosen;
}

/** Date windows [from, to) in which each version applies (to = null for the latest). */
export function ruleWindows<T extends RuleVersion>(versions: readonly T[]): { rule: T; from: string | null; to: string | null }[] {
  return versions.map((rule, i) => ({
    rule,
    from: i === 0 ? null : rule.effectiveFrom,
    to: i + 1 < versions.length ? versions[i + 1].effectiveFrom : null,
  }));
}
