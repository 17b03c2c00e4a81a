import net from 'node:net';
import globalSetup from '../../global-setup';
import { gatedName } from '../../support/describe-when';
import { encodeProbeResult, loadTestServiceSettings, PROBE_RESULT_VARIABLE, probeServices } from '../../support/services';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const NotRunReporter = require('../../support/not-run-reporter.js');

/** A port something listens on, and one nothing listens on. */
async function ports(): Promise<{ open: number; closed: number; close(): Promise<void> }> {
  const listening = net.createServer((socket) => socket.destroy());
  await new Promise<void>((r) => listening.listen(0, '127.0.0.1', r));
  const closing = net.createServer();
  await new Promise<void>((r) => closing.listen(0, '127.0.0.1', r));
  const closed = (closing.address() as net.AddressInfo).port;
  await new Promise((r) => closing.close(r));
  return { open: (listening.address() as net.AddressInfo).port, closed, close: () => new Promise((r) => listening.close(() => r())) };
}

describe('tests gated on Redis, NATS and PostgreSQL', () => {
  it('the probe names each service that does not answer, with its address', async () => {
    const p = await ports();
    try {
      const settings = loadTestServiceSettings({ OCG_TEST_REDIS_URL: `redis://127.0.0.1:${p.open}`, OCG_TEST_NATS_URL: `nats://127.0.0.1:${p.closed}` });
      expect(await probeServices(settings)).toEqual([{ service: 'nats', reason: `NATS unreachable at 127.0.0.1:${p.closed}` }]);
    } finally {
      await p.close();
    }
  });

  it('a block needing a missing service is named "[not run: <why>]"; one whose service answered keeps its name', () => {
    const env = { [PROBE_RESULT_VARIABLE]: encodeProbeResult([{ service: 'redis', reason: 'Redis unreachable at 127.0.0.1:6379' }]) };
    expect(gatedName('redis', 'rate limits shared through Redis', env)).toEqual({
      name: '[not run: Redis unreachable at 127.0.0.1:6379] rate limits shared through Redis',
      runs: false,
    });
    expect(gatedName('nats', 'credit events over NATS JetStream', env)).toEqual({ name: 'credit events over NATS JetStream', runs: true });
  });

  describe('the global setup', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
    });

    it('with OCG_REQUIRE_SERVICES=1 (CI) a missing service fails the run, saying which and how to fix it', async () => {
      const p = await ports();
      await p.close();
      Object.assign(process.env, {
        OCG_REQUIRE_SERVICES: '1',
        OCG_TEST_REDIS_URL: `redis://127.0.0.1:${p.closed}`,
        OCG_TEST_NATS_URL: `nats://127.0.0.1:${p.closed}`,
      });
      delete process.env.OCG_TEST_POSTGRES;
      await expect(globalSetup()).rejects.toThrow(
        `OCG_REQUIRE_SERVICES=1 but Redis unreachable at 127.0.0.1:${p.closed}, NATS unreachable at 127.0.0.1:${p.closed}: start Redis and NATS`,
      );
    });

    it('without it, hands the missing services to the tests', async () => {
      const p = await ports();
      try {
        Object.assign(process.env, { OCG_TEST_REDIS_URL: `redis://127.0.0.1:${p.closed}`, OCG_TEST_NATS_URL: `nats://127.0.0.1:${p.open}` });
        delete process.env.OCG_REQUIRE_SERVICES;
        delete process.env.OCG_TEST_POSTGRES;
        await globalSetup();
        expect(gatedName('redis', 'x').runs).toBe(false);
        expect(gatedName('nats', 'x').runs).toBe(true);
      } finally {
        await p.close();
      }
    });

    it('a configured but unreachable OCG_TEST_POSTGRES fails at once (the whole suite would run on it)', async () => {
      const p = await ports();
      Object.assign(process.env, { OCG_TEST_POSTGRES: `postgres://postgres@127.0.0.1:${p.closed}` });
      delete process.env.OCG_REQUIRE_SERVICES;
      await p.close();
      await expect(globalSetup()).rejects.toThrow(`OCG_TEST_POSTGRES is set but PostgreSQL unreachable at 127.0.0.1:${p.closed}`);
    });
  });

  it('the run ends with a summary of what did not run and why', () => {
    const written: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    const test = (status: string, block: string) => ({ status, ancestorTitles: [block] });
    try {
      new NotRunReporter().onRunComplete(new Set(), {
        testResults: [
          {
            testFilePath: `${process.cwd()}/test/security/rate-limit.test.ts`,
            testResults: [test('passed', 'rate limits in memory'), test('pending', '[not run: Redis unreachable at 127.0.0.1:6379] shared')],
          },
          {
            testFilePath: `${process.cwd()}/test/integration/auth/tokens-redis.test.ts`,
            testResults: [test('pending', '[not run: Redis unreachable at 127.0.0.1:6379] revocation'), test('pending', '[not run: Redis unreachable at 127.0.0.1:6379] revocation')],
          },
        ],
      });
    } finally {
      write.mockRestore();
    }
    expect(written.join('')).toContain(
      '3 tests not run: Redis unreachable at 127.0.0.1:6379 (test/integration/auth/tokens-redis.test.ts, test/security/rate-limit.test.ts)',
    );
  });
});
