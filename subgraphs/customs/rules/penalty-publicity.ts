/**
 * Publicity of customs administrative penalty decisions (海关行政处罚信息公示), as versioned data.
 *
 * A penalty is shown to the public (and to anyone without `gov:shared`, `admin` or the operator's own
 * token) only while it is within its publicity period; agencies and the operator itself see the full
 * history. The version in force on the decision date decides the period, so a later change of the rules
 * does not shorten or lengthen periods already running.
 */

export interface CustomsPenaltyPublicityRules {
  /** Identifier shown to clients as `publicityRulesVersion`. */
  version: string;
  /** First decision date (ISO) the version applies to; versions are listed in ascending order. */
  effectiveFrom: string;
  /** The legal source of the rules. */
  source: string;
  /** Years a decision stays publicised, counted from the decision date. */
  publicityYears: number;
}

export const CUSTOMS_PENALTY_PUBLICITY_RULES: readonly CustomsPenaltyPublicityRules[] = [
  {
    version: 'GACC-PENALTY-PUBLICITY-2021',
    effectiveFrom: '2021-11-01',
    source:
      '海关行政处罚信息公开 under 政府信息公开条例 and 失信行为纠正后的信用信息修复管理办法; publicity ends 3 years after the decision',
    publicityYears: 3,
  },
];

/**
 * The version in force on `decidedOn`: the latest whose effectiveFrom is on or before it. Decisions older
 * than the first version are judged by the first version (the oldest rules we know).
 */
export function penaltyPublicityRulesOn(
  decidedOn: string,
  versions: readonly CustomsPenaltyPublicityRules[] = CUSTOMS_PENALTY_PUBLICITY_RULES,
): CustomsPenaltyPublicityRules {
  if (versions.length === 0) throw new Error('No customs penalty publicity rules');
  let chosen = versions[0];
  for (const v of versions) {
    if (v.effectiveFrom <= decidedOn) chosen = v;
    else break;
  }
  return chosen;
}

/** `iso` plus whole years (29 February rolls over to 1 March). */
function addYears(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export interface CustomsPenaltyPublicity {
  rulesVersion: string;
  /** First day the decision is no longer publicised (publicised while today is before it). */
  publicUntil: string;
}

export function penaltyPublicity(
  decidedOn: string,
  versions: readonly CustomsPenaltyPublicityRules[] = CUSTOMS_PENALTY_PUBLICITY_RULES,
): CustomsPenaltyPublicity {
  const rules = penaltyPublicityRulesOn(decidedOn, versions);
  return { rulesVersion: rules.version, publicUntil: addYears(decidedOn, rules.publicityYears) };
}

/** Within its publicity period on `today`: decided on or before today, and today before the end. */
export function penaltyInPublicity(decidedOn: string, today: string): boolean {
  return decidedOn <= today && today < penaltyPublicity(decidedOn).publicUntil;
}
