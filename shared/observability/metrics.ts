import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { ObservabilityConfig } from '../config/observability';

/** Label of requests without an operation name, and of names beyond the cap. */
export const ANONYMOUS_OPERATION = 'anonymous';
export const OTHER_OPERATION = 'other';

const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * Operation names are chosen by callers, so each would be a new time series: registered (persisted) names are
 * always labelled as themselves, other names only until `max` distinct ones were seen, then as "other".
 */
export class OperationNameLabels {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly registered: ReadonlySet<string> = new Set(),
  ) {}

  label(name: string | null | undefined): string {
    if (!name) return ANONYMOUS_OPERATION;
    if (this.registered.has(name) || this.seen.has(name)) return name;
    if (!OPERATION_NAME.test(name) || this.seen.size >= this.max) return OTHER_OPERATION;
    this.seen.add(name);
    return name;
  }
}

// Process metrics (CPU, memory, event loop) once per process: the embedded deployment serves six services from one.
let processRegistry: Registry | undefined;
function sharedProcessRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** One service's metrics (the gateway or one subgraph); each serves its own at `/metrics`. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly operations: OperationNameLabels;
  readonly requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests answered, by operation name and HTTP status',
    labelNames: ['operation', 'status'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors returned, by operation name and extensions.code',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to the last byte of its answer, by operation name',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [this.registry],
  });

  constructor(
    readonly service: string,
    options: { maxOperationNames: number; registeredOperations?: ReadonlySet<string> },
  ) {
    this.registry.setDefaultLabels({ service });
    this.operations = new OperationNameLabels(options.maxOperationNames, options.registeredOperations);
  }

  /** The exposition text: this service's metrics and the process's. */
  async render(): Promise<{ contentType: string; body: string }> {
    // Concatenated rather than Registry.merge(d): a merged registry drops this one's `service` default label.
    const [processText, serviceText] = await Promise.all([sharedProcessRegistry().metrics(), this.registry.metrics()]);
    return { contentType: this.registry.contentType, body: `${processText}\n${serviceText}` };
  }
}

/** Where a subgraph's SQL statements go: its agency's database, or the shared access-control store (consents, audit log). */
export type SqlDatabase = 'agency' | 'access-control';

/**
 * `sql_statements_total{database}`: SQL statements a subgraph sent on behalf of requests (background work such as the
 * event relay is not counted), read from its statement counters at each scrape. In the embedded deployment the
 * access-control store is one per process, so every subgraph there reports the same access-control count.
 */
export function exposeSqlStatements(metrics: ServiceMetrics, statements: Record<SqlDatabase, () => number>): void {
  new Counter({
    name: 'sql_statements_total',
    help: 'SQL statements sent for requests, by database (agency or access-control)',
    labelNames: ['database'] as const,
    registers: [metrics.registry],
    collect() {
      this.reset();
      for (const [database, count] of Object.entries(statements)) this.inc({ database }, count());
    },
  });
}

/** The gateway's own metrics: each subgraph fetch and the query-plan cache. */
export class GatewayMetrics extends ServiceMetrics {
  readonly subgraphFetchDuration = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Time of one gateway fetch to a subgraph, by subgraph and outcome (ok, error: GraphQL errors, unavailable)',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [this.registry],
  });
  readonly queryPlanCache = new Counter({
    name: 'gateway_query_plan_cache_total',
    help: 'Query-plan lookups, by result: hit (plan reused from the cache) or miss (planned anew)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly plansSeen = new WeakSet<object>();

  constructor(options: ConstructorParameters<typeof ServiceMetrics>[1]) {
    super('gateway', options);
    this.queryPlanCache.inc({ result: 'hit' }, 0);
    this.queryPlanCache.inc({ result: 'miss' }, 0);
  }

  /**
   * Apollo Gateway keeps its plan cache private but hands every plan it executes to `experimental_didResolveQueryPlan`.
   * The in-memory cache returns the very object it stored, so a plan object seen before is a hit; a new one was planned.
   */
  countQueryPlan(plan: object): void {
    const hit = this.plansSeen.has(plan);
    if (!hit) this.plansSeen.add(plan);
    this.queryPlanCache.inc({ result: hit ? 'hit' : 'miss' });
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/**
 * `/metrics`: with METRICS_TOKEN, for scrapers sending it as a bearer token; without, for loopback clients only
 * (the socket's own address: a forwarded-for header cannot make a remote client local).
 */
export function metricsHandler(metrics: ServiceMetrics, config: Pick<ObservabilityConfig, 'metricsToken'>): RequestHandler {
  return async (req, res) => {
    if (config.metricsToken) {
      const header = req.headers.authorization ?? '';
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      if (!token || !sameSecret(token, config.metricsToken)) {
        res.status(401).set('www-authenticate', 'Bearer').type('text/plain').send('metrics need the METRICS_TOKEN bearer token\n');
        return;
      }
    } else if (!isLoopback(req.socket.remoteAddress)) {
      res.status(403).type('text/plain').send('metrics are served to loopback clients only; set METRICS_TOKEN to scrape remotely\n');
      return;
    }
    const { contentType, body } = await metrics.render();
    res.type(contentType).send(body);
  };
}
