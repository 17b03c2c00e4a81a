import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import type { FinanceLoaders } from '../loaders';

export type FinanceCtx = SubgraphContext<FinanceLoaders>;

/** Optional credit-code filter: validated like any typed code. */
export function optionalUscc(value: string | null | undefined): string | undefined {
  return value ? assertUscc(value) : undefined;
}
