import fs from 'node:fs';
import { loadConfig } from '../shared/config/config';
import { SUBGRAPHS } from '../subgraphs/registry';
import { composeSupergraph } from './supergraph/compose';
import { COMMITTED_SUPERGRAPH } from './supergraph/location';

/** `npm run compose`: writes gateway/supergraph.graphql from the subgraphs' SDL. */
async function main() {
  // Composed with the contract's default URLs; deployments override them per subgraph.
  const config = loadConfig({});
  const sdl = await composeSupergraph(SUBGRAPHS, config);
  fs.writeFileSync(COMMITTED_SUPERGRAPH, sdl);
  process.stdout.write(`wrote ${COMMITTED_SUPERGRAPH}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
