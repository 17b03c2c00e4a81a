import type { NonEmptyArray } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { AgencyId } from '../config/agencies';
import type { AppConfig } from '../config/config';
import type { EventHandlers } from '../events/contract';
import type { Logger } from '../logging/logger';
import type { SeedPlan } from '../seed/seed-plan';
import type { SubgraphContext } from './context';

/* eslint-disable @typescript-eslint/no-unsafe-function-type */

/** Entity reference resolvers (`__resolveReference`), kept outside type-graphql. */
export type ReferenceResolvers<L> = Record<
  string,
  // Method syntax on purpose: a subgraph's typed context still fits the registry's erased one.
  { __resolveReference(reference: Record<string, unknown>, context: SubgraphContext<L>): unknown }
>;

/**
 * Everything that makes one agency's subgraph. The five subgraphs export one of these each,
 * so they are started, composed, migrated and seeded the same way.
 */
export interface SubgraphDefinition<L = unknown> {
  agency: AgencyId;
  /** type-graphql resolver classes. */
  resolvers: NonEmptyArray<Function>;
  /** Types reachable only through federation (e.g. entity stubs). */
  orphanedTypes?: Function[];
  /** TypeORM entities and PostgreSQL migrations of this agency's own database. */
  entities: Function[];
  migrations: Function[];
  createLoaders(db: DataSource): L;
  referenceResolvers: ReferenceResolvers<L>;
  /** Writes this agency's part of the deterministic seed into an empty database. */
  seed(db: DataSource, plan: SeedPlan): Promise<void>;
  /** True when the database holds no seeded data yet. */
  isEmpty(db: DataSource): Promise<boolean>;
  /**
   * Which of `usccs` are in-platform operators of `platformId`, for subgraphs that know (market regulation's
   * platform registry, commerce's storefronts). Others leave it out: platforms then see no row-level data there.
   */
  platformMembers?(db: DataSource, platformId: string, usccs: readonly string[]): Promise<Set<string>>;
  /** Consumers of the credit events (shared/events/contract.ts), applied exactly once per event id. */
  eventHandlers?: EventHandlers;
  /** Work the service does by itself, beside requests (e.g. market regulation's list-expiry sweep); stopped with it. */
  startBackgroundWork?(options: BackgroundWorkOptions): Promise<BackgroundWork>;
}

export interface BackgroundWorkOptions {
  dataSource: DataSource;
  config: AppConfig;
  log: Logger;
  /** The service's clock (fixed in tests), the same one requests see as `now`. */
  clock: () => Date;
}

export interface BackgroundWork {
  /** One pass now, after any pass in progress (tests, and the first pass on start). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

