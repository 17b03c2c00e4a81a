import { accessControlDataSource } from '../../shared/access-control';
import { accessControlMigrations } from '../../shared/access-control/migrations';
import { createFreshDatabase } from '../support/postgres';

/** The committed migrations of the access-control store build exactly the schema its entities describe. */
describe('access-control migrations on PostgreSQL', () => {
  it('leave no difference between entities and schema, and revert cleanly', async () => {
    const db = await createFreshDatabase('ac_migrations');
    const ds = accessControlDataSource({ dataDir: '.', databaseUrl: db.url });
    try {
      await ds.initialize(); // migrationsRun
      const applied = await ds.query(`SELECT name FROM access_control_migrations`);
      expect(applied).toHaveLength(accessControlMigrations.length);
      expect(applied.length).toBeGreaterThan(0);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      for (let i = 0; i < accessControlMigrations.length; i++) await ds.undoLastMigration();
      const tables = await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'access_control_migrations'`,
      );
      expect(tables).toEqual([]);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await db.drop();
    }
  });
});
