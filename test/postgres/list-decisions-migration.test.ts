import { DataSource } from 'typeorm';
import { marketRegulationSubgraph } from '../../subgraphs/market-regulation';
import { createFreshDatabase } from '../support/postgres';

/** Rows recorded before list decisions carried numbers and penalties a severity survive the migration, marked as such. */
describe('market-regulation ListDecisions migration on existing rows', () => {
  it('backfills placeholder decision numbers and the severity the categories imply', async () => {
    const db = await createFreshDatabase('list_decisions_backfill');
    const migrations = marketRegulationSubgraph.migrations;
    const index = migrations.findIndex((m) => m.name.startsWith('ListDecisions'));
    expect(index).toBeGreaterThan(0);
    const options = { type: 'postgres' as const, url: db.url, entities: [], migrationsTableName: 'typeorm_migrations' };
    const before = new DataSource({ ...options, migrations: migrations.slice(0, index) });
    const after = new DataSource({ ...options, migrations });
    try {
      await before.initialize();
      await before.runMigrations();
      const penalty = `INSERT INTO administrative_penalty ("operatorUscc", "decisionNumber", "violationType", "facts", "legalBasis", "categories", "decidedOn", "decidingAuthority", "lawField")
        VALUES ('91440101MA5CJQ4N59', $1, 'v', 'f', 'b', $2, '2025-01-01', 'a', 'GENERAL')`;
      await before.query(penalty, ['P-REVOKED', 'FINE,LICENCE_REVOKED']);
      await before.query(penalty, ['P-FINE', 'FINE']);
      await before.query(penalty, ['P-CLOSED', 'CLOSURE']);
      await before.query(`INSERT INTO serious_dishonest_listing ("operatorUscc", "ground", "basisDecisionNumbers", "facts", "listedOn", "listingAuthority")
        VALUES ('91440101MA5CJQ4N59', 'FOOD', '["P-REVOKED"]', 'f', '2025-02-01', 'a')`);
      await before.query(`INSERT INTO abnormal_operation_listing ("operatorUscc", "reason", "listedOn", "listingAuthority") VALUES ('91440101MA5CJQ4N59', 'UNREACHABLE', '2025-01-01', 'a')`);
      await before.destroy();

      await after.initialize();
      const applied = await after.runMigrations();
      expect(applied[0].name).toMatch(/^ListDecisions/);
      const severities = await after.query(`SELECT "decisionNumber", "severity" FROM administrative_penalty ORDER BY "decisionNumber"`);
      expect(severities).toEqual([
        { decisionNumber: 'P-CLOSED', severity: 'SUSPENSION_OR_CLOSURE' },
        { decisionNumber: 'P-FINE', severity: 'ORDINARY' },
        { decisionNumber: 'P-REVOKED', severity: 'LICENCE_REVOCATION' },
      ]);
      const [serious] = await after.query(`SELECT "id", "decisionNumber", "priorNoticeOn" FROM serious_dishonest_listing`);
      expect(serious).toEqual({ id: serious.id, decisionNumber: `UNNUMBERED-SERIOUS-${serious.id}`, priorNoticeOn: null });
      const [abnormal] = await after.query(`SELECT "id", "decisionNumber" FROM abnormal_operation_listing`);
      expect(abnormal.decisionNumber).toBe(`UNNUMBERED-ABNORMAL-${abnormal.id}`);
    } finally {
      if (before.isInitialized) await before.destroy();
      if (after.isInitialized) await after.destroy();
      await db.drop();
    }
  });
});
