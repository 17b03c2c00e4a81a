import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Multi-row INSERTs in chunks, inside one transaction: fast enough for 100,000 operators and
 * below SQLite's and PostgreSQL's bound-parameter limits.
 */
export async function insertInChunks<E extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<E>,
  rows: E[],
  chunkSize = 200,
): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction(async (manager) => {
    for (let i = 0; i < rows.length; i += chunkSize) {
      await manager.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + chunkSize)).execute();
    }
  });
}
