import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

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

/** The last instant formatted: the records of one request (and of one verified page) mostly share it. */
let lastInstant: { time: number; text: string } | undefined;

function instant(at: Date): string {
  // A tampered, unparseable timestamp must not crash verification: it just fails to match.
  if (!(at instanceof Date)) return `invalid:${String(at)}`;
  const time = at.getTime();
  if (Number.isNaN(time)) return `invalid:${String(at)}`;
  if (lastInstant?.time !== time) lastInstant = { time, text: at.toISOString() };
  return lastInstant.text;
}

/**
 * Canonical serialization: a JSON array of the columns in a fixed order. JSON quoting makes it
 * unambiguous (no value can imitate a separator); timestamps are ISO-8601 UTC with milliseconds.
 */
export function canonicalize(r: HashedColumns): string {
  return JSON.stringify(['ocg-audit-v1', ...columnValues(r)]);
}

function columnValues(r: HashedColumns): unknown[] {
  return [r.sequence, instant(r.at), r.requestId, r.subject, r.role, r.agency, r.operatorUscc, r.subgraph, r.fields, r.purpose];
}

/**
 * Version 1 (unkeyed, records written before the keyed chain): sha256(prevHash + canonical serialization),
 * lower-case hex. Anyone with write access to the database could recompute it, hence version 2.
 */
export function chainHash(prevHash: string, r: HashedColumns): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalize(r), 'utf8').digest('hex');
}

/** The chain version every new record is written with. */
export const KEYED_CHAIN_VERSION = 2;
/** Records written before the keyed chain existed. */
export const UNKEYED_CHAIN_VERSION = 1;

/**
 * Version 2: HMAC-SHA256 under the audit key (kept outside the database) of prevHash and the canonical
 * serialization, lower-case hex. Without the key a rewritten record cannot be given a matching MAC.
 */
export function chainMac(key: Buffer, prevHash: string, r: HashedColumns): string {
  const canonical = JSON.stringify([
    'ocg-audit-v2', prevHash, r.sequence, instant(r.at), r.requestId, r.subject, r.role, r.agency, r.operatorUscc, r.subgraph, r.fields, r.purpose,
  ]);
  return createHmac('sha256', key).update(canonical, 'utf8').digest('hex');
}

/** The link a record of `version` must carry. */
export function expectedLink(version: number, key: Buffer, prevHash: string, r: HashedColumns): string | null {
  if (version === KEYED_CHAIN_VERSION) return chainMac(key, prevHash, r);
  if (version === UNKEYED_CHAIN_VERSION) return chainHash(prevHash, r);
  return null;
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
