import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Multi-row INSERTs in chunks, inside one transaction, built from the entity metadata without TypeORM's
 * per-row bookkeeping (RETURNING, entity updates): fast enough for 100,000 operators. Values go through the
 * driver's own conversion (dates, simple-json, transformers) and placeholders, so it works on PostgreSQL and
 * SQLite alike. Generated ids and creation dates are left to the database; other unset columns take their
 * declared default. Chunks stay below both databases' bound-parameter limits. Given a transaction's manager, the
 * rows join that transaction (a seed writes its decisions and their outbox events in one commit).
 */
export async function insertInChunks<E extends ObjectLiteral>(
  target: DataSource | EntityManager,
  entity: EntityTarget<E>,
  rows: Partial<E>[],
  chunkSize = 500,
): Promise<void> {
  if (rows.length === 0) return;
  const db = target instanceof DataSource ? target : target.connection;
  const inTransaction = (work: (manager: EntityManager) => Promise<void>) =>
    target instanceof DataSource ? target.transaction(work) : work(target);
  const metadata = db.getMetadata(entity);
  const columns = metadata.columns.filter((c) => !c.isGenerated && !c.isCreateDate && !c.isUpdateDate);
  const table = db.driver.escape(metadata.tableName);
  const names = columns.map((c) => db.driver.escape(c.databaseName)).join(', ');
  const perChunk = Math.max(1, Math.min(chunkSize, Math.floor(30_000 / Math.max(1, columns.length))));
  await inTransaction(async (manager) => {
    for (let i = 0; i < rows.length; i += perChunk) {
      const params: unknown[] = [];
      const tuples = rows.slice(i, i + perChunk).map((row) => {
        const placeholders = columns.map((column) => {
          let raw = column.getEntityValue(row as ObjectLiteral, true);
          if (raw === undefined && column.default !== undefined && typeof column.default !== 'function') raw = column.default;
          params.push(db.driver.preparePersistentValue(raw === undefined ? null : raw, column));
          return db.driver.createParameter(`p${params.length - 1}`, params.length - 1);
        });
        return `(${placeholders.join(', ')})`;
      });
      await manager.query(`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}`, params);
    }
  });
}
