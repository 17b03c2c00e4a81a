import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

/** One service process of the benchmark (a subgraph or a gateway). */
export interface Service {
  name: string;
  /** `/graphql` URL. */
  url: string;
  pid: number;
  child: ChildProcess;
}

export function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime. */
export function clockTicksPerSecond(): number {
  const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  if (!Number.isInteger(ticks) || ticks <= 0) throw new Error('getconf CLK_TCK gave no tick rate');
  return ticks;
}

/** Pins a running process to one core. */
export function pinToCore(pid: number, core: number): void {
  execFileSync('taskset', ['-cp', String(core), String(pid)], { stdio: 'ignore' });
}

/** A port free now (the OS picks it); the service started next binds it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** CPU time (user + system) a process has used so far, in clock ticks. */
export function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 (utime) and 15 (stime) of the whole line are 12 and 13 after the name.
  return Number(fields[11]) + Number(fields[12]);
}

/** Resident memory of a process, MiB. */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  return kib / 1024;
}

export interface SpawnOptions {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
  url: string;
  logFile: string;
  /** Core to pin to with taskset; undefined runs unpinned. */
  core?: number;
  /** Options for node itself, before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

/** Starts `node <script>` (under taskset when pinned), its output appended to `logFile`. */
export function spawnService(options: SpawnOptions): Service {
  const out = fs.openSync(options.logFile, 'a');
  const node = [process.execPath, ...(options.nodeArgs ?? []), options.script];
  // taskset execs node, so the child's pid is the service's own.
  const [command, ...args] = options.core === undefined ? node : ['taskset', '-c', String(options.core), ...node];
  const child = spawn(command, args, { env: options.env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`${options.name} did not start`);
  return { name: options.name, url: options.url, pid: child.pid, child };
}

/** Waits until the service answers `{ __typename }` with 200, failing early when it exits. */
export async function waitUntilServing(service: Service, logFile: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) {
      throw new Error(`${service.name} exited with code ${service.child.exitCode} while starting; see ${logFile}`);
    }
    try {
      const res = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
        signal: AbortSignal.timeout(2_000),
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service.name} did not answer within ${timeoutMs / 1000} s; see ${logFile}`);
}

/** SIGTERM, then SIGKILL after `graceMs` if it is still running. */
export async function stopService(service: Service, graceMs = 10_000): Promise<void> {
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** The sum of a metric's samples whose labels include `labels`, from Prometheus exposition text. */
export function sumSamples(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) sum += Number(match[3]);
  }
  return sum;
}

/** A subgraph's request and SQL statement counters, from its /metrics (open to loopback). */
export async function subgraphCounters(service: Service): Promise<{ requests: number; agencySql: number; accessControlSql: number }> {
  const res = await fetch(new URL('/metrics', service.url));
  if (!res.ok) throw new Error(`${service.name} /metrics answered ${res.status}`);
  const text = await res.text();
  return {
    requests: sumSamples(text, 'graphql_requests_total', { service: service.name }),
    agencySql: sumSamples(text, 'sql_statements_total', { database: 'agency' }),
    accessControlSql: sumSamples(text, 'sql_statements_total', { database: 'access-control' }),
  };
}
