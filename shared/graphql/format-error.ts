import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode } from '../errors/errors';
import type { Logger } from '../logging/logger';

/** Codes whose messages are written for clients; anything else is an internal fault. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN,
  ErrorCode.CONFLICT, ErrorCode.RESTRICTED_BY_JOINT_MEASURE, 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHORIZED_FIELD_OR_TYPE', 'RATE_LIMITED',
  // Names the agency whose fields are null, never its address. DOWNSTREAM_SERVICE_ERROR is not here: Apollo
  // Gateway gives it to subgraph errors without a code, whose messages may carry anything (URLs included).
  'SUBGRAPH_UNAVAILABLE',
  'OPERATION_TOO_COMPLEX', 'INTROSPECTION_DISABLED', 'OPERATION_NOT_IN_SAFELIST',
  // Names the joint measure and the listing it rests on (issue 8).
  'RESTRICTED_BY_JOINT_MEASURE',
]);

/**
 * Shapes errors for clients. Only unexpected errors carry a stack trace, and only in development. A credit-code fault found while parsing a literal is reported by
 * GraphQL validation; it is still bad user input. Unexpected errors lose their message (it may hold
 * SQL or other callers' data) outside development, and are logged in full instead.
 */
export function createErrorFormatter(env: string, log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const extensions = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
    if (extensions.usccFault || extensions.inputPath !== undefined) extensions.code = ErrorCode.BAD_USER_INPUT;
    if (isCodelessClientFault(error)) extensions.code = 'BAD_REQUEST';
    const code = String(extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
    if (!CLIENT_CODES.has(code)) {
      log.error({ err: unwrapResolverError(error), path: formatted.path }, 'internal error');
      if (env !== 'development') {
        return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code } };
      }
    }
    // An expected refusal (denied, bad input, not found, conflict, limits) is the caller's to fix: a stack trace tells
    // them nothing, even in development. Only internal faults keep theirs, in development only (returned above otherwise).
    if (CLIENT_CODES.has(code)) delete extensions.stacktrace;
    return { ...formatted, extensions };
  };
}

/**
 * Apollo Server refuses some requests with a 4xx status but no code (e.g. "provided sha does not match query"
 * for an automatic persisted query): the fault is the client's, and its message is written for clients.
 */
function isCodelessClientFault(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: number } | undefined)?.status;
  return status !== undefined && status >= 400 && status < 500;
}
