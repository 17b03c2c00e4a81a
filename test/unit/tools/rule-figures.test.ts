import fs from 'node:fs';
import { collectRuleFigures, figuresOfModule, RULE_FIGURES_DOC, renderRuleFiguresDoc, ruleModulePaths } from '../../../tools/rule-figures';
import { unconfirmed } from '../../../shared/rules/figure-sources';

describe('rule figures', () => {
  const figures = collectRuleFigures();

  it('walks the rule modules of all five agencies', () => {
    const modules = ruleModulePaths();
    for (const agency of ['commerce', 'customs', 'finance', 'market-regulation', 'postal']) {
      expect(modules.some((m) => m.startsWith(`subgraphs/${agency}/rules/`))).toBe(true);
      expect(figures.some((f) => f.module.startsWith(`subgraphs/${agency}/`))).toBe(true);
    }
    expect(modules).toEqual(expect.arrayContaining(['subgraphs/postal/permit-status', 'subgraphs/postal/complaint-deadlines', 'subgraphs/postal/empty-parcel-scoring']));
  });

  it('every figure names its source or is marked as awaiting confirmation', () => {
    const missing = figures.filter((f) => f.source === null).map((f) => `${f.module} ${f.family} ${f.version ?? ''} ${f.figure} = ${f.value}`);
    expect(missing).toEqual([]);
  });

  it('finds figures inside versions, nested tables and bare constants, and fails on an unsourced one', () => {
    const listed = figuresOfModule('m', {
      RULES: [{ version: 'V1', effectiveFrom: '2026-01-01', source: 'general', days: 7, bands: { A: { max: 5 } }, rate: '80.00', figureSources: { days: { source: 'Law art. 1' } } }],
      WINDOW_MONTHS: 12,
      WEIGHT: { weight: 3, source: 'local choice, awaiting confirmation' },
      CODES: { '1': 'STATE_OWNED' },
      FIGURE_SOURCES: { WINDOW_MONTHS: unconfirmed('why') },
      helper: () => 1,
    });
    expect(listed.map((f) => [f.family, f.figure, f.value, f.source, f.unconfirmed])).toEqual([
      ['RULES', 'days', '7', 'Law art. 1', false],
      ['RULES', 'bands.A.max', '5', null, false],
      ['RULES', 'rate', '80.00', null, false],
      ['WINDOW_MONTHS', 'WINDOW_MONTHS', '12', 'local choice, awaiting confirmation: why', true],
      ['WEIGHT', 'WEIGHT.weight', '3', 'local choice, awaiting confirmation', true],
    ]);
  });

  it('a group entry covers the figures under it', () => {
    const [a, b] = figuresOfModule('m', {
      RULES: [{ version: 'V1', effectiveFrom: '2026-01-01', grades: [{ min: 90 }, { min: 80 }], figureSources: { grades: { source: 'GB/T 1' } } }],
    });
    expect([a.source, b.source]).toEqual(['GB/T 1', 'GB/T 1']);
  });

  it('docs/rule-figures.md is up to date (npm run rule-figures)', () => {
    expect(fs.readFileSync(RULE_FIGURES_DOC, 'utf8')).toBe(renderRuleFiguresDoc(figures));
  });
});
