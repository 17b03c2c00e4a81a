import { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { context as otelContext, propagation } from '@opentelemetry/api';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { Pool } from 'undici';
import type { Logger } from '../shared/logging/logger';
import type { GatewayMetrics } from '../shared/observability/metrics';
import type { GatewayContext } from './gateway';

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';


/**
 * The one error a client sees for a fetch that got no GraphQL answer. It names the agency whose fields
 * are missing and nothing else: the URL, host, port and low-level reason go to the log only.
 */
export function subgraphUnavailable(agency: string): GraphQLError {
  return new GraphQLError(`${agency} is unavailable: its fields are null`, {
    extensions: { code: SUBGRAPH_UNAVAILABLE, agency },
  });
}

function isGraphQLErrorBody(body: unknown): body is { data?: Record<string, unknown> | null; errors: GraphQLFormattedError[] } {
  return typeof body === 'object' && body !== null && Array.isArray((body as { errors?: unknown }).errors);
}

function isObject(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

export interface AgencySubgraphSourceOptions {
  agency: string;
  url: string;
  timeoutMs: number;
  log: Logger;
  onFetch?: (subgraph: string) => void;
  /** Times each fetch by subgraph and outcome. */
  metrics?: GatewayMetrics;
  /** Connections kept open to this subgraph (default 32). */
  connections?: number;
}

/** Why a fetch got no GraphQL answer; logged, never shown to the client. */
class NoAnswer extends Error {}

class DeadlineExceeded extends Error {
  override name = 'TimeoutError';
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * One agency's subgraph as Apollo Gateway sees it. Forwards the caller's identity and request id, gives each fetch a
 * deadline, and turns "no answer" (refused, reset, timed out, 5xx, HTML) into a single SUBGRAPH_UNAVAILABLE error so
 * Apollo Gateway leaves that agency's fields null and keeps the others'. Errors a healthy subgraph returns
 * (BAD_USER_INPUT, UNAUTHORIZED_FIELD_OR_TYPE, ...), even with a non-2xx status, pass through unchanged.
 *
 * It posts over a pool of kept-alive undici connections rather than through RemoteGraphQLDataSource's
 * make-fetch-happen client, whose per-fetch request, header and agent objects cost more CPU than the fetch itself
 * (a third of the gateway's CPU on a five-agency query).
 */
export class AgencySubgraphSource implements GraphQLDataSource<GatewayContext> {
  readonly url: string;
  /** The URL's path, posted to on the pool's origin (parsed once, not per fetch). */
  private readonly path: string;
  private readonly agency: string;
  private readonly timeoutMs: number;
  private readonly log: Logger;
  private readonly onFetch?: (subgraph: string) => void;
  private readonly metrics?: GatewayMetrics;
  private readonly pool: Pool;

  constructor(options: AgencySubgraphSourceOptions) {
    this.url = options.url;
    this.agency = options.agency;
    this.timeoutMs = options.timeoutMs;
    this.log = options.log;
    this.onFetch = options.onFetch;
    this.metrics = options.metrics;
    const { origin, pathname } = new URL(options.url);
    this.path = pathname;
    this.pool = new Pool(origin, { connections: options.connections ?? 32, pipelining: 1 });
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const stopTimer = this.metrics?.subgraphFetchDuration.startTimer({ subgraph: this.agency });
    let outcome = 'unavailable';
    try {
      const response = await this.fetchAnswer(options);
      outcome = response.errors?.length ? 'error' : 'ok';
      return response;
    } finally {
      stopTimer?.({ outcome });
    }
  }

  /** Closes the kept-alive connections (the gateway's stop). */
  async close(): Promise<void> {
    await this.pool.close();
  }

  private headersFor(options: GraphQLDataSourceProcessOptions<GatewayContext>): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    // Only incoming operations carry a GatewayContext (health checks and schema loads carry none of it).
    const context = options.context as Partial<GatewayContext> | undefined;
    if (context?.requestId) headers['x-request-id'] = context.requestId;
    if (context?.authorization) headers.authorization = context.authorization;
    if (context?.purpose) headers['x-purpose'] = context.purpose;
    // The subgraph's spans join the caller's trace (a no-op while tracing is off).
    propagation.inject(otelContext.active(), headers);
    return headers;
  }

  private async fetchAnswer(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    this.onFetch?.(this.agency);
    const { query, operationName, variables, extensions } = options.request;
    if (!query) throw new Error('Missing query');
    const startedAt = Date.now();
    let status: number;
    let body: unknown;
    // The deadline aborts the connection and the body read alike, so a subgraph that accepts and never answers costs
    // the caller at most timeoutMs. Cleared once answered: an AbortSignal.timeout would still fire later and build a
    // DOMException for every fetch (a tenth of the gateway's CPU).
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DeadlineExceeded(this.timeoutMs)), this.timeoutMs);
    try {
      const response = await this.pool.request({
        method: 'POST',
        path: this.path,
        headers: this.headersFor(options),
        body: JSON.stringify({ query, operationName, variables, extensions }),
        signal: deadline.signal,
      });
      status = response.statusCode;
      const contentType = String(response.headers['content-type'] ?? '');
      if (!/^application\/(graphql-response\+)?json/.test(contentType)) {
        await response.body.dump();
        throw new NoAnswer(`HTTP ${status} with content type "${contentType}"`);
      }
      body = await response.body.json();
    } catch (error) {
      this.logUnavailable(options, error, Date.now() - startedAt);
      throw subgraphUnavailable(this.agency);
    } finally {
      clearTimeout(timer);
    }
    if (status >= 200 && status < 300) {
      if (isObject(body) && (body.data !== undefined || body.errors !== undefined)) return body as GatewayGraphQLResponse;
      this.logUnavailable(options, new NoAnswer('response has neither data nor errors'), Date.now() - startedAt);
      throw subgraphUnavailable(this.agency);
    }
    // A GraphQL body sent with an error status (e.g. 400 for an operation the subgraph refuses) is still its answer.
    if (isGraphQLErrorBody(body)) return { data: body.data, errors: body.errors };
    this.logUnavailable(options, new NoAnswer(`HTTP ${status}`), Date.now() - startedAt);
    throw subgraphUnavailable(this.agency);
  }

  private logUnavailable(options: GraphQLDataSourceProcessOptions<GatewayContext>, error: unknown, elapsedMs: number) {
    const timedOut = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
    this.log.warn(
      {
        agency: this.agency,
        url: this.url,
        requestId: (options.context as Partial<GatewayContext> | undefined)?.requestId,
        elapsedMs,
        reason: timedOut ? `no answer within ${this.timeoutMs} ms` : error instanceof Error ? error.message : String(error),
      },
      'subgraph unavailable; its fields are null',
    );
  }
}
