import { AGENCIES } from '../../shared/config/agencies';
import type { MintOptions } from '../../shared/auth/tokens';

/** The README's example operator (plainly dishonest in every agency with the default seed). */
export const EXAMPLE_OPERATOR = '91440113MAX412H18G';
/** The purpose the consented evaluator's grant names; evaluators send it in x-purpose. */
export const EXAMPLE_PURPOSE = 'loan application';

export type UserGroup = 'public' | 'agency' | 'evaluator' | 'platform' | 'operator' | 'admin';

/** One entry of the playground's role switcher: the token it mints (none for anonymous). */
export interface PlaygroundRole {
  id: string;
  label: string;
  /** Which saved examples the role starts with. */
  group: UserGroup;
  mint?: MintOptions;
  /** The evaluator whose consent the operator grants (through the graph) before its token is handed out. */
  consentFrom?: string;
}

const agencyRoles: PlaygroundRole[] = AGENCIES.map((agency) => ({
  id: `agency:${agency}`,
  label: `Agency: ${agency}`,
  group: 'agency',
  mint: { role: 'agency', agency },
}));

export const PLAYGROUND_ROLES: readonly PlaygroundRole[] = [
  { id: 'anonymous', label: 'Anonymous (the public)', group: 'public' },
  ...agencyRoles,
  {
    id: 'evaluator:consented',
    label: `Evaluator with consent of ${EXAMPLE_OPERATOR}`,
    group: 'evaluator',
    mint: { role: 'evaluator', subject: 'evaluator:playground-consented' },
    consentFrom: EXAMPLE_OPERATOR,
  },
  {
    id: 'evaluator:no-consent',
    label: 'Evaluator without consent',
    group: 'evaluator',
    mint: { role: 'evaluator', subject: 'evaluator:playground-no-consent' },
  },
  { id: 'platform:taobao', label: 'Platform: taobao', group: 'platform', mint: { role: 'platform', platformId: 'taobao' } },
  { id: 'operator', label: `Operator ${EXAMPLE_OPERATOR}`, group: 'operator', mint: { role: 'operator', operators: [EXAMPLE_OPERATOR] } },
  { id: 'admin', label: 'Admin', group: 'admin', mint: { role: 'admin', subject: 'admin:playground' } },
];

export function findPlaygroundRole(id: unknown): PlaygroundRole | undefined {
  return PLAYGROUND_ROLES.find((r) => r.id === id);
}
