import { QueryFailedError, type EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { badInput } from '../errors/errors';
import { checkPageSize, decodeCursor, toConnection, type Connection } from '../pagination/connection';
import type { Logger } from '../logging/logger';
import type { CheckpointFile } from './audit-checkpoints';
import { chainMac, expectedLink, GENESIS_HASH, KEYED_CHAIN_VERSION, sameDigest } from './audit-hash';
import type { StoreContext } from './context';
import { AUDIT_CHAIN_HEAD, AUDIT_RECORD, LIMITS, type AuditChainHead, type AuditRecordRow } from './entities';

/** What a caller hands to `append`: one read of one operator's non-public data in one request. */
export interface AuditEntry {
  /** When the read happened; default: the time of the append. */
  at?: Date;
  requestId: string;
  /** The caller's token subject. */
  subject: string | null;
  role: string;
  agency: string | null;
  operatorUscc: string;
  /** Which service served the read. */
  subgraph: string;
  /** `Type.field` names read; stored sorted and without duplicates. */
  fields: readonly string[];
  /** Free text from the request's `x-purpose` header; may be empty. */
  purpose: string;
}

/** A stored audit record. */
export interface AuditRecord {
  /** Monotonic and gap-free, from 1. */
  sequence: number;
  at: Date;
  requestId: string;
  subject: string | null;
  role: string;
  agency: string | null;
  operatorUscc: string;
  subgraph: string;
  fields: string[];
  purpose: string;
  prevHash: string;
  /** HMAC-SHA256 under the audit key (sha256 for version 1) over prevHash and every other column. */
  hash: string;
  chainVersion: number;
}

export type VerifyResult = { ok: true; count: number } | { ok: false; sequence: number; reason: string };

export interface AccessLogPage {
  first?: number | null;
  /** Cursor of the last record of the previous page. */
  after?: string | null;
  /** Hard maximum of `first` (default 100). */
  maxPageSize?: number;
}

const HEAD_ID = 1;
const INSERT_CHUNK = 200;
/**
 * Most records one group commit writes; a batch is never split, so a larger batch goes alone. Bounds the
 * transaction (and how long the batches behind it wait) when many requests arrive at once.
 */
const MAX_GROUP_RECORDS = 2000;
const DEFAULT_VERIFY_PAGE = 1000;

function text(value: unknown, max: number): string {
  return (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value)).slice(0, max);
}

function optionalText(value: unknown, max: number): string | null {
  return value === null || value === undefined || value === '' ? null : text(value, max);
}

/** An entry checked and cut to its columns' limits, waiting for its sequence number and link. */
interface NormalizedEntry extends Omit<AuditRecordRow, 'sequence' | 'prevHash' | 'hash' | 'chainVersion'> {
  /** The sorted field list `fields` is the JSON text of, handed back in the stored record without parsing it again. */
  fieldList: string[];
}

/** One caller's batch waiting for a group commit. */
interface PendingAppend {
  rows: NormalizedEntry[];
  resolve(records: AuditRecord[]): void;
  reject(err: unknown): void;
}

/** Takes batches from the front of `waiting` up to `maxRecords` records (at least one batch). */
function takeGroup(waiting: PendingAppend[], maxRecords: number): PendingAppend[] {
  let count = waiting[0].rows.length;
  let take = 1;
  while (take < waiting.length && count + waiting[take].rows.length <= maxRecords) {
    count += waiting[take].rows.length;
    take += 1;
  }
  return waiting.splice(0, take);
}

function normalize(entry: AuditEntry, defaultAt: Date): NormalizedEntry {
  if (typeof entry.operatorUscc !== 'string' || entry.operatorUscc === '' || entry.operatorUscc.length > 18) {
    throw new Error(`audit entry: invalid operatorUscc ${JSON.stringify(entry.operatorUscc)}`);
  }
  if (!Array.isArray(entry.fields) || entry.fields.some((f) => typeof f !== 'string')) {
    throw new Error('audit entry: fields must be a list of `Type.field` names');
  }
  const at = entry.at ?? defaultAt;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new Error('audit entry: invalid `at`');
  // Sorted with duplicates removed; a list that already is (as the collector sends it) is only copied.
  const fieldList = sortedUnique(entry.fields) ? entry.fields.slice() : [...new Set(entry.fields)].sort();
  return {
    at,
    requestId: text(entry.requestId, LIMITS.requestId),
    subject: optionalText(entry.subject, LIMITS.subject),
    role: text(entry.role, LIMITS.role),
    agency: optionalText(entry.agency, LIMITS.agency),
    operatorUscc: entry.operatorUscc,
    subgraph: text(entry.subgraph, LIMITS.subgraph),
    fields: JSON.stringify(fieldList),
    fieldList,
    purpose: text(entry.purpose, LIMITS.purpose),
  };
}

/** Whether every name follows the one before it in sort order (the audit collector hands them over sorted). */
function sortedUnique(names: readonly string[]): boolean {
  for (let i = 1; i < names.length; i++) if (!(names[i - 1] < names[i])) return false;
  return true;
}

function parseFields(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

export function toAuditRecord(row: AuditRecordRow): AuditRecord {
  return { ...row, fields: parseFields(row.fields) };
}

/** A better-sqlite3 statement, as the driver's connection prepares it. */
interface SqliteStatement {
  run(parameters: unknown[]): unknown;
}

/** The INSERT of `count` records, per (driver, count): its text and, on SQLite, the statement prepared once. */
interface InsertStatement {
  sql: string;
  prepared?: SqliteStatement;
}
const insertStatements = new WeakMap<object, Map<number, InsertStatement>>();

function insertStatement(manager: EntityManager, columns: readonly ColumnMetadata[], count: number): InsertStatement {
  const { driver } = manager.connection;
  let byCount = insertStatements.get(driver);
  if (!byCount) insertStatements.set(driver, (byCount = new Map()));
  let statement = byCount.get(count);
  if (!statement) {
    const postgres = driver.options.type === 'postgres';
    let parameter = 0;
    const tuples = Array.from({ length: count }, () => `(${columns.map(() => (postgres ? `$${++parameter}` : '?')).join(', ')})`);
    const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
    statement = { sql: `INSERT INTO ${driver.escape('audit_record')} (${names}) VALUES ${tuples.join(', ')}` };
    byCount.set(count, statement);
  }
  return statement;
}

/**
 * One multi-row INSERT written directly: TypeORM's insert builder spends time quadratic in the number of parameters
 * (hundreds of records of a group commit). Values are converted by the driver exactly as the builder would. Its text
 * depends only on the number of records; on SQLite it is prepared once and run on the driver's one connection (the
 * transaction's), like the keyed loaders' statements, and counted like every other statement.
 */
async function insertRecords(manager: EntityManager, rows: readonly AuditRecordRow[]): Promise<void> {
  const { driver } = manager.connection;
  const columns = manager.connection.getMetadata(AUDIT_RECORD).columns;
  const parameters: unknown[] = new Array(rows.length * columns.length);
  let i = 0;
  for (const row of rows) {
    for (const column of columns) parameters[i++] = driver.preparePersistentValue(column.getEntityValue(row), column);
  }
  const statement = insertStatement(manager, columns, rows.length);
  if (driver.options.type === 'postgres') {
    await manager.query(statement.sql, parameters);
    return;
  }
  const { logger } = manager.connection;
  logger.logQuery(statement.sql, parameters);
  try {
    statement.prepared ??= (driver as unknown as { databaseConnection: { prepare(sql: string): SqliteStatement } }).databaseConnection.prepare(
      statement.sql,
    );
    statement.prepared.run(parameters);
  } catch (err) {
    logger.logQueryError(err as Error, statement.sql, parameters);
    throw new QueryFailedError(statement.sql, parameters, err as Error);
  }
}

/** What makes the log tamper-evident beyond the database: the chain key and the checkpoint file. */
export interface AuditSeal {
  key: Buffer;
  checkpoints: CheckpointFile;
  log?: Logger;
}

/** The append-only, keyed hash-chained audit log. There is deliberately no update or delete. */
export class AuditLog {
  constructor(
    private readonly ctx: StoreContext,
    private readonly seal: AuditSeal,
  ) {}

  private get records() {
    return this.ctx.ds.getRepository<AuditRecordRow>(AUDIT_RECORD);
  }

  /** Appends waiting for the next group commit, in arrival order. */
  private waiting: PendingAppend[] = [];
  /** The group writer while one runs; appends arriving meanwhile wait for its next group. */
  private writer?: Promise<void>;

  /**
   * Appends a batch. Batches of concurrent callers are group-committed: while one transaction is being written,
   * every batch that arrives waits and the next transaction writes them all (one chain-head read, one insert, one
   * head update, one checkpoint), in arrival order. The promise resolves with this caller's stored records only
   * after the transaction holding them has committed, so a response that awaits it never leaves with its audit
   * entry unwritten; if that transaction fails, every caller of the group gets the error and nothing of the group
   * is kept. A bad entry is refused here, before it can join (and fail) a group.
   */
  append(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    if (entries.length === 0) return Promise.resolve([]);
    const now = new Date();
    let rows: NormalizedEntry[];
    try {
      rows = entries.map((e) => normalize(e, now));
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<AuditRecord[]>((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      // The first batch waits one turn of the event loop, so batches sent in the same turn share its transaction.
      this.writer ??= new Promise<void>((start) => setImmediate(start)).then(() => this.writeGroups());
    });
  }

  /** Resolves once every append made so far is committed or has failed (the store's close). */
  async settled(): Promise<void> {
    while (this.writer) await this.writer;
  }

  /** Writes waiting batches group by group until none waits. */
  private async writeGroups(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = takeGroup(this.waiting, MAX_GROUP_RECORDS);
      try {
        const stored = await this.commitGroup(group.flatMap((g) => g.rows));
        let offset = 0;
        for (const pending of group) {
          pending.resolve(stored.slice(offset, offset + pending.rows.length));
          offset += pending.rows.length;
        }
      } catch (err) {
        for (const pending of group) pending.reject(err);
      }
    }
    this.writer = undefined;
  }

  /**
   * Writes records in one transaction, after every other write queued in this process; on PostgreSQL an advisory
   * lock also orders appends of other processes. Once committed, a signed checkpoint of the new head goes to the
   * checkpoint file.
   */
  private async commitGroup(normalized: readonly NormalizedEntry[]): Promise<AuditRecord[]> {
    const stored = await this.ctx.transaction(
      async (manager: EntityManager) => {
        const heads = manager.getRepository<AuditChainHead>(AUDIT_CHAIN_HEAD);
        const head = await heads.findOneBy({ id: HEAD_ID });
        let sequence = head?.sequence ?? 0;
        let prevHash = head?.hash ?? GENESIS_HASH;
        const rows: AuditRecordRow[] = normalized.map((r) => {
          sequence += 1;
          const row: AuditRecordRow = {
            at: r.at,
            requestId: r.requestId,
            subject: r.subject,
            role: r.role,
            agency: r.agency,
            operatorUscc: r.operatorUscc,
            subgraph: r.subgraph,
            fields: r.fields,
            purpose: r.purpose,
            sequence,
            prevHash,
            hash: '',
            chainVersion: KEYED_CHAIN_VERSION,
          };
          row.hash = chainMac(this.seal.key, prevHash, row);
          prevHash = row.hash;
          return row;
        });
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) await insertRecords(manager, rows.slice(i, i + INSERT_CHUNK));
        if (head) {
          await manager
            .createQueryBuilder()
            .update(AUDIT_CHAIN_HEAD)
            .set({ sequence, hash: prevHash })
            .where({ id: HEAD_ID })
            .updateEntity(false)
            .execute();
        } else {
          await manager
            .createQueryBuilder()
            .insert()
            .into(AUDIT_CHAIN_HEAD)
            .values({ id: HEAD_ID, sequence, hash: prevHash })
            .updateEntity(false)
            .execute();
        }
        // The field lists the rows were written from: the same as parsing each row's JSON text back.
        return rows.map((row, n): AuditRecord => ({ ...row, fields: normalized[n].fieldList }));
      },
      { auditLock: true },
    );
    const newest = stored[stored.length - 1];
    // After the commit: a checkpoint must never name a record that a failed commit did not keep. The records
    // are stored either way, so a failed checkpoint is logged rather than failing the reads it audits.
    await this.seal.checkpoints.write(newest.sequence, newest.hash).catch((err: unknown) => {
      this.seal.log?.error({ err, file: this.seal.checkpoints.file }, 'audit checkpoint could not be written');
    });
    return stored;
  }

  /**
   * Checks the log against everything that vouches for it: the signed checkpoints outside the database
   * (read first, so each names a record committed before the walk), then the whole chain in pages of
   * `pageSize` records: sequence numbers from 1 without gaps, each prevHash equal to the previous link, each
   * link equal to the recomputed MAC (sha256 for legacy version-1 records, which may only precede keyed ones),
   * every checkpointed record still holding its checkpointed link, the newest checkpoint within the log (so a
   * deleted tail is detected even when the head row was rewound), the last record equal to the chain head,
   * and no record beyond the head. Names the first bad record.
   */
  async verify(options: { pageSize?: number } = {}): Promise<VerifyResult> {
    const pageSize = options.pageSize ?? DEFAULT_VERIFY_PAGE;
    const read = await this.seal.checkpoints.readAll();
    if (!read.ok) return { ok: false, sequence: 0, reason: read.reason };
    const checkpointed = new Map<number, { head: string; at: string }>();
    let newestCheckpoint: { sequence: number; at: string } | undefined;
    for (const c of read.checkpoints) {
      const seen = checkpointed.get(c.sequence);
      if (seen && seen.head !== c.head) {
        return { ok: false, sequence: c.sequence, reason: `checkpoints of ${seen.at} and ${c.at} disagree about record ${c.sequence}` };
      }
      checkpointed.set(c.sequence, { head: c.head, at: c.at });
      if (!newestCheckpoint || c.sequence > newestCheckpoint.sequence) newestCheckpoint = c;
    }
    const head = await this.ctx.consistentRead(() =>
      this.ctx.ds.getRepository<AuditChainHead>(AUDIT_CHAIN_HEAD).findOneBy({ id: HEAD_ID }),
    );
    const headSequence = head?.sequence ?? 0;
    let expected = 1;
    let prevHash = GENESIS_HASH;
    let keyed = false;
    while (expected <= headSequence) {
      const page = await this.records
        .createQueryBuilder('r')
        .where('r.sequence >= :from AND r.sequence <= :to', { from: expected, to: headSequence })
        .orderBy('r.sequence', 'ASC')
        .limit(pageSize)
        .getMany();
      if (page.length === 0) {
        return { ok: false, sequence: expected, reason: `record ${expected} is missing (the chain head is at record ${headSequence})` };
      }
      for (const row of page) {
        if (row.sequence !== expected) {
          return { ok: false, sequence: expected, reason: `record ${expected} is missing (the next record is ${row.sequence})` };
        }
        if (row.prevHash !== prevHash) {
          return {
            ok: false,
            sequence: expected,
            reason:
              expected === 1
                ? 'prevHash of the first record is not the genesis hash'
                : `prevHash does not match the hash of record ${expected - 1}`,
          };
        }
        if (keyed && row.chainVersion !== KEYED_CHAIN_VERSION) {
          return { ok: false, sequence: expected, reason: 'an unkeyed record follows keyed records (the record was altered)' };
        }
        const link = expectedLink(row.chainVersion, this.seal.key, prevHash, row);
        if (link === null || !sameDigest(link, row.hash)) {
          return {
            ok: false,
            sequence: expected,
            reason: 'contents do not match the stored MAC (the record was altered, or its chain recomputed without the audit key)',
          };
        }
        const checkpoint = checkpointed.get(expected);
        if (checkpoint && checkpoint.head !== row.hash) {
          return { ok: false, sequence: expected, reason: `the record differs from the checkpoint of ${checkpoint.at} (the record was replaced)` };
        }
        keyed ||= row.chainVersion === KEYED_CHAIN_VERSION;
        prevHash = row.hash;
        expected += 1;
      }
    }
    if (newestCheckpoint && newestCheckpoint.sequence > headSequence) {
      return {
        ok: false,
        sequence: headSequence + 1,
        reason:
          `records ${headSequence + 1} to ${newestCheckpoint.sequence} are missing: the checkpoint of ${newestCheckpoint.at} ` +
          `names record ${newestCheckpoint.sequence} but the log ends at record ${headSequence} (the newest records were deleted)`,
      };
    }
    if (keyed && read.checkpoints.length === 0) {
      return {
        ok: false,
        sequence: headSequence,
        reason: `no checkpoint found in ${this.seal.checkpoints.file} although the log holds keyed records (the checkpoint file was removed or moved)`,
      };
    }
    if (head && head.hash !== prevHash) {
      return { ok: false, sequence: headSequence, reason: 'hash does not match the chain head (the record was replaced)' };
    }
    // One statement, so a concurrent append cannot fall between reading the head and the newest record.
    const [bounds] = (await this.ctx.consistentRead(() =>
      this.ctx.ds.query(
        `SELECT (SELECT "sequence" FROM "audit_chain_head" WHERE "id" = ${HEAD_ID}) AS "head", ` +
          `(SELECT MIN("sequence") FROM "audit_record" WHERE "sequence" > ${headSequence}) AS "beyond"`,
      ),
    )) as { head: string | number | null; beyond: string | number | null }[];
    const headNow = bounds.head === null ? 0 : Number(bounds.head);
    if (headNow < headSequence) {
      return { ok: false, sequence: headSequence, reason: `the chain head moved back from record ${headSequence} to ${headNow}` };
    }
    if (bounds.beyond !== null && Number(bounds.beyond) > headNow) {
      const sequence = Number(bounds.beyond);
      return { ok: false, sequence, reason: `record ${sequence} lies beyond the chain head (inserted outside the log)` };
    }
    return { ok: true, count: headSequence };
  }

  /** The operator's access log, newest first, as a cursor page (the "query records" of a credit report). */
  async accessLogOf(uscc: string, page: AccessLogPage = {}): Promise<Connection<AuditRecord>> {
    const first = checkPageSize(page.first, page.maxPageSize ?? 100);
    let before: number | undefined;
    if (page.after) {
      before = Number(decodeCursor(page.after));
      if (!Number.isSafeInteger(before) || before < 1) throw badInput(`Invalid cursor "${page.after}"`);
    }
    const query = this.records.createQueryBuilder('r').where('r.operatorUscc = :uscc', { uscc });
    const totalCount = await query.clone().getCount();
    if (before !== undefined) query.andWhere('r.sequence < :before', { before });
    const rows = first === 0 ? [] : await query.orderBy('r.sequence', 'DESC').limit(first + 1).getMany();
    return toConnection(rows.map(toAuditRecord), first, totalCount, (r) => r.sequence, before !== undefined);
  }
}
