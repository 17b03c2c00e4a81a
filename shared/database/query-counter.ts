import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import type { Logger } from '../logging/logger';

const background = new AsyncLocalStorage<boolean>();

/**
 * Runs `work` as background work of the service (the event relay and consumers): its SQL is not counted, since the
 * count is about what a request costs, and a relay pass may land in the middle of any request.
 */
export function runInBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

/**
 * TypeORM logger that counts every SQL statement sent to the database on behalf of requests.
 * Tests read `statements` to assert that SQL per request does not grow with page size.
 */
export class CountingSqlLogger implements TypeOrmLogger {
  statements = 0;

  constructor(private readonly out?: Logger) {}

  logQuery(query: string, parameters?: unknown[], _queryRunner?: QueryRunner): void {
    if (!background.getStore()) this.statements++;
    this.out?.trace({ sql: query, parameters }, 'sql');
  }
  logQueryError(error: string | Error, query: string, _parameters?: unknown[]): void {
    this.out?.error({ err: error, sql: query }, 'sql failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.out?.warn({ ms: time, sql: query }, 'slow sql');
  }
  logSchemaBuild(message: string): void {
    this.out?.debug(message);
  }
  logMigration(message: string): void {
    this.out?.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out?.warn(String(message));
    else this.out?.debug(String(message));
  }
}
