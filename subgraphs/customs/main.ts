import { runSubgraphAlone } from '../../shared/subgraph/run-alone';
import { customsSubgraph } from './index';

void runSubgraphAlone(customsSubgraph);
