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

/**
 * UPDATEs of many rows by primary key in chunks, one statement per chunk (`UPDATE ... FROM (SELECT ... UNION ALL ...)`,
 * which PostgreSQL and SQLite both read), each row setting `columns` to its own values. Values go through the driver's
 * conversion like insertInChunks'; every row must carry the entity's single primary key.
 */
export async function updateInChunks<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  rows: Partial<E>[],
  columns: (keyof E & string)[],
  chunkSize = 500,
): Promise<void> {
  if (rows.length === 0 || columns.length === 0) return;
  const db = manager.connection;
  const metadata = db.getMetadata(entity);
  if (metadata.primaryColumns.length !== 1) throw new Error(`updateInChunks needs a single primary key (${metadata.tableName})`);
  const key = metadata.primaryColumns[0];
  const set = columns.map((name) => {
    const column = metadata.findColumnWithPropertyName(name);
    if (!column) throw new Error(`${metadata.tableName} has no column ${name}`);
    return column;
  });
  const all = [key, ...set];
  const q = (name: string) => db.driver.escape(name);
  const postgres = db.options.type === 'postgres';
  const perChunk = Math.max(1, Math.min(chunkSize, Math.floor(30_000 / all.length)));
  for (let i = 0; i < rows.length; i += perChunk) {
    const params: unknown[] = [];
    const selects = rows.slice(i, i + perChunk).map((row) => {
      const values = all.map((column) => {
        const raw = column.getEntityValue(row as ObjectLiteral, true);
        params.push(db.driver.preparePersistentValue(raw === undefined ? null : raw, column));
        const parameter = db.driver.createParameter(`p${params.length - 1}`, params.length - 1);
        // PostgreSQL types a parameter from its use (text here); SQLite stores by the column's affinity (a CAST to
        // "datetime" would make a number of a date).
        const value = postgres ? `CAST(${parameter} AS ${db.driver.normalizeType(column)})` : parameter;
        return `${value} AS ${q(column.databaseName)}`;
      });
      return `SELECT ${values.join(', ')}`;
    });
    const assignments = set.map((c) => `${q(c.databaseName)} = v.${q(c.databaseName)}`).join(', ');
    const table = q(metadata.tableName);
    await manager.query(
      `UPDATE ${table} SET ${assignments} FROM (${selects.join(' UNION ALL ')}) AS v WHERE ${table}.${q(key.databaseName)} = v.${q(key.databaseName)}`,
      params,
    );
  }
}
