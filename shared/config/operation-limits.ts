import { z } from 'zod';
import { issuesOf, wholeNumber } from './parse-env';

/** The figures an operation is measured by before it is planned or executed (see shared/graphql/operation-limits.ts). */
export const LIMIT_NAMES = ['tokens', 'depth', 'aliases', 'rootFields', 'directives', 'fields', 'cost'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];
export type LimitSet = Record<LimitName, number>;

export interface OperationLimitsConfig {
  /** Anonymous callers, evaluators, platforms and operators. */
  standard: LimitSet;
  /** Admins and agency staff, who run larger reports. */
  privileged: LimitSet;
  /** Weight of a list field without paging (`storefronts: [Storefront!]!`): the size the estimate assumes. */
  assumedListSize: number;
}

/** Environment variable suffix of each limit: LIMIT_<suffix> and LIMIT_PRIVILEGED_<suffix>. */
const ENV_SUFFIX: Record<LimitName, string> = {
  tokens: 'TOKENS',
  depth: 'DEPTH',
  aliases: 'ALIASES',
  rootFields: 'ROOT_FIELDS',
  directives: 'DIRECTIVES',
  fields: 'FIELDS',
  cost: 'COST',
};

export const DEFAULT_LIMITS: { standard: LimitSet; privileged: LimitSet } = {
  standard: { tokens: 5000, depth: 12, aliases: 30, rootFields: 10, directives: 20, fields: 2000, cost: 10_000 },
  privileged: { tokens: 20_000, depth: 20, aliases: 200, rootFields: 30, directives: 100, fields: 20_000, cost: 250_000 },
};

const limit = wholeNumber(1, 100_000_000);

/** Reads LIMIT_* / LIMIT_PRIVILEGED_* and LIMIT_ASSUMED_LIST_SIZE; returns issue messages naming the variable. */
export function loadOperationLimits(env: NodeJS.ProcessEnv): { config?: OperationLimitsConfig; issues: string[] } {
  const shape: Record<string, z.ZodTypeAny> = { LIMIT_ASSUMED_LIST_SIZE: wholeNumber(1, 1000).default(10) };
  for (const name of LIMIT_NAMES) {
    shape[`LIMIT_${ENV_SUFFIX[name]}`] = limit.default(DEFAULT_LIMITS.standard[name]);
    shape[`LIMIT_PRIVILEGED_${ENV_SUFFIX[name]}`] = limit.default(DEFAULT_LIMITS.privileged[name]);
  }
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) return { issues: issuesOf(parsed.error) };
  const values = parsed.data as Record<string, number>;
  const standard = {} as LimitSet;
  const privileged = {} as LimitSet;
  const issues: string[] = [];
  for (const name of LIMIT_NAMES) {
    standard[name] = values[`LIMIT_${ENV_SUFFIX[name]}`];
    privileged[name] = values[`LIMIT_PRIVILEGED_${ENV_SUFFIX[name]}`];
    // A privileged caller must never be refused what a public caller may run.
    if (privileged[name] < standard[name]) {
      issues.push(`LIMIT_PRIVILEGED_${ENV_SUFFIX[name]}: must not be below LIMIT_${ENV_SUFFIX[name]} (${standard[name]})`);
    }
  }
  if (issues.length > 0) return { issues };
  return { config: { standard, privileged, assumedListSize: values.LIMIT_ASSUMED_LIST_SIZE }, issues };
}
