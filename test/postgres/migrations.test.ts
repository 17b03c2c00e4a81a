import { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../../subgraphs/registry';
import { createFreshDatabase } from '../support/postgres';

/** The committed migrations build exactly the schema the entities describe, and can be reverted. */
describe.each(SUBGRAPHS.map((s) => [s.agency, s] as const))('%s migrations on PostgreSQL', (agency, definition) => {
  it('leave no difference between entities and schema, and revert cleanly', async () => {
    const db = await createFreshDatabase(`migrations_${agency}`);
    const ds = new DataSource({
      type: 'postgres',
      url: db.url,
      entities: definition.entities,
      migrations: definition.migrations,
      migrationsTableName: 'typeorm_migrations',
    });
    try {
      await ds.initialize();
      const applied = await ds.runMigrations();
      expect(applied.length).toBe(definition.migrations.length);
      expect(applied.length).toBeGreaterThan(0);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      for (let i = 0; i < applied.length; i++) await ds.undoLastMigration();
      const tables = await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`,
      );
      expect(tables).toEqual([]);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await db.drop();
    }
  });
});
