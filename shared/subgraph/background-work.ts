import type { BackgroundWork, BackgroundWorkOptions } from './definition';

type StartBackgroundWork = (options: BackgroundWorkOptions) => Promise<BackgroundWork>;

/** Several kinds of background work as one: started in order, run and stopped together. */
export function allBackgroundWork(...starters: StartBackgroundWork[]): StartBackgroundWork {
  return async (options) => {
    const works: BackgroundWork[] = [];
    for (const start of starters) works.push(await start(options));
    return {
      runNow: async () => {
        for (const work of works) await work.runNow();
      },
      stop: async () => {
        await Promise.all(works.map((work) => work.stop()));
      },
    };
  };
}

/**
 * Work a service repeats by itself: one pass on start (awaited, so the service starts with it done), then one every
 * `intervalMs`. Passes run one after another, never two at once in one process; `pass` handles its own errors (a
 * failed pass is retried by the next). `stop` ends the timer and waits for the pass in progress.
 */
export async function periodicWork(intervalMs: number, pass: () => Promise<void>): Promise<BackgroundWork> {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const runNow = () => (running = running.then(() => (stopped ? undefined : pass())));
  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  await runNow();
  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
