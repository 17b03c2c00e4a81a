import { runSubgraphAlone } from '../../shared/subgraph/run-alone';
import { commerceSubgraph } from './index';

void runSubgraphAlone(commerceSubgraph);
