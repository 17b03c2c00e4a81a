// Without an OTLP endpoint no OpenTelemetry SDK is loaded at all: these stand in for it and fail when required.
const loaded: string[] = [];
for (const name of ['@opentelemetry/sdk-node', '@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/instrumentation-http', '@opentelemetry/instrumentation-express']) {
  jest.doMock(name, () => {
    loaded.push(name);
    return {};
  });
}

describe('tracing switched off', () => {
  it('loads no OpenTelemetry SDK, exporter or instrumentation (they are ~30 MiB of every process)', async () => {
    const { startTracing } = await import('../../../shared/observability/tracing');
    expect(startTracing({ otlpEndpoint: undefined }, 'gateway')).toBeUndefined();
    expect(loaded).toEqual([]);
  });
});
