import fs from 'node:fs';
import path from 'node:path';
import { DataSource, MixedList, EntitySchema } from 'typeorm';
import { WriteQueue } from '../access-control/write-queue';
import type { AgencyId } from '../config/agencies';
import type { Logger } from '../logging/logger';
import { CountingSqlLogger } from './query-counter';

export interface DatabaseOptions {
  agency: AgencyId;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** PostgreSQL URL; without one, an SQLite file `<dataDir>/<agency>.sqlite`. */
  databaseUrl?: string;
  dataDir: string;
  /** ':memory:' SQLite for unit tests. */
  inMemory?: boolean;
  logger?: Logger;
}

export interface AgencyDatabase {
  dataSource: DataSource;
  sql: CountingSqlLogger;
  kind: 'postgres' | 'sqlite';
}

/**
 * One database per agency. PostgreSQL is migrated with the subgraph's TypeORM migrations;
 * the embedded SQLite file is synchronized from the entities (it is a local, disposable store).
 */
export async function openAgencyDatabase(options: DatabaseOptions): Promise<AgencyDatabase> {
  const sql = new CountingSqlLogger(options.logger);
  let dataSource: DataSource;
  if (options.databaseUrl) {
    dataSource = new DataSource({
      type: 'postgres',
      url: options.databaseUrl,
      entities: options.entities,
      migrations: options.migrations,
      migrationsTableName: 'typeorm_migrations',
      migrationsRun: true,
      synchronize: false,
      logger: sql,
      logging: true,
      extra: { max: 10, application_name: `ocg-${options.agency}` },
    });
  } else {
    let database = ':memory:';
    if (!options.inMemory) {
      fs.mkdirSync(options.dataDir, { recursive: true });
      database = path.join(options.dataDir, `${options.agency}.sqlite`);
    }
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database,
      entities: options.entities,
      synchronize: true,
      logger: sql,
      logging: true,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('foreign_keys = ON');
      },
    });
  }
  await dataSource.initialize();
  if (!options.databaseUrl) serializeTransactions(dataSource);
  return { dataSource, sql, kind: options.databaseUrl ? 'postgres' : 'sqlite' };
}

/**
 * TypeORM gives SQLite one connection and one query runner: a transaction started while another is
 * open becomes a SAVEPOINT inside it, so concurrent requests would commit or roll back each other's
 * writes, and a duplicate check could not see a concurrent insert. Queued, each transaction runs
 * alone and its checks hold (PostgreSQL has real concurrent transactions and needs none of this).
 */
function serializeTransactions(dataSource: DataSource): void {
  const queue = new WriteQueue();
  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  (manager as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args) =>
    queue.run(() => transaction(...args));
}
