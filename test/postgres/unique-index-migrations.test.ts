import { DataSource } from 'typeorm';
import { marketRegulationSubgraph } from '../../subgraphs/market-regulation';
import { createFreshDatabase } from '../support/postgres';

/**
 * A database that already holds duplicates the new unique indexes forbid is not migrated half-way:
 * the migration stops naming the offending keys, and nothing of it is applied.
 */
describe('AddUniqueIndexes on a market-regulation database with duplicates', () => {
  it('refuses with the duplicate keys and leaves the schema as it was', async () => {
    const db = await createFreshDatabase('unique_guard');
    const [initial, ...later] = marketRegulationSubgraph.migrations as (new () => unknown)[];
    const options = { type: 'postgres' as const, url: db.url, migrationsTableName: 'typeorm_migrations' };
    const before = new DataSource({ ...options, migrations: [initial] });
    const after = new DataSource({ ...options, migrations: [initial, ...later] });
    try {
      await before.initialize();
      await before.runMigrations();
      for (const listedOn of ['2024-01-01', '2025-01-01']) {
        await before.query(
          `INSERT INTO "abnormal_operation_listing" ("operatorUscc", "reason", "listedOn", "listingAuthority") VALUES ($1, $2, $3, $4)`,
          ['91440106MA9TEST01X', 'UNREACHABLE', listedOn, '广州市天河区市场监督管理局'],
        );
      }
      await before.destroy();

      await after.initialize();
      await expect(after.runMigrations()).rejects.toThrow(
        /standing abnormal operations listings with the same operator and reason \(91440106MA9TEST01X UNREACHABLE\)/,
      );
      const applied = await after.query(`SELECT name FROM typeorm_migrations`);
      expect(applied).toHaveLength(1);
      const indexes = await after.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'abnormal_operation_listing' AND indexdef LIKE 'CREATE UNIQUE%'`);
      expect(indexes.filter((i: { indexname: string }) => !i.indexname.startsWith('PK_'))).toEqual([]);
    } finally {
      if (before.isInitialized) await before.destroy();
      if (after.isInitialized) await after.destroy();
      await db.drop();
    }
  }, 30_000);
});
