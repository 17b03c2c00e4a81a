import path from 'node:path';
import { loadConfig } from '../config/config';
import { startTracing, Tracing } from './tracing';

/**
 * Imported first by every entry point (gateway/main, launch/start-all, shared/subgraph/run-alone), so the
 * instrumentations are in place before `express` is loaded. The service name is the entry's: `gateway`, the agency
 * of a subgraph run alone, or `operator-credit-graph` for the embedded all-in-one process.
 */
function serviceName(): string {
  const entry = require.main?.filename ?? '';
  if (path.basename(path.dirname(path.dirname(entry))) === 'subgraphs') return path.basename(path.dirname(entry));
  return path.basename(entry, path.extname(entry)) === 'main' ? 'gateway' : 'operator-credit-graph';
}

function tracingFromConfig(): Tracing | undefined {
  try {
    return startTracing(loadConfig().observability, serviceName());
  } catch {
    return undefined; // a configuration error: the entry point's own loadConfig reports it
  }
}

export const processTracing = tracingFromConfig();
