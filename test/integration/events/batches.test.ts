import { BatchPublishError } from '../../../shared/events/bus';
import { createEventApplier } from '../../../shared/events/consumer';
import type { DeferredWork, EventEnvelope, EventHandlers } from '../../../shared/events/contract';
import { OutboxEvent, ProcessedEvent } from '../../../shared/events/entities';
import { InProcessBus } from '../../../shared/events/in-process-bus';
import { OutboxRelay } from '../../../shared/events/relay';
import {
  applications, countingHandlers, decide, listed, log, openTestDatabase, TestApplication, TestDecision, unpublished, waitFor, TEST_USCC as USCC,
} from './event-test-support';

function envelope(n: number): EventEnvelope<'CreditListChange'> {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type: 'CreditListChange', sourceAgency: 'market-regulation',
    sequence: n, occurredAt: new Date().toISOString(), payload: listed(USCC, n),
  };
}

describe('a consumer applying a batch of events in one transaction', () => {
  let target: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeEach(async () => {
    target = await openTestDatabase('batch_target');
  });
  afterEach(async () => {
    await target.close();
  });

  it('handles the events in order, runs deferred work once after the last, and writes follow-ups in emit order', async () => {
    const seen: string[] = [];
    const flushes: string[][] = [];
    const handlers: EventHandlers = {
      CreditListChange: async (event, manager, follow, context) => {
        // Each handler sees what the previous events of the batch wrote.
        seen.push(`${event.payload.decisionNumber}:${await manager.count(TestApplication)}`);
        await manager.insert(TestApplication, { eventId: event.id });
        const pending = context.deferred('test:decisions', () => {
          const numbers: string[] = [];
          return { numbers, flush: async () => void flushes.push([...numbers]) } satisfies DeferredWork & { numbers: string[] };
        });
        pending.numbers.push(event.payload.decisionNumber);
        await follow('JointMeasureChange', {
          agency: 'finance', operatorUscc: USCC, kind: `K-${event.payload.decisionNumber}`, matters: [],
          basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber: event.payload.decisionNumber }, action: 'APPLIED',
          at: '2026-01-01T00:00:00.000Z',
        });
      },
    };
    const apply = createEventApplier('finance', target.db, handlers);
    const events = [envelope(1), envelope(2), envelope(3)];
    expect(await apply.batch(events)).toEqual(['applied', 'applied', 'applied']);
    expect(seen).toEqual(['TEST-1:0', 'TEST-2:1', 'TEST-3:2']);
    expect(flushes).toEqual([['TEST-1', 'TEST-2', 'TEST-3']]);
    const outbox = await target.db.getRepository(OutboxEvent).find({ order: { sequence: 'ASC' } });
    expect(outbox.map((o) => [o.sequence, o.type, (o.payload as { kind: string }).kind, o.sourceAgency])).toEqual([
      [1, 'JointMeasureChange', 'K-TEST-1', 'finance'],
      [2, 'JointMeasureChange', 'K-TEST-2', 'finance'],
      [3, 'JointMeasureChange', 'K-TEST-3', 'finance'],
    ]);
  });

  it('applies all or none: a failing event rolls back the whole batch, its follow-ups and deferred work included', async () => {
    const counting = countingHandlers();
    let flushed = 0;
    const original = counting.handlers.CreditListChange!;
    counting.handlers.CreditListChange = async (event, manager, follow, context) => {
      context.deferred('test:count', () => ({ flush: async () => void flushed++ }));
      await follow('Referral', {
        fromAgency: 'finance', kind: 'OTHER', operatorUscc: USCC, reference: { kind: 'T', id: event.id }, summary: 's', referredOn: '2026-01-01',
      });
      return original(event, manager, follow, context);
    };
    const apply = createEventApplier('finance', target.db, counting.handlers);
    const events = [envelope(1), envelope(2), envelope(3)];
    counting.fail(events[1].id, 1);
    await expect(apply.batch(events)).rejects.toThrow(/refuses/);
    expect(flushed).toBe(0);
    expect(await applications(target.db)).toEqual(new Map());
    expect(await target.db.getRepository(ProcessedEvent).count()).toBe(0);
    expect(await target.db.getRepository(OutboxEvent).count()).toBe(0);
    // Delivered again, the batch applies.
    expect(await apply.batch(events)).toEqual(['applied', 'applied', 'applied']);
    expect(flushed).toBe(1);
    expect(await applications(target.db)).toEqual(new Map(events.map((e) => [e.id, 1])));
    expect(await target.db.getRepository(OutboxEvent).count()).toBe(3);
  });

  it('skips events applied before, and an event twice in one batch is applied once', async () => {
    const counting = countingHandlers();
    const apply = createEventApplier('finance', target.db, counting.handlers);
    const [a, b, c] = [envelope(1), envelope(2), envelope(3)];
    expect(await apply(a)).toBe('applied');
    expect(await apply.batch([a, b, b, c])).toEqual(['duplicate', 'applied', 'duplicate', 'applied']);
    expect(await apply.batch([c])).toEqual(['duplicate']);
    // An event type the consumer has no handler for is ignored and not recorded.
    const other = { ...envelope(4), type: 'Referral' } as unknown as EventEnvelope;
    expect(await apply.batch([other])).toEqual(['ignored']);
    expect(await applications(target.db)).toEqual(new Map([a, b, c].map((e) => [e.id, 1])));
    expect(await target.db.getRepository(ProcessedEvent).count()).toBe(3);
  });

  it('applies two batches delivered at once one after the other: rows they both write in opposite orders cannot deadlock', async () => {
    // Two operators' rows; each event updates one of them. Batch A writes row 1 then row 2, batch B row 2 then row 1.
    await target.db.getRepository(TestDecision).insert([{ id: 1, operatorUscc: 'R0' }, { id: 2, operatorUscc: 'R0' }]);
    const rowOf = (event: EventEnvelope) => ((event.sequence - 1) % 2) + 1;
    let firstWrites = 0;
    const handlers: EventHandlers = {
      CreditListChange: async (event, manager) => {
        await manager.query(
          `UPDATE test_decision SET "operatorUscc" = 'R' || ${rowOf(event)} || '-' || ${event.sequence} WHERE id = ${rowOf(event)}`,
        );
        if (event.sequence === 1 || event.sequence === 4) {
          // The first event of each batch waits (at most half a second) for the other batch's first write: applied at
          // the same time, each would then hold the row the other needs next.
          firstWrites += 1;
          const until = Date.now() + 500;
          while (firstWrites < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
        }
      },
    };
    const apply = createEventApplier('finance', target.db, handlers);
    const [a, b] = await Promise.all([apply.batch([envelope(1), envelope(2)]), apply.batch([envelope(4), envelope(3)])]);
    expect(a).toEqual(['applied', 'applied']);
    expect(b).toEqual(['applied', 'applied']);
    // B went second: its writes are the last on both rows.
    const rows = await target.db.getRepository(TestDecision).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => r.operatorUscc)).toEqual(['R1-3', 'R2-4']);
    expect(await target.db.getRepository(ProcessedEvent).count()).toBe(4);
  });
});

describe('the relay publishing batches over the in-process bus', () => {
  let source: Awaited<ReturnType<typeof openTestDatabase>>;
  let target: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeEach(async () => {
    source = await openTestDatabase('batch_relay_source');
    target = await openTestDatabase('batch_relay_target');
  });
  afterEach(async () => {
    await source.close();
    await target.close();
  });

  it('holds back only the event a consumer cannot apply: those before it are applied and marked, the rest wait in order', async () => {
    const events: EventEnvelope[] = [];
    for (let n = 1; n <= 6; n++) events.push(await decide(source.db, n));
    const bus = new InProcessBus({ log, attempts: 2, retryMaxDelayMs: 5 });
    const failing = countingHandlers();
    const healthy = countingHandlers();
    const batches: number[] = [];
    const finance = createEventApplier('finance', target.db, failing.handlers);
    const commerce = createEventApplier('commerce', source.db, healthy.handlers);
    await bus.subscribe('finance', async (e) => void (await finance(e)), {
      batch: async (es) => {
        batches.push(es.length);
        await finance.batch(es);
      },
    });
    await bus.subscribe('commerce', async (e) => void (await commerce(e)), { batch: async (es) => void (await commerce.batch(es)) });
    // Finance fails the fourth event on every delivery for a while (its batch, then both one-by-one attempts).
    failing.fail(events[3].id, 3);
    const relay = new OutboxRelay({ dataSource: source.db, bus, log, intervalMs: 60_000 });
    relay.start();
    await relay.idle();
    expect(batches).toEqual([6]);
    // Events 1-3 reached every consumer and are marked; 4-6 wait for finance (commerce already has them all).
    const marked = await source.db.getRepository(OutboxEvent).find({ order: { sequence: 'ASC' } });
    expect(marked.map((r) => r.publishedAt !== null)).toEqual([true, true, true, false, false, false]);
    expect([...(await applications(target.db)).keys()]).toEqual(events.slice(0, 3).map((e) => e.id));
    expect([...(await applications(source.db)).keys()].sort()).toEqual(events.map((e) => e.id).sort());

    // The next pass: finance recovers; every event reaches each consumer exactly once.
    relay.nudge();
    await waitFor(async () => (await unpublished(source.db)) === 0, 5000);
    await relay.stop();
    expect(await applications(target.db)).toEqual(new Map(events.map((e) => [e.id, 1])));
    expect(await applications(source.db)).toEqual(new Map(events.map((e) => [e.id, 1])));
    await bus.close();
  });

  it('publishBatch names how many events every subscriber applied when it stops', async () => {
    const bus = new InProcessBus({ log, attempts: 1, retryMaxDelayMs: 5 });
    const counting = countingHandlers();
    const apply = createEventApplier('finance', target.db, counting.handlers);
    await bus.subscribe('finance', async (e) => void (await apply(e)), { batch: async (es) => void (await apply.batch(es)) });
    const events = [envelope(1), envelope(2), envelope(3)];
    counting.fail(events[2].id, 2);
    const error = await bus.publishBatch(events).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(BatchPublishError);
    expect((error as BatchPublishError).published).toBe(2);
    await bus.close();
  });
});
