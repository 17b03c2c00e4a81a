import { sourced, unconfirmed } from '../../../shared/rules/figure-sources';
import { MarketRegulationLawField, MarketRegulationPenaltyCategory as C } from '../enums';
import { laterOf } from './dates';
import { ruleInForce, SourcedRuleVersion } from '../../../shared/rules/versioned';
import { addMonths, addYears } from '../../../shared/calendar/dates';

/** Publicity and credit-repair rules of administrative penalty information (行政处罚信息公示). */
export interface PenaltyPublicityRules extends SourcedRuleVersion {
  /** Penalties consisting only of these categories are not published. */
  unpublishedAloneCategories: C[];
  /** Publicity of penalties that are only circulated criticism and/or a small fine (with at most a warning). */
  shortPublicityMonths: number;
  shortPublicityCategories: C[];
  /** A fine up to this amount (fen) counts as a small fine (较低数额罚款, set by the province). */
  smallFineMaxFen: number;
  /** Publicity of every other published penalty. */
  standardPublicityYears: number;
  /** Categories whose restriction period, when longer, replaces the standard publicity period. */
  restrictionCategories: C[];
  /** Months after the decision before credit repair can be applied for, per field of law. */
  repairAfterMonths: Record<MarketRegulationLawField, number>;
}

export const PENALTY_PUBLICITY_RULES: readonly PenaltyPublicityRules[] = [
  {
    version: 'SAMR-PENALTY-PUBLICITY-2021.1',
    effectiveFrom: '2021-09-01',
    source: '市场监督管理行政处罚信息公示规定 (SAMR order 45, 2021) art. 14; 市场监督管理信用修复管理办法; Guangdong threshold',
    unpublishedAloneCategories: [C.WARNING],
    shortPublicityMonths: 3,
    shortPublicityCategories: [C.WARNING, C.CIRCULATED_CRITICISM, C.FINE],
    smallFineMaxFen: 1_000_000, // ¥10,000
    standardPublicityYears: 3,
    restrictionCategories: [
      C.LICENCE_SUSPENDED, C.PRODUCTION_RESTRICTED, C.PRODUCTION_SUSPENDED, C.EMPLOYMENT_RESTRICTION,
    ],
    repairAfterMonths: {
      [MarketRegulationLawField.GENERAL]: 6,
      [MarketRegulationLawField.FOOD]: 12,
      [MarketRegulationLawField.DRUG]: 12,
      [MarketRegulationLawField.SPECIAL_EQUIPMENT]: 12,
    },
    figureSources: {
      shortPublicityMonths: sourced('市场监督管理行政处罚信息公示规定 (SAMR order 45, 2021) art. 14: 仅受到通报批评或者较低数额罚款的, 公示期满3个月停止公示'),
      standardPublicityYears: sourced('市场监督管理行政处罚信息公示规定 (SAMR order 45, 2021) art. 14: 其他行政处罚信息公示期满3年停止公示'),
      smallFineMaxFen: unconfirmed('较低数额罚款 is set by the province (SAMR order 45 art. 14); the Guangdong amount of ¥10,000 is not yet verified'),
      repairAfterMonths: unconfirmed('six months, one year for food, drugs and special equipment, after 市场监督管理信用修复管理办法 (国市监信规〔2021〕3号); article not yet verified'),
    },
  },
];

export interface PenaltyFacts {
  decidedOn: string;
  categories: C[];
  fineFen: number | null;
  confiscatedFen: number | null;
  lawField: MarketRegulationLawField;
  /** End of a restriction (production, business, employment) imposed by the penalty, if any. */
  restrictionUntil: string | null;
}

export interface PenaltyPublicity {
  rulesVersion: string;
  published: boolean;
  /** Short (3-month) publicity for criticism or small fines. */
  shortPublicity: boolean;
  publicUntil: string | null;
  repairableFrom: string | null;
}

/** Derives publicity and repair dates of a penalty from the rules in force on its decision date. */
export function penaltyPublicity(p: PenaltyFacts, versions = PENALTY_PUBLICITY_RULES): PenaltyPublicity {
  const rules = ruleInForce(versions, p.decidedOn);
  const published = !p.categories.every((c) => rules.unpublishedAloneCategories.includes(c));
  if (!published) {
    return { rulesVersion: rules.version, published, shortPublicity: false, publicUntil: null, repairableFrom: null };
  }
  const shortPublicity =
    p.categories.every((c) => rules.shortPublicityCategories.includes(c)) &&
    (p.fineFen ?? 0) <= rules.smallFineMaxFen &&
    !(p.confiscatedFen && p.confiscatedFen > 0);
  if (shortPublicity) {
    return {
      rulesVersion: rules.version,
      published,
      shortPublicity,
      publicUntil: addMonths(p.decidedOn, rules.shortPublicityMonths),
      repairableFrom: null, // publicity ends on its own before repair would be possible
    };
  }
  const restricted = p.categories.some((c) => rules.restrictionCategories.includes(c));
  return {
    rulesVersion: rules.version,
    published,
    shortPublicity,
    publicUntil: laterOf(addYears(p.decidedOn, rules.standardPublicityYears), restricted ? p.restrictionUntil : null),
    repairableFrom: addMonths(p.decidedOn, rules.repairAfterMonths[p.lawField]),
  };
}
