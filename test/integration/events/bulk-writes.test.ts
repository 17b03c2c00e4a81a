import { OutboxEvent } from '../../../shared/events/entities';
import { insertInChunks, updateInChunks } from '../../../shared/seed/insert';
import { openTestDatabase } from './event-test-support';

const row = (n: number): OutboxEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, sequence: n, type: 'CreditListChange', sourceAgency: 'finance',
  occurredAt: '2026-01-01T00:00:00.000Z', payload: { n }, publishedAt: null,
});

describe('updateInChunks (many rows by primary key, one statement per chunk)', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeEach(async () => {
    db = await openTestDatabase('bulk_writes');
  });
  afterEach(async () => {
    await db.close();
  });

  it('sets each row its own values (numbers, JSON, null) and leaves other rows and columns alone', async () => {
    await insertInChunks(db.db, OutboxEvent, [row(1), row(2), row(3), row(4)]);
    await db.db.transaction(async (m) => {
      await updateInChunks(m, OutboxEvent, [
        { id: row(1).id, sequence: 11, payload: { n: 'one', list: [1, 2] }, publishedAt: '2026-02-01T00:00:00.000Z' },
        { id: row(3).id, sequence: 33, payload: { n: 'three' }, publishedAt: null },
        { id: row(4).id, sequence: 44, payload: {}, publishedAt: '2026-02-04T00:00:00.000Z' },
      ], ['sequence', 'payload', 'publishedAt'], 2);
    });
    const rows = await db.db.getRepository(OutboxEvent).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.sequence, r.payload, r.publishedAt, r.type, r.occurredAt])).toEqual([
      [11, { n: 'one', list: [1, 2] }, '2026-02-01T00:00:00.000Z', 'CreditListChange', '2026-01-01T00:00:00.000Z'],
      [2, { n: 2 }, null, 'CreditListChange', '2026-01-01T00:00:00.000Z'],
      [33, { n: 'three' }, null, 'CreditListChange', '2026-01-01T00:00:00.000Z'],
      [44, {}, '2026-02-04T00:00:00.000Z', 'CreditListChange', '2026-01-01T00:00:00.000Z'],
    ]);
  });
});
