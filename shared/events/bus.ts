import type { EventEnvelope } from './contract';

/** Applies one event; resolves once its effects are committed (then the bus acknowledges), rejects to have it redelivered. */
export type BusHandler = (event: EventEnvelope) => Promise<void>;

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
  /** A durable subscription named `consumer` (one per agency): it receives every event of every source. */
  subscribe(consumer: string, handler: BusHandler): Promise<BusSubscription>;
  /** Resolves when the bus's server answers (readiness); absent for the in-process bus, which has none. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}

/** Delay before the n-th redelivery (n ≥ 1): 200 ms doubling, at most `maxMs`. */
export function retryDelayMs(attempt: number, maxMs: number): number {
  return Math.min(maxMs, 200 * 2 ** Math.min(Math.max(attempt - 1, 0), 20));
}
