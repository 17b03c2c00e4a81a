import fs from 'node:fs';
import { Authenticator, createAuthenticator } from '../shared/auth/authenticate';
import type { AppConfig } from '../shared/config/config';
import { InProcessBus } from '../shared/events/in-process-bus';
import { createEventBus } from '../shared/events/runtime';
import { awaitOutboxesSettled } from '../shared/events/settle';
import type { EventBus } from '../shared/events/bus';
import type { Logger } from '../shared/logging/logger';
import { RunningSubgraph, startSubgraph, StartSubgraphOptions } from '../shared/subgraph/start-subgraph';
import { SUBGRAPHS } from '../subgraphs/registry';
import { RunningGateway, startGateway } from '../gateway/gateway';
import { COMMITTED_SUPERGRAPH } from '../gateway/supergraph/location';

export interface StackOptions {
  config: AppConfig;
  log: Logger;
  /** Use any free ports instead of the configured ones (tests). */
  freePorts?: boolean;
  /** Per-agency database URL overrides (tests on fresh PostgreSQL databases). */
  databaseUrls?: Record<string, string | undefined>;
  seedOperators?: number;
  onSubgraphFetch?: (subgraph: string) => void;
  clock?: StartSubgraphOptions['clock'];
  /** The in-process bus applies every event in its own transaction instead of a relay's batch in one (tests). */
  oneEventAtATime?: boolean;
}

export interface RunningStack {
  gateway: RunningGateway;
  authenticator: Authenticator;
  subgraphs: RunningSubgraph[];
  eventBus: EventBus;
  stop(): Promise<void>;
}

/** The embedded deployment: all five subgraphs and the gateway in one process. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { config, log } = options;
  const subgraphs: RunningSubgraph[] = [];
  // One authenticator for the whole process: a revoked token is refused by every service at once.
  const authenticator = createAuthenticator(config, log);
  // One event bus for the whole process, held until every subgraph has subscribed (in process) or one NATS
  // connection shared by all (NATS_URL).
  const eventBus = createEventBus(config.events, log, { held: true, oneAtATime: options.oneEventAtATime });
  // Subgraphs ask each other over HTTP; with free ports a peer's URL is known only once it has started.
  const peerUrl = (agency: string) =>
    subgraphs.find((s) => s.agency === agency)?.url ?? config.subgraphs[agency as keyof AppConfig['subgraphs']].url;
  try {
    for (const definition of SUBGRAPHS) {
      subgraphs.push(
        await startSubgraph(definition, {
          config,
          log,
          port: options.freePorts ? 0 : undefined,
          databaseUrl: options.databaseUrls?.[definition.agency],
          seedOperators: options.seedOperators,
          clock: options.clock,
          authenticator,
          peerUrl,
          eventBus,
        }),
      );
    }
    if (eventBus instanceof InProcessBus) {
      eventBus.open();
      // Ready only once the decisions already in the outboxes (the seed's, or a previous run's) have moved every
      // agency. Over NATS the durable consumers catch up by themselves, asynchronously.
      await awaitOutboxesSettled(
        subgraphs.map((s) => ({ agency: s.agency, relay: s.events.relay, dataSource: s.database.dataSource })),
        log,
      );
    }
    const supergraphSdl = fs.readFileSync(config.supergraphPath ?? COMMITTED_SUPERGRAPH, 'utf8');
    const gateway = await startGateway({
      config,
      log,
      supergraphSdl,
      port: options.freePorts ? 0 : undefined,
      subgraphUrls: Object.fromEntries(
        subgraphs.map((s) => [s.agency, options.freePorts ? s.url : config.subgraphs[s.agency as keyof AppConfig['subgraphs']].url]),
      ),
      onSubgraphFetch: options.onSubgraphFetch,
      authenticator,
    });
    return {
      gateway,
      authenticator,
      subgraphs,
      eventBus,
      stop: async () => {
        await gateway.stop();
        for (const s of subgraphs) await s.stop();
        await eventBus.close();
        await authenticator.close();
      },
    };
  } catch (err) {
    // Closed first: it releases publishes still held for subgraphs that will now never start.
    await eventBus.close();
    for (const s of subgraphs) await s.stop().catch(() => undefined);
    await authenticator.close();
    throw err;
  }
}
