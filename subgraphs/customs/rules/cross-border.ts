/**
 * Cross-border e-commerce (跨境电子商务) rules as versioned data: which qualification held with another
 * agency a role needs. The holder's qualification itself is owned by that agency and reaches customs as its
 * QualificationChange events (customs keeps the latest of each document), never by reading its database.
 */
import { ruleInForce } from '../../../shared/rules/versioned';

export enum CrossBorderRoleKind {
  E_COMMERCE_ENTERPRISE = 'E_COMMERCE_ENTERPRISE',
  DOMESTIC_AGENT = 'DOMESTIC_AGENT',
  PLATFORM = 'PLATFORM',
  PAYMENT = 'PAYMENT',
  LOGISTICS = 'LOGISTICS',
}

/** Customs supervision regimes (监管方式) of cross-border e-commerce. */
export enum CrossBorderRegime {
  REGIME_9610 = 'REGIME_9610',
  REGIME_1210 = 'REGIME_1210',
  REGIME_1239 = 'REGIME_1239',
  REGIME_9710 = 'REGIME_9710',
  REGIME_9810 = 'REGIME_9810',
}

export enum CrossBorderQualification {
  EXPRESS_PERMIT = 'EXPRESS_PERMIT',
  PAYMENT_LICENCE = 'PAYMENT_LICENCE',
}

export interface CrossBorderRuleVersion {
  version: string;
  effectiveFrom: string;
  qualificationRequired: Readonly<Partial<Record<CrossBorderRoleKind, CrossBorderQualification>>>;
}

export const CROSS_BORDER_RULES: readonly CrossBorderRuleVersion[] = [
  {
    version: 'CBEC-2018',
    // 关于跨境电子商务零售进出口商品有关监管事宜的公告 (海关总署公告2018年第194号)
    effectiveFrom: '2019-01-01',
    qualificationRequired: {
      [CrossBorderRoleKind.LOGISTICS]: CrossBorderQualification.EXPRESS_PERMIT,
      [CrossBorderRoleKind.PAYMENT]: CrossBorderQualification.PAYMENT_LICENCE,
    },
  },
];

export function crossBorderRulesOn(isoDate: string): CrossBorderRuleVersion {
  return ruleInForce(CROSS_BORDER_RULES, isoDate);
}
