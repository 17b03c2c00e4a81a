import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import type { Logger } from '../logging/logger';

/**
 * Marks background work while statements are counted per request. Off by default: on Node 20 a used AsyncLocalStorage
 * hooks every promise of the process (about 5 % of a subgraph's CPU per request), and only tests read the count.
 */
let background: AsyncLocalStorage<boolean> | undefined;

/**
 * From now on, statements of background work (`runInBackground`) are not counted: the count is then about what requests
 * cost. Tests call it before starting services; otherwise every statement counts.
 */
export function countRequestStatementsOnly(): void {
  background ??= new AsyncLocalStorage<boolean>();
}

/**
 * Runs `work` as background work of the service (the event relay and consumers): its SQL is not counted (once
 * `countRequestStatementsOnly` was called), since the count is about what a request costs, and a relay pass may land
 * in the middle of any request.
 */
export function runInBackground<T>(work: () => Promise<T>): Promise<T> {
  return background ? background.run(true, work) : work();
}

/**
 * TypeORM logger that counts every SQL statement sent to the database on behalf of requests.
 * Tests read `statements` to assert that SQL per request does not grow with page size.
 */
export class CountingSqlLogger implements TypeOrmLogger {
  statements = 0;

  constructor(private readonly out?: Logger) {}

  logQuery(query: string, parameters?: unknown[], _queryRunner?: QueryRunner): void {
    if (!background?.getStore()) this.statements++;
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
