import { parseOptions, DEFAULT_POSTGRES } from '../../../bench/options';
import { firstDifference, median, ratios, summarizeWorkload, targetTakes, Trial } from '../../../bench/summary';
import { renderResults, RunMeta } from '../../../bench/report';
import { WORKLOADS } from '../../../bench/workloads';
import { sumSamples } from '../../../bench/processes';

/** Issue 11: the benchmark's summary (medians over rounds, ratios against vanilla Apollo Gateway) and its options. */

function trial(round: number, target: Trial['target'], rps: number, cpu: Record<string, number> = { gateway: 1, 'market-regulation': 2 }): Trial {
  return {
    round,
    workload: 'W1',
    target,
    requests: rps * 10,
    served: rps * 10 + 8,
    rps,
    p50Ms: 1000 / rps,
    p99Ms: 2000 / rps,
    non2xx: 0,
    errors: 0,
    cpuMsPerRequest: cpu,
    rssMiB: { gateway: 150 },
    sqlPerRequest: { agency: 3, accessControl: 5 },
    subgraphFetchesPerRequest: 1,
  };
}

describe('benchmark summary', () => {
  it('takes the median of an odd and an even number of rounds', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('gives per round ratios against apollo and against direct, as min / median / max', () => {
    const trials = [
      trial(1, 'apollo', 100), trial(1, 'project', 150), trial(1, 'direct', 300),
      trial(2, 'apollo', 100), trial(2, 'project', 120), trial(2, 'direct', 400),
      trial(3, 'apollo', 200), trial(3, 'project', 200), trial(3, 'direct', 400),
    ];
    const byLabel = Object.fromEntries(ratios(trials, ['W1']).map((r) => [r.label, r.spread]));
    expect(byLabel['project / apollo']).toEqual({ min: 1, median: 1.2, max: 1.5, rounds: 3 });
    expect(byLabel['project / direct']).toEqual({ min: 0.3, median: 0.5, max: 0.5, rounds: 3 });
    // A round whose trial got no answer at all measured nothing: it is left out, not counted as 0.
    const stalled = { ...trial(4, 'project', 0), requests: 0, errors: 8 };
    expect(ratios([...trials, trial(4, 'apollo', 100), stalled], ['W1']).find((r) => r.label === 'project / apollo')?.spread.rounds).toBe(3);
    // No hive trials: no hive ratio rather than a made-up one.
    expect(byLabel['hive / apollo']).toBeUndefined();
  });

  it('summarizes each target with medians and a total CPU per request', () => {
    const trials = [
      trial(1, 'project', 100, { gateway: 1, 'market-regulation': 2 }),
      trial(2, 'project', 300, { gateway: 3, 'market-regulation': 4 }),
      trial(3, 'project', 200, { gateway: 2, 'market-regulation': 9 }),
      trial(1, 'apollo', 50),
    ];
    const [project, apollo] = summarizeWorkload(trials, 'W1', ['project', 'apollo', 'hive']);
    expect(project).toMatchObject({ target: 'project', rounds: 3, rps: 200, cpuMsPerRequest: { gateway: 2, 'market-regulation': 4 } });
    expect(project.cpuMsPerRequestTotal).toBe(7);
    expect(apollo.rounds).toBe(1);
  });

  it('measures the transport floor on W1 only, and shows each gateway above it and the budget of the W1 target', () => {
    expect(targetTakes(WORKLOADS.W1, 'floor')).toBe(true);
    expect(targetTakes(WORKLOADS.W2, 'floor')).toBe(false);
    expect(targetTakes(WORKLOADS.W2, 'direct')).toBe(false);
    expect(targetTakes(WORKLOADS.W2, 'project')).toBe(true);
    const trials = [
      trial(1, 'direct', 2000, { 'market-regulation': 0.5 }),
      trial(1, 'floor', 1400, { gateway: 0.15, 'market-regulation': 0.55 }),
      trial(1, 'project', 900, { gateway: 0.5, 'market-regulation': 0.6 }),
    ];
    const meta: RunMeta = {
      date: '2026-11-30T00:00:00.000Z',
      commit: 'abc1234',
      machine: { cpu: 'test CPU', cores: 2, ramGiB: 4, node: 'v20', pinning: 'none' },
      data: { backend: 'sqlite', operators: 2000, seedSeconds: 9, seededThisRun: false },
      settings: { rounds: 1, durationSeconds: 10, warmupSeconds: 2, connections: 8, nodeEnv: 'development', workloads: ['W1'], targets: ['project', 'direct', 'floor'] },
      wallSeconds: 60,
    };
    const md = renderResults(meta, trials);
    expect(md).toContain('## W1 above the transport floor');
    expect(md).toContain('| project | 0.50 | 0.35 | 0.60 | 0.45 |');
    expect(md).toContain('| floor | 0.15 | — | 0.55 | 0.70 |');
    // 0.5 ms direct ÷ 0.6 = 0.83 ms in all; 0.6 of it is the subgraph behind the project's gateway.
    expect(md).toContain('at most 0.83 ms in all');
    expect(md).toContain('leaves 0.23 ms for the gateway process; the floor alone costs 0.15 ms');
    expect(md).toContain('| W1 | floor / direct | 0.70 | 0.70 | 0.70 | 1 |');
  });

  it('gives the headroom against apollo: the ceiling of a gateway costing nothing and the gateway CPU 1.3x leaves', () => {
    const trials = [
      { ...trial(1, 'project', 23, { gateway: 8, 'market-regulation': 10, commerce: 22 }), workload: 'W3' as const },
      { ...trial(1, 'apollo', 19, { gateway: 12, 'market-regulation': 11, commerce: 29 }), workload: 'W3' as const },
    ];
    const meta: RunMeta = {
      date: '2026-11-30T00:00:00.000Z',
      commit: 'abc1234',
      machine: { cpu: 'test CPU', cores: 2, ramGiB: 4, node: 'v20', pinning: 'none' },
      data: { backend: 'sqlite', operators: 2000, seedSeconds: 9, seededThisRun: false },
      settings: { rounds: 1, durationSeconds: 10, warmupSeconds: 2, connections: 8, nodeEnv: 'development', workloads: ['W3'], targets: ['project', 'apollo'] },
      wallSeconds: 60,
    };
    const md = renderResults(meta, trials);
    expect(md).toContain('## Headroom against vanilla Apollo Gateway');
    // apollo 52 in all; 32 behind the project's gateway: ceiling 52 / 32 = 1.63; 52 / 1.3 - 32 = 8.00 for the gateway.
    expect(md).toContain('| W3 | 52.0 | 32.0 | 1.63 | 8.00 | 8.00 | 12.0 |');
  });

  it('names the first place two answers differ', () => {
    expect(firstDifference({ operator: { a: 1, b: [1, 2] } }, { operator: { b: [1, 2], a: 1 } })).toBeNull();
    expect(firstDifference({ operator: { b: [1, 2] } }, { operator: { b: [1, 3] } })).toBe('data.operator.b[1] (2 ≠ 3)');
    expect(firstDifference({ operator: { b: [1] } }, { operator: { b: [1, 3] } })).toBe('data.operator.b (length 1 ≠ 2)');
  });

  it('sums Prometheus samples by labels', () => {
    const text = [
      '# HELP graphql_requests_total x',
      'graphql_requests_total{service="postal",operation="a",status="200"} 3',
      'graphql_requests_total{service="postal",operation="b",status="400"} 2',
      'sql_statements_total{service="postal",database="agency"} 7',
    ].join('\n');
    expect(sumSamples(text, 'graphql_requests_total', { service: 'postal' })).toBe(5);
    expect(sumSamples(text, 'sql_statements_total', { database: 'access-control' })).toBe(0);
  });
});

describe('benchmark options', () => {
  it('defaults to 2000 operators on SQLite, 3 rounds of 10 s at 8 connections, every workload and target', () => {
    const options = parseOptions([]);
    expect(options.postgres).toBeUndefined();
    expect(options).toMatchObject({
      operators: 2000, rounds: 3, duration: 10, connections: 8,
      workloads: ['W1', 'W2', 'W3', 'W3-50'], targets: ['project', 'apollo', 'hive', 'direct', 'floor'],
    });
  });

  it('takes --postgres with or without a URL', () => {
    expect(parseOptions(['--postgres']).postgres).toBe(DEFAULT_POSTGRES);
    expect(parseOptions(['--postgres', '--rounds', '1']).postgres).toBe(DEFAULT_POSTGRES);
    expect(parseOptions(['--postgres', 'postgres://u@db:5432']).postgres).toBe('postgres://u@db:5432');
  });

  it('refuses unknown workloads, targets and options', () => {
    expect(() => parseOptions(['--workloads', 'W4'])).toThrow(/W1, W2, W3/);
    expect(() => parseOptions(['--targets', 'router'])).toThrow(/project, apollo, hive, direct/);
    expect(() => parseOptions(['--operator', '5'])).toThrow(/unknown option/);
    expect(parseOptions(['--targets=project,apollo', '--duration=3']).targets).toEqual(['project', 'apollo']);
  });
});
