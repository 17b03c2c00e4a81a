import type { DataSource } from 'typeorm';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * The consumers apply a relay's batch of events in one transaction, leaving recomputation (assessments, signals,
 * joint measures) to the end of it; seeding 100,000 operators settles in minutes instead of hours that way. The
 * seeded data must obey the same rules as live data whichever way it was delivered: two stacks seed the same operators,
 * one delivering batches, one every event in its own transaction as before, and every agency's tables must hold the same
 * records. Left out are what legitimately differs between two deliveries: generated ids and the times and order of
 * delivery (outbox, processed events, feed positions, arrival and derivation times), and the assessments a later
 * event of the same delivery replaced at once (only current assessments are compared).
 */
jest.setTimeout(240_000);

const OPERATORS = 80;

/** Bookkeeping of the delivery itself: which events went out, when and in what order, and who applied them when. */
const DELIVERY_TABLES = new Set(['outbox_event', 'processed_event', 'typeorm_migrations']);

/**
 * Columns that record ids, times or the order of a delivery rather than a decision: generated primary keys, the
 * sequence and id of the event a row came from, and the moments a row was received, derived or published.
 */
const DELIVERY_COLUMNS = new Set([
  'id', 'position', 'eventId', 'sourceSequence', 'sequence', 'receivedAt', 'processedAt', 'publishedAt', 'asOf',
  'assessedAt', 'classifiedAt', 'assessmentId', 'trigger', 'createdAt', 'updatedAt', 'recordedAt',
  // A hash of the signal last published, evidence ids included (the signals themselves are compared at market regulation).
  'fingerprint',
]);

/** Every record of every table of one agency, delivery bookkeeping left out, in a canonical order. */
async function records(db: DataSource): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const metadata of db.entityMetadatas) {
    const table = metadata.tableName;
    if (DELIVERY_TABLES.has(table)) continue;
    let rows = (await db.query(`SELECT * FROM ${db.driver.escape(table)}`)) as Record<string, unknown>[];
    if (table === 'credit_assessment') rows = rows.filter((r) => r.current === 1 || r.current === true);
    out[table] = rows
      .map((row) => {
        const kept = Object.entries(row).filter(([column]) => !DELIVERY_COLUMNS.has(column));
        return JSON.stringify(Object.fromEntries(kept.map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])));
      })
      .map((json) => canonical(table, json))
      .sort();
  }
  return out;
}

/**
 * Within a derived record's JSON (signals and assessments list their evidence and times): the times, and the ids of
 * evidence a consumer created (numbered in the order deliveries reached it). The kind of each piece of evidence stays.
 */
function canonical(table: string, json: string): string {
  if (table !== 'credit_assessment' && table !== 'received_credit_signal') return json;
  return json
    .replace(/\\"asOf\\":\\"[^"\\]*\\"/g, '\\"asOf\\":\\"-\\"')
    .replace(/(\\"kind\\":\\"(?:FINANCING_MEASURE|GOVERNMENT_RESTRICTION|TRANSACTION_RISK_ALERT|CUSTOMS_JOINT_MEASURE)\\",\\"id\\":\\")\d+/g, '$1-');
}

describe('batched delivery of credit events leaves what event-by-event delivery leaves', () => {
  let batched: StackHarness;
  let oneByOne: StackHarness;
  beforeAll(async () => {
    batched = await startStackForTest({ seedOperators: OPERATORS });
    oneByOne = await startStackForTest({ seedOperators: OPERATORS, oneEventAtATime: true });
  });
  afterAll(async () => {
    await batched?.stop();
    await oneByOne?.stop();
  });

  it('every agency holds the same records once the seeded events settled', async () => {
    for (const subgraph of batched.stack.subgraphs) {
      const other = oneByOne.stack.subgraphs.find((s) => s.agency === subgraph.agency)!;
      const [a, b] = [await records(subgraph.database.dataSource), await records(other.database.dataSource)];
      // Derived records exist at all (the comparison is not of empty tables).
      expect(Object.values(a).reduce((n, rows) => n + rows.length, 0)).toBeGreaterThan(OPERATORS);
      for (const table of Object.keys(a)) {
        expect({ agency: subgraph.agency, table, rows: a[table] }).toEqual({ agency: subgraph.agency, table, rows: b[table] });
      }
    }
  });

  it('every consumer applied the same events either way, the batched stack several in each transaction', async () => {
    const applied = (db: DataSource) =>
      db.query('SELECT "sourceAgency", "eventType", COUNT(*) AS n FROM processed_event GROUP BY "sourceAgency", "eventType" ORDER BY 1, 2');
    for (const subgraph of batched.stack.subgraphs) {
      const other = oneByOne.stack.subgraphs.find((s) => s.agency === subgraph.agency)!;
      expect(await applied(subgraph.database.dataSource)).toEqual(await applied(other.database.dataSource));
    }
    // Events applied in one transaction are recorded with one processing time.
    const mr = batched.stack.subgraphs.find((s) => s.agency === 'market-regulation')!.database.dataSource;
    const [{ events, moments }] = (await mr.query(
      'SELECT COUNT(*) AS events, COUNT(DISTINCT "processedAt") AS moments FROM processed_event',
    )) as { events: number; moments: number }[];
    expect(Number(events)).toBeGreaterThan(OPERATORS);
    expect(Number(moments)).toBeLessThan(Number(events) / 4);
  });
});
