import { badInput } from '../errors/errors';

/** Every agency's rows are keyed by a serial integer; twelve digits is far above any count they will reach. */
const RECORD_ID = /^\d{1,12}$/;

/** A numeric record id given as a GraphQL ID (or a cursor) → its number; anything else is BAD_USER_INPUT naming the field. */
export function recordIdInput(value: string | number, field: string): number {
  const text = String(value).trim();
  const id = Number(text);
  if (!RECORD_ID.test(text) || id <= 0) {
    throw badInput(`\`${field}\` must be a record id (a positive whole number), got "${value}"`, { field });
  }
  return id;
}
