import { isDeepStrictEqual } from 'node:util';
import type { WorkloadId } from './workloads';

/**
 * Where a workload's requests go: one of the three gateways, straight to the market-regulation subgraph, or through
 * the transport floor (a bare HTTP proxy in front of that subgraph, bench/peers/transport-floor.ts).
 */
export type TargetId = 'project' | 'apollo' | 'hive' | 'direct' | 'floor';
export const GATEWAY_TARGETS: readonly TargetId[] = ['project', 'apollo', 'hive'];
/** Targets that only front the market-regulation subgraph: they take the workloads marked `direct` (W1) only. */
export const SUBGRAPH_ONLY_TARGETS: readonly TargetId[] = ['direct', 'floor'];
/** Targets with a process of their own in front of the subgraphs (its CPU is the `gateway` column): the gateways and the floor. */
export const FRONT_TARGETS: readonly TargetId[] = [...GATEWAY_TARGETS, 'floor'];

/** Whether a target is measured on a workload: the gateways on all, `direct` and `floor` on W1 only. */
export function targetTakes(workload: { direct: boolean }, target: TargetId): boolean {
  return workload.direct || !SUBGRAPH_ONLY_TARGETS.includes(target);
}

/** One (workload, target) run of one round. */
export interface Trial {
  round: number;
  workload: WorkloadId;
  target: TargetId;
  /** Responses received. */
  requests: number;
  /** Requests the services worked on: the responses plus those in flight when the load stopped (the divisor of every per-request figure). */
  served: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Socket errors and timeouts autocannon saw. */
  errors: number;
  /** CPU (user + system) per request of each process that served it: `gateway`, then each subgraph by agency. */
  cpuMsPerRequest: Record<string, number>;
  /** Resident memory after the trial, MiB, same keys. */
  rssMiB: Record<string, number>;
  sqlPerRequest: { agency: number; accessControl: number };
  subgraphFetchesPerRequest: number;
}

/** Medians over rounds of one (workload, target). */
export interface TargetSummary {
  target: TargetId;
  rounds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  cpuMsPerRequest: Record<string, number>;
  cpuMsPerRequestTotal: number;
  rssMiB: Record<string, number>;
  sqlPerRequest: { agency: number; accessControl: number };
  subgraphFetchesPerRequest: number;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
  rounds: number;
}

export interface Ratio {
  workload: WorkloadId;
  /** e.g. "project / apollo". */
  label: string;
  spread: Spread;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function spread(values: readonly number[]): Spread {
  return { min: Math.min(...values), median: median(values), max: Math.max(...values), rounds: values.length };
}

function medianOfKeys(records: readonly Record<string, number>[]): Record<string, number> {
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(keys.map((k) => [k, median(records.map((r) => r[k]).filter((v) => v !== undefined))]));
}

/**
 * A trial that got no answer at all (the target stalled or failed for the whole trial) measured nothing: it is left
 * out of medians and ratios, and listed as a warning instead.
 */
export function measured(trial: Trial): boolean {
  return trial.requests > 0;
}

/** Medians over rounds for each target of one workload, in the order the targets are given. */
export function summarizeWorkload(trials: readonly Trial[], workload: WorkloadId, targets: readonly TargetId[]): TargetSummary[] {
  return targets.flatMap((target) => {
    const mine = trials.filter((t) => t.workload === workload && t.target === target && measured(t));
    if (mine.length === 0) return [];
    const cpu = medianOfKeys(mine.map((t) => t.cpuMsPerRequest));
    return [
      {
        target,
        rounds: mine.length,
        rps: median(mine.map((t) => t.rps)),
        p50Ms: median(mine.map((t) => t.p50Ms)),
        p99Ms: median(mine.map((t) => t.p99Ms)),
        non2xx: median(mine.map((t) => t.non2xx)),
        cpuMsPerRequest: cpu,
        // The median of each round's total, not the sum of medians: the processes' costs move together.
        cpuMsPerRequestTotal: median(mine.map((t) => Object.values(t.cpuMsPerRequest).reduce((a, b) => a + b, 0))),
        rssMiB: medianOfKeys(mine.map((t) => t.rssMiB)),
        sqlPerRequest: {
          agency: median(mine.map((t) => t.sqlPerRequest.agency)),
          accessControl: median(mine.map((t) => t.sqlPerRequest.accessControl)),
        },
        subgraphFetchesPerRequest: median(mine.map((t) => t.subgraphFetchesPerRequest)),
      },
    ];
  });
}

/** Per round, the RPS of `numerator` ÷ the RPS of `denominator`; rounds missing either are skipped. */
function roundRatios(trials: readonly Trial[], workload: WorkloadId, numerator: TargetId, denominator: TargetId): number[] {
  const rounds = [...new Set(trials.map((t) => t.round))].sort((a, b) => a - b);
  return rounds.flatMap((round) => {
    const find = (target: TargetId) => trials.find((t) => t.round === round && t.workload === workload && t.target === target && measured(t));
    const a = find(numerator);
    const b = find(denominator);
    return a && b && b.rps > 0 ? [a.rps / b.rps] : [];
  });
}

/**
 * Throughput ratios, as min / median / max over rounds: project and hive against apollo on every workload, and on
 * W1 each gateway and the transport floor against the subgraph asked directly.
 */
export function ratios(trials: readonly Trial[], workloads: readonly WorkloadId[]): Ratio[] {
  const out: Ratio[] = [];
  for (const workload of workloads) {
    const pairs: [TargetId, TargetId][] = [
      ['project', 'apollo'],
      ['hive', 'apollo'],
      ['project', 'hive'],
    ];
    if (workload === 'W1') for (const front of FRONT_TARGETS) pairs.push([front, 'direct']);
    for (const [numerator, denominator] of pairs) {
      const values = roundRatios(trials, workload, numerator, denominator);
      if (values.length > 0) out.push({ workload, label: `${numerator} / ${denominator}`, spread: spread(values) });
    }
  }
  return out;
}

/** The first place where two GraphQL answers differ (`data.operator.penalties[2].fineAmount`), or null when equal. */
export function firstDifference(a: unknown, b: unknown, path = 'data'): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path} (length ${a.length} ≠ ${b.length})`;
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path} (${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)})`;
}

/** A number for a table: `—` when absent, otherwise `digits` decimals (fewer for large values). */
export function fmt(value: number | undefined, digits = 2): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(Math.min(digits, 1));
  return value.toFixed(digits);
}
