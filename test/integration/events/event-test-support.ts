import { Column, DataSource, Entity, IsNull, PrimaryGeneratedColumn } from 'typeorm';
import { openAgencyDatabase } from '../../../shared/database/data-source';
import type { EventEnvelope, EventHandlers } from '../../../shared/events/contract';
import { EVENT_ENTITIES, OutboxEvent } from '../../../shared/events/entities';
import { createEmitEvent } from '../../../shared/events/outbox';
import { createLogger } from '../../../shared/logging/logger';
import { createFreshDatabase, TEST_POSTGRES } from '../../support/postgres';

/** A decision of the source agency in these tests (stands for a listing). */
@Entity('test_decision')
export class TestDecision {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;
}

/** What a test consumer applied, written in the handler's transaction (so a rollback removes it too). */
@Entity('test_application')
export class TestApplication {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 36 })
  eventId: string;
}

export const log = createLogger('silent');

/** A fresh agency database with the event tables: PostgreSQL when OCG_TEST_POSTGRES is set, else in-memory SQLite. */
export async function openTestDatabase(label: string): Promise<{ db: DataSource; close(): Promise<void> }> {
  const entities = [TestDecision, TestApplication, ...EVENT_ENTITIES];
  if (TEST_POSTGRES) {
    const pg = await createFreshDatabase(label);
    const db = new DataSource({ type: 'postgres', url: pg.url, entities, synchronize: true, extra: { max: 5 } });
    await db.initialize();
    return { db, close: async () => { await db.destroy(); await pg.drop(); } };
  }
  const { dataSource } = await openAgencyDatabase({ agency: 'market-regulation', entities, migrations: [], inMemory: true, dataDir: '/nonexistent' });
  return { db: dataSource, close: () => dataSource.destroy() };
}

/** Handlers of a test consumer: each application is a row; `fail(id)` makes the next N deliveries of that event fail. */
export function countingHandlers() {
  const failures = new Map<string, number>();
  const handlers: EventHandlers = {
    CreditListChange: async (event: EventEnvelope<'CreditListChange'>, manager) => {
      await manager.insert(TestApplication, { eventId: event.id });
      const left = failures.get(event.id) ?? 0;
      if (left > 0) {
        failures.set(event.id, left - 1);
        throw new Error(`test handler refuses ${event.id}`);
      }
    },
  };
  return { handlers, fail: (eventId: string, times: number) => failures.set(eventId, times) };
}

/** Applications per event id in the consumer's database. */
export async function applications(db: DataSource): Promise<Map<string, number>> {
  const rows = await db.getRepository(TestApplication).find();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.eventId, (counts.get(r.eventId) ?? 0) + 1);
  return counts;
}

export async function unpublished(db: DataSource): Promise<number> {
  return db.getRepository(OutboxEvent).countBy({ publishedAt: IsNull() });
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const listed = (operatorUscc: string, n: number) => ({
  kind: 'SERIOUS_DISHONEST' as const,
  action: 'LISTED' as const,
  operatorUscc,
  decisionNumber: `TEST-${n}`,
  listingDecisionNumber: `TEST-${n}`,
  effectiveOn: '2026-01-01',
});

/** The operator every test decision lists. */
export const TEST_USCC = '91440101MA5CJQ4N59';
const emit = createEmitEvent('market-regulation');

/** A decision and its event in one transaction, as the mutations do; `fail` rolls the decision back after the emit. */
export async function decide(db: DataSource, n: number, fail = false): Promise<EventEnvelope> {
  return db.transaction(async (m) => {
    await m.insert(TestDecision, { operatorUscc: TEST_USCC });
    const event = await emit(m, 'CreditListChange', listed(TEST_USCC, n));
    if (fail) throw new Error('decision refused after the event was written');
    return event;
  });
}
