import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../shared/config/config';
import { SUBGRAPHS } from '../subgraphs/registry';
import { composeSupergraph } from '../gateway/supergraph/compose';
import { renderAuthorizationDoc } from '../gateway/supergraph/authorization-doc';
import { AUTHORIZATION_DOC, COMMITTED_SUPERGRAPH } from '../gateway/supergraph/location';

/** `npm run compose`: writes gateway/supergraph.graphql from the subgraphs' SDL, and docs/authorization.md from it. */
async function main() {
  // Composed with the contract's default URLs; deployments override them per subgraph.
  const config = loadConfig({});
  const sdl = await composeSupergraph(SUBGRAPHS, config);
  fs.writeFileSync(COMMITTED_SUPERGRAPH, sdl);
  fs.mkdirSync(path.dirname(AUTHORIZATION_DOC), { recursive: true });
  fs.writeFileSync(AUTHORIZATION_DOC, renderAuthorizationDoc(sdl));
  process.stdout.write(`wrote ${COMMITTED_SUPERGRAPH}\nwrote ${AUTHORIZATION_DOC}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
