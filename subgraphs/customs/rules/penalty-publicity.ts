/**
 * Publicity of customs administrative penalty decisions (海关行政处罚信息公示), as versioned data.
 *
 * A penalty is shown to the public (and to anyone without `gov:shared`, `admin` or the operator's own
 * token) only while it is within its publicity period; agencies and the operator itself see the full
 * history. The period depends on the decision kind: a penalty for smuggling is serious dishonesty, the others
 * general dishonesty, and the two are publicised for different maximum periods. The version in force on the
 * decision date decides the period, so a later change of the rules does not shorten or lengthen periods already
 * running. Credit repair may end a publicity earlier.
 */
import { CustomsPenaltyCaseKind } from '../entities/enums';
import { addMonths } from '../../../shared/calendar/dates';
import { type FigureSources, sourced, unconfirmed } from '../../../shared/rules/figure-sources';
import { ruleInForce } from '../../../shared/rules/versioned';

export interface CustomsPenaltyPublicityRules {
  /** Identifier shown to clients as `publicityRulesVersion`. */
  version: string;
  /** First decision date (ISO) the version applies to; versions are listed in ascending order. */
  effectiveFrom: string;
  /** The legal source of the rules. */
  source: string;
  /** Months a decision of each kind stays publicised, counted from the decision date. */
  publicityMonths: Readonly<Record<CustomsPenaltyCaseKind, number>>;
  /** Source of each figure (shared/rules/figure-sources.ts), keyed `publicityMonths.<KIND>`. */
  figureSources?: FigureSources;
}

const K = CustomsPenaltyCaseKind;
const MAXIMUM_PERIODS =
  '《关于进一步完善"信用中国"网站及地方信用门户网站行政处罚信息信用修复机制的通知》(发改办财金〔2019〕527号) and ' +
  '《失信行为纠正后的信用信息修复管理办法（试行）》(国家发展改革委令2023年第58号)';
const GENERAL = unconfirmed(
  `a general-dishonesty penalty (一般失信行为), publicised at most one year under ${MAXIMUM_PERIODS}; whether every decision ` +
    'of this kind is general rather than serious dishonesty awaits customs\' confirmation',
);

export const CUSTOMS_PENALTY_PUBLICITY_RULES: readonly CustomsPenaltyPublicityRules[] = [
  {
    // Corrects GACC-PENALTY-PUBLICITY-2021, which gave every decision kind the same 3 years.
    version: 'GACC-PENALTY-PUBLICITY-2021.2',
    effectiveFrom: '2021-11-01',
    source: `${MAXIMUM_PERIODS}: maximum publicity of penalty information, one year for general and three years for serious dishonesty`,
    publicityMonths: {
      [K.SMUGGLING]: 36,
      [K.REGULATORY_VIOLATION]: 12,
      [K.FALSE_DECLARATION]: 12,
      [K.IPR_INFRINGEMENT]: 12,
      [K.QUARANTINE_VIOLATION]: 12,
      [K.OTHER]: 12,
    },
    figureSources: {
      'publicityMonths.SMUGGLING': sourced(
        `serious dishonesty: 海关总署令第251号 (失信企业认定: 构成走私行为被海关行政处罚的); at most three years under ${MAXIMUM_PERIODS}`,
      ),
      'publicityMonths.REGULATORY_VIOLATION': GENERAL,
      'publicityMonths.FALSE_DECLARATION': GENERAL,
      'publicityMonths.IPR_INFRINGEMENT': GENERAL,
      'publicityMonths.QUARANTINE_VIOLATION': GENERAL,
      'publicityMonths.OTHER': GENERAL,
    },
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
  return ruleInForce(versions, decidedOn);
}

export interface CustomsPenaltyPublicity {
  rulesVersion: string;
  /** Months of publicity for the decision's kind. */
  publicityMonths: number;
  /** First day the decision is no longer publicised (publicised while today is before it). */
  publicUntil: string;
}

/** The facts of a decision its publicity depends on. */
export interface PublicisedPenalty {
  decidedOn: string;
  caseKind: CustomsPenaltyCaseKind;
}

export function penaltyPublicity(
  penalty: PublicisedPenalty,
  versions: readonly CustomsPenaltyPublicityRules[] = CUSTOMS_PENALTY_PUBLICITY_RULES,
): CustomsPenaltyPublicity {
  const rules = penaltyPublicityRulesOn(penalty.decidedOn, versions);
  const months = rules.publicityMonths[penalty.caseKind];
  return { rulesVersion: rules.version, publicityMonths: months, publicUntil: addMonths(penalty.decidedOn, months) };
}

/** Within its publicity period on `today`: decided on or before today, and today before the end. */
export function penaltyInPublicity(penalty: PublicisedPenalty, today: string): boolean {
  return penalty.decidedOn <= today && today < penaltyPublicity(penalty).publicUntil;
}
