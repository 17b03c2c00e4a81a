import { RuleVersion, ruleInForce } from '../../../shared/rules/versioned';
import { unconfirmed } from '../../../shared/rules/figure-sources';

export type RiskLevelCode = 'LOW' | 'MEDIUM' | 'HIGH';

/**
 * How long a transaction credit-risk alert (交易信用风险提示) is shown to consumers when the issuer sets
 * no expiry, and the longest it may be shown at all, by level. Chosen by the issue date.
 */
export interface RiskAlertRules extends RuleVersion {
  defaultDays: Record<RiskLevelCode, number>;
  maximumDays: number;
}

export const RISK_ALERT_RULES: readonly RiskAlertRules[] = [
  {
    version: 'gzcom-alerts-2020',
    effectiveFrom: '2020-01-01',
    defaultDays: { LOW: 30, MEDIUM: 90, HIGH: 180 },
    maximumDays: 365,
    figureSources: {
      defaultDays: unconfirmed('alert periods by level are the city\'s own choice (广州市电子商务信用监管指导意见 names the alerts, not their periods)'),
      maximumDays: unconfirmed('one year at most'),
    },
  },
];

export function riskAlertRulesAt(issuedOn: string): RiskAlertRules {
  return ruleInForce(RISK_ALERT_RULES, issuedOn);
}
