import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { createEventApplier } from '../../../shared/events/consumer';
import { ProcessedEvent } from '../../../shared/events/entities';
import { JetStreamBus } from '../../../shared/events/jetstream-bus';
import { OutboxRelay } from '../../../shared/events/relay';
import {
  applications, countingHandlers, decide, log, openTestDatabase, unpublished, waitFor,
} from './event-test-support';
import { describeWhen } from '../../support/describe-when';
import { loadTestServiceSettings } from '../../support/services';

/** The NATS server .ci/run starts (JetStream on). */
const NATS = loadTestServiceSettings().natsUrl;
/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describeWhen('nats')('credit events over NATS JetStream', () => {
  // A stream and subject prefix of this run alone, deleted afterwards.
  const run = randomBytes(4).toString('hex');
  const streams: string[] = [];
  let settings: { stream: string; subjectPrefix: string; consumerPrefix: string; retryMaxDelayMs: number };
  const bus = (servers = [NATS]) => new JetStreamBus({ ...settings, natsServers: servers, log, publishTimeoutMs: 1500, ackWaitMs: 2000 });
  let source: Awaited<ReturnType<typeof openTestDatabase>>;
  let target: Awaited<ReturnType<typeof openTestDatabase>>;

  beforeEach(async () => {
    // Each test its own stream, so a new durable consumer sees only that test's events.
    const n = streams.length;
    settings = { stream: `OCG_TEST_${run}_${n}`, subjectPrefix: `ocgtest.${run}.${n}`, consumerPrefix: '', retryMaxDelayMs: 50 };
    streams.push(settings.stream);
    source = await openTestDatabase('nats_source');
    target = await openTestDatabase('nats_target');
  });
  afterEach(async () => {
    await source.close();
    await target.close();
  });
  afterAll(async () => {
    const nc = await connect({ servers: NATS });
    const jsm = await jetstreamManager(nc);
    for (const stream of streams) await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
  });

  function subscribe(b: JetStreamBus, db: DataSource, consumer: string, counting = countingHandlers()) {
    const apply = createEventApplier('finance', db, counting.handlers, consumer);
    return b.subscribe(consumer, async (e) => void (await apply(e)));
  }

  /** Subscribes as the services do, with a batch handler; records the size of every batch and how each ended. */
  function subscribeInBatches(b: JetStreamBus, db: DataSource, consumer: string, counting = countingHandlers()) {
    const apply = createEventApplier('finance', db, counting.handlers, consumer);
    const batches: { size: number; ok: boolean }[] = [];
    const subscription = b.subscribe(consumer, async (e) => void (await apply(e)), {
      batch: async (events) => {
        try {
          await apply.batch(events);
          batches.push({ size: events.length, ok: true });
        } catch (err) {
          batches.push({ size: events.length, ok: false });
          throw err;
        }
      },
    });
    return { subscription, batches };
  }

  it('a backlog is applied in batches, one transaction each; a failing batch is applied one by one and only its failing event waits', async () => {
    const consumer = `finance-${run}-d`;
    const producer = bus();
    const relay = new OutboxRelay({ dataSource: source.db, bus: producer, log, intervalMs: 60_000 });
    const events = [];
    for (let n = 1; n <= 30; n++) events.push(await decide(source.db, n));
    relay.start();
    await waitFor(async () => (await unpublished(source.db)) === 0);

    const counting = countingHandlers();
    // Refused in the batch and once more alone: the others are applied one by one meanwhile, it on redelivery.
    counting.fail(events[10].id, 2);
    const consuming = bus();
    const { subscription, batches } = subscribeInBatches(consuming, target.db, consumer, counting);
    const sub = await subscription;
    try {
      await waitFor(async () => (await applications(target.db)).size === 30);
      await new Promise((r) => setTimeout(r, 300));
      expect(await applications(target.db)).toEqual(new Map(events.map((e) => [e.id, 1])));
      // The backlog was waiting: the first pull brought several at once, and they went to the batch handler together.
      expect(batches.length).toBeGreaterThan(0);
      expect(Math.max(...batches.map((x) => x.size))).toBeGreaterThan(1);
      expect(batches.some((x) => !x.ok)).toBe(true);
      expect(await target.db.getRepository(ProcessedEvent).countBy({ consumer })).toBe(30);
      const nc = await connect({ servers: NATS });
      const info = await (await jetstreamManager(nc)).consumers.info(settings.stream, consumer);
      expect(info.num_ack_pending).toBe(0);
      expect(info.num_pending).toBe(0);
      await nc.close();
    } finally {
      // A failed expectation must not leave the subscription running (jest would not exit).
      await sub.stop();
      await consuming.close();
      await relay.stop();
      await producer.close();
    }
  });

  it('a consumer stopped while events are published catches up on restart, applying each exactly once', async () => {
    const consumer = `finance-${run}-a`;
    const producer = bus();
    const relay = new OutboxRelay({ dataSource: source.db, bus: producer, log, intervalMs: 200 });
    relay.start();
    const first = bus();
    const sub = await subscribe(first, target.db, consumer);
    const early = await decide(source.db, 1);
    await waitFor(async () => (await applications(target.db)).get(early.id) === 1);
    await sub.stop();
    await first.close();

    // Published while the consumer is down.
    const later = [await decide(source.db, 2), await decide(source.db, 3), await decide(source.db, 4)];
    await waitFor(async () => (await unpublished(source.db)) === 0);
    expect((await applications(target.db)).size).toBe(1);

    const restarted = bus();
    const again = await subscribe(restarted, target.db, consumer);
    await waitFor(async () => (await applications(target.db)).size === 4);
    await new Promise((r) => setTimeout(r, 300));
    expect(await applications(target.db)).toEqual(new Map([early, ...later].map((e) => [e.id, 1])));
    await again.stop();
    await restarted.close();
    await relay.stop();
    await producer.close();
  });

  it('events written while NATS is unreachable stay in the outbox and are delivered when it is back', async () => {
    const consumer = `finance-${run}-b`;
    const down = bus([`nats://127.0.0.1:${await closedPort()}`]);
    const deadRelay = new OutboxRelay({ dataSource: source.db, bus: down, log, intervalMs: 100 });
    deadRelay.start();
    const events = [await decide(source.db, 1), await decide(source.db, 2)];
    await new Promise((r) => setTimeout(r, 400));
    expect(await unpublished(source.db)).toBe(2);
    await deadRelay.stop();
    await down.close();

    // The service restarted with NATS reachable.
    const up = bus();
    const sub = await subscribe(up, target.db, consumer);
    const relay = new OutboxRelay({ dataSource: source.db, bus: up, log, intervalMs: 60_000 });
    relay.start();
    await waitFor(async () => (await applications(target.db)).size === 2);
    expect(await unpublished(source.db)).toBe(0);
    expect(await applications(target.db)).toEqual(new Map(events.map((e) => [e.id, 1])));
    await relay.stop();
    await sub.stop();
    await up.close();
  });

  it('a redelivered event changes nothing: a failing handler is delivered again, a second copy is skipped', async () => {
    const consumer = `finance-${run}-c`;
    const b = bus();
    const counting = countingHandlers();
    const event = await decide(source.db, 1);
    counting.fail(event.id, 2);
    const sub = await subscribe(b, target.db, consumer, counting);
    const relay = new OutboxRelay({ dataSource: source.db, bus: b, log, intervalMs: 60_000 });
    relay.start();
    await waitFor(async () => (await applications(target.db)).get(event.id) === 1);

    // The same event id once more, past the stream's duplicate check (a relay of another stream, a replay).
    const nc = await connect({ servers: NATS });
    await jetstream(nc).publish(b.subject(event), JSON.stringify(event));
    // And the relay publishing it again (crash before marking it): JetStream drops it by message id.
    await b.publish(event);
    await new Promise((r) => setTimeout(r, 500));
    expect(await applications(target.db)).toEqual(new Map([[event.id, 1]]));
    expect(await target.db.getRepository(ProcessedEvent).countBy({ consumer, eventId: event.id })).toBe(1);
    const info = await (await jetstreamManager(nc)).consumers.info(settings.stream, consumer);
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
    await nc.close();
    await relay.stop();
    await sub.stop();
    await b.close();
  });
});
