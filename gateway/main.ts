import { processTracing } from '../shared/observability/trace-this-process';
import fs from 'node:fs';
import { checkStandaloneRevocationStore } from '../shared/auth/revocation';
import { loadConfig } from '../shared/config/config';
import { createLogger } from '../shared/logging/logger';
import { onShutdown } from '../shared/process/shutdown';
import { startGateway } from './gateway';
import { COMMITTED_SUPERGRAPH } from './supergraph/location';
import { startupFailure } from '../shared/config/parse-env';

/** The gateway alone, for deployments where each subgraph runs as its own service. */
async function main() {
  const config = loadConfig();
  const log = createLogger(config.logLevel, { service: 'gateway' });
  checkStandaloneRevocationStore(config, log);
  const supergraphSdl = fs.readFileSync(config.supergraphPath ?? COMMITTED_SUPERGRAPH, 'utf8');
  const gateway = await startGateway({
    config,
    log,
    supergraphSdl,
    subgraphUrls: Object.fromEntries(Object.values(config.subgraphs).map((s) => [s.agency, s.url])),
  });
  onShutdown(log, async () => {
    await gateway.stop();
    await processTracing?.shutdown();
  });
}

main().catch((err) => {
  process.stderr.write(`${startupFailure(err)}\n`);
  process.exit(1);
});
