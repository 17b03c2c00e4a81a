import { fmt, FRONT_TARGETS, measured, ratios, summarizeWorkload, TargetId, TargetSummary, targetTakes, Trial } from './summary';
import { W3_HALF_PAGE, W3_PAGE, WORKLOADS, W3_SELECTION, type WorkloadId } from './workloads';

/** Everything about a run except its trials. */
export interface RunMeta {
  date: string;
  commit: string;
  machine: { cpu: string; cores: number; ramGiB: number; node: string; pinning: string };
  data: { backend: string; operators: number; seedSeconds: number; seededThisRun: boolean };
  settings: {
    rounds: number;
    durationSeconds: number;
    warmupSeconds: number;
    connections: number;
    nodeEnv: string;
    workloads: WorkloadId[];
    targets: TargetId[];
  };
  /** Seconds the whole run took, seeding included. */
  wallSeconds: number;
}

const AGENCY_ORDER = ['market-regulation', 'commerce', 'customs', 'finance', 'postal'];
const SHORT: Record<string, string> = {
  gateway: 'gw',
  'market-regulation': 'mr',
  commerce: 'com',
  customs: 'cus',
  finance: 'fin',
  postal: 'pos',
};

function processColumns(summaries: { cpuMsPerRequest: Record<string, number> }[]): string[] {
  const present = new Set(summaries.flatMap((s) => Object.keys(s.cpuMsPerRequest)));
  return ['gateway', ...AGENCY_ORDER].filter((p) => present.has(p));
}

/** CPU per request of the target's front process (gateway or floor); NaN for `direct`. */
const frontCpu = (s: TargetSummary) => s.cpuMsPerRequest.gateway ?? NaN;
/** CPU per request of everything behind the front process: the subgraphs. */
const cpuBehindFront = (s: TargetSummary) => s.cpuMsPerRequestTotal - frontCpu(s);

/** The share of direct-to-subgraph throughput the project's gateway is to keep on W1 (the performance target). */
export const W1_TARGET_SHARE = 0.6;

/**
 * W1 against the transport floor: what each gateway costs above a bare proxy, and the CPU budget a gateway has if it
 * is to keep W1_TARGET_SHARE of direct throughput (the services share one core, so throughput goes as 1 / CPU).
 */
function floorSection(trials: readonly Trial[], settings: RunMeta['settings']): string[] {
  if (!settings.workloads.includes('W1')) return [];
  const summaries = summarizeWorkload(trials, 'W1', settings.targets);
  const direct = summaries.find((s) => s.target === 'direct');
  const floor = summaries.find((s) => s.target === 'floor');
  if (!direct || !floor) return [];
  const lines = ['## W1 above the transport floor', ''];
  lines.push(
    'The transport floor is a bare HTTP proxy in front of the market-regulation subgraph (node:http in, undici out, no GraphQL, ' +
      'no authentication, no limits): what one HTTP hop costs any Node.js gateway. CPU in ms per request.',
    '',
  );
  lines.push('| target | CPU of the front process | above the floor | CPU behind it (subgraphs) | RPS ÷ direct |', '| --- | --- | --- | --- | --- |');
  for (const s of summaries.filter((x) => FRONT_TARGETS.includes(x.target))) {
    const aboveFloor = s.target === 'floor' ? '—' : fmt(frontCpu(s) - frontCpu(floor));
    lines.push(`| ${s.target} | ${fmt(frontCpu(s))} | ${aboveFloor} | ${fmt(cpuBehindFront(s))} | ${fmt(s.rps / direct.rps)} |`);
  }
  const budget = direct.cpuMsPerRequestTotal / W1_TARGET_SHARE;
  const project = summaries.find((s) => s.target === 'project');
  const subgraphs = cpuBehindFront(project ?? floor);
  lines.push(
    '',
    `To keep ${W1_TARGET_SHARE * 100} % of direct throughput, a request may cost at most ${fmt(budget)} ms in all ` +
      `(${fmt(direct.cpuMsPerRequestTotal)} ms direct ÷ ${W1_TARGET_SHARE}). The subgraph takes ${fmt(subgraphs)} ms of it behind ` +
      `${project ? 'the project\'s gateway' : 'the floor'}, which leaves ${fmt(budget - subgraphs)} ms for the gateway process; ` +
      `the floor alone costs ${fmt(frontCpu(floor))} ms.`,
    '',
  );
  return lines;
}

/** How much faster than vanilla Apollo Gateway the project's gateway is to be on W2 and W3 (the performance target). */
export const APOLLO_TARGET_RATIO = 1.3;

/**
 * Per workload, what the project's gateway could reach against vanilla Apollo Gateway at all: the subgraphs' CPU
 * behind it is shared work, so even a gateway costing nothing is bounded by apollo's total ÷ that; and the gateway CPU
 * that APOLLO_TARGET_RATIO leaves, beside what the project's and apollo's gateways cost.
 */
function headroomSection(trials: readonly Trial[], settings: RunMeta['settings']): string[] {
  const rows = settings.workloads.flatMap((workload) => {
    const summaries = summarizeWorkload(trials, workload, settings.targets);
    const project = summaries.find((s) => s.target === 'project');
    const apollo = summaries.find((s) => s.target === 'apollo');
    if (!project || !apollo || project.cpuMsPerRequest.gateway === undefined) return [];
    const behind = cpuBehindFront(project);
    const budget = apollo.cpuMsPerRequestTotal / APOLLO_TARGET_RATIO - behind;
    return [
      `| ${workload} | ${fmt(apollo.cpuMsPerRequestTotal)} | ${fmt(behind)} | ${fmt(apollo.cpuMsPerRequestTotal / behind)} | ` +
        `${fmt(budget)} | ${fmt(frontCpu(project))} | ${fmt(frontCpu(apollo))} |`,
    ];
  });
  if (rows.length === 0) return [];
  return [
    '## Headroom against vanilla Apollo Gateway',
    '',
    'The subgraphs do the same work whichever gateway asks, so the CPU behind the project\'s gateway bounds its lead: a ' +
      `gateway costing nothing would be apollo's total ÷ that. ${APOLLO_TARGET_RATIO}× apollo's throughput leaves the project's ` +
      `gateway apollo's total ÷ ${APOLLO_TARGET_RATIO} minus the subgraphs' CPU. CPU in ms per request (medians).`,
    '',
    `| workload | apollo, all processes | subgraphs behind the project's gateway | ceiling (gateway at zero) | project gateway CPU for ${APOLLO_TARGET_RATIO}× | project gateway CPU | apollo gateway CPU |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

/** `bench/results.md`: the machine and settings, per workload a table of medians, then the ratios. */
export function renderResults(meta: RunMeta, trials: readonly Trial[]): string {
  const lines: string[] = [];
  const { machine, data, settings } = meta;
  lines.push('# Benchmark results', '');
  lines.push('Written by `npm run bench` (see bench/README.md); overwritten by each run. Figures are medians over rounds.', '');
  lines.push(`- Date: ${meta.date}`);
  lines.push(`- Commit: ${meta.commit}`);
  lines.push(`- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB.toFixed(1)} GiB RAM, Node.js ${machine.node}`);
  lines.push(`- Pinning: ${machine.pinning}`);
  lines.push(
    `- Data: ${data.backend}, ${data.operators} operators (seeding took ${data.seedSeconds.toFixed(1)} s${data.seededThisRun ? ', this run' : ', reused from an earlier run'})`,
  );
  lines.push(
    `- Settings: ${settings.rounds} round(s) × ${settings.durationSeconds} s per trial after ${settings.warmupSeconds} s warm-up, ` +
      `${settings.connections} connections, targets in shuffled order per round; services with LOG_LEVEL=warn, ` +
      `RATE_LIMIT_ENABLED=false, SEED_ON_START=false, NODE_ENV=${settings.nodeEnv}; the peer gateways log nothing`,
  );
  lines.push(`- Run took ${(meta.wallSeconds / 60).toFixed(1)} min in all`, '');
  lines.push(
    'CPU is user + system time of each process over the trial ÷ requests served (answered, plus the one per connection in flight when the load stopped, which the services finish before the count is read), in ms. RSS after the trial (MiB). ' +
      'SQL = statements per request sent to the agency databases and to the access-control store (audit log, consents), ' +
      'summed over the subgraphs. Fetches = requests the subgraphs received (from the gateway, and from each other) per request.',
    '',
  );

  for (const workload of settings.workloads) {
    const definition = WORKLOADS[workload];
    const targets = settings.targets.filter((t) => targetTakes(definition, t));
    const summaries = summarizeWorkload(trials, workload, targets);
    if (summaries.length === 0) continue;
    lines.push(`## ${workload}: ${definition.title}`, '');
    if (workload === 'W3' || workload === 'W3-50') lines.push(`Selection per operator: \`${W3_SELECTION.replace(/\s+/g, ' ')}\``, '');
    const processes = processColumns(summaries);
    const header = [
      'target', 'RPS', 'p50 ms', 'p99 ms', 'non-2xx',
      ...processes.map((p) => `CPU ${SHORT[p]}`), 'CPU total',
      ...processes.map((p) => `RSS ${SHORT[p]}`),
      'SQL agency', 'SQL access-control', 'fetches',
    ];
    lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`);
    for (const s of summaries) {
      const row = [
        s.target, fmt(s.rps, 1), fmt(s.p50Ms, 1), fmt(s.p99Ms, 1), fmt(s.non2xx, 0),
        ...processes.map((p) => fmt(s.cpuMsPerRequest[p])), fmt(s.cpuMsPerRequestTotal),
        ...processes.map((p) => fmt(s.rssMiB[p], 0)),
        fmt(s.sqlPerRequest.agency, 1), fmt(s.sqlPerRequest.accessControl, 1), fmt(s.subgraphFetchesPerRequest, 1),
      ];
      lines.push(`| ${row.join(' | ')} |`);
    }
    lines.push('');
  }

  if (settings.workloads.includes('W3') && settings.workloads.includes('W3-50')) {
    const full = summarizeWorkload(trials, 'W3', settings.targets);
    const half = summarizeWorkload(trials, 'W3-50', settings.targets);
    const rows = full.flatMap((f) => {
      const h = half.find((x) => x.target === f.target);
      return h ? [`| ${f.target} | ${fmt((f.cpuMsPerRequestTotal - h.cpuMsPerRequestTotal) / (W3_PAGE - W3_HALF_PAGE), 3)} |`] : [];
    });
    if (rows.length > 0) {
      lines.push('## Cost of one more operator on a page', '');
      lines.push(`CPU ms per request of W3 (${W3_PAGE} operators) minus W3-50 (${W3_HALF_PAGE}), divided by ${W3_PAGE - W3_HALF_PAGE}, all processes.`, '');
      lines.push('| target | CPU ms per extra operator |', '| --- | --- |', ...rows, '');
    }
  }

  lines.push(...floorSection(trials, settings));
  lines.push(...headroomSection(trials, settings));

  const all = ratios(trials, settings.workloads);
  if (all.length > 0) {
    lines.push('## Throughput ratios (RPS, per round: min / median / max)', '');
    lines.push('Above 1 the first target is faster. On W1, `<gateway> / direct` is the share of direct-to-subgraph throughput left through that gateway, and `floor / direct` the share left through a bare proxy.', '');
    lines.push('| workload | ratio | min | median | max | rounds |', '| --- | --- | --- | --- | --- | --- |');
    for (const r of all) {
      lines.push(`| ${r.workload} | ${r.label} | ${r.spread.min.toFixed(2)} | ${r.spread.median.toFixed(2)} | ${r.spread.max.toFixed(2)} | ${r.spread.rounds} |`);
    }
    lines.push('');
  }
  const failed = trials.filter((t) => t.non2xx > 0 || t.errors > 0 || !measured(t));
  if (failed.length > 0) {
    lines.push('## Warnings', '');
    for (const t of failed) {
      const left = measured(t) ? '' : ' (no answer at all: left out of medians and ratios)';
      lines.push(`- round ${t.round} ${t.workload} ${t.target}: ${t.requests} responses, ${t.non2xx} non-2xx, ${t.errors} socket errors or timeouts${left}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
