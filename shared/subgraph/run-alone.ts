import { processTracing } from '../observability/trace-this-process';
import { checkStandaloneRevocationStore } from '../auth/revocation';
import { loadConfig } from '../config/config';
import { checkStandaloneEventBus } from '../events/runtime';
import { createLogger } from '../logging/logger';
import { onShutdown } from '../process/shutdown';
import type { SubgraphDefinition } from './definition';
import { startSubgraph } from './start-subgraph';
import { startupFailure } from '../config/parse-env';

/** Entry point of a subgraph deployed as its own process (one container per agency). */
export async function runSubgraphAlone(definition: SubgraphDefinition): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${startupFailure(err)}\n`);
    process.exit(1);
  }
  const log = createLogger(config.logLevel, { service: definition.agency });
  try {
    checkStandaloneRevocationStore(config, log);
    checkStandaloneEventBus(config, log);
    const running = await startSubgraph(definition, { config, log });
    onShutdown(log, async () => {
      await running.stop();
      await processTracing?.shutdown();
    });
  } catch (err) {
    log.fatal({ err }, 'subgraph failed to start');
    process.exit(1);
  }
}
