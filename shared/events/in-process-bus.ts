import type { Logger } from '../logging/logger';
import { appliedTogether, BatchPublishError, BusBatchHandler, BusHandler, BusSubscription, EventBus, retryDelayMs } from './bus';
import type { EventEnvelope } from './contract';

export interface InProcessBusOptions {
  log: Logger;
  /** Deliveries of one event to one subscriber before `publish` fails (the relay then retries the outbox row later). */
  attempts: number;
  retryMaxDelayMs: number;
  /**
   * Hold every publish until `open()`: the embedded stack opens the bus once all its subgraphs subscribed, so an
   * event a relay finds at start reaches consumers that start after it.
   */
  held?: boolean;
  /** Deliver a batch event by event, each in its own transaction, as before batches existed (tests compare the two). */
  oneAtATime?: boolean;
}

/**
 * The embedded deployment's bus: every subgraph of this process, nothing beyond it. `publish` resolves only
 * after each subscriber applied the event, so the outbox row is marked published only then; a crash before
 * that leaves it unpublished and the relay sends it again on the next start (consumers skip what they applied).
 */
interface Subscriber {
  handler: BusHandler;
  batch?: BusBatchHandler;
  inFlight: Set<Promise<unknown>>;
}

export class InProcessBus implements EventBus {
  readonly kind = 'in-process' as const;
  private readonly subscribers = new Map<string, Subscriber>();
  private release: () => void = () => undefined;
  private readonly opened: Promise<void>;
  private closed = false;

  constructor(private readonly options: InProcessBusOptions) {
    this.opened = options.held ? new Promise<void>((resolve) => (this.release = resolve)) : Promise.resolve();
  }

  open(): void {
    this.release();
  }

  async publish(event: EventEnvelope): Promise<void> {
    await this.opened;
    if (this.closed) throw new Error('the event bus is closed');
    const deliveries = [...this.subscribers.entries()].map(([consumer, s]) => {
      const delivery: Promise<void> = this.deliver(consumer, s.handler, event);
      s.inFlight.add(delivery);
      return delivery.finally(() => s.inFlight.delete(delivery));
    });
    const results = await Promise.allSettled(deliveries);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) throw failed[0].reason;
  }

  /**
   * Hands the batch to every subscriber at once, each applying it in one go (its batch handler) and, should that
   * fail, event by event in order with the usual retries up to the first event it cannot apply. Resolves once every
   * subscriber applied every event; otherwise rejects with how many, from the start, all of them applied.
   */
  async publishBatch(events: readonly EventEnvelope[]): Promise<void> {
    await this.opened;
    if (this.closed) throw new Error('the event bus is closed');
    if (events.length === 0) return;
    const deliveries = [...this.subscribers.entries()].map(([consumer, s]) => {
      const delivery = this.deliverBatch(consumer, s, events);
      s.inFlight.add(delivery);
      return delivery.finally(() => s.inFlight.delete(delivery));
    });
    const outcomes = await Promise.all(deliveries);
    const applied = Math.min(events.length, ...outcomes.map((o) => o.applied));
    const failure = outcomes.find((o) => o.applied < events.length);
    if (failure) throw new BatchPublishError(applied, failure.error);
  }

  /** How many events of the batch, from its start, one subscriber applied (and why it stopped, if it did). */
  private async deliverBatch(
    consumer: string,
    s: Subscriber,
    events: readonly EventEnvelope[],
  ): Promise<{ applied: number; error?: unknown }> {
    if (!this.options.oneAtATime && (await appliedTogether(s.batch, events, this.options.log, { consumer }))) return { applied: events.length };
    // One by one, the events before one that fails are applied and only it is held back.
    for (let i = 0; i < events.length; i++) {
      try {
        await this.deliver(consumer, s.handler, events[i]);
      } catch (error) {
        return { applied: i, error };
      }
    }
    return { applied: events.length };
  }

  private async deliver(consumer: string, handler: BusHandler, event: EventEnvelope): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(event);
        return;
      } catch (err) {
        const log = { err, consumer, eventId: event.id, type: event.type, sourceAgency: event.sourceAgency, attempt };
        if (attempt >= this.options.attempts || this.closed || !this.subscribers.has(consumer)) {
          this.options.log.error(log, 'event handler failed; the event stays in the outbox and is delivered again later');
          throw err;
        }
        this.options.log.warn(log, 'event handler failed; retrying');
        await new Promise((r) => setTimeout(r, retryDelayMs(attempt, this.options.retryMaxDelayMs)));
      }
    }
  }

  async subscribe(consumer: string, handler: BusHandler, options: { batch?: BusBatchHandler } = {}): Promise<BusSubscription> {
    if (this.subscribers.has(consumer)) throw new Error(`consumer ${consumer} is already subscribed`);
    const entry: Subscriber = { handler, batch: options.batch, inFlight: new Set<Promise<unknown>>() };
    this.subscribers.set(consumer, entry);
    return {
      stop: async () => {
        if (this.subscribers.get(consumer) === entry) this.subscribers.delete(consumer);
        await Promise.allSettled([...entry.inFlight]);
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.release();
    await Promise.allSettled([...this.subscribers.values()].flatMap((s) => [...s.inFlight]));
    this.subscribers.clear();
  }
}
