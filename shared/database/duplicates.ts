import type { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { conflict } from '../errors/errors';

/**
 * Race-safe writes. A duplicate check inside the write transaction gives the caller a clear answer;
 * the UNIQUE index behind it is what holds when two transactions pass the check at the same time
 * (PostgreSQL, READ COMMITTED). Both paths end in the same CONFLICT error naming the duplicate.
 */

/** The natural identity of a record: the indexed columns (entity property names) and how to name a duplicate. */
export interface DuplicateKey {
  columns: readonly string[];
  /** Client-facing values, e.g. `{ decisionNumber: '穗天市监处〔2026〕101号' }` (extensions.duplicate). */
  duplicate: Record<string, unknown>;
  /** e.g. `A penalty with decision number … already exists`. */
  message: string;
}

/** `extensions: { code: 'CONFLICT', duplicate }` with the key's message. */
export function duplicateConflict(key: DuplicateKey): GraphQLError {
  return conflict(key.message, { duplicate: key.duplicate });
}

/**
 * The columns of the unique index or primary key a driver error violated, or null when the error is
 * not a unique violation. PostgreSQL: SQLSTATE 23505, columns from `Key ("a", "b")=(…) already exists`;
 * SQLite: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY, `UNIQUE constraint failed: t.a, t.b`.
 */
export function uniqueViolationColumns(err: unknown): string[] | null {
  const e = err as { code?: unknown; detail?: unknown; message?: unknown; driverError?: typeof e } | null;
  const driver = e?.driverError ?? e;
  const code = String(driver?.code ?? '');
  if (code === '23505') {
    const match = /^Key \((.+?)\)=\(/.exec(String(driver?.detail ?? ''));
    return match ? match[1].split(',').map((c) => c.trim().replace(/^"|"$/g, '')) : [];
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const match = /constraint failed: (.+)$/.exec(String(driver?.message ?? ''));
    return match ? match[1].split(',').map((c) => c.trim().split('.').pop() as string) : [];
  }
  return null;
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}

/**
 * Runs a write (normally `db.transaction(...)`, so nothing partial stays) and turns a unique violation
 * into CONFLICT naming the duplicate: the key whose columns were violated, or the only key given.
 * The SQL, the constraint's name and the driver's message never reach the caller.
 */
export async function refuseDuplicates<T>(keys: readonly DuplicateKey[], write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const columns = uniqueViolationColumns(err);
    if (columns === null) throw err;
    const key = keys.find((k) => sameColumns(k.columns, columns)) ?? (keys.length === 1 ? keys[0] : undefined);
    if (key) throw duplicateConflict(key);
    throw conflict('The record duplicates one that already exists', { duplicate: {} });
  }
}

/**
 * Serializes the transactions that take the same `key` until they end, for duplicate rules no index
 * can state (overlapping periods, a listing current until a date). PostgreSQL: a transaction-scoped
 * advisory lock, so it holds across processes. SQLite needs nothing: the embedded store runs one
 * write transaction at a time (see openAgencyDatabase).
 */
export async function lockForWrite(m: EntityManager, key: string): Promise<void> {
  if (m.connection.options.type !== 'postgres') return;
  await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}

/**
 * `lockForWrite` of every key, one after the other in the order given, in one statement. Callers that may hold
 * several keys at once pass them in one fixed order (sorted), so two transactions never wait for each other in a circle.
 */
export async function lockAllForWrite(m: EntityManager, keys: readonly string[]): Promise<void> {
  if (m.connection.options.type !== 'postgres' || keys.length === 0) return;
  // unnest yields the array's elements in order; each row takes its lock before the next is read.
  await m.query('SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) AS k', [[...keys]]);
}
