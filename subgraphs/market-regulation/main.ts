import { runSubgraphAlone } from '../../shared/subgraph/run-alone';
import { marketRegulationSubgraph } from './index';

void runSubgraphAlone(marketRegulationSubgraph);
