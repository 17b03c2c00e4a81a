import { TestService, unreachableServices } from './services';

/** The prefix of every block skipped for a missing service; test/support/not-run-reporter.js counts blocks by it. */
export const NOT_RUN_PREFIX = '[not run:';

/** The name a block needing `service` runs under: marked "[not run: <why>]" when the probe found it missing. */
export function gatedName(service: TestService, name: string, env: NodeJS.ProcessEnv = process.env): { name: string; runs: boolean } {
  const missing = unreachableServices(env).find((u) => u.service === service);
  return missing ? { name: `${NOT_RUN_PREFIX} ${missing.reason}] ${name}`, runs: false } : { name, runs: true };
}

/**
 * `describe` when `service` answered the global setup's probe; otherwise `describe.skip` with a name that says
 * why, e.g. "[not run: Redis unreachable at 127.0.0.1:6379] rate limits shared through Redis".
 */
export function describeWhen(service: TestService) {
  const gate = (name: string) => gatedName(service, name);
  const gated = (name: string, body: () => void) => {
    const g = gate(name);
    (g.runs ? describe : describe.skip)(g.name, body);
  };
  gated.each =
    <T extends unknown[]>(table: readonly T[]) =>
    (name: string, body: (...args: T) => void) => {
      const g = gate(name);
      (g.runs ? describe : describe.skip).each<T>(table)(g.name, body);
    };
  return gated;
}
