import { createHash } from 'node:crypto';

/** prevHash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Everything a record's hash covers except prevHash (which is hashed in front of it). */
export interface HashedColumns {
  sequence: number;
  at: Date;
  requestId: string;
  subject: string | null;
  role: string;
  agency: string | null;
  operatorUscc: string;
  subgraph: string;
  /** JSON text of the sorted field list, exactly as stored. */
  fields: string;
  purpose: string;
}

function instant(at: Date): string {
  // A tampered, unparseable timestamp must not crash verification: it just fails to match.
  return at instanceof Date && !Number.isNaN(at.getTime()) ? at.toISOString() : `invalid:${String(at)}`;
}

/**
 * Canonical serialization: a JSON array of the columns in a fixed order. JSON quoting makes it
 * unambiguous (no value can imitate a separator); timestamps are ISO-8601 UTC with milliseconds.
 */
export function canonicalize(r: HashedColumns): string {
  return JSON.stringify([
    'ocg-audit-v1',
    r.sequence,
    instant(r.at),
    r.requestId,
    r.subject,
    r.role,
    r.agency,
    r.operatorUscc,
    r.subgraph,
    r.fields,
    r.purpose,
  ]);
}

/** sha256(prevHash + canonical serialization of every other column), lower-case hex. */
export function chainHash(prevHash: string, r: HashedColumns): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalize(r), 'utf8').digest('hex');
}
