import type { Express, RequestHandler } from 'express';
import type { Logger } from '../logging/logger';

/** One dependency a service needs to answer requests; `check` rejects (or times out) when it cannot. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<unknown>;
}

/** A probe waits at most this long for one dependency: a hung database must not hang the probe. */
const CHECK_TIMEOUT_MS = 2_000;

async function run(check: ReadinessCheck): Promise<{ name: string; ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return { name: check.name, ok: true };
  } catch (err) {
    return { name: check.name, ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/healthz`: the process is up (liveness; never looks at dependencies, so an outage elsewhere does not get it
 * restarted). `/readyz`: every dependency answers, else 503 naming the failing checks; why one failed goes to the
 * log only (it may name hosts and ports). `/health` is kept as an alias of `/readyz` for existing probes.
 */
export function mountHealthRoutes(app: Express, service: string, checks: () => readonly ReadinessCheck[], log: Logger): void {
  app.get('/healthz', (_req, res) => {
    res.json({ service, status: 'ok' });
  });
  const readiness: RequestHandler = async (_req, res) => {
    const results = await Promise.all(checks().map(run));
    const failing = results.filter((r) => !r.ok);
    if (failing.length > 0) log.warn({ failing: failing.map((r) => ({ check: r.name, reason: r.error })) }, 'not ready');
    res.status(failing.length === 0 ? 200 : 503).json({
      service,
      status: failing.length === 0 ? 'ok' : 'unavailable',
      checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : 'failing'])),
      ...(failing.length > 0 ? { failing: failing.map((r) => r.name) } : {}),
    });
  };
  app.get('/readyz', readiness);
  app.get('/health', readiness);
}
