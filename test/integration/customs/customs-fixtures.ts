import { loadConfig } from '../../../shared/config/config';
import { createSeedPlan, SeedPlan } from '../../../shared/seed/seed-plan';

/** Fixed request time of the customs tests (after the 2026-04-01 switch to order 282). */
export const NOW = new Date('2026-11-29T08:00:00Z');

/** The same plan the harness seeds from (same seed, same operator count). */
export function seedPlan(operators: number): SeedPlan {
  return createSeedPlan({ seed: loadConfig().seed, operators });
}

/** Every customs field on Operator, for `_entities` queries. */
export const OPERATOR_CUSTOMS_FIELDS = `
  uscc
  customsRegistration { customsCode region economicZone enterpriseType registeredOn registeringOffice status creditLevel }
  customsCredit {
    current { level effectiveOn rulesVersion reason }
    history { level effectiveOn rulesVersion }
    dishonestyFindings { ground facts foundOn decisionNumber }
  }
  clearanceMeasure { level ratingEffectiveOn rulesVersion inspectionRateTarget inspectionRateBound guaranteeRequirement auditFrequency description }
  crossBorderRoles { kind regimes registeredOn qualificationRequired qualificationHeld }
  customsPenalties { decisionNumber caseKind facts fine decidedOn decidingOffice }
`;

export const ENTITIES_QUERY = `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Operator { ${OPERATOR_CUSTOMS_FIELDS} } }
  }`;

export function representation(uscc: string, extra: Record<string, unknown> = {}) {
  return { __typename: 'Operator', uscc, ...extra };
}
