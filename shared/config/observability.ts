import { z } from 'zod';
import { parseEnv } from './parse-env';

/** Metrics, tracing and request logs (shared/observability/). */
export interface ObservabilityConfig {
  /**
   * Bearer token a scraper must send to `/metrics`. Without one, `/metrics` answers loopback clients only:
   * request counts per caller and operation are operational data, not for anyone who can reach the port.
   */
  metricsToken?: string;
  /** Distinct operation names a service labels its metrics with; registered (persisted) names always count, others fold into "other" once this many were seen. */
  maxOperationNames: number;
  /** OTLP/HTTP collector base URL (`/v1/traces` is appended); tracing is off without it. */
  otlpEndpoint?: string;
}

const observabilitySchema = z.object({
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_MAX_OPERATION_NAMES: z.coerce.number().int().min(0).max(10_000).default(100),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().regex(/^https?:\/\//, 'must be an http(s) URL').optional(),
});

export function loadObservabilityConfig(env: NodeJS.ProcessEnv): ObservabilityConfig {
  const v = parseEnv(observabilitySchema, env);
  return {
    metricsToken: v.METRICS_TOKEN,
    maxOperationNames: v.METRICS_MAX_OPERATION_NAMES,
    otlpEndpoint: v.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, ''),
  };
}
