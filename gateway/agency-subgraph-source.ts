import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { context as otelContext, propagation } from '@opentelemetry/api';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from '../shared/logging/logger';
import type { GatewayMetrics } from '../shared/observability/metrics';
import type { GatewayContext } from './gateway';

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type SubgraphHttpResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/**
 * The one error a client sees for a fetch that got no GraphQL answer. It names the agency whose fields
 * are missing and nothing else: the URL, host, port and low-level reason go to the log only.
 */
export function subgraphUnavailable(agency: string): GraphQLError {
  return new GraphQLError(`${agency} is unavailable: its fields are null`, {
    extensions: { code: SUBGRAPH_UNAVAILABLE, agency },
  });
}

/** A non-2xx answer that is still a GraphQL response (e.g. 400 for an operation the subgraph refuses). */
class GraphQLErrorStatus extends GraphQLError {
  constructor(readonly response: { data?: Record<string, unknown> | null; errors: GraphQLFormattedError[] }) {
    super('subgraph answered a GraphQL error with a non-2xx status');
  }
}

function isGraphQLErrorBody(body: unknown): body is { data?: Record<string, unknown> | null; errors: GraphQLFormattedError[] } {
  return typeof body === 'object' && body !== null && Array.isArray((body as { errors?: unknown }).errors);
}

export interface AgencySubgraphSourceOptions {
  agency: string;
  url: string;
  timeoutMs: number;
  log: Logger;
  onFetch?: (subgraph: string) => void;
  /** Times each fetch by subgraph and outcome. */
  metrics?: GatewayMetrics;
}

/**
 * Forwards the caller's identity and request id to one agency's subgraph, gives each fetch a deadline,
 * and turns "no answer" (refused, reset, timed out, 5xx, HTML) into a single SUBGRAPH_UNAVAILABLE error so
 * Apollo Gateway leaves that agency's fields null and keeps the others'. Errors a healthy subgraph
 * returns (BAD_USER_INPUT, UNAUTHORIZED_FIELD_OR_TYPE, ...) pass through unchanged.
 */
export class AgencySubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly agency: string;
  private readonly timeoutMs: number;
  private readonly log: Logger;
  private readonly onFetch?: (subgraph: string) => void;
  private readonly metrics?: GatewayMetrics;

  constructor(options: AgencySubgraphSourceOptions) {
    super({ url: options.url });
    this.agency = options.agency;
    this.timeoutMs = options.timeoutMs;
    this.log = options.log;
    this.onFetch = options.onFetch;
    this.metrics = options.metrics;
    const fetchWithoutDeadline = this.fetcher;
    // The signal aborts the connection and the body read alike, so a subgraph that accepts and never answers
    // costs the caller at most timeoutMs.
    this.fetcher = (url, init) => fetchWithoutDeadline(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    this.onFetch?.(this.agency);
    if (!request.http) return;
    if (context.requestId) request.http.headers.set('x-request-id', context.requestId);
    if (context.authorization) request.http.headers.set('authorization', context.authorization);
    if (context.purpose) request.http.headers.set('x-purpose', context.purpose);
    // The subgraph's spans join the caller's trace (a no-op while tracing is off; the HTTP instrumentation, when it
    // patches this fetch, replaces it with its own client span's context).
    const headers = request.http.headers;
    propagation.inject(otelContext.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
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

  private async fetchAnswer(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const startedAt = Date.now();
    let response: SubgraphResponse;
    try {
      response = await super.process(options);
    } catch (error) {
      if (error instanceof GraphQLErrorStatus) return error.response;
      this.logUnavailable(options, error, Date.now() - startedAt);
      throw subgraphUnavailable(this.agency);
    }
    if (response.data === undefined && response.errors === undefined) {
      this.logUnavailable(options, new Error('response has neither data nor errors'), Date.now() - startedAt);
      throw subgraphUnavailable(this.agency);
    }
    return response;
  }

  /** Keeps a GraphQL body sent with an error status; anything else (an HTML 502 page, an empty 503) is an outage. */
  override async errorFromResponse(response: SubgraphHttpResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => undefined);
    if (isGraphQLErrorBody(body)) return new GraphQLErrorStatus({ data: body.data, errors: body.errors });
    return new GraphQLError(`HTTP ${response.status} ${response.statusText}`);
  }

  private logUnavailable(options: GraphQLDataSourceProcessOptions<GatewayContext>, error: unknown, elapsedMs: number) {
    const timedOut = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
    this.log.warn(
      {
        agency: this.agency,
        url: this.url,
        requestId: options.context?.requestId,
        elapsedMs,
        reason: timedOut ? `no answer within ${this.timeoutMs} ms` : error instanceof Error ? error.message : String(error),
      },
      'subgraph unavailable; its fields are null',
    );
  }
}
