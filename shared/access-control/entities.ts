import { EntitySchema, ValueTransformer } from 'typeorm';
import { LIMITS } from './limits';

/** Which engine holds the access-control store: decides the timestamp column type. */
export type StoreKind = 'postgres' | 'sqlite';

/** An operator's consent that an evaluator may read its AUTHORIZED_QUERY data. Never deleted. */
export interface ConsentGrant {
  /** Random UUID. */
  id: string;
  operatorUscc: string;
  /** The evaluator token's `sub`. */
  evaluatorSubject: string;
  purpose: string;
  grantedAt: Date;
  /** Required; after grantedAt. */
  expiresAt: Date;
  revokedAt: Date | null;
  /** Subject of the caller that revoked the grant. */
  revokedBy: string | null;
  /** Subject of the caller that granted it (the operator itself or an admin). */
  grantedBy: string;
  /** Why the grant was revoked (free text), when given. */
  reason: string | null;
}

/** One row of the audit log as stored: `fields` is the JSON text of the sorted field list. */
export interface AuditRecordRow {
  sequence: number;
  at: Date;
  requestId: string;
  subject: string | null;
  role: string;
  agency: string | null;
  operatorUscc: string;
  subgraph: string;
  fields: string;
  purpose: string;
  prevHash: string;
  /** sha256 (version 1) or HMAC-SHA256 under the audit key (version 2) over prevHash and the other columns. */
  hash: string;
  /** 1: unkeyed records written before the keyed chain; 2: keyed. Never 1 after a 2. */
  chainVersion: number;
}

/** The newest record of the chain, updated in the same transaction as every append. */
export interface AuditChainHead {
  id: number;
  sequence: number;
  hash: string;
}

export const CONSENT_GRANT = 'ConsentGrant';
export const AUDIT_RECORD = 'AuditRecord';
export const AUDIT_CHAIN_HEAD = 'AuditChainHead';

// Defined in ./limits so code without TypeORM (the gateway's purpose check) can read them.
export { LIMITS };

/** PostgreSQL returns bigint as a string, SQLite as a number. */
const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

function timestampType(kind: StoreKind): 'timestamptz' | 'datetime' {
  return kind === 'postgres' ? 'timestamptz' : 'datetime';
}

/**
 * The store's entities. Timestamps are `timestamptz` on PostgreSQL (instant-exact whatever the server's or
 * the process's time zone) and `datetime` (UTC text) on SQLite, hence schemas built per engine.
 */
export function accessControlEntities(kind: StoreKind): EntitySchema[] {
  const ts = timestampType(kind);
  const consent = new EntitySchema<ConsentGrant>({
    name: CONSENT_GRANT,
    tableName: 'consent_grant',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      operatorUscc: { type: 'varchar', length: 18 },
      evaluatorSubject: { type: 'varchar', length: LIMITS.subject },
      purpose: { type: 'varchar', length: LIMITS.purpose },
      grantedAt: { type: ts },
      expiresAt: { type: ts },
      revokedAt: { type: ts, nullable: true },
      revokedBy: { type: 'varchar', length: LIMITS.subject, nullable: true },
      grantedBy: { type: 'varchar', length: LIMITS.subject },
      reason: { type: 'varchar', length: LIMITS.reason, nullable: true },
    },
    indices: [
      { name: 'IDX_consent_grant_evaluator_operator', columns: ['evaluatorSubject', 'operatorUscc'] },
      { name: 'IDX_consent_grant_operator', columns: ['operatorUscc'] },
    ],
    checks: [{ name: 'CHK_consent_grant_expiry', expression: `"expiresAt" > "grantedAt"` }],
  });
  const record = new EntitySchema<AuditRecordRow>({
    name: AUDIT_RECORD,
    tableName: 'audit_record',
    columns: {
      sequence: { type: 'bigint', primary: true, transformer: bigintNumber },
      at: { type: ts },
      requestId: { type: 'varchar', length: LIMITS.requestId },
      subject: { type: 'varchar', length: LIMITS.subject, nullable: true },
      role: { type: 'varchar', length: LIMITS.role },
      agency: { type: 'varchar', length: LIMITS.agency, nullable: true },
      operatorUscc: { type: 'varchar', length: 18 },
      subgraph: { type: 'varchar', length: LIMITS.subgraph },
      fields: { type: 'text' },
      purpose: { type: 'varchar', length: LIMITS.purpose },
      prevHash: { type: 'varchar', length: 64 },
      hash: { type: 'varchar', length: 64 },
      // Existing rows were written unkeyed (version 1); new rows are keyed (version 2).
      chainVersion: { type: 'smallint', default: 1 },
    },
    indices: [{ name: 'IDX_audit_record_operator_sequence', columns: ['operatorUscc', 'sequence'] }],
  });
  const head = new EntitySchema<AuditChainHead>({
    name: AUDIT_CHAIN_HEAD,
    tableName: 'audit_chain_head',
    columns: {
      id: { type: 'integer', primary: true },
      sequence: { type: 'bigint', transformer: bigintNumber },
      hash: { type: 'varchar', length: 64 },
    },
  });
  return [consent, record, head];
}
