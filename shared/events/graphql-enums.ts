import { registerEnumType } from 'type-graphql';
import type { CreditListAction, CreditListKind } from './contract';

/* GraphQL enums of the event contract's vocabulary, registered once for every subgraph that serves them. */

export const CreditListKindEnum = {
  SERIOUS_DISHONEST: 'SERIOUS_DISHONEST',
  ABNORMAL_OPERATIONS: 'ABNORMAL_OPERATIONS',
  CUSTOMS_DISHONEST: 'CUSTOMS_DISHONEST',
} as const satisfies { [K in CreditListKind]: K };
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
