import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, FindOptionsOrder, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

/**
 * DataLoader helpers. Each request gets fresh loaders (see the subgraph context), so a key is fetched
 * at most once per request and all keys of one tick go to the database in one statement.
 *
 * The statement is built once per (entity, key column, conditions, order) from TypeORM's metadata and run through
 * the driver with all keys as ONE parameter, so its text never depends on the number of keys: SQLite reuses one
 * prepared statement, PostgreSQL one named prepared statement per connection. TypeORM's query builder cost about
 * 40 % of a subgraph's CPU per fetch; rows are still hydrated with TypeORM's own conversions, so resolvers see
 * exactly the entities `repository.find` would give them; JSON documents are parsed when first read, not with the row.
 */

type Direction = 'ASC' | 'DESC';

export interface KeyedQueryOptions<E> {
  /** Fixed equality conditions besides the key, e.g. `{ current: true }`. */
  where?: Partial<Record<keyof E & string, string | number | boolean | null>>;
  /** Property → direction, as in `repository.find({ order })`. */
  order?: FindOptionsOrder<E>;
  /**
   * One more SQL condition, without parameters, written with `{table}` for the entity's table and `{property}` for
   * its columns (quoted for the database), e.g. a correlated subquery.
   */
  condition?: string;
  /**
   * Columns not read: their properties stay undefined on the entities (never null: a resolver can tell). For documents
   * a type serves through a field resolver of its own, so a request that does not select them does not read them.
   */
  omit?: readonly (keyof E & string)[];
}

interface KeyedStatement {
  sql: string;
  /** Unique per statement text: PostgreSQL caches the plan per connection under this name. */
  name: string;
  keyColumn: ColumnMetadata;
  fixedValues: unknown[];
  /** Hydrated as each row is read, with their positions in the selected row. */
  columns: ColumnMetadata[];
  columnAt: number[];
  /** JSON documents, hydrated when first read (see hydrateOnRead), with their positions. */
  lazyColumns: ColumnMetadata[];
  lazyAt: number[];
  metadata: EntityMetadata;
}

/**
 * Whether a column is hydrated when its property is first read rather than when the row is read: JSON documents
 * (`simple-json`) of a top-level property. Parsing them is the dearest part of hydrating a row (an assessment's factors
 * are kilobytes) and most requests select none of them.
 */
function hydratesOnRead(column: ColumnMetadata): boolean {
  return column.type === 'simple-json' && !column.embeddedMetadata && !column.relationMetadata;
}

/**
 * Gives `instance` the property of `column` as an accessor that hydrates `raw` with the driver on its first read and
 * then becomes a plain property holding that value (as if it had been set at once); a write first simply replaces it.
 */
function hydrateOnRead(instance: object, column: ColumnMetadata, raw: unknown, driver: DataSource['driver']): void {
  const property = column.propertyName;
  const settle = (target: object, value: unknown) =>
    Object.defineProperty(target, property, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(instance, property, {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const value = driver.prepareHydratedValue(raw, column);
      settle(this, value);
      return value;
    },
    set(this: object, value: unknown) {
      settle(this, value);
    },
  });
}

const statements = new WeakMap<DataSource, Map<string, KeyedStatement>>();

function isPostgres(db: DataSource): boolean {
  return db.options.type === 'postgres';
}

function buildStatement<E extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<E>,
  column: string,
  options: KeyedQueryOptions<E>,
): KeyedStatement {
  const metadata = db.getMetadata(entity);
  if (metadata.discriminatorColumn || metadata.childEntityMetadatas.length > 0) {
    throw new Error(`${metadata.name}: keyed loaders do not support table inheritance`);
  }
  const q = (name: string) => db.driver.escape(name);
  const columnOf = (property: string) => {
    const found = metadata.findColumnWithPropertyPath(property);
    if (!found) throw new Error(`${metadata.name} has no column ${property}`);
    return found;
  };
  const pg = isPostgres(db);
  let parameter = 0;
  const placeholder = () => (pg ? `$${++parameter}` : '?');
  // The columns `find` selects and hydrates: not virtual, not `select: false`.
  const omitted = new Set<string>(options.omit ?? []);
  const selected = metadata.columns.filter((c) => !c.isVirtual && c.isSelect && !omitted.has(c.propertyName));
  const keyColumn = columnOf(column);
  const conditions = [
    pg
      ? `${q(keyColumn.databaseName)} = ANY(${placeholder()})`
      : `${q(keyColumn.databaseName)} IN (SELECT value FROM json_each(${placeholder()}))`,
  ];
  const fixedValues: unknown[] = [];
  for (const [property, value] of Object.entries(options.where ?? {})) {
    const fixed = columnOf(property);
    if (value === null) {
      conditions.push(`${q(fixed.databaseName)} IS NULL`);
    } else {
      conditions.push(`${q(fixed.databaseName)} = ${placeholder()}`);
      fixedValues.push(db.driver.preparePersistentValue(value, fixed));
    }
  }
  const table = metadata.tablePath.split('.').map(q).join('.');
  if (options.condition) {
    conditions.push(
      options.condition.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'table' ? table : q(columnOf(name).databaseName))),
    );
  }
  const order = Object.entries((options.order ?? {}) as Record<string, Direction | 'asc' | 'desc' | 1 | -1>).map(
    ([property, direction]) => {
      const descending = direction === 'DESC' || direction === 'desc' || direction === -1;
      return `${q(columnOf(property).databaseName)} ${descending ? 'DESC' : 'ASC'}`;
    },
  );
  const sql =
    `SELECT ${selected.map((c) => q(c.databaseName)).join(', ')} FROM ${table} WHERE ${conditions.join(' AND ')}` +
    (order.length > 0 ? ` ORDER BY ${order.join(', ')}` : '');
  const name = `ocg_keyed_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
  const columns = selected.filter((c) => !hydratesOnRead(c));
  const lazyColumns = selected.filter(hydratesOnRead);
  const at = (c: ColumnMetadata) => selected.indexOf(c);
  return { sql, name, keyColumn, fixedValues, columns, columnAt: columns.map(at), lazyColumns, lazyAt: lazyColumns.map(at), metadata };
}

function statementFor<E extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<E>,
  column: string,
  options: KeyedQueryOptions<E>,
): KeyedStatement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  const target = db.getMetadata(entity).target;
  const cacheKey = `${typeof target === 'function' ? target.name : String(target)}\0${column}\0${JSON.stringify(options.where ?? {})}\0${JSON.stringify(options.order ?? {})}\0${options.condition ?? ''}\0${JSON.stringify(options.omit ?? [])}`;
  let statement = cache.get(cacheKey);
  if (!statement) cache.set(cacheKey, (statement = buildStatement(db, entity, column, options)));
  return statement;
}

/**
 * SQLite runs on one connection: prepared once per connection and kept (better-sqlite3 statements are reusable), in
 * raw mode, so each row comes as an array of the selected columns rather than an object keyed by column name.
 */
const sqlitePrepared = new WeakMap<object, Map<string, { all(...params: unknown[]): unknown[][] }>>();

interface SqliteStatement {
  raw(toggle: boolean): SqliteStatement;
  all(...params: unknown[]): unknown[][];
}

/** The rows of a keyed statement, each an array of its selected columns in order. */
async function runRaw(db: DataSource, statement: KeyedStatement, keys: unknown[]): Promise<unknown[][]> {
  const params = isPostgres(db) ? [keys, ...statement.fixedValues] : [JSON.stringify(keys), ...statement.fixedValues];
  // Counted like every TypeORM statement (tests assert statements per request).
  db.logger.logQuery(statement.sql, params);
  try {
    if (isPostgres(db)) {
      const pool = (db.driver as unknown as { master: { query(q: object): Promise<{ rows: unknown[][] }> } }).master;
      return (await pool.query({ name: statement.name, text: statement.sql, values: params, rowMode: 'array' })).rows;
    }
    const connection = (db.driver as unknown as { databaseConnection: { prepare(sql: string): SqliteStatement } }).databaseConnection;
    let prepared = sqlitePrepared.get(connection);
    if (!prepared) sqlitePrepared.set(connection, (prepared = new Map()));
    let stmt = prepared.get(statement.sql);
    if (!stmt) prepared.set(statement.sql, (stmt = connection.prepare(statement.sql).raw(true)));
    return stmt.all(...params);
  } catch (err) {
    db.logger.logQueryError(err as Error, statement.sql, params);
    throw err;
  }
}

/**
 * The rows of `entity` whose `column` is one of `keys` (and that meet `options.where`), in `options.order`, as
 * entity instances hydrated exactly as `repository.find` hydrates them. One statement whatever the number of keys.
 */
export async function findByKeys<E extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<E>,
  column: keyof E & string,
  keys: readonly unknown[],
  options: KeyedQueryOptions<E> = {},
): Promise<E[]> {
  if (keys.length === 0) return [];
  const statement = statementFor(db, entity, column, options);
  const persistedKeys = keys.map((k) => db.driver.preparePersistentValue(k, statement.keyColumn));
  const rows = await runRaw(db, statement, persistedKeys);
  return rows.map((row) => {
    const instance = statement.metadata.create(undefined, { fromDeserializer: true }) as E;
    const { columns, columnAt, lazyColumns, lazyAt } = statement;
    for (let i = 0; i < columns.length; i++) {
      const value = row[columnAt[i]];
      if (value !== undefined) columns[i].setEntityValue(instance, db.driver.prepareHydratedValue(value, columns[i]));
    }
    for (let i = 0; i < lazyColumns.length; i++) {
      const value = row[lazyAt[i]];
      if (value !== undefined) hydrateOnRead(instance, lazyColumns[i], value, db.driver);
    }
    return instance;
  });
}

/** Loads one row per key, e.g. an operator's registration by credit code. */
export function oneByKey<E extends ObjectLiteral, K extends string | number>(
  db: DataSource,
  entity: EntityTarget<E>,
  column: keyof E & string,
  where?: KeyedQueryOptions<E>['where'],
  omit?: KeyedQueryOptions<E>['omit'],
): DataLoader<K, E | null> {
  return new DataLoader<K, E | null>(async (keys) => {
    const rows = await findByKeys(db, entity, column, keys, { where, omit });
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
  where?: KeyedQueryOptions<E>['where'],
): DataLoader<K, E[]> {
  return new DataLoader<K, E[]>(async (keys) => {
    const rows = await findByKeys(db, entity, column, keys, { order, where });
    const byKey = new Map<K, E[]>(keys.map((k) => [k, []]));
    for (const row of rows) byKey.get(row[column] as K)?.push(row);
    return keys.map((k) => byKey.get(k) ?? []);
  });
}
