import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/errors';
// The column lengths alone, not the entities: the gateway checks the header without loading TypeORM.
import { LIMITS } from './limits';

/** The request header that carries the purpose of a read (the one an operator consented to). */
export const PURPOSE_HEADER = 'x-purpose';
/** Longest purpose, in characters after decoding (the consent and audit columns hold as much). */
export const MAX_PURPOSE_LENGTH = LIMITS.purpose;
/** Longest raw header: every character may take up to 4 UTF-8 bytes. */
const MAX_RAW_LENGTH = MAX_PURPOSE_LENGTH * 4;
/** Control characters (tab included) and bidi marks and overrides: they would disguise the purpose in the audit log. */
const FORBIDDEN = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

function refuse(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
}

/**
 * Node hands header bytes over as latin1 characters; a client sending UTF-8 (e.g. 贷款申请) gets them back
 * decoded. Text that is not valid UTF-8 stays as it came.
 */
function decodeHeader(raw: string): string {
  if (!/[\u0080-\u00FF]/.test(raw) || /[^\p{ASCII}\u0080-\u00FF]/u.test(raw)) return raw;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(raw, 'latin1'));
  } catch {
    return raw;
  }
}

/**
 * The raw `x-purpose` header after checking it (length, control and bidi characters), for forwarding as is;
 * undefined when absent. Throws BAD_USER_INPUT otherwise.
 */
export function checkPurposeHeader(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw refuse(`Send the ${PURPOSE_HEADER} header once`);
  if (value.length > MAX_RAW_LENGTH || decodeHeader(value).length > MAX_PURPOSE_LENGTH) {
    throw refuse(`The ${PURPOSE_HEADER} header must not exceed ${MAX_PURPOSE_LENGTH} characters`);
  }
  if (FORBIDDEN.test(decodeHeader(value))) {
    throw refuse(`The ${PURPOSE_HEADER} header must not contain control or bidirectional-override characters`);
  }
  return value;
}

/** The declared purpose as text (decoded, trimmed; '' when absent). Throws BAD_USER_INPUT like checkPurposeHeader. */
export function readPurposeHeader(value: string | string[] | undefined): string {
  const raw = checkPurposeHeader(value);
  return raw === undefined ? '' : decodeHeader(raw).trim();
}

/**
 * The form two purposes are compared in: Unicode NFKC (full-width and compatibility forms folded), trimmed,
 * inner whitespace collapsed to one space, case-folded (upper then lower approximates Unicode full case
 * folding, e.g. ß → ss).
 */
export function normalisePurpose(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/gu, ' ').toUpperCase().toLowerCase().normalize('NFKC');
}
