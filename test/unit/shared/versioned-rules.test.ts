import path from 'node:path';
import { PROJECT_ROOT } from '../../../shared/config/paths';
import { ruleInForce, ruleWindows, type RuleVersion } from '../../../shared/rules/versioned';
import { ruleModulePaths } from '../../../tools/rule-figures';

const versions: RuleVersion[] = [
  { version: 'v2', effectiveFrom: '2024-07-01' },
  { version: 'v1', effectiveFrom: '2020-01-01' },
];

describe('the rule version in force on a date (every agency)', () => {
  it('is the latest version in force on or before the date, whatever order the versions are listed in', () => {
    expect(ruleInForce(versions, '2024-06-30').version).toBe('v1');
    expect(ruleInForce(versions, '2024-07-01').version).toBe('v2');
    expect(ruleInForce(versions, '2030-01-01').version).toBe('v2');
  });

  it('judges a record older than every version by the oldest version', () => {
    expect(ruleInForce(versions, '2010-01-01').version).toBe('v1');
  });

  it('refuses a rule family without versions', () => {
    expect(() => ruleInForce([], '2024-01-01')).toThrow('at least one version');
  });

  it('gives each version the window until the next one', () => {
    expect(ruleWindows(versions).map(({ rule, from, to }) => [rule.version, from, to])).toEqual([
      ['v1', null, '2024-07-01'],
      ['v2', '2024-07-01', null],
    ]);
  });

  it('finds every rule family listed oldest first, with no two versions taking effect the same day', () => {
    // Two versions on one day would make "the version in force" ambiguous.
    const unordered: string[] = [];
    for (const module of ruleModulePaths(PROJECT_ROOT, '.ts')) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exports = require(path.join(PROJECT_ROOT, module)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) {
        if (!Array.isArray(value) || value.length < 2 || !value.every((v) => typeof v?.effectiveFrom === 'string' && typeof v?.version === 'string')) continue;
        const days = (value as RuleVersion[]).map((v) => v.effectiveFrom);
        if (days.some((d, i) => i > 0 && d <= days[i - 1])) unordered.push(`${module} ${name}: ${days.join(', ')}`);
      }
    }
    expect(unordered).toEqual([]);
  });
});
