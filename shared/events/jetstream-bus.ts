import {
  AckPolicy, ConsumerMessages, DeliverPolicy, jetstream, JetStreamClient, jetstreamManager, JetStreamManager, JsMsg, RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { AGENCIES } from '../config/agencies';
import type { EventsConfig } from '../config/events';
import type { Logger } from '../logging/logger';
import { appliedTogether, BusBatchHandler, BusHandler, BusSubscription, EventBus, retryDelayMs } from './bus';
import { EVENT_TYPES, EventEnvelope } from './contract';

type NatsConnection = Awaited<ReturnType<typeof connect>>;
/** JetStream durations are nanoseconds. */
const nanos = (ms: number) => ms * 1_000_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Most messages a consumer holds unacknowledged from one pull, and so the most it applies in one transaction. */
export const MAX_DELIVERY_BATCH = 200;

/** A message off the stream as an envelope, or null when it is not one (it can never be applied). */
export function decodeEnvelope(text: string): EventEnvelope | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const e = value as Partial<EventEnvelope> | null;
  if (
    !e || typeof e !== 'object' || typeof e.id !== 'string' || !UUID.test(e.id) || !(EVENT_TYPES as readonly string[]).includes(String(e.type)) ||
    !(AGENCIES as readonly string[]).includes(String(e.sourceAgency)) || !Number.isInteger(e.sequence) ||
    typeof e.occurredAt !== 'string' || !e.payload || typeof e.payload !== 'object'
  ) {
    return null;
  }
  return e as EventEnvelope;
}

export type JetStreamBusOptions = Pick<EventsConfig, 'natsServers' | 'stream' | 'subjectPrefix' | 'consumerPrefix' | 'retryMaxDelayMs'> & {
  log: Logger;
  /** Wait for the stream's ack of one publish (and for a connection) at most this long. */
  publishTimeoutMs?: number;
  /** How long a delivered event may take before JetStream delivers it again. */
  ackWaitMs?: number;
};

/**
 * NATS JetStream: one stream (`<stream>`, subjects `<prefix>.<type>.<sourceAgency>`, file storage, duplicates
 * dropped by event id), a durable pull consumer per agency with explicit ack. A handler's success acks the
 * message after its transaction committed; a failure naks it with a growing delay, so JetStream delivers it
 * again until it is applied (never dropped; every failure is logged). Messages that have already arrived when the
 * consumer takes one (a backlog, a burst of listings) go to the subscription's batch handler together, in stream
 * order, applied in one transaction and acked after it; should that fail, they are applied one by one as above, so
 * a failing event holds back only itself.
 *
 * NATS may be unreachable at start: publishing then fails (the outbox keeps the event and the relay retries)
 * and subscriptions wait; the connection is retried in the background until `close()`.
 */
export class JetStreamBus implements EventBus {
  readonly kind = 'nats' as const;
  private connection?: NatsConnection;
  private connecting?: Promise<NatsConnection>;
  private setup?: Promise<{ js: JetStreamClient; jsm: JetStreamManager }>;
  private closed = false;
  private readonly subscriptions = new Set<{ stop(): Promise<void> }>();
  private readonly publishTimeoutMs: number;
  private readonly ackWaitMs: number;

  constructor(private readonly options: JetStreamBusOptions) {
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5000;
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
  }

  subject(event: Pick<EventEnvelope, 'type' | 'sourceAgency'>): string {
    return `${this.options.subjectPrefix}.${event.type}.${event.sourceAgency}`;
  }

  /** The connected client; a failed attempt is forgotten so the next call tries again. */
  private connect(): Promise<NatsConnection> {
    if (this.closed) return Promise.reject(new Error('the event bus is closed'));
    this.connecting ??= connect({
      servers: this.options.natsServers,
      name: 'operator-credit-graph',
      // Once connected, the client reconnects by itself for as long as it takes.
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1000,
      timeout: this.publishTimeoutMs,
    }).then(
      (nc) => {
        this.connection = nc;
        if (this.closed) void nc.close();
        return nc;
      },
      (err: unknown) => {
        this.connecting = undefined;
        throw err;
      },
    );
    return this.connecting;
  }

  /** One round trip to the server (readiness); connects first when not connected yet. */
  async ping(): Promise<void> {
    const nc = await this.connect();
    await nc.flush();
  }

  private ready(): Promise<{ js: JetStreamClient; jsm: JetStreamManager }> {
    this.setup ??= (async () => {
      const nc = await this.connect();
      const jsm = await jetstreamManager(nc, { timeout: this.publishTimeoutMs });
      await this.ensureStream(jsm);
      return { js: jetstream(nc, { timeout: this.publishTimeoutMs }), jsm };
    })().catch((err: unknown) => {
      this.setup = undefined;
      throw err;
    });
    return this.setup;
  }

  private async ensureStream(jsm: JetStreamManager): Promise<void> {
    const subjects = [`${this.options.subjectPrefix}.>`];
    try {
      await jsm.streams.info(this.options.stream);
    } catch {
      try {
        await jsm.streams.add({
          name: this.options.stream,
          subjects,
          storage: StorageType.File,
          retention: RetentionPolicy.Limits,
          // The relay may publish an event again after a crash: the stream drops it within this window (by event id).
          duplicate_window: nanos(10 * 60_000),
        });
      } catch (err) {
        // Another service created it at the same moment.
        await jsm.streams.info(this.options.stream).catch(() => Promise.reject(err));
      }
    }
  }

  async publish(event: EventEnvelope): Promise<void> {
    const { js } = await withTimeout(this.ready(), this.publishTimeoutMs, 'NATS is not reachable');
    await js.publish(this.subject(event), JSON.stringify(event), { msgID: event.id, timeout: this.publishTimeoutMs });
  }

  consumerName(consumer: string): string {
    return `${this.options.consumerPrefix}${consumer}`;
  }

  async subscribe(consumer: string, handler: BusHandler, options: { batch?: BusBatchHandler } = {}): Promise<BusSubscription> {
    const durable = this.consumerName(consumer);
    const log = this.options.log.child({ consumer: durable, stream: this.options.stream });
    let stopped = false;
    let messages: ConsumerMessages | undefined;
    let wake: () => void = () => undefined;
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    const run = async () => {
      for (let failures = 0; !stopped && !this.closed; ) {
        try {
          const { js, jsm } = await this.ready();
          await this.ensureConsumer(jsm, durable);
          const c = await js.consumers.get(this.options.stream, durable);
          messages = await c.consume({ max_messages: MAX_DELIVERY_BATCH });
          if (stopped) messages.stop();
          failures = 0;
          const arrivals = messages[Symbol.asyncIterator]();
          for (let next = await arrivals.next(); !next.done; next = await arrivals.next()) {
            const delivered = [next.value];
            // Those already here (getPending counts messages only, so each `next` below returns at once).
            while (options.batch && delivered.length < MAX_DELIVERY_BATCH && messages.getPending() > 0) {
              const more = await arrivals.next();
              if (more.done) break;
              delivered.push(more.value);
            }
            await this.deliver(delivered, handler, options.batch, log);
          }
        } catch (err) {
          if (stopped || this.closed) break;
          failures++;
          const delay = retryDelayMs(failures, this.options.retryMaxDelayMs);
          log.warn({ err, retryInMs: delay }, 'credit-event subscription interrupted; resubscribing');
          await pause(delay);
        }
      }
    };
    const running = run();
    const subscription = {
      stop: async () => {
        stopped = true;
        wake();
        messages?.stop();
        await running;
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Applies delivered messages: together when there are several and a batch handler, else (or after its failure) one by one. */
  private async deliver(delivered: JsMsg[], handler: BusHandler, batch: BusBatchHandler | undefined, log: Logger): Promise<void> {
    const events: { m: JsMsg; event: EventEnvelope }[] = [];
    for (const m of delivered) {
      const event = decodeEnvelope(m.string());
      if (event) {
        events.push({ m, event });
      } else {
        // Not an event of this system: applying it can never succeed, so it is logged and taken off.
        log.error({ subject: m.subject, seq: m.seq }, 'message on the credit-event stream is not an event envelope; terminated');
        m.term();
      }
    }
    if (await appliedTogether(batch, events.map((e) => e.event), log)) {
      for (const { m } of events) m.ack();
      return;
    }
    for (const { m, event } of events) {
      try {
        await handler(event);
        m.ack();
      } catch (err) {
        const attempt = m.info.deliveryCount;
        const delay = retryDelayMs(attempt, this.options.retryMaxDelayMs);
        log.error({ err, eventId: event.id, type: event.type, attempt, retryInMs: delay }, 'event handler failed; delivered again later');
        m.nak(delay);
      }
    }
  }

  private async ensureConsumer(jsm: JetStreamManager, durable: string): Promise<void> {
    try {
      await jsm.consumers.info(this.options.stream, durable);
    } catch {
      try {
        await jsm.consumers.add(this.options.stream, {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          // A new agency starts from the first event: its measures derive from the whole history.
          deliver_policy: DeliverPolicy.All,
          filter_subject: `${this.options.subjectPrefix}.>`,
          ack_wait: nanos(this.ackWaitMs),
          // Never give up on an event: a failing one is naked with a growing delay and logged each time.
          max_deliver: -1,
        });
      } catch (err) {
        await jsm.consumers.info(this.options.stream, durable).catch(() => Promise.reject(err));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.subscriptions].map((s) => s.stop()));
    const nc = this.connection;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
