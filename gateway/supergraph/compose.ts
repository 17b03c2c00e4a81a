import { composeServices } from '@apollo/composition';
import gql from 'graphql-tag';
import type { AppConfig } from '../../shared/config/config';
import { buildFederatedSchema } from '../../shared/subgraph/build-schema';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';

/** Composes the subgraphs' SDL into the supergraph, as the gateway serves it. */
export async function composeSupergraph(subgraphs: SubgraphDefinition[], config: AppConfig): Promise<string> {
  const services = [];
  for (const definition of subgraphs) {
    const { sdl } = await buildFederatedSchema(definition);
    services.push({ name: definition.agency, url: config.subgraphs[definition.agency].url, typeDefs: gql(sdl) });
  }
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}
