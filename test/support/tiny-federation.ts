import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';

import gql from 'graphql-tag';
import { RunningGateway, startGateway } from '../../gateway/gateway';
import type { MintOptions } from '../../shared/auth/tokens';
import { AppConfig, loadConfig } from '../../shared/config/config';
import { createLogger } from '../../shared/logging/logger';
import { GraphQLResponse, postGraphQL } from './graphql-client';
import { bearer, mintTestToken } from './tokens';

export interface TinySubgraph {
  name: string;
  sdl: string;
  resolvers: GraphQLResolverMap<unknown>;
}

/** Composes subgraph SDLs into a supergraph with @apollo/composition, as `npm run compose` does. */
export function composeTiny(subgraphs: TinySubgraph[]): string {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: `http://127.0.0.1:9/${s.name}`, typeDefs: gql(s.sdl) })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

export interface TinyFederation {
  config: AppConfig;
  gateway: RunningGateway;
  fetches: string[];
  as(options: MintOptions): Promise<Record<string, string>>;
  query<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
    q: string,
    v?: Record<string, unknown>,
    h?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/**
 * Our gateway over `supergraphSdl` (composed from `subgraphs`, possibly edited), with each tiny subgraph
 * served by a real Apollo Server on a free local port.
 */
export async function startTinyFederation(subgraphs: TinySubgraph[], supergraphSdl: string): Promise<TinyFederation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-tiny-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1' });
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const servers: ApolloServer[] = [];
  const urls: Record<string, string> = {};
  const fetches: string[] = [];
  try {
    for (const s of subgraphs) {
      const server = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: gql(s.sdl), resolvers: s.resolvers }) });
      const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
      servers.push(server);
      urls[s.name] = url;
    }
    const gateway = await startGateway({
      config,
      log,
      supergraphSdl,
      subgraphUrls: urls,
      port: 0,
      onSubgraphFetch: (name) => fetches.push(name),
    });
    return {
      config,
      gateway,
      fetches,
      as: async (o) => bearer(await mintTestToken(config, o)),
      query: (q, v, h) => postGraphQL(gateway.url, q, v, h),
      stop: async () => {
        await gateway.stop();
        for (const server of servers) await server.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    for (const server of servers) await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
