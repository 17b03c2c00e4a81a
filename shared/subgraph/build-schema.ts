import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse, print, visit } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap } from 'type-graphql';
import type { SubgraphDefinition } from './definition';

/** Federation version and the directives every subgraph may use. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@tag", "@inaccessible", ' +
  '"@authenticated", "@requiresScopes", "@policy"])';

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
  const sdl = `${FEDERATION_LINK}\n\n${normalizeDirectiveOrder(printSchemaWithDirectives(typeGraphqlSchema))}`;
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(definition.referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  const schema = buildSubgraphSchema({ typeDefs: gql(sdl), resolvers: resolvers as never });
  return { schema, sdl };
}

/**
 * type-graphql reverses its directive lists on every schema build, and five subgraphs are built in one
 * process: sorting each node's directives keeps the printed SDL (and the committed supergraph) stable.
 */
function normalizeDirectiveOrder(sdl: string): string {
  const sortDirectives = <T extends { directives?: readonly { name: { value: string } }[] }>(node: T): T =>
    node.directives && node.directives.length > 1
      ? { ...node, directives: [...node.directives].sort((a, b) => print(a as never).localeCompare(print(b as never))) }
      : node;
  return print(
    visit(parse(sdl), {
      FieldDefinition: sortDirectives,
      ObjectTypeDefinition: sortDirectives,
      InterfaceTypeDefinition: sortDirectives,
    }),
  );
}
