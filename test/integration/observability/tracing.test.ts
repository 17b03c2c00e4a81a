import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { context, propagation, trace } from '@opentelemetry/api';
import { tracing as sdkTracing } from '@opentelemetry/sdk-node';
import pino from 'pino';
import { RunningStack, startStack } from '../../../launch/stack';
import { loadConfig } from '../../../shared/config/config';
import { startTracing, Tracing } from '../../../shared/observability/tracing';
import { postGraphQL } from '../../support/graphql-client';

/**
 * Issue 12 part 4: with OTEL_EXPORTER_OTLP_ENDPOINT, a gateway request and the subgraph fetches it causes share one
 * trace. Spans are kept in memory (under Jest the OTLP exporter's dynamic import of its HTTP agent fails, and Jest's
 * module loader bypasses the require hooks of the http/express instrumentations), so the subgraph's side is shown by
 * the trace id it read from the `traceparent` the gateway sent, which its request log line carries.
 */

const exporter = new sdkTracing.InMemorySpanExporter();
const logLines: Record<string, unknown>[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});
let tracing: Tracing | undefined;
let stack: RunningStack;
let dataDir: string;

beforeAll(async () => {
  tracing = startTracing({ otlpEndpoint: 'http://127.0.0.1:4318' }, 'operator-credit-graph', exporter);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-tracing-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, SEED_ON_START: 'true' });
  stack = await startStack({ config, log: pino({ level: 'info' }, capture), freePorts: true, seedOperators: 3 });
});

afterAll(async () => {
  await stack?.stop();
  await tracing?.shutdown();
  // The SDK registers itself on globalThis: later test files of this worker must not trace.
  trace.disable();
  propagation.disable();
  context.disable();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('is off without an endpoint', () => {
  expect(startTracing({}, 'gateway')).toBeUndefined();
});

it('puts the gateway request and the subgraph fetches it causes into one trace', async () => {
  const res = await postGraphQL(
    stack.gateway.url,
    'query TracedPage { operators(first: 1) { nodes { name holdsValidExpressPermit } } }',
    undefined,
    { 'x-request-id': 'req-traced-1' },
  );
  expect(res.errors).toBeUndefined();
  await tracing!.flush();
  const gatewayRequest = exporter.getFinishedSpans().find((s) => s.name === 'gateway.request');
  expect(gatewayRequest).toBeDefined();
  const traceId = gatewayRequest!.spanContext().traceId;
  const fetches = exporter.getFinishedSpans().filter((s) => s.name === 'gateway.fetch');
  expect(fetches.map((s) => s.spanContext().traceId)).toEqual([traceId, traceId]);

  const subgraphLines = logLines.filter((l) => l.msg === 'request' && l.requestId === 'req-traced-1' && l.subgraph);
  expect(subgraphLines.map((l) => l.subgraph).sort()).toEqual(['market-regulation', 'postal']);
  for (const line of subgraphLines) expect(line.traceId).toBe(traceId);
});
