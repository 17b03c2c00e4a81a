import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { AGENCIES } from '../shared/config/agencies';
import { loadConfig } from '../shared/config/config';
import { loadProductionStartConfig } from '../shared/config/production-start';
import { createLogger } from '../shared/logging/logger';
import { ensureDatabases, ensureProductionKeys, productionServiceEnv } from './production-environment';

/**
 * `npm run start:prod`: every service as its own production process on this machine (five subgraphs, then the
 * gateway) against PostgreSQL, Redis and NATS JetStream, as docker-compose.yml runs them in containers.
 * Ctrl-C stops them all.
 */
interface Service {
  name: string;
  script: string;
  healthUrl: string;
  child?: ChildProcess;
}

const DIST = path.resolve(__dirname, '..');

async function waitHealthy(service: Service, deadline: number): Promise<void> {
  for (;;) {
    if (service.child?.exitCode !== null && service.child?.exitCode !== undefined) {
      throw new Error(`${service.name} exited with code ${service.child.exitCode} before it was ready`);
    }
    try {
      if ((await fetch(service.healthUrl, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${service.name} was not ready at ${service.healthUrl} in time`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function main(): Promise<void> {
  const start = loadProductionStartConfig(process.env);
  const log = createLogger(process.env.LOG_LEVEL === 'silent' ? 'silent' : 'info', { service: 'start-prod' });
  await ensureDatabases(start, log);
  const keys = await ensureProductionKeys(start.keysDir, log);
  const env = productionServiceEnv(start, keys, process.env);
  // The services' own configuration, as each of them will read it: fails here, once, naming any bad variable.
  const config = loadConfig(env);

  const services: Service[] = AGENCIES.map((agency) => ({
    name: agency,
    script: path.join(DIST, 'subgraphs', agency, 'main.js'),
    healthUrl: `http://127.0.0.1:${config.subgraphs[agency].port}/health`,
  }));
  const gateway: Service = { name: 'gateway', script: path.join(DIST, 'gateway', 'main.js'), healthUrl: `http://127.0.0.1:${config.gatewayPort}/health` };
  const all = [...services, gateway];

  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping every service');
    const running = all.filter((s) => s.child && s.child.exitCode === null && s.child.signalCode === null);
    await Promise.all(
      running.map(
        (s) =>
          new Promise<void>((resolve) => {
            const kill = setTimeout(() => s.child!.kill('SIGKILL'), 15_000);
            s.child!.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            s.child!.kill('SIGTERM');
          }),
      ),
    );
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  const launch = (service: Service) => {
    service.child = spawn(process.execPath, [service.script], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    service.child.once('exit', (code, signal) => {
      if (stopping) return;
      log.error({ service: service.name, code, signal }, 'a service stopped on its own; stopping the others');
      void stopAll(1);
    });
  };

  const deadline = Date.now() + start.readyTimeoutMs;
  try {
    // The first subgraph alone: it migrates the shared access-control database, which concurrent first starts
    // would race on. The other four own their databases and start together.
    const [first, ...rest] = services;
    launch(first);
    await waitHealthy(first, deadline);
    rest.forEach(launch);
    await Promise.all(rest.map((s) => waitHealthy(s, deadline)));
    launch(gateway);
    await waitHealthy(gateway, deadline);
  } catch (err) {
    log.error({ err }, 'start failed');
    await stopAll(1);
    return;
  }
  log.info(
    { gateway: `http://localhost:${config.gatewayPort}/graphql`, jwks: keys.jwksPath, signingKey: keys.signingKeyPath },
    'ready: every service runs as its own process (Ctrl-C stops them all)',
  );
}

main().catch((err) => {
  process.stderr.write(`start:prod failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
