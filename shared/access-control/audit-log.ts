import type { EntityManager } from 'typeorm';
import { badInput } from '../errors/errors';
import { checkPageSize, decodeCursor, toConnection, type Connection } from '../pagination/connection';
import { chainHash, GENESIS_HASH } from './audit-hash';
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
  /** sha256 over prevHash and a canonical serialization of every other column. */
  hash: string;
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
const DEFAULT_VERIFY_PAGE = 1000;

function text(value: unknown, max: number): string {
  return (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value)).slice(0, max);
}

function optionalText(value: unknown, max: number): string | null {
  return value === null || value === undefined || value === '' ? null : text(value, max);
}

function normalize(entry: AuditEntry, defaultAt: Date): Omit<AuditRecordRow, 'sequence' | 'prevHash' | 'hash'> {
  if (typeof entry.operatorUscc !== 'string' || entry.operatorUscc === '' || entry.operatorUscc.length > 18) {
    throw new Error(`audit entry: invalid operatorUscc ${JSON.stringify(entry.operatorUscc)}`);
  }
  if (!Array.isArray(entry.fields) || entry.fields.some((f) => typeof f !== 'string')) {
    throw new Error('audit entry: fields must be a list of `Type.field` names');
  }
  const at = entry.at ?? defaultAt;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new Error('audit entry: invalid `at`');
  return {
    at,
    requestId: text(entry.requestId, LIMITS.requestId),
    subject: optionalText(entry.subject, LIMITS.subject),
    role: text(entry.role, LIMITS.role),
    agency: optionalText(entry.agency, LIMITS.agency),
    operatorUscc: entry.operatorUscc,
    subgraph: text(entry.subgraph, LIMITS.subgraph),
    fields: JSON.stringify([...new Set(entry.fields)].sort()),
    purpose: text(entry.purpose, LIMITS.purpose),
  };
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

/** The append-only, hash-chained audit log. There is deliberately no update or delete. */
export class AuditLog {
  constructor(private readonly ctx: StoreContext) {}

  private get records() {
    return this.ctx.ds.getRepository<AuditRecordRow>(AUDIT_RECORD);
  }

  /**
   * Appends a batch in one transaction, after every append already queued in this process; on
   * PostgreSQL an advisory lock also orders appends of other processes. Returns the stored records.
   */
  async append(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    if (entries.length === 0) return [];
    const now = new Date();
    const normalized = entries.map((e) => normalize(e, now));
    return this.ctx.transaction(
      async (manager: EntityManager) => {
        const heads = manager.getRepository<AuditChainHead>(AUDIT_CHAIN_HEAD);
        const head = await heads.findOneBy({ id: HEAD_ID });
        let sequence = head?.sequence ?? 0;
        let prevHash = head?.hash ?? GENESIS_HASH;
        const rows: AuditRecordRow[] = normalized.map((r) => {
          sequence += 1;
          const hash = chainHash(prevHash, { ...r, sequence });
          const row = { ...r, sequence, prevHash, hash };
          prevHash = hash;
          return row;
        });
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          await manager
            .createQueryBuilder()
            .insert()
            .into(AUDIT_RECORD)
            .values(rows.slice(i, i + INSERT_CHUNK))
            .updateEntity(false)
            .execute();
        }
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
        return rows.map(toAuditRecord);
      },
      { auditLock: true },
    );
  }

  /**
   * Walks the whole chain in pages of `pageSize` records: sequence numbers from 1 without gaps, each
   * prevHash equal to the previous hash, each hash equal to the recomputed one, the last record equal to the
   * chain head (so deleting the newest records is detected too), and no record beyond the head.
   */
  async verify(options: { pageSize?: number } = {}): Promise<VerifyResult> {
    const pageSize = options.pageSize ?? DEFAULT_VERIFY_PAGE;
    const head = await this.ctx.consistentRead(() =>
      this.ctx.ds.getRepository<AuditChainHead>(AUDIT_CHAIN_HEAD).findOneBy({ id: HEAD_ID }),
    );
    const headSequence = head?.sequence ?? 0;
    let expected = 1;
    let prevHash = GENESIS_HASH;
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
        if (chainHash(prevHash, row) !== row.hash) {
          return { ok: false, sequence: expected, reason: 'contents do not match the stored hash (the record was altered)' };
        }
        prevHash = row.hash;
        expected += 1;
      }
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
