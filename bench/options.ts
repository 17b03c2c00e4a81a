import { WORKLOAD_IDS, type WorkloadId } from './workloads';
import type { TargetId } from './summary';

export const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432';
export const TARGET_IDS: readonly TargetId[] = ['project', 'apollo', 'hive', 'direct', 'floor'];

export interface BenchOptions {
  operators: number;
  fresh: boolean;
  /** PostgreSQL server URL; absent means SQLite. */
  postgres?: string;
  rounds: number;
  /** Seconds per trial. */
  duration: number;
  /** Seconds of unmeasured load before each trial. */
  warmup: number;
  connections: number;
  workloads: WorkloadId[];
  targets: TargetId[];
  /** Seed (or reuse) the data set, report how long seeding took, and stop. */
  seedOnly: boolean;
  /** Write results.md again from results.json (after a change to the report), running nothing. */
  render: boolean;
  /** Services started with --cpu-prof (names as in the log: market-regulation, gateway-project, ...). */
  cpuProfile: string[];
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

  --operators N        operators in the data set (default 2000)
  --fresh              seed the data set anew even if one of that size exists
  --postgres [url]     PostgreSQL instead of SQLite (default ${DEFAULT_POSTGRES}); databases ocg_bench_<N>_<agency>
  --rounds R           rounds of trials (default 3)
  --duration S         seconds per trial (default 10)
  --warmup S           seconds of unmeasured load before each trial (default 2)
  --connections C      concurrent connections (default 8)
  --workloads W1,W2    workloads to run (default W1,W2,W3)
  --targets a,b        targets: project, apollo, hive, direct and floor (W1 only) (default all)
  --seed-only          prepare the data set, say how long seeding took, and stop
  --render             write bench/results.md again from bench/results.json, running nothing
  --cpu-prof a,b       start these services (e.g. gateway-project,market-regulation) with node --cpu-prof;
                       profiles go to <data dir>/profiles when they stop
  -h, --help           this text
`;

export class OptionsError extends Error {}

function positiveInteger(name: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n <= 0) throw new OptionsError(`${name} needs a positive whole number`);
  return n;
}

function list<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T[] {
  const items = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = items.find((item) => !(allowed as readonly string[]).includes(item));
  if (items.length === 0 || unknown !== undefined) throw new OptionsError(`${name} takes a comma-separated list of ${allowed.join(', ')}`);
  return [...new Set(items)] as T[];
}

/** Parses the command line; `--postgres` takes an optional URL, which node:util's parseArgs cannot express. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    operators: 2000,
    fresh: false,
    rounds: 3,
    duration: 10,
    warmup: 2,
    connections: 8,
    workloads: [...WORKLOAD_IDS],
    targets: [...TARGET_IDS],
    seedOnly: false,
    render: false,
    cpuProfile: [],
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--operators':
        options.operators = positiveInteger(name, value());
        break;
      case '--fresh':
        options.fresh = true;
        break;
      case '--postgres': {
        const next = inline ?? (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : undefined);
        if (next !== undefined && !/^postgres(ql)?:\/\//.test(next)) throw new OptionsError('--postgres takes a postgres:// URL');
        options.postgres = next ?? DEFAULT_POSTGRES;
        break;
      }
      case '--rounds':
        options.rounds = positiveInteger(name, value());
        break;
      case '--duration':
        options.duration = positiveInteger(name, value());
        break;
      case '--warmup': {
        const s = Number(value());
        if (!Number.isInteger(s) || s < 0) throw new OptionsError('--warmup needs a whole number of seconds');
        options.warmup = s;
        break;
      }
      case '--connections':
        options.connections = positiveInteger(name, value());
        break;
      case '--workloads':
        options.workloads = list(name, value(), WORKLOAD_IDS);
        break;
      case '--targets':
        options.targets = list(name, value(), TARGET_IDS);
        break;
      case '--seed-only':
        options.seedOnly = true;
        break;
      case '--render':
        options.render = true;
        break;
      case '--cpu-prof':
        options.cpuProfile = (value() ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        if (options.cpuProfile.length === 0) throw new OptionsError(`${name} takes a comma-separated list of service names`);
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw new OptionsError(`unknown option ${arg}`);
    }
  }
  return options;
}
