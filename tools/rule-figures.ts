/**
 * Lists every rule figure of every agency with its source, for the test that refuses an unsourced figure
 * (test/unit/tools/rule-figures.test.ts) and for docs/rule-figures.md (`npm run rule-figures`).
 *
 * Rule modules are found on disk (subgraphs/<agency>/rules/*, the postal rule files at its top level, shared/rules),
 * so a new rule file is walked without registering it anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AWAITING_CONFIRMATION, type FigureSource, type FigureSources } from '../shared/rules/figure-sources';

export interface RuleFigure {
  /** Repository path of the module without extension, e.g. `subgraphs/customs/rules/credit-rules`. */
  module: string;
  /** Exported name of the rule family or constant. */
  family: string;
  /** Rule version, or null for a constant outside any version. */
  version: string | null;
  /** Path of the figure inside the version (or the export name). */
  figure: string;
  value: string;
  /** The source, or null when the figure has none (the test fails then). */
  source: string | null;
  unconfirmed: boolean;
}

/** Top-level postal files whose decisions follow versioned rules. */
const EXTRA_RULE_FILES = ['subgraphs/postal/permit-status', 'subgraphs/postal/complaint-deadlines', 'subgraphs/postal/empty-parcel-scoring'];

/** Repository root: this file lives in tools/ (or dist/tools when compiled). */
const ROOT = path.resolve(__dirname, '..');
const EXT = path.extname(__filename);

/** Repository-relative module paths (no extension) of every rule module. */
export function ruleModulePaths(root = ROOT, ext = EXT): string[] {
  const found: string[] = [];
  const subgraphs = path.join(root, 'subgraphs');
  for (const agency of fs.readdirSync(subgraphs).sort()) {
    const dir = path.join(subgraphs, agency, 'rules');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith(ext) && !f.endsWith(`.d${ext}`)) found.push(`subgraphs/${agency}/rules/${f.slice(0, -ext.length)}`);
  }
  for (const f of EXTRA_RULE_FILES) if (fs.existsSync(path.join(root, f + ext))) found.push(f);
  const shared = path.join(root, 'shared', 'rules');
  for (const f of fs.readdirSync(shared).sort()) {
    if (f.endsWith(ext) && !f.endsWith(`.d${ext}`) && !/^figure-sources/.test(f)) found.push(`shared/rules/${f.slice(0, -ext.length)}`);
  }
  return found;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isVersion = (x: unknown): x is Record<string, unknown> & { version: string } => isRecord(x) && typeof x.version === 'string';
/** Numbers, and decimal strings such as "80.00" (customs rates): codes like "4401" live outside versions. */
const figureValue = (x: unknown): string | null =>
  typeof x === 'number' ? String(x) : typeof x === 'string' && /^\d+(\.\d+)?$/.test(x) ? x : null;

/** Keys of a version that identify it rather than state a figure. */
const IDENTITY_KEYS = new Set(['version', 'effectiveFrom', 'figureSources', 'source', 'title', 'legalBasis']);

function statusOf(s: FigureSource): { source: string; unconfirmed: boolean } {
  if ('unconfirmed' in s) return { source: s.unconfirmed, unconfirmed: true };
  return { source: s.source, unconfirmed: s.source.includes(AWAITING_CONFIRMATION) };
}

/** The entry of `sources` for `figure`: its own path, else the longest prefix (a group of figures). */
function lookup(sources: FigureSources | undefined, figure: string): FigureSource | null {
  if (!sources) return null;
  const parts = figure.split('.');
  for (let n = parts.length; n > 0; n--) {
    const hit = sources[parts.slice(0, n).join('.')];
    if (hit) return hit;
  }
  return null;
}

type Leaf = { figure: string; value: string; own: string | null };

/**
 * Numeric leaves of `value` with their paths and the `source` string of the object holding each, if any. Outside a
 * version (`numbersOnly`) digit strings are codes (customs code tables), not figures.
 */
function leaves(value: unknown, prefix: string, holderSource: string | null, out: Leaf[], numbersOnly = false) {
  const v = numbersOnly ? (typeof value === 'number' ? String(value) : null) : figureValue(value);
  if (v !== null) {
    out.push({ figure: prefix, value: v, own: holderSource });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => leaves(item, `${prefix}.${i}`, null, out, numbersOnly));
  } else if (isRecord(value)) {
    const own = typeof value.source === 'string' ? value.source : null;
    for (const [k, child] of Object.entries(value)) {
      if (k === 'source') continue;
      leaves(child, prefix ? `${prefix}.${k}` : k, own, out, numbersOnly);
    }
  }
}

function figureOf(module: string, family: string, version: string | null, leaf: Leaf, entry: FigureSource | null): RuleFigure {
  const status = entry ? statusOf(entry) : leaf.own !== null ? statusOf({ source: leaf.own }) : null;
  return { module, family, version, figure: leaf.figure, value: leaf.value, source: status?.source ?? null, unconfirmed: status?.unconfirmed ?? false };
}

/** Every figure of one loaded module. */
export function figuresOfModule(module: string, exports: Record<string, unknown>): RuleFigure[] {
  const figures: RuleFigure[] = [];
  const bare = exports.FIGURE_SOURCES as FigureSources | undefined;
  for (const [family, value] of Object.entries(exports)) {
    if (family === 'FIGURE_SOURCES' || typeof value === 'function') continue;
    const versions = Array.isArray(value) && value.length > 0 && value.every(isVersion) ? value : isVersion(value) ? [value] : null;
    if (versions) {
      for (const v of versions) {
        const found: Leaf[] = [];
        for (const [k, child] of Object.entries(v)) if (!IDENTITY_KEYS.has(k)) leaves(child, k, null, found);
        const sources = v.figureSources as FigureSources | undefined;
        for (const leaf of found) figures.push(figureOf(module, family, v.version, leaf, lookup(sources, leaf.figure)));
      }
      continue;
    }
    // A constant outside any version: a number, or an object of numbers (ratios, windows). Codes and tables of
    // strings are no figures.
    if (typeof value !== 'number' && !isRecord(value)) continue;
    const found: Leaf[] = [];
    leaves(value, family, null, found, true);
    for (const leaf of found) figures.push(figureOf(module, family, null, leaf, lookup(bare, leaf.figure)));
  }
  return figures;
}

/** Loads every rule module and lists its figures, ordered by module, family, version and figure. */
export function collectRuleFigures(root = ROOT, ext = EXT): RuleFigure[] {
  const figures: RuleFigure[] = [];
  for (const module of ruleModulePaths(root, ext)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(path.join(root, module)) as Record<string, unknown>;
    figures.push(...figuresOfModule(module, exports));
  }
  return figures;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/rule-figures.md: every figure with its source, and the unconfirmed ones first for the reader who signs. */
export function renderRuleFiguresDoc(figures: readonly RuleFigure[]): string {
  const lines: string[] = [
    '# Rule figures and their sources',
    '',
    'Generated by `npm run rule-figures` from the versioned rules (subgraphs/*/rules, postal\'s rule files); do not edit.',
    'Every window, period, threshold, weight and ratio names its source (regulation and article) or is marked',
    `"${AWAITING_CONFIRMATION}". test/unit/tools/rule-figures.test.ts fails on a figure with neither, and when this`,
    'file is out of date.',
    '',
    `${figures.length} figures, ${figures.filter((f) => f.unconfirmed).length} awaiting confirmation.`,
    '',
  ];
  const byModule = new Map<string, RuleFigure[]>();
  for (const f of figures) byModule.set(f.module, [...(byModule.get(f.module) ?? []), f]);
  // One row per rule version and reason, so a reader signing the rules sees each open choice once.
  lines.push('## Awaiting confirmation', '', '| Module | Rule | Version | Figures | Reason |', '| --- | --- | --- | --- | --- |');
  const open = new Map<string, RuleFigure[]>();
  for (const f of figures.filter((x) => x.unconfirmed)) {
    const key = [f.module, f.family, f.version ?? '', f.source].join('\u0000');
    open.set(key, [...(open.get(key) ?? []), f]);
  }
  for (const group of open.values()) {
    const [f] = group;
    const listed = group.map((g) => `\`${g.figure}\` = ${g.value}`).join(', ');
    lines.push(`| ${f.module} | ${f.family} | ${f.version ?? ''} | ${listed} | ${cell(f.source ?? '')} |`);
  }
  lines.push('', '## All figures', '');
  for (const [module, list] of byModule) {
    lines.push(`### ${module}`, '', '| Rule | Version | Figure | Value | Source | Status |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of list) {
      const status = f.source === null ? 'MISSING' : f.unconfirmed ? 'unconfirmed' : 'sourced';
      lines.push(`| ${f.family} | ${f.version ?? ''} | \`${f.figure}\` | ${f.value} | ${cell(f.source ?? '')} | ${status} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export const RULE_FIGURES_DOC = path.join(ROOT, 'docs', 'rule-figures.md');
