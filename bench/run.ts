import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AGENCIES, AgencyId, envPrefix } from '../shared/config/agencies';
import { loadConfig } from '../shared/config/config';
import { loadSigningKeys } from '../shared/auth/tokens/keys';
import { mintToken } from '../shared/auth/tokens/mint';
import { BenchData, prepareData } from './data';
import { BenchOptions, OptionsError, parseOptions, USAGE } from './options';
import {
  clockTicksPerSecond, cpuTicks, freePort, hasTaskset, pinToCore, rssMiB, Service, spawnService, stopService,
  subgraphCounters, waitUntilServing,
} from './processes';
import { renderResults, RunMeta } from './report';
import { firstDifference, FRONT_TARGETS, TargetId, targetTakes, Trial } from './summary';
import { SEEDED_PAGE, SeededData, TokenKind, Workload, WORKLOADS } from './workloads';

/* eslint-disable @typescript-eslint/no-require-imports */
// autocannon ships no typings: the slice used here.
interface AutocannonResult {
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface AutocannonRequest {
  method: string;
  body?: string;
}
interface AutocannonInstance {
  on(event: 'response', listener: () => void): void;
}
type Autocannon = (
  options: {
    url: string;
    connections: number;
    duration: number;
    headers: Record<string, string>;
    requests: { method: string; setupRequest: (request: AutocannonRequest) => AutocannonRequest }[];
  },
  done: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
const autocannon = require('autocannon') as Autocannon;
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.resolve(__dirname, '..', '..');
const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);

interface Stack {
  subgraphs: Record<AgencyId, Service>;
  gateways: Partial<Record<TargetId, Service>>;
  all: Service[];
}

interface Target {
  id: TargetId;
  url: string;
  /** The gateway's (or the transport floor's) process; none when the subgraph is asked directly. */
  gateway?: Service;
}

/** Every service as its own process over the data set: five subgraphs, then the requested gateways. */
async function startServices(
  data: BenchData, targets: readonly TargetId[], core: number | undefined, all: Service[], cpuProfile: readonly string[] = [],
): Promise<Stack> {
  const logs = path.join(data.dataDir, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const ports = Object.fromEntries(await Promise.all(AGENCIES.map(async (a) => [a, await freePort()] as const))) as Record<AgencyId, number>;
  const urlOf = (agency: AgencyId) => `http://127.0.0.1:${ports[agency]}/graphql`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...data.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SEED_ON_START: 'false',
    RATE_LIMIT_ENABLED: 'false',
    // Each service is its own process on purpose; the data is seeded and settled, so no event needs to cross.
    EVENT_BUS: 'in-process',
    AUTH_REVOCATION_STORE: 'memory',
  };
  for (const agency of AGENCIES) {
    env[`${envPrefix(agency)}_PORT`] = String(ports[agency]);
    env[`${envPrefix(agency)}_URL`] = urlOf(agency);
  }
  const start = async (name: string, script: string, url: string, extra: NodeJS.ProcessEnv = {}) => {
    const logFile = path.join(logs, `${name}.log`);
    fs.writeFileSync(logFile, '');
    // Written when the service exits (stopService ends it gracefully).
    const nodeArgs = cpuProfile.includes(name) ? ['--cpu-prof', `--cpu-prof-dir=${path.join(data.dataDir, 'profiles')}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
    const service = spawnService({ name, script: path.join(ROOT, 'dist', script), env: { ...env, ...extra }, url, logFile, core, nodeArgs });
    all.push(service);
    await waitUntilServing(service, logFile);
    say(`${name} serving at ${url} (pid ${service.pid})`);
    return service;
  };
  const subgraphs = {} as Record<AgencyId, Service>;
  // One after another: they share the access-control SQLite file, which each synchronizes on start.
  for (const agency of AGENCIES) subgraphs[agency] = await start(agency, `subgraphs/${agency}/main.js`, urlOf(agency));

  // The peers read the supergraph with this run's subgraph URLs in it.
  const committed = fs.readFileSync(path.join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8');
  const sdl = committed.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (_m, name: string) => {
    if (!(AGENCIES as readonly string[]).includes(name)) throw new Error(`the supergraph names an unknown subgraph ${name}`);
    return `@join__graph(name: "${name}", url: "${urlOf(name as AgencyId)}")`;
  });
  const supergraphPath = path.join(data.dataDir, 'supergraph-bench.graphql');
  fs.writeFileSync(supergraphPath, sdl);
  const gateways: Stack['gateways'] = {};
  const scripts: Record<string, string> = {
    project: 'gateway/main.js',
    apollo: 'bench/peers/apollo-gateway.js',
    hive: 'bench/peers/hive-gateway.js',
    floor: 'bench/peers/transport-floor.js',
  };
  for (const id of FRONT_TARGETS.filter((t) => targets.includes(t))) {
    const port = await freePort();
    gateways[id] = await start(`gateway-${id}`, scripts[id], `http://127.0.0.1:${port}/graphql`, {
      PORT: String(port),
      SUPERGRAPH_PATH: supergraphPath,
      UPSTREAM_URL: urlOf('market-regulation'),
    });
  }
  return { subgraphs, gateways, all };
}

async function post(url: string, token: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: { message: string; path?: unknown[] }[] };
  return { status: res.status, body };
}

/** Every operator's credit code and the cursor of every page of 100, read through the project's gateway. */
async function readSeededData(url: string, token: string, expected: number): Promise<SeededData> {
  const usccs: string[] = [];
  const pageCursors: (string | null)[] = [];
  let after: string | null = null;
  for (;;) {
    const { status, body } = await post(url, token, SEEDED_PAGE, { after });
    if (status !== 200 || body.errors) throw new Error(`reading the seeded operators failed: ${status} ${JSON.stringify(body.errors)}`);
    const page = (body.data as { operators: { pageInfo: { endCursor: string | null; hasNextPage: boolean }; nodes: { uscc: string }[] } }).operators;
    pageCursors.push(after);
    usccs.push(...page.nodes.map((n) => n.uscc));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    after = page.pageInfo.endCursor;
  }
  if (usccs.length !== expected) throw new Error(`the graph lists ${usccs.length} operators, the data set should hold ${expected}`);
  return { usccs, pageCursors };
}

/** Before timing anything: each workload through each target answers without errors, and all answer the same data. */
async function checkSameAnswers(workloads: readonly Workload[], targets: readonly Target[], data: SeededData, tokens: Record<TokenKind, string>) {
  for (const workload of workloads) {
    const mine = targets.filter((t) => targetTakes(workload, t.id));
    // A few different operators (or pages), so one empty answer cannot hide a difference.
    for (const i of [0, 1, Math.floor(data.usccs.length / 2)]) {
      const variables = workload.variables(data, i);
      let reference: { target: TargetId; data: unknown } | undefined;
      for (const target of mine) {
        const { status, body } = await post(target.url, tokens[workload.token], workload.query, variables);
        if (status !== 200 || body.errors || !body.data) {
          throw new Error(`${workload.id} via ${target.id} (${JSON.stringify(variables)}): HTTP ${status}, errors ${JSON.stringify(body.errors)}`);
        }
        if (!reference) reference = { target: target.id, data: body.data };
        const difference = firstDifference(reference.data, body.data);
        if (difference) {
          throw new Error(`${workload.id} (${JSON.stringify(variables)}): ${target.id} answers other data than ${reference.target} at ${difference}`);
        }
      }
    }
    say(`${workload.id}: ${mine.map((t) => t.id).join(', ')} answer the same data without errors`);
  }
}

function runLoad(url: string, token: string, workload: Workload, data: SeededData, cursor: { next: number }, options: BenchOptions, seconds: number) {
  return new Promise<{ result: AutocannonResult; responses: number }>((resolve, reject) => {
    let responses = 0;
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              request.body = JSON.stringify({ query: workload.query, variables: workload.variables(data, cursor.next++) });
              return request;
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve({ result, responses })),
    );
    instance.on('response', () => {
      responses++;
    });
  });
}

async function runTrial(
  round: number,
  workload: Workload,
  target: Target,
  stack: Stack,
  context: { data: SeededData; tokens: Record<TokenKind, string>; options: BenchOptions; ticksPerSecond: number; cursor: { next: number } },
): Promise<Trial> {
  const { options, data, tokens } = context;
  const token = tokens[workload.token];
  const counters = () => Promise.all(AGENCIES.map((a) => subgraphCounters(stack.subgraphs[a])));
  if (options.warmup > 0) {
    await runLoad(target.url, token, workload, data, context.cursor, options, options.warmup);
    await drained(counters);
  }
  const processes: [string, Service][] = [
    ...(target.gateway ? [['gateway', target.gateway] as [string, Service]] : []),
    ...AGENCIES.map((a) => [a, stack.subgraphs[a]] as [string, Service]),
  ];
  const countersBefore = await counters();
  const ticksBefore = processes.map(([, s]) => cpuTicks(s.pid));
  const { result, responses } = await runLoad(target.url, token, workload, data, context.cursor, options, options.duration);
  // The requests in flight when the load stops (one per connection) are finished by the services all the same:
  // their cost is counted once they are done, and they are counted as requests.
  await drained(counters);
  const served = responses + options.connections;
  const ticksAfter = processes.map(([, s]) => cpuTicks(s.pid));
  const countersAfter = await counters();
  const perRequest = (value: number) => (responses > 0 ? value / served : NaN);
  const delta = (key: 'requests' | 'agencySql' | 'accessControlSql') =>
    countersAfter.reduce((sum, c, i) => sum + c[key] - countersBefore[i][key], 0);
  return {
    round,
    workload: workload.id,
    target: target.id,
    requests: responses,
    served,
    rps: responses / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuMsPerRequest: Object.fromEntries(
      processes.map(([name], i) => [name, perRequest(((ticksAfter[i] - ticksBefore[i]) * 1000) / context.ticksPerSecond)]),
    ),
    rssMiB: Object.fromEntries(processes.map(([name, s]) => [name, rssMiB(s.pid)])),
    sqlPerRequest: { agency: perRequest(delta('agencySql')), accessControl: perRequest(delta('accessControlSql')) },
    // The metric scrapes between the counter reads are not GraphQL requests: only load is counted.
    subgraphFetchesPerRequest: perRequest(delta('requests')),
  };
}

/** Waits until the subgraphs have received no request for half a second (at most 30 s): the services are idle. */
async function drained(counters: () => Promise<{ requests: number }[]>): Promise<void> {
  const total = async () => (await counters()).reduce((sum, c) => sum + c.requests, 0);
  const deadline = Date.now() + 30_000;
  let last = await total();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await total();
    if (now === last) return;
    last = now;
  }
}

function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return 'unknown';
  }
}

function cpuModel(): string {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  return /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown CPU';
}

async function main(): Promise<void> {
  const started = Date.now();
  // At the start: the code that runs is the code built now, whatever is edited while it runs.
  const commit = gitCommit();
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const resultsMd = path.join(ROOT, 'bench', 'results.md');
  const resultsJson = path.join(ROOT, 'bench', 'results.json');
  if (options.render) {
    const { meta, trials } = JSON.parse(fs.readFileSync(resultsJson, 'utf8')) as { meta: RunMeta; trials: Trial[] };
    fs.writeFileSync(resultsMd, renderResults(meta, trials));
    say(`wrote ${path.relative(ROOT, resultsMd)} from ${path.relative(ROOT, resultsJson)}`);
    return;
  }
  const data = await prepareData({ root: ROOT, operators: options.operators, fresh: options.fresh, postgres: options.postgres, say });
  if (options.seedOnly) return;

  const cores = os.cpus().length;
  const pinned = hasTaskset() && cores >= 2;
  if (pinned) pinToCore(process.pid, 1);
  const pinning = pinned
    ? `services on core 0, the load generator (this harness) on core 1 (taskset)${data.backend === 'postgres' ? '; the PostgreSQL server not pinned' : ''}`
    : `not pinned (${hasTaskset() ? `${cores} core` : 'no taskset'})`;
  say(pinning);
  const ticksPerSecond = clockTicksPerSecond();

  const all: Service[] = [];
  const stopAll = async () => {
    await Promise.all(all.map((s) => stopService(s)));
  };
  const onSignal = () => {
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const stack = await startServices(data, options.targets, pinned ? 0 : undefined, all, options.cpuProfile);
    const config = loadConfig({ ...process.env, ...data.env });
    const keys = await loadSigningKeys(config.auth);
    const tokens: Record<TokenKind, string> = {
      admin: await mintToken({ role: 'admin', ttl: '12h', subject: 'admin:bench' }, keys),
      'market-regulation-agency': await mintToken({ role: 'agency', agency: 'market-regulation', ttl: '12h' }, keys),
    };
    const reader = stack.gateways.project ?? stack.gateways.apollo ?? stack.gateways.hive;
    if (!reader) throw new Error('--targets needs at least one gateway (project, apollo or hive)');
    const seeded = await readSeededData(reader.url, tokens.admin, options.operators);
    const targets: Target[] = options.targets.map((id) =>
      id === 'direct' ? { id, url: stack.subgraphs['market-regulation'].url } : { id, url: stack.gateways[id]!.url, gateway: stack.gateways[id] },
    );
    const workloads = options.workloads.map((w) => WORKLOADS[w]);
    await checkSameAnswers(workloads, targets, seeded, tokens);

    const trials: Trial[] = [];
    const cursors = Object.fromEntries(workloads.map((w) => [w.id, { next: 0 }]));
    for (let round = 1; round <= options.rounds; round++) {
      for (const workload of workloads) {
        for (const target of shuffle(targets.filter((t) => targetTakes(workload, t.id)))) {
          const trial = await runTrial(round, workload, target, stack, { data: seeded, tokens, options, ticksPerSecond, cursor: cursors[workload.id] });
          trials.push(trial);
          const cpu = Object.values(trial.cpuMsPerRequest).reduce((a, b) => a + b, 0);
          say(
            `round ${round} ${workload.id} ${target.id}: ${trial.rps.toFixed(1)} rps, p50 ${trial.p50Ms} ms, p99 ${trial.p99Ms} ms, ` +
              `${cpu.toFixed(2)} ms CPU/request, ${trial.subgraphFetchesPerRequest.toFixed(1)} fetches/request` +
              (trial.non2xx || trial.errors ? `, ${trial.non2xx} non-2xx, ${trial.errors} errors` : ''),
          );
        }
      }
    }

    const meta: RunMeta = {
      date: new Date().toISOString(),
      commit,
      machine: { cpu: cpuModel(), cores, ramGiB: os.totalmem() / 2 ** 30, node: process.version, pinning },
      data: { backend: data.backend, operators: data.operators, seedSeconds: data.originalSeedSeconds, seededThisRun: data.seededSeconds !== undefined },
      settings: {
        rounds: options.rounds,
        durationSeconds: options.duration,
        warmupSeconds: options.warmup,
        connections: options.connections,
        nodeEnv: process.env.NODE_ENV ?? 'development',
        workloads: options.workloads,
        targets: options.targets,
      },
      wallSeconds: (Date.now() - started) / 1000,
    };
    fs.writeFileSync(resultsMd, renderResults(meta, trials));
    fs.writeFileSync(resultsJson, JSON.stringify({ meta, trials }, null, 2) + '\n');
    say(`wrote ${path.relative(ROOT, resultsMd)} and bench/results.json (${(meta.wallSeconds / 60).toFixed(1)} min)`);
  } finally {
    await stopAll();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof OptionsError ? `${err.message}\n\n${USAGE}` : ((err as Error)?.stack ?? String(err))}\n`);
  process.exit(1);
});
