import { IsNull, Not } from 'typeorm';
import { createEventApplier } from '../../../shared/events/consumer';
import { OutboxEvent, ProcessedEvent } from '../../../shared/events/entities';
import { InProcessBus } from '../../../shared/events/in-process-bus';
import { createEmitEvent } from '../../../shared/events/outbox';
import { OutboxRelay } from '../../../shared/events/relay';
import {
  applications, countingHandlers, decide, listed, log, openTestDatabase, TestDecision, unpublished, waitFor, TEST_USCC as USCC,
} from './event-test-support';

describe('transactional outbox, relay and in-process bus', () => {
  let source: Awaited<ReturnType<typeof openTestDatabase>>;
  let target: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeEach(async () => {
    source = await openTestDatabase('outbox_source');
    target = await openTestDatabase('outbox_target');
  });
  afterEach(async () => {
    await source.close();
    await target.close();
  });

  it('commits an event with its decision, numbered in commit order, and a rolled-back decision leaves none', async () => {
    const first = await decide(source.db, 1);
    await expect(decide(source.db, 2, true)).rejects.toThrow('decision refused');
    const second = await decide(source.db, 3);
    const rows = await source.db.getRepository(OutboxEvent).find({ order: { sequence: 'ASC' } });
    expect(await source.db.getRepository(TestDecision).count()).toBe(2);
    expect(rows.map((r) => [r.id, r.sequence, r.type, r.sourceAgency, r.publishedAt])).toEqual([
      [first.id, 1, 'CreditListChange', 'market-regulation', null],
      [second.id, 2, 'CreditListChange', 'market-regulation', null],
    ]);
    expect(rows[0].payload).toEqual(listed(USCC, 1));
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses to emit outside a transaction', async () => {
    const emit = createEmitEvent('market-regulation');
    await expect(emit(source.db.manager, 'CreditListChange', listed(USCC, 1))).rejects.toThrow(/inside the transaction/);
    expect(await source.db.getRepository(OutboxEvent).count()).toBe(0);
  });

  it('publishes after a crash between commit and publish, and each consumer applies each event exactly once', async () => {
    // Decisions committed while no relay runs: the process "crashed" before publishing.
    const events = [await decide(source.db, 1), await decide(source.db, 2)];
    expect(await unpublished(source.db)).toBe(2);

    const bus = new InProcessBus({ log, attempts: 3, retryMaxDelayMs: 20 });
    const { handlers } = countingHandlers();
    const apply = createEventApplier('finance', target.db, handlers);
    const sub = await bus.subscribe('finance', async (e) => void (await apply(e)));
    // The restarted service: its relay publishes what the outbox still holds.
    const relay = new OutboxRelay({ dataSource: source.db, bus, log, intervalMs: 60_000 });
    relay.start();
    await waitFor(async () => (await unpublished(source.db)) === 0);
    await relay.idle();
    expect(await applications(target.db)).toEqual(new Map(events.map((e) => [e.id, 1])));

    // A crash after publishing but before marking the rows: they go out again and change nothing.
    await relay.stop();
    await source.db.getRepository(OutboxEvent).update({ publishedAt: Not(IsNull()) }, { publishedAt: null });
    const again = new OutboxRelay({ dataSource: source.db, bus, log, intervalMs: 60_000 });
    again.start();
    await waitFor(async () => (await unpublished(source.db)) === 0);
    await again.stop();
    expect(await applications(target.db)).toEqual(new Map(events.map((e) => [e.id, 1])));
    expect(await target.db.getRepository(ProcessedEvent).count()).toBe(2);
    await sub.stop();
    await bus.close();
  });

  it('delivers a new decision promptly after its commit (nudge), retries a failing handler and applies it once', async () => {
    const bus = new InProcessBus({ log, attempts: 3, retryMaxDelayMs: 20 });
    const consumers = ['finance', 'commerce'] as const;
    const targets = { finance: target.db, commerce: source.db };
    const fails = new Map<string, ReturnType<typeof countingHandlers>>();
    for (const c of consumers) {
      const counting = countingHandlers();
      fails.set(c, counting);
      const apply = createEventApplier(c, targets[c], counting.handlers);
      await bus.subscribe(c, async (e) => void (await apply(e)));
    }
    // An interval far beyond the test: only the commit's nudge can publish in time.
    const relay = new OutboxRelay({ dataSource: source.db, bus, log, intervalMs: 600_000 });
    relay.start();
    await relay.idle();
    // The next event's id is not known before it is written: fail whatever finance gets first, twice.
    const failing = fails.get('finance')!;
    const original = failing.handlers.CreditListChange!;
    let failed = 0;
    failing.handlers.CreditListChange = async (event, m, e, context) => {
      if (failed++ < 2) throw new Error('finance is busy');
      return original(event, m, e, context);
    };
    const event = await decide(source.db, 7);
    await waitFor(async () => (await unpublished(source.db)) === 0, 5000);
    expect(failed).toBe(3);
    expect((await applications(target.db)).get(event.id)).toBe(1);
    // The source consumes its own events too (commerce shares the source database here).
    expect((await applications(source.db)).get(event.id)).toBe(1);
    await relay.stop();
    await bus.close();
  });

  it('keeps an event in the outbox while a consumer keeps failing, and delivers it once the consumer recovers', async () => {
    const bus = new InProcessBus({ log, attempts: 2, retryMaxDelayMs: 10 });
    const counting = countingHandlers();
    const apply = createEventApplier('finance', target.db, counting.handlers);
    await bus.subscribe('finance', async (e) => void (await apply(e)));
    const event = await decide(source.db, 9);
    counting.fail(event.id, 5);
    const relay = new OutboxRelay({ dataSource: source.db, bus, log, intervalMs: 100 });
    relay.start();
    await new Promise((r) => setTimeout(r, 150));
    // Failed deliveries rolled back: nothing applied, the row waits.
    expect(await unpublished(source.db)).toBe(1);
    await waitFor(async () => (await unpublished(source.db)) === 0, 5000);
    expect((await applications(target.db)).get(event.id)).toBe(1);
    await relay.stop();
    await bus.close();
  });
});
