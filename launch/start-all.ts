import { processTracing } from '../shared/observability/trace-this-process';
import { loadConfig } from '../shared/config/config';
import { createLogger } from '../shared/logging/logger';
import { onShutdown } from '../shared/process/shutdown';
import { startStack } from './stack';
import { startupFailure } from '../shared/config/parse-env';

/** `npm start`: the embedded default, gateway on :4000 and the five subgraphs on :4001-4005, SQLite, seeded. */
async function main() {
  const config = loadConfig();
  const log = createLogger(config.logLevel, { service: 'operator-credit-graph' });
  const stack = await startStack({ config, log });
  log.info({ url: stack.gateway.url }, 'operator credit graph ready');
  onShutdown(log, async () => {
    await stack.stop();
    await processTracing?.shutdown();
  });
}

main().catch((err) => {
  process.stderr.write(`${startupFailure(err)}\n`);
  process.exit(1);
});
