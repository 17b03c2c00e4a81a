import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as InstrumentationExpress from '@opentelemetry/instrumentation-express';
import type * as InstrumentationHttp from '@opentelemetry/instrumentation-http';
import type * as SdkNode from '@opentelemetry/sdk-node';
import type { ObservabilityConfig } from '../config/observability';

export interface Tracing {
  /** Sends the spans still buffered. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Probes and scrapes would be most of the traces and tell nothing. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/health', '/metrics']);

/**
 * OpenTelemetry tracing to an OTLP/HTTP collector, or nothing at all (no SDK, no patching) without
 * OTEL_EXPORTER_OTLP_ENDPOINT. The HTTP instrumentation opens a span per request served and per request sent and
 * carries `traceparent` on the latter, so a gateway request and the subgraph fetches it causes share one trace;
 * Apollo Gateway adds its own plan and fetch spans through the global tracer. Start it before the services are
 * loaded: instrumentations patch `http` and `express` as they are required.
 */
export function startTracing(
  config: Pick<ObservabilityConfig, 'otlpEndpoint'>,
  serviceName: string,
  /** Replaces the OTLP exporter (tests: Jest cannot run its dynamic import of the HTTP agent). */
  exporter?: SdkNode.tracing.SpanExporter,
): Tracing | undefined {
  if (!config.otlpEndpoint) return undefined;
  // Loaded only when tracing is on: the SDK and its exporters are ~2,000 modules and ~30 MiB of every process's
  // memory. Synchronously (require, not import()), because it must patch http and express before they load.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK, tracing } = require('@opentelemetry/sdk-node') as typeof SdkNode;
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof InstrumentationHttp;
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof InstrumentationExpress;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const spans = new tracing.BatchSpanProcessor(exporter ?? new OTLPTraceExporter({ url: `${config.otlpEndpoint}/v1/traces` }));
  const sdk = new NodeSDK({
    serviceName,
    spanProcessors: [spans],
    // Traces only: metrics are Prometheus' (/metrics), logs are pino's; the SDK would otherwise export both by default.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has((req.url ?? '').split('?')[0]) }),
      new ExpressInstrumentation(),
    ],
  });
  sdk.start();
  return { flush: () => spans.forceFlush(), shutdown: () => sdk.shutdown() };
}
