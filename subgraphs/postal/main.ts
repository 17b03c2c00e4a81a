import { runSubgraphAlone } from '../../shared/subgraph/run-alone';
import { postalSubgraph } from './index';

void runSubgraphAlone(postalSubgraph);
