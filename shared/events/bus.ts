import type { Logger } from '../logging/logger';
import type { EventEnvelope } from './contract';

/** Applies one event; resolves once its effects are committed (then the bus acknowledges), rejects to have it redelivered. */
export type BusHandler = (event: EventEnvelope) => Promise<void>;

/**
 * Applies events published together, in their order, all or none (one transaction); rejects to have them delivered
 * again one by one through the subscription's BusHandler.
 */
export type BusBatchHandler = (events: readonly EventEnvelope[]) => Promise<void>;

/**
 * Gives several delivered events to the subscription's batch handler, if it has one: true once it applied them all;
 * false when there is none, only one event, or it failed (logged), and the bus is to apply them one by one, so that a
 * failing event holds back only itself. One place for both buses.
 */
export async function appliedTogether(
  batch: BusBatchHandler | undefined,
  events: readonly EventEnvelope[],
  log: Logger,
  fields: Record<string, unknown> = {},
): Promise<boolean> {
  if (!batch || events.length < 2) return false;
  try {
    await batch(events);
    return true;
  } catch (err) {
    log.warn({ ...fields, err, events: events.length }, 'a batch of events failed as a whole; applying them one by one');
    return false;
  }
}

/** `publishBatch` stopped at an event some subscriber could not apply: the events before it reached every subscriber. */
export class BatchPublishError extends Error {
  constructor(
    /** How many events of the batch, from its start, every subscriber applied. */
    readonly published: number,
    readonly reason: unknown,
  ) {
    super(`published ${published} event(s) of the batch, then: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

export interface BusSubscription {
  /** Stops taking deliveries; resolves once the delivery in progress (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Where the relays publish and the consumers subscribe: NATS JetStream (NATS_URL) or the in-process bus of
 * the embedded deployment. Delivery is at least once; consumers make it exactly-once by event id.
 */
export interface EventBus {
  readonly kind: 'nats' | 'in-process';
  /** Resolves once the bus holds the event durably (JetStream: the stream's ack; in process: every subscriber applied it). */
  publish(event: EventEnvelope): Promise<void>;
  /**
   * Publishes one source's events in their order, as `publish` would one after the other, letting each subscriber
   * apply them together (its `batch` handler). Rejects with a BatchPublishError naming how many of them, from the
   * start, reached every subscriber. Absent where the transport has no use for it (the relay then publishes one by one).
   */
  publishBatch?(events: readonly EventEnvelope[]): Promise<void>;
  /**
   * A durable subscription named `consumer` (one per agency): it receives every event of every source; a bus that
   * publishes batches hands them to `options.batch` when given.
   */
  subscribe(consumer: string, handler: BusHandler, options?: { batch?: BusBatchHandler }): Promise<BusSubscription>;
  /** Resolves when the bus's server answers (readiness); absent for the in-process bus, which has none. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}

/** Delay before the n-th redelivery (n ≥ 1): 200 ms doubling, at most `maxMs`. */
export function retryDelayMs(attempt: number, maxMs: number): number {
  return Math.min(maxMs, 200 * 2 ** Math.min(Math.max(attempt - 1, 0), 20));
}
