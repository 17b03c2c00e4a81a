import DataLoader from 'dataloader';
import { DataSource, EntityTarget, FindOptionsOrder, In, ObjectLiteral } from 'typeorm';

/**
 * DataLoader helpers. Each request gets fresh loaders (see the subgraph context), so a key is fetched
 * at most once per request and all keys of one tick go to the database in one statement.
 */

/** Loads one row per key, e.g. an operator's registration by credit code. */
export function oneByKey<E extends ObjectLiteral, K extends string | number>(
  db: DataSource,
  entity: EntityTarget<E>,
  column: keyof E & string,
): DataLoader<K, E | null> {
  return new DataLoader<K, E | null>(async (keys) => {
    const rows = await db.getRepository(entity).find({ where: { [column]: In([...keys]) } as never });
    const byKey = new Map(rows.map((r) => [r[column] as K, r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** Loads all rows per key, e.g. an operator's penalties, in the given order. */
export function manyByKey<E extends ObjectLiteral, K extends string | number>(
  db: DataSource,
  entity: EntityTarget<E>,
  column: keyof E & string,
  order: FindOptionsOrder<E>,
): DataLoader<K, E[]> {
  return new DataLoader<K, E[]>(async (keys) => {
    const rows = await db
      .getRepository(entity)
      .find({ where: { [column]: In([...keys]) } as never, order });
    const byKey = new Map<K, E[]>(keys.map((k) => [k, []]));
    for (const row of rows) byKey.get(row[column] as K)?.push(row);
    return keys.map((k) => byKey.get(k) ?? []);
  });
}
