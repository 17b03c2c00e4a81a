import net from 'node:net';
import { z } from 'zod';
import { parseEnv } from '../../shared/config/parse-env';

/**
 * The outside services some tests need. `npm test` runs those tests when the service answers and reports them
 * as not run otherwise; `.ci/run` starts every service and sets OCG_REQUIRE_SERVICES=1 so a missing one fails.
 */
export type TestService = 'redis' | 'nats' | 'postgres';

export const SERVICE_NAMES: Record<TestService, string> = { redis: 'Redis', nats: 'NATS', postgres: 'PostgreSQL' };

const testEnvSchema = z.object({
  OCG_TEST_REDIS_URL: z.string().regex(/^redis:\/\/\S+$/, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
  OCG_TEST_NATS_URL: z.string().regex(/^nats:\/\/\S+$/, 'must be a nats:// URL').default('nats://127.0.0.1:4222'),
  /** Unset: the suite runs on SQLite and test/postgres/ is not run (`npm run test:postgres` sets it). */
  OCG_TEST_POSTGRES: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL').optional(),
  OCG_REQUIRE_SERVICES: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});

export interface TestServiceSettings {
  redisUrl: string;
  natsUrl: string;
  postgresUrl?: string;
  requireServices: boolean;
}

export function loadTestServiceSettings(env: NodeJS.ProcessEnv = process.env): TestServiceSettings {
  const parsed = parseEnv(testEnvSchema, env);
  return {
    redisUrl: parsed.OCG_TEST_REDIS_URL,
    natsUrl: parsed.OCG_TEST_NATS_URL,
    postgresUrl: parsed.OCG_TEST_POSTGRES,
    requireServices: parsed.OCG_REQUIRE_SERVICES,
  };
}

/** Where each service is expected (host:port), from the test settings. */
export function serviceAddresses(settings: TestServiceSettings): Partial<Record<TestService, { host: string; port: number }>> {
  const address = (url: string, defaultPort: number) => {
    const u = new URL(url);
    return { host: u.hostname, port: u.port ? Number(u.port) : defaultPort };
  };
  return {
    redis: address(settings.redisUrl, 6379),
    nats: address(settings.natsUrl, 4222),
    ...(settings.postgresUrl ? { postgres: address(settings.postgresUrl, 5432) } : {}),
  };
}

/** True when something accepts a TCP connection at host:port within timeoutMs. */
export function isReachable(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** What the global setup found, handed to the test workers through the environment they inherit. */
export const PROBE_RESULT_VARIABLE = 'OCG_TEST_SERVICES_UNREACHABLE';

/** Why a service's tests do not run, or null when they do. */
export interface Unreachable {
  service: TestService;
  reason: string;
}

export async function probeServices(settings: TestServiceSettings, timeoutMs = 500): Promise<Unreachable[]> {
  const entries = Object.entries(serviceAddresses(settings)) as [TestService, { host: string; port: number }][];
  const results = await Promise.all(
    entries.map(async ([service, { host, port }]) =>
      (await isReachable(host, port, timeoutMs)) ? null : { service, reason: `${SERVICE_NAMES[service]} unreachable at ${host}:${port}` },
    ),
  );
  return results.filter((r): r is Unreachable => r !== null);
}

export function encodeProbeResult(unreachable: Unreachable[]): string {
  return JSON.stringify(unreachable);
}

/** The probe result in this worker; empty (everything runs) when no global setup probed. */
export function unreachableServices(env: NodeJS.ProcessEnv = process.env): Unreachable[] {
  const raw = env[PROBE_RESULT_VARIABLE];
  return raw ? (JSON.parse(raw) as Unreachable[]) : [];
}
