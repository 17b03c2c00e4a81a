import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { EventsConfig } from '../config/events';
import type { Logger } from '../logging/logger';
import type { SubgraphDefinition } from '../subgraph/definition';
import type { BusSubscription, EventBus } from './bus';
import { createEventApplier } from './consumer';
import { InProcessBus } from './in-process-bus';
import { JetStreamBus } from './jetstream-bus';
import { OutboxRelay } from './relay';

/** The configured bus: JetStream when NATS_URL is set (EVENT_BUS=nats), otherwise the in-process bus. */
export function createEventBus(config: EventsConfig, log: Logger, options: { held?: boolean; oneAtATime?: boolean } = {}): EventBus {
  const busLog = log.child({ component: 'event-bus' });
  if (config.bus === 'nats') return new JetStreamBus({ ...config, log: busLog });
  return new InProcessBus({ log: busLog, attempts: config.inProcessAttempts, retryMaxDelayMs: config.retryMaxDelayMs, held: options.held, oneAtATime: options.oneAtATime });
}

export interface RunningEvents {
  relay: OutboxRelay;
  stop(): Promise<void>;
}

/**
 * One subgraph's share of the event loop: its consumer (when it has handlers) subscribes first, then its outbox
 * relay starts and publishes whatever an earlier run left unpublished.
 */
export async function startEvents(options: {
  definition: Pick<SubgraphDefinition, 'agency' | 'eventHandlers'>;
  dataSource: DataSource;
  bus: EventBus;
  config: EventsConfig;
  log: Logger;
}): Promise<RunningEvents> {
  const { definition, dataSource, bus, config } = options;
  const log = options.log.child({ component: 'events' });
  let subscription: BusSubscription | undefined;
  if (definition.eventHandlers && Object.keys(definition.eventHandlers).length > 0) {
    const apply = createEventApplier(definition.agency, dataSource, definition.eventHandlers);
    subscription = await bus.subscribe(
      definition.agency,
      async (event) => {
        const result = await apply(event);
        log.debug({ eventId: event.id, type: event.type, sourceAgency: event.sourceAgency, result }, 'credit event');
      },
      {
        batch: async (events) => {
          const results = await apply.batch(events);
          log.debug({ events: events.length, applied: results.filter((r) => r === 'applied').length }, 'credit events');
        },
      },
    );
  }
  const relay = new OutboxRelay({ dataSource, bus, log, intervalMs: config.relayIntervalMs });
  relay.start();
  return {
    relay,
    stop: async () => {
      await relay.stop();
      await subscription?.stop();
    },
  };
}

export class EventBusError extends Error {}

/**
 * A subgraph run as its own process in production must publish to the others through NATS: the in-process
 * bus would keep its events to itself (and it would receive none). It refuses to start without NATS_URL unless
 * EVENT_BUS=in-process says this one process serves everything.
 */
export function checkStandaloneEventBus(config: Pick<AppConfig, 'env' | 'events'>, log: Logger): void {
  if (config.events.bus === 'nats') return;
  const why = 'credit events go through an in-process bus: no other service receives this one\'s listings, and it receives none';
  if (config.events.busChosen) {
    log.warn(`${why} (EVENT_BUS=in-process; right only for a single-process deployment)`);
    return;
  }
  if (config.env !== 'production') {
    log.warn(`${why}; set NATS_URL to share them`);
    return;
  }
  throw new EventBusError(
    `Refusing to start in production without NATS: ${why}. ` +
      'Set NATS_URL (JetStream carries the events between services), or EVENT_BUS=in-process if this one process serves everything.',
  );
}
