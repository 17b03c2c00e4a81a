import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import type { Logger } from '../logging/logger';

/**
 * TypeORM logger that counts every SQL statement sent to the database.
 * Tests read `statements` to assert that SQL per request does not grow with page size.
 */
export class CountingSqlLogger implements TypeOrmLogger {
  statements = 0;

  constructor(private readonly out?: Logger) {}

  logQuery(query: string, parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.statements++;
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
