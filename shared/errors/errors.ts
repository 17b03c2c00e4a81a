import { GraphQLError } from 'graphql';

/** Error codes clients can rely on (extensions.code). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  RESTRICTED_BY_JOINT_MEASURE: 'RESTRICTED_BY_JOINT_MEASURE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export function badInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extra } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND } });
}

export function conflict(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, ...extra } });
}

/**
 * A decision a joint disciplinary measure forbids (联合惩戒): names the measure, the agency applying it and its basis
 * (list kind and listing decision number), in the message and in `extensions`.
 */
export function restrictedByJointMeasure(
  message: string,
  measure: { agency: string; kind: string; basis: { listKind: string; decisionNumber: string } },
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.RESTRICTED_BY_JOINT_MEASURE, measure },
  });
}
