import { runSubgraphAlone } from '../../shared/subgraph/run-alone';
import { financeSubgraph } from './index';

void runSubgraphAlone(financeSubgraph);
