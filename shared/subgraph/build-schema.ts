import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap } from 'type-graphql';
import type { SubgraphDefinition } from './definition';

/** Federation version and the directives every subgraph may use. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@tag", "@inaccessible"])';

export interface BuiltSubgraphSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL with federation directives, as composition reads it. */
  sdl: string;
}

const cache = new Map<string, Promise<BuiltSubgraphSchema>>();

/**
 * type-graphql classes → SDL with directives → Federation 2 subgraph schema.
 * Built once per subgraph per process (type-graphql metadata is global).
 */
export function buildFederatedSchema(definition: SubgraphDefinition): Promise<BuiltSubgraphSchema> {
  let built = cache.get(definition.agency);
  if (!built) {
    built = build(definition);
    cache.set(definition.agency, built);
  }
  return built;
}

async function build(definition: SubgraphDefinition): Promise<BuiltSubgraphSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    scalarsMap: [],
    validate: { forbidUnknownValues: false },
    skipCheck: true,
    emitSchemaFile: false,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`;
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(definition.referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  const schema = buildSubgraphSchema({ typeDefs: gql(sdl), resolvers: resolvers as never });
  return { schema, sdl };
}
