import { ApolloGateway, GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { stripSecurityDirectives } from '../../gateway/authorization/supergraph-security';
import { FORWARDED_HEADERS, readPeerSettings } from './peer-settings';

/**
 * Vanilla @apollo/gateway with @apollo/server over the same subgraphs: the baseline the project's gateway is
 * compared with. No plugins, no authorization of its own (the subgraphs still enforce theirs).
 */
type ForwardedContext = Partial<Record<(typeof FORWARDED_HEADERS)[number], string>>;

class ForwardingDataSource extends RemoteGraphQLDataSource<ForwardedContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<ForwardedContext>) {
    for (const name of FORWARDED_HEADERS) {
      const value = context[name];
      if (value) request.http?.headers.set(name, value);
    }
  }
}

async function main() {
  const { port, supergraphSdl } = readPeerSettings();
  const gateway = new ApolloGateway({
    supergraphSdl: stripSecurityDirectives(supergraphSdl),
    buildService: ({ url }) => new ForwardingDataSource({ url }),
  });
  const server = new ApolloServer<ForwardedContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async ({ req }) => {
      const context: ForwardedContext = {};
      for (const name of FORWARDED_HEADERS) {
        const value = req.headers[name];
        if (typeof value === 'string') context[name] = value;
      }
      return context;
    },
  });
  process.stdout.write(`apollo gateway ready at ${url}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
