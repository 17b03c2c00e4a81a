import { z } from 'zod';
import { AGENCIES, AgencyId, envPrefix } from './agencies';
import { parseEnv, wholeNumber } from './parse-env';

/** How long the gateway waits for one subgraph fetch before treating that agency as unavailable. */
export interface SubgraphTimeouts {
  /** `SUBGRAPH_TIMEOUT_MS`: for any subgraph without its own setting. */
  defaultMs: number;
  /** `<AGENCY>_TIMEOUT_MS` (e.g. `CUSTOMS_TIMEOUT_MS`), else the default. */
  byAgency: Record<AgencyId, number>;
}

const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;
// Longer than any honest report takes; a caller should never wait more than this for one agency.
const timeoutMs = wholeNumber(1, 300_000);

export function loadSubgraphTimeouts(env: NodeJS.ProcessEnv): SubgraphTimeouts {
  const agencyVariables = AGENCIES.map((agency) => `${envPrefix(agency)}_TIMEOUT_MS`);
  const schema = z.object({
    SUBGRAPH_TIMEOUT_MS: timeoutMs.default(DEFAULT_SUBGRAPH_TIMEOUT_MS),
    ...Object.fromEntries(agencyVariables.map((name) => [name, timeoutMs.optional()])),
  });
  const values = parseEnv(schema, env) as Record<string, number | undefined>;
  const defaultMs = values.SUBGRAPH_TIMEOUT_MS as number;
  const byAgency = Object.fromEntries(
    AGENCIES.map((agency, i) => [agency, values[agencyVariables[i]] ?? defaultMs]),
  ) as Record<AgencyId, number>;
  return { defaultMs, byAgency };
}
