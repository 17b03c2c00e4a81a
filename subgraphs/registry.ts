import type { AgencyId } from '../shared/config/agencies';
import type { SubgraphDefinition } from '../shared/subgraph/definition';
import { commerceSubgraph } from './commerce';
import { customsSubgraph } from './customs';
import { financeSubgraph } from './finance';
import { marketRegulationSubgraph } from './market-regulation';
import { postalSubgraph } from './postal';

/** The five agency subgraphs, in the order of the contract's ports (4001-4005). */
export const SUBGRAPHS: SubgraphDefinition[] = [
  marketRegulationSubgraph,
  commerceSubgraph,
  customsSubgraph,
  financeSubgraph,
  postalSubgraph,
];

export function subgraphOf(agency: AgencyId): SubgraphDefinition {
  const found = SUBGRAPHS.find((s) => s.agency === agency);
  if (!found) throw new Error(`Unknown subgraph "${agency}"`);
  return found;
}
