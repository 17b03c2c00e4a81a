import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller';
import { CountingSqlLogger } from '../database/query-counter';
import type { Logger } from '../logging/logger';
import type { Connection } from '../pagination/connection';
import { defaultAuditSettings, type AuditSettings } from '../config/audit';
import { CheckpointFile } from './audit-checkpoints';
import { resolveAuditKey } from './audit-key';
import { AuditLog, type AccessLogPage, type AuditEntry, type AuditRecord, type AuditSeal, type VerifyResult } from './audit-log';
import { ConsentRegistry, DEFAULT_MAX_CONSENT_DAYS, type GrantConsentInput } from './consent';
import { StoreContext } from './context';
import { accessControlEntities, type ConsentGrant, type StoreKind } from './entities';
import { accessControlMigrations } from './migrations';

/** Settings of the access-control store (the lead wires these to the application config). */
export interface AccessControlOptions {
  /** The SQLite file is `<dataDir>/access-control.sqlite` unless `databaseUrl` is given. */
  dataDir: string;
  /** PostgreSQL URL: the store is migrated with shared/access-control/migrations. */
  databaseUrl?: string;
  /** Longest consent a grant may give, in days (default 365). */
  maxConsentDays?: number;
  /** The audit chain key and checkpoint file; default: generated key under `<dataDir>/keys`, checkpoints in `<dataDir>`. */
  audit?: AuditSettings;
}

export const ACCESS_CONTROL_SQLITE_FILE = 'access-control.sqlite';
export const ACCESS_CONTROL_MIGRATIONS_TABLE = 'access_control_migrations';

/**
 * Platform infrastructure, not an agency's data: consent grants and the audit log, in their own database.
 * There is no API that updates or deletes an audit record, and none that deletes a consent grant.
 */
export interface AccessControlStore {
  readonly kind: StoreKind;
  readonly dataSource: DataSource;
  /** Counts every SQL statement the store sends (tests). */
  readonly sql: CountingSqlLogger;

  grantConsent(input: GrantConsentInput, grantedBy: Caller): Promise<ConsentGrant>;
  revokeConsent(id: string, by: Caller, reason?: string): Promise<ConsentGrant>;
  /** Operators among `usccs` with an active consent for `evaluatorSubject` given for `purpose` (compared normalised). */
  activeConsentsFor(evaluatorSubject: string, usccs: readonly string[], now: Date, purpose: string): Promise<Set<string>>;
  consentsOf(uscc: string): Promise<ConsentGrant[]>;
  consent(id: string): Promise<ConsentGrant | null>;

  append(records: readonly AuditEntry[]): Promise<AuditRecord[]>;
  verify(options?: { pageSize?: number }): Promise<VerifyResult>;
  accessLogOf(uscc: string, page?: AccessLogPage): Promise<Connection<AuditRecord>>;

  /** Releases this handle; the database closes when the last handle of the process is closed. */
  close(): Promise<void>;
}

class Store implements AccessControlStore {
  private readonly ctx: StoreContext;
  private readonly consents: ConsentRegistry;
  private readonly audit: AuditLog;

  constructor(
    readonly dataSource: DataSource,
    readonly kind: StoreKind,
    readonly sql: CountingSqlLogger,
    maxConsentDays: number,
    private readonly seal: AuditSeal,
  ) {
    this.ctx = new StoreContext(dataSource, kind);
    this.consents = new ConsentRegistry(this.ctx, maxConsentDays);
    this.audit = new AuditLog(this.ctx, seal);
  }

  grantConsent(input: GrantConsentInput, grantedBy: Caller) {
    return this.consents.grantConsent(input, grantedBy);
  }
  revokeConsent(id: string, by: Caller, reason?: string) {
    return this.consents.revokeConsent(id, by, reason);
  }
  activeConsentsFor(evaluatorSubject: string, usccs: readonly string[], now: Date, purpose: string) {
    return this.consents.activeConsentsFor(evaluatorSubject, usccs, now, purpose);
  }
  consentsOf(uscc: string) {
    return this.consents.consentsOf(uscc);
  }
  consent(id: string) {
    return this.consents.consent(id);
  }
  append(records: readonly AuditEntry[]) {
    return this.audit.append(records);
  }
  verify(options?: { pageSize?: number }) {
    return this.audit.verify(options);
  }
  accessLogOf(uscc: string, page?: AccessLogPage) {
    return this.audit.accessLogOf(uscc, page);
  }
  async close(): Promise<void> {
    await this.audit.settled();
    await this.ctx.queue.drain();
    await this.seal.checkpoints.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Where the store lives: the PostgreSQL URL or the absolute SQLite file path. */
export function accessControlLocation(options: AccessControlOptions): string {
  return options.databaseUrl ?? path.resolve(options.dataDir, ACCESS_CONTROL_SQLITE_FILE);
}

/** The DataSource of the store, not initialized. Exported for the migration generator and tests. */
export function accessControlDataSource(options: AccessControlOptions, sql?: CountingSqlLogger): DataSource {
  if (options.databaseUrl) {
    return new DataSource({
      type: 'postgres',
      url: options.databaseUrl,
      entities: accessControlEntities('postgres'),
      migrations: accessControlMigrations,
      migrationsTableName: ACCESS_CONTROL_MIGRATIONS_TABLE,
      migrationsRun: true,
      synchronize: false,
      logger: sql,
      logging: sql ? true : false,
      extra: { max: 5, application_name: 'ocg-access-control' },
    });
  }
  return new DataSource({
    type: 'better-sqlite3',
    database: accessControlLocation(options),
    entities: accessControlEntities('sqlite'),
    synchronize: true,
    logger: sql,
    logging: sql ? true : false,
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      // Every audit record goes into the (operator, sequence) index at its operator's end: a page of 100 operators
      // dirties about 100 index pages per commit. Checkpointing every 1,000 WAL pages (the default) copied those pages
      // back every few commits; every 10,000 (about 40 MB of WAL) copies each page once for many commits. Commits stay
      // as durable (WAL, synchronous NORMAL, as before); on a log of millions of records this saved about 1 ms of CPU
      // per 100-record commit.
      db.pragma('wal_autocheckpoint = 10000');
    },
  });
}

/**
 * Opens a store of its own (not shared). Most code wants `openAccessControlStore`; this is for tools and
 * for tests that simulate several processes writing to one PostgreSQL database.
 */
export async function createAccessControlStore(options: AccessControlOptions, log?: Logger): Promise<AccessControlStore> {
  const out = log?.child({ component: 'access-control' });
  const sql = new CountingSqlLogger(out);
  const auditSettings = options.audit ?? defaultAuditSettings(options.dataDir);
  // Resolved before the database opens: without its key the log could be written but never verified.
  const key = resolveAuditKey(auditSettings.key, out);
  if (options.databaseUrl && auditSettings.key.kind === 'generated') {
    out?.warn(
      { file: auditSettings.key.path },
      'the audit HMAC key is a generated file: every process writing this audit log must share it (or set AUDIT_HMAC_KEY)',
    );
  }
  const seal: AuditSeal = { key, checkpoints: new CheckpointFile(auditSettings.checkpointPath, key), log: out };
  if (!options.databaseUrl) fs.mkdirSync(options.dataDir, { recursive: true });
  const dataSource = accessControlDataSource(options, sql);
  await dataSource.initialize();
  const kind: StoreKind = options.databaseUrl ? 'postgres' : 'sqlite';
  out?.debug({ kind }, 'access-control store open');
  return new Store(dataSource, kind, sql, options.maxConsentDays ?? DEFAULT_MAX_CONSENT_DAYS, seal);
}

interface Shared {
  store: Promise<AccessControlStore>;
  handles: number;
}
const shared = new Map<string, Shared>();

/** A handle on the shared store: its own idempotent close, everything else delegated. */
class Handle implements AccessControlStore {
  private closed = false;

  constructor(
    private readonly store: AccessControlStore,
    private readonly release: () => Promise<void>,
  ) {}

  get kind() {
    return this.store.kind;
  }
  get dataSource() {
    return this.store.dataSource;
  }
  get sql() {
    return this.store.sql;
  }
  grantConsent(input: GrantConsentInput, grantedBy: Caller) {
    return this.store.grantConsent(input, grantedBy);
  }
  revokeConsent(id: string, by: Caller, reason?: string) {
    return this.store.revokeConsent(id, by, reason);
  }
  activeConsentsFor(evaluatorSubject: string, usccs: readonly string[], now: Date, purpose: string) {
    return this.store.activeConsentsFor(evaluatorSubject, usccs, now, purpose);
  }
  consentsOf(uscc: string) {
    return this.store.consentsOf(uscc);
  }
  consent(id: string) {
    return this.store.consent(id);
  }
  append(records: readonly AuditEntry[]) {
    return this.store.append(records);
  }
  verify(options?: { pageSize?: number }) {
    return this.store.verify(options);
  }
  accessLogOf(uscc: string, page?: AccessLogPage) {
    return this.store.accessLogOf(uscc, page);
  }
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }
}

/**
 * The process's store for this location, opened on first use and shared (a second connection to the
 * same SQLite file from one process could deadlock the chain's write lock). Options other than the
 * location are taken from the first opener. Each call returns a handle; close every handle you open.
 */
export async function openAccessControlStore(options: AccessControlOptions, log?: Logger): Promise<AccessControlStore> {
  const key = accessControlLocation(options);
  let entry = shared.get(key);
  if (!entry) {
    const created: Shared = { store: createAccessControlStore(options, log), handles: 0 };
    shared.set(key, created);
    created.store.catch(() => {
      if (shared.get(key) === created) shared.delete(key);
    });
    entry = created;
  }
  const current = entry;
  current.handles += 1;
  let store: AccessControlStore;
  try {
    store = await current.store;
  } catch (err) {
    current.handles -= 1;
    throw err;
  }
  return new Handle(store, async () => {
    current.handles -= 1;
    if (current.handles === 0) {
      if (shared.get(key) === current) shared.delete(key);
      await store.close();
    }
  });
}
