import type { DataSource } from 'typeorm';
import type { Logger } from '../logging/logger';

/** What every resolver receives. Loaders are created per request, never shared between requests. */
export interface SubgraphContext<L = unknown> {
  requestId: string;
  db: DataSource;
  loaders: L;
  log: Logger;
  maxPageSize: number;
  /** Current time of the request; rules with dates (publicity, removal) are judged against it. */
  now: Date;
}
