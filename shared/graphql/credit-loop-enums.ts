import { registerEnumType } from 'type-graphql';
import {
  CREDIT_LIST_KINDS, CreditListKind, RESTRICTED_MATTERS, RestrictedMatter,
} from '../events/contract';

/**
 * The event contract's list kinds and restricted matters as GraphQL enums, built from the contract's arrays so the
 * schema cannot drift from the events. Every subgraph that exposes them imports these objects (composition needs
 * one definition of each enum across the graph).
 */
export const CreditListKindEnum = Object.fromEntries(CREDIT_LIST_KINDS.map((k) => [k, k])) as { [K in CreditListKind]: K };
registerEnumType(CreditListKindEnum, {
  name: 'CreditListKind',
  description:
    'Credit lists whose changes every agency acts on: serious illegal and dishonest list (严重违法失信名单), abnormal operations list (经营异常名录), customs dishonest enterprises (海关失信企业)',
});

export const RestrictedMatterEnum = Object.fromEntries(RESTRICTED_MATTERS.map((m) => [m, m])) as { [M in RestrictedMatter]: M };
registerEnumType(RestrictedMatterEnum, {
  name: 'RestrictedMatter',
  description:
    'Matters joint disciplinary measures restrict: government funding (政府资金), government procurement (政府采购), credit financing (融资授信), customs facilitation (通关便利), the notification-commitment route (告知承诺), platform onboarding (平台入驻)',
});
