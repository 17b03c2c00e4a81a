import { registerEnumType } from 'type-graphql';
import {
  CREDIT_LIST_KINDS, REFERRAL_KINDS, RESTRICTED_MATTERS, type CreditListAction, type CreditListKind, type ReferralKind,
  type RestrictedMatter,
} from './contract';

/* GraphQL enums of the event contract's vocabulary, registered once for every subgraph that serves them. */

// Built from the contract's arrays, so the schema cannot drift from the events; composition needs one definition of
// each enum across the graph, so every subgraph imports these objects.
export const CreditListKindEnum = Object.fromEntries(CREDIT_LIST_KINDS.map((k) => [k, k])) as { [K in CreditListKind]: K };
registerEnumType(CreditListKindEnum, {
  name: 'CreditListKind',
  description: 'Lists whose changes every agency acts on',
  valuesConfig: {
    SERIOUS_DISHONEST: { description: 'Serious illegal and dishonest list (严重违法失信名单), market regulation' },
    ABNORMAL_OPERATIONS: { description: 'Abnormal operations list (经营异常名录), market regulation' },
    CUSTOMS_DISHONEST: { description: 'Customs dishonest enterprises (海关失信企业), customs' },
  },
});

export const CreditListActionEnum = {
  LISTED: 'LISTED',
  REMOVED: 'REMOVED',
  REPAIRED: 'REPAIRED',
} as const satisfies { [A in CreditListAction]: A };
registerEnumType(CreditListActionEnum, {
  name: 'CreditListAction',
  description: 'What a list decision does: LISTED starts the joint measures, REMOVED and REPAIRED end them',
  valuesConfig: {
    LISTED: { description: 'Listed (列入)' },
    REMOVED: { description: 'Removed on expiry, early removal or cure (移出)' },
    REPAIRED: { description: 'Removed after credit repair (信用修复)' },
  },
});

export const RestrictedMatterEnum = Object.fromEntries(RESTRICTED_MATTERS.map((m) => [m, m])) as { [M in RestrictedMatter]: M };
registerEnumType(RestrictedMatterEnum, {
  name: 'RestrictedMatter',
  description:
    'Matters joint disciplinary measures restrict: government funding (政府资金), government procurement (政府采购), credit financing (融资授信), customs facilitation (通关便利), the notification-commitment route (告知承诺), platform onboarding (平台入驻)',
});

// Market regulation shows it on cases; commerce takes it in platforms' violation leads (reportViolationLead).
export const ReferralKindEnum = Object.fromEntries(REFERRAL_KINDS.map((k) => [k, k])) as { [K in ReferralKind]: K };
registerEnumType(ReferralKindEnum, {
  name: 'ReferralKind',
  description: 'Kind of matter an agency refers to market regulation (移送事项)',
  valuesConfig: {
    EMPTY_PARCEL_FRAUD: { description: 'Fake transactions shipped as empty parcels (空包刷单), from postal' },
    FALSE_ADVERTISING: { description: 'False or misleading advertising (虚假宣传)' },
    COUNTERFEIT_GOODS: { description: 'Counterfeit or infringing goods (假冒伪劣)' },
    CONSUMER_RIGHTS: { description: "Infringement of consumers' rights (侵害消费者权益)" },
    UNLICENSED_OPERATION: { description: 'Operating without a required licence (无证经营)' },
    OTHER: { description: 'Another market-regulation matter' },
  },
});
