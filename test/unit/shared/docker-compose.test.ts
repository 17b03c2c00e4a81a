import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { AGENCIES, DEFAULT_SUBGRAPH_PORTS, envPrefix } from '../../../shared/config/agencies';
import { checkStandaloneRevocationStore } from '../../../shared/auth/revocation';
import { checkStandaloneEventBus } from '../../../shared/events/runtime';
import { loadConfig } from '../../../shared/config/config';
import { PROJECT_ROOT } from '../../../shared/config/paths';
import { memoryLogger } from '../auth/helpers';

/* eslint-disable @typescript-eslint/no-explicit-any */
// No Docker engine runs in CI: these checks keep docker-compose.yml consistent with the code by reading it.
const compose = parse(fs.readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as any;
const dockerfile = fs.readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  it('runs every agency as its own service on its own PostgreSQL database', () => {
    const initSql: string = compose.configs['init-databases'].content;
    for (const agency of AGENCIES) {
      const service = compose.services[agency];
      expect(service).toBeDefined();
      const entry = service.command[1] as string;
      expect(entry).toBe(`dist/subgraphs/${agency}/main.js`);
      expect(fs.existsSync(path.join(PROJECT_ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
      const env = service.environment;
      const dbName = agency.replace(/-/g, '_');
      expect(env[`${envPrefix(agency)}_DATABASE_URL`]).toBe(`postgres://ocg:ocg@postgres:5432/${dbName}`);
      expect(initSql).toContain(`CREATE DATABASE ${dbName};`);
      expect(env[`${envPrefix(agency)}_PORT`]).toBe(String(DEFAULT_SUBGRAPH_PORTS[agency]));
      expect(service.healthcheck.test).toContain(String(DEFAULT_SUBGRAPH_PORTS[agency]));
      // The configuration each container gets is valid for the code.
      expect(() => loadConfig(env)).not.toThrow();
      // Shared token keys, revocation list, consent and audit: one security domain across containers.
      expect(service.volumes).toContain('keys:/app/data/keys');
      expect(env.DATA_DIR).toBe('/app/data');
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.ACCESS_CONTROL_DATABASE_URL).toBe('postgres://ocg:ocg@postgres:5432/access_control');
      expect(service.depends_on.redis).toBeDefined();
    }
  });

  it('points the gateway at each subgraph service and waits for them', () => {
    const gateway = compose.services.gateway;
    expect(gateway.command).toEqual(['node', 'dist/gateway/main.js']);
    const config = loadConfig(gateway.environment);
    for (const agency of AGENCIES) {
      expect(config.subgraphs[agency].url).toBe(`http://${agency}:${DEFAULT_SUBGRAPH_PORTS[agency]}/graphql`);
      expect(gateway.depends_on[agency]).toEqual({ condition: 'service_healthy' });
    }
    expect(gateway.ports).toContain('4000:4000');
    expect(gateway.volumes).toContain('keys:/app/data/keys');
    expect(gateway.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.configs['init-databases'].content).toContain('CREATE DATABASE access_control;');
  });

  it('lets every service start in production (a shared revocation store) and market regulation reach commerce', () => {
    const { log } = memoryLogger();
    for (const name of [...AGENCIES, 'gateway']) {
      expect(() => checkStandaloneRevocationStore(loadConfig(compose.services[name].environment), log)).not.toThrow();
    }
    const marketRegulation = loadConfig(compose.services['market-regulation'].environment);
    expect(marketRegulation.subgraphs.commerce.url).toBe(`http://commerce:${DEFAULT_SUBGRAPH_PORTS.commerce}/graphql`);
  });

  it('carries the credit events of every agency on NATS JetStream, so each service starts in production', () => {
    const { log } = memoryLogger();
    for (const agency of AGENCIES) {
      const config = loadConfig(compose.services[agency].environment);
      expect(config.events).toMatchObject({ bus: 'nats', natsServers: ['nats://nats:4222'], stream: 'CREDIT_EVENTS' });
      expect(() => checkStandaloneEventBus(config, log)).not.toThrow();
      expect(compose.services[agency].depends_on.nats).toBeDefined();
    }
  });

  it('only depends on services it defines', () => {
    for (const [name, service] of Object.entries<any>(compose.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect([name, compose.services[dependency] !== undefined]).toEqual([name, true]);
      }
    }
  });

  it('builds an image holding the compiled code and the committed supergraph', () => {
    expect(dockerfile).toMatch(/FROM node:20/);
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toContain('COPY --from=build /app/gateway/supergraph.graphql ./gateway/supergraph.graphql');
  });
});
