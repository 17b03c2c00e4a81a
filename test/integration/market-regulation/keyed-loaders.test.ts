import { DataSource, EntityTarget, FindOptionsOrder, In, ObjectLiteral } from 'typeorm';
import { findByKeys, manyByKey, oneByKey } from '../../../shared/subgraph/loaders';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { AdministrativePenalty } from '../../../subgraphs/market-regulation/entities/administrative-penalty.entity';
import { CreditAssessment } from '../../../subgraphs/market-regulation/entities/credit-assessment.entity';
import { DoubleRandomInspection } from '../../../subgraphs/market-regulation/entities/double-random-inspection.entity';
import { StorefrontDisclosureCheck } from '../../../subgraphs/market-regulation/entities/storefront-disclosure-check.entity';
import { Operator } from '../../../subgraphs/market-regulation/entities/operator.entity';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { seedPlan } from './fixtures';

/**
 * The keyed loaders run their own SQL (not TypeORM's query builder): the entities they hydrate must be exactly what
 * `repository.find` gives for the same keys (types, transformers, simple-json/-array, booleans, dates), on SQLite and,
 * with OCG_TEST_POSTGRES, on PostgreSQL.
 */
describe('keyed loaders hydrate what repository.find hydrates', () => {
  const OPERATORS = 60;
  const usccs = seedPlan(OPERATORS).operators.map((o) => o.uscc);
  const missing = '91110000MA00000000';
  let h: SubgraphHarness;
  let db: DataSource;

  beforeAll(async () => {
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS });
    db = h.subgraph.database.dataSource;
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function compare<E extends ObjectLiteral>(
    entity: EntityTarget<E>,
    column: keyof E & string,
    keys: unknown[],
    options: { order?: FindOptionsOrder<E>; where?: Record<string, string | number | boolean> } = {},
  ): Promise<E[]> {
    const expected = await db.getRepository(entity).find({ where: { ...options.where, [column]: In(keys) } as never, order: options.order });
    const actual = await findByKeys(db, entity, column, keys, options as never);
    // Without an order the database may return rows in any order; compare them by primary key then.
    const byId = (rows: E[]) => (options.order ? rows : [...rows].sort((a, b) => String(a.id ?? a.uscc).localeCompare(String(b.id ?? b.uscc))));
    expect(byId(actual)).toEqual(byId(expected));
    actual.forEach((row) => expect(row).toBeInstanceOf(db.getMetadata(entity).target as never));
    return actual;
  }

  it('loads operators by credit code (bigint money through its transformer), skipping unknown codes', async () => {
    const rows = await compare(Operator, 'uscc', [usccs[0], missing, usccs[5], usccs[0]]);
    expect(rows.map((r) => r.uscc).sort()).toEqual([usccs[0], usccs[5]].sort());
  });

  it('loads penalties in order (dates, simple-array, nullable bigint, booleans)', async () => {
    const rows = await compare(AdministrativePenalty, 'operatorUscc', usccs.slice(0, 20), { order: { decidedOn: 'DESC', id: 'DESC' } });
    expect(rows.length).toBeGreaterThan(0);
    expect(Array.isArray(rows[0].categories)).toBe(true);
  });

  it('loads the current assessments (a fixed boolean condition, simple-json)', async () => {
    const rows = await compare(CreditAssessment, 'operatorUscc', usccs.slice(0, 30), { where: { current: true } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.current === true)).toBe(true);
  });

  it('parses a JSON document when it is first read, to the value find gives, and a value written first replaces it', async () => {
    const keys = usccs.slice(0, 5);
    const expected = await db.getRepository(CreditAssessment).find({ where: { operatorUscc: In(keys), current: true }, order: { operatorUscc: 'ASC' } });
    const rows = await findByKeys(db, CreditAssessment, 'operatorUscc', keys, { where: { current: true }, order: { operatorUscc: 'ASC' } });
    expect(rows.length).toBe(expected.length);
    const [first, second] = rows;
    // Not parsed with the row: an accessor until read.
    expect(Object.getOwnPropertyDescriptor(first, 'factors')?.get).toBeInstanceOf(Function);
    const factors = first.factors;
    expect(factors).toEqual(expected[0].factors);
    // Read once: a plain property holding that value from then on.
    expect(Object.getOwnPropertyDescriptor(first, 'factors')).toEqual({ value: factors, writable: true, enumerable: true, configurable: true });
    expect(first.factors).toBe(factors);
    second.caps = [];
    expect(second.caps).toEqual([]);
    expect(Object.keys(second)).toEqual(Object.keys(expected[1]));
    expect(JSON.parse(JSON.stringify(rows[2]))).toEqual(JSON.parse(JSON.stringify(expected[2])));
  });

  it('loads timestamps as Date objects', async () => {
    const rows = await compare(StorefrontDisclosureCheck, 'operatorUscc', usccs, { order: { checkedAt: 'DESC', id: 'DESC' } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].checkedAt).toBeInstanceOf(Date);
  });

  it('loads by a numeric key', async () => {
    const ids = (await db.getRepository(DoubleRandomInspection).find({ take: 3, order: { id: 'ASC' } })).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    await compare(DoubleRandomInspection, 'id', [...ids, 999_999]);
  });

  it('applies a further condition written with {table} and {property} (a correlated subquery)', async () => {
    const keys = usccs.slice(0, 30);
    const latest = await findByKeys(db, AdministrativePenalty, 'operatorUscc', keys, {
      condition: '{decidedOn} = (SELECT MAX(l.{decidedOn}) FROM {table} l WHERE l.{operatorUscc} = {table}.{operatorUscc})',
      order: { id: 'ASC' },
    });
    const all = await db.getRepository(AdministrativePenalty).find({ where: { operatorUscc: In(keys) }, order: { id: 'ASC' } });
    const newest = new Map<string, string>();
    for (const p of all) if ((newest.get(p.operatorUscc) ?? '') < p.decidedOn) newest.set(p.operatorUscc, p.decidedOn);
    expect(latest.length).toBeGreaterThan(0);
    expect(latest).toEqual(all.filter((p) => p.decidedOn === newest.get(p.operatorUscc)));
  });

  it('sends one statement whatever the number of keys, and the loaders answer per key', async () => {
    const penalties = manyByKey<AdministrativePenalty, string>(db, AdministrativePenalty, 'operatorUscc', { decidedOn: 'DESC', id: 'DESC' });
    const operators = oneByKey<Operator, string>(db, Operator, 'uscc');
    h.resetSqlCount();
    const [many, one] = await Promise.all([penalties.loadMany([...usccs, missing]), operators.loadMany([usccs[3], missing])]);
    expect(h.sqlCount()).toBe(2);
    expect(many[many.length - 1]).toEqual([]);
    expect((many[0] as AdministrativePenalty[]).every((p) => p.operatorUscc === usccs[0])).toBe(true);
    expect((one[0] as Operator).uscc).toBe(usccs[3]);
    expect(one[1]).toBeNull();
  });
});
