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
