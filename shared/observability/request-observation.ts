import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { context, propagation, trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../auth/caller';
import type { Logger } from '../logging/logger';
import type { ServiceMetrics } from './metrics';

/** What one request's log line and metrics say; filled in as the request goes through the server. */
export interface RequestObservation {
  requestId: string;
  subject?: string;
  role?: string;
  operationName?: string;
  errorCodes: Set<string>;
}

/** Apollo Server's code for an error without one (after our formatter, only internal faults lack one). */
const UNCODED = 'INTERNAL_SERVER_ERROR';
const MAX_LOGGED_NAME = 100;

/** The request id of the caller (or the gateway) when it sent one that is safe to log and forward; else a new one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** Each response's observation; a WeakMap so it works on express's and plain node responses alike. */
const observations = new WeakMap<ServerResponse, RequestObservation>();

export function observationOf(res: ServerResponse): RequestObservation {
  return observations.get(res) as RequestObservation;
}

/**
 * One JSON log line and the request metrics per GraphQL request, written when the answer is sent, also for
 * requests refused before GraphQL runs (bad token, rate limit). It never holds the token, the variables or the
 * operation text: only the request and trace ids, caller subject and role, operation name, duration, status and error codes.
 */
export function observeRequests(
  metrics: ServiceMetrics,
  log: Logger,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const startedAt = process.hrtime.bigint();
    const observation: RequestObservation = { requestId: requestIdOf(req), errorCodes: new Set() };
    // The trace this request belongs to (the caller's traceparent, or this service's own span): links the line to its
    // trace. None while tracing is off.
    const traceId = trace.getSpanContext(propagation.extract(context.active(), req.headers))?.traceId;
    observations.set(res, observation);
    res.setHeader('x-request-id', observation.requestId);
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const operation = metrics.operations.label(observation.operationName);
      metrics.requests.inc({ operation, status: String(res.statusCode) });
      metrics.duration.observe({ operation }, seconds);
      for (const code of observation.errorCodes) metrics.errors.inc({ operation, code });
      log.info(
        {
          requestId: observation.requestId,
          traceId,
          subject: observation.subject,
          role: observation.role,
          operation: observation.operationName?.slice(0, MAX_LOGGED_NAME),
          durationMs: Math.round(seconds * 1e4) / 10,
          status: res.statusCode,
          errorCodes: observation.errorCodes.size > 0 ? [...observation.errorCodes] : undefined,
        },
        'request',
      );
    });
    next();
  };
}

/** Records the caller; call once the request is authenticated. */
export function observeCaller(observation: RequestObservation, caller: Caller): void {
  observation.subject = caller.subject ?? undefined;
  observation.role = caller.role;
}

/** Records the code of an error that refused the request before GraphQL ran (e.g. while building the context). */
export function observeRefusal(observation: RequestObservation, err: unknown): void {
  const code = (err as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  observation.errorCodes.add(typeof code === 'string' ? code : UNCODED);
}

/** Feeds the operation name and the error codes of the answer into the request's observation. */
export function observationPlugin<C extends { observation?: RequestObservation }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ request, contextValue }) {
      const observation = contextValue.observation;
      if (!observation) return;
      if (request.operationName) observation.operationName = request.operationName;
      return {
        async didResolveOperation({ operationName }) {
          if (operationName) observation.operationName = operationName;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            const code = error.extensions?.code;
            observation.errorCodes.add(typeof code === 'string' ? code : UNCODED);
          }
        },
      };
    },
  };
}
