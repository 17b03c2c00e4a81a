import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { AGENCIES, DEFAULT_SUBGRAPH_PORTS, envPrefix } from '../../../shared/config/agencies';
import { checkStandaloneRevocationStore } from '../../../shared/auth/revocation';
import { checkStandaloneEventBus } from '../../../shared/events/runtime';
import { loadConfig } from '../../../shared/config/config';
import { loadProductionStartConfig } from '../../../shared/config/production-start';
import { PROJECT_ROOT } from '../../../shared/config/paths';
import { DEV_ISSUER_FILES } from '../../../shared/auth/tokens';
import { AUDIT_KEY_FILE } from '../../../shared/config/audit';
import { memoryLogger } from '../auth/helpers';

/* eslint-disable @typescript-eslint/no-explicit-any */
// No Docker engine runs in CI: these checks keep docker-compose.yml consistent with the code by reading it.
const composeText = fs.readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as any;
const dockerfile = fs.readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8');

/** The stable contract: the gateway on 4000, the agencies on 4001-4005. */
const GATEWAY_PORT = 4000;
const APP_SERVICES = [...AGENCIES, 'gateway'] as const;
const INFRASTRUCTURE = { postgres: 5432, redis: 6379, nats: 4222 } as const;

/** Every variable a loader reads, found by handing it an environment that records what is asked of it. */
function variablesRead(load: (env: NodeJS.ProcessEnv) => unknown): Set<string> {
  const read = new Set<string>();
  const env = new Proxy({} as NodeJS.ProcessEnv, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return Reflect.get(target, name);
    },
  });
  load(env);
  return read;
}

const portOf = (name: string) => (name === 'gateway' ? GATEWAY_PORT : DEFAULT_SUBGRAPH_PORTS[name as (typeof AGENCIES)[number]]);
const healthUrlOf = (service: any) => /fetch\('([^']+)'\)/.exec(service.healthcheck.test.join(' '))?.[1];

describe('docker-compose.yml', () => {
  const serviceVariables = variablesRead(loadConfig);

  it('states the Compose version it needs and uses no feature newer than it says', () => {
    expect(composeText.split('\n').slice(0, 10).join('\n')).toMatch(/Docker Compose v2/);
    // configs.content (inline files) needs Compose >= 2.23; the file must not rely on it.
    expect(compose.configs).toBeUndefined();
    for (const service of Object.values<any>(compose.services)) expect(service.configs).toBeUndefined();
  });

  it('defines exactly the services start:prod runs, plus their infrastructure and the one-shot key generator', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...APP_SERVICES, ...Object.keys(INFRASTRUCTURE), 'keys'].sort());
    for (const name of APP_SERVICES) {
      const entry = compose.services[name].command[1] as string;
      expect(entry).toBe(name === 'gateway' ? 'dist/gateway/main.js' : `dist/subgraphs/${name}/main.js`);
      expect(fs.existsSync(path.join(PROJECT_ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    }
    const keysEntry = compose.services.keys.command[1] as string;
    expect(fs.existsSync(path.join(PROJECT_ROOT, keysEntry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    expect(dockerfile).toContain('COPY deploy ./deploy');
  });

  it('sets only variables the code reads, each valid for it', () => {
    for (const name of APP_SERVICES) {
      const env = compose.services[name].environment;
      const unknown = Object.keys(env).filter((v) => !serviceVariables.has(v));
      expect([name, unknown]).toEqual([name, []]);
      expect(() => loadConfig(env)).not.toThrow();
    }
    const keysVariables = variablesRead(loadProductionStartConfig);
    expect(Object.keys(compose.services.keys.environment).filter((v) => !keysVariables.has(v))).toEqual([]);
  });

  it('serves every agency and the gateway on the ports of the stable contract, each with a health check on its own port', () => {
    for (const name of APP_SERVICES) {
      const service = compose.services[name];
      const config = loadConfig(service.environment);
      const port = name === 'gateway' ? config.gatewayPort : config.subgraphs[name as (typeof AGENCIES)[number]].port;
      expect([name, port]).toEqual([name, portOf(name)]);
      expect([name, healthUrlOf(service)]).toEqual([name, `http://localhost:${portOf(name)}/health`]);
    }
    // Only the gateway is published: subgraphs are not to be exposed (rate limits apply at the gateway).
    expect(compose.services.gateway.ports).toEqual([`${GATEWAY_PORT}:${GATEWAY_PORT}`]);
    for (const agency of AGENCIES) expect(compose.services[agency].ports).toBeUndefined();
  });

  it('gives every long-running service a health check, and waits on health (or completion) before starting dependants', () => {
    for (const [name, service] of Object.entries<any>(compose.services)) {
      if (name !== 'keys') expect([name, Array.isArray(service.healthcheck?.test)]).toEqual([name, true]);
      for (const [dependency, { condition }] of Object.entries<any>(service.depends_on ?? {})) {
        expect([name, dependency, compose.services[dependency] !== undefined]).toEqual([name, dependency, true]);
        const expected = dependency === 'keys' ? 'service_completed_successfully' : 'service_healthy';
        expect([name, dependency, condition]).toEqual([name, dependency, expected]);
      }
    }
    // Market regulation first (it migrates the shared access-control database), as start:prod does.
    for (const agency of AGENCIES.filter((a) => a !== 'market-regulation')) {
      expect(compose.services[agency].depends_on['market-regulation']).toBeDefined();
    }
    for (const agency of AGENCIES) expect(compose.services.gateway.depends_on[agency]).toBeDefined();
  });

  it('runs every agency on its own PostgreSQL database, created by the mounted script', () => {
    const initSql = fs.readFileSync(path.join(PROJECT_ROOT, 'deploy/postgres/create-databases.sql'), 'utf8');
    expect(compose.services.postgres.volumes).toContain('./deploy/postgres/create-databases.sql:/docker-entrypoint-initdb.d/create-databases.sql:ro');
    const urls = new Set<string>();
    for (const agency of AGENCIES) {
      const url = loadConfig(compose.services[agency].environment).subgraphs[agency].databaseUrl!;
      const database = new URL(url).pathname.slice(1);
      expect(new URL(url).host).toBe(`postgres:${INFRASTRUCTURE.postgres}`);
      expect(initSql).toContain(`CREATE DATABASE ${database};`);
      urls.add(url);
      expect(compose.services[agency].environment[`${envPrefix(agency)}_DATABASE_URL`]).toBe(url);
    }
    expect(urls.size).toBe(AGENCIES.length);
    const accessControl = loadConfig(compose.services.gateway.environment).accessControl.databaseUrl!;
    expect(initSql).toContain(`CREATE DATABASE ${new URL(accessControl).pathname.slice(1)};`);
  });

  it('shares revocations in Redis, events on NATS JetStream and the generated keys, so every service starts in production', () => {
    const { log } = memoryLogger();
    const keyMounts = compose.services.keys.volumes as string[];
    const keysDir = loadProductionStartConfig(compose.services.keys.environment).keysDir;
    for (const name of APP_SERVICES) {
      const service = compose.services[name];
      const config = loadConfig(service.environment);
      expect(config.env).toBe('production');
      expect(() => checkStandaloneRevocationStore(config, log)).not.toThrow();
      expect(() => checkStandaloneEventBus(config, log)).not.toThrow();
      expect(config.auth.redisUrl).toBe(`redis://redis:${INFRASTRUCTURE.redis}`);
      expect(config.events).toMatchObject({ bus: 'nats', natsServers: [`nats://nats:${INFRASTRUCTURE.nats}`] });
      // Production keys: the JWKS and the audit key the `keys` service wrote into the volume both mount.
      expect(config.auth.keySource).toEqual({ kind: 'jwks-file', path: path.join(keysDir, DEV_ISSUER_FILES.jwks) });
      expect(config.accessControl.audit.key).toEqual({ kind: 'file', path: path.join(keysDir, AUDIT_KEY_FILE) });
      for (const mount of keyMounts) expect(service.volumes).toContain(mount);
    }
    expect(loadConfig(compose.services['market-regulation'].environment).subgraphs.commerce.url).toBe(
      `http://commerce:${DEFAULT_SUBGRAPH_PORTS.commerce}/graphql`,
    );
    const gateway = loadConfig(compose.services.gateway.environment);
    for (const agency of AGENCIES) {
      expect(gateway.subgraphs[agency].url).toBe(`http://${agency}:${DEFAULT_SUBGRAPH_PORTS[agency]}/graphql`);
    }
    // NATS runs with JetStream (the events' stream) and its data on a volume.
    expect(compose.services.nats.command).toContain('-js');
  });

  it('builds an image holding the compiled code, the committed supergraph and the evaluator manifest', () => {
    expect(dockerfile).toMatch(/FROM node:20/);
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toContain('COPY --from=build /app/gateway/supergraph.graphql ./gateway/supergraph.graphql');
    expect(dockerfile).toContain('COPY operations/manifest.json ./operations/manifest.json');
  });
});
