import { findUsccFault } from '../../../shared/credit-code/uscc';
import { GUANGZHOU_DISTRICTS } from '../../../shared/seed/guangzhou';
import {
  EXEMPTION_RULES, exemptionRulesOn, exemptSubjectIdOf, MAX_EXEMPT_SEQUENCE, parseExemptSubjectId,
} from '../../../subgraphs/market-regulation/rules/exempt-subjects';

describe('identifiers of subjects exempt from registration', () => {
  it('writes EX-<district>-<six-digit sequence> and reads it back, case-insensitively', () => {
    expect(exemptSubjectIdOf('440106', 1)).toBe('EX-440106-000001');
    expect(exemptSubjectIdOf('440117', MAX_EXEMPT_SEQUENCE)).toBe('EX-440117-999999');
    expect(parseExemptSubjectId(' ex-440106-000042 ')).toBe('EX-440106-000042');
    for (const bad of ['EX-4401-000001', 'EX-440106-1', 'EX440106000001', '91440106MA5CJQ4N5X', '']) {
      expect([bad, parseExemptSubjectId(bad)]).toEqual([bad, null]);
    }
  });

  it('can never pass as a unified social credit code', () => {
    for (const district of GUANGZHOU_DISTRICTS) {
      for (const sequence of [1, 42, 99_999, MAX_EXEMPT_SEQUENCE]) {
        const id = exemptSubjectIdOf(district.code, sequence);
        expect([id, findUsccFault(id)]).not.toEqual([id, null]);
      }
    }
  });

  it('names the source of the exemption threshold', () => {
    for (const rules of EXEMPTION_RULES) expect(rules.source).toMatch(/网络交易监督管理办法.*art\. 8/);
    expect(exemptionRulesOn('2026-11-02').sporadicAnnualTurnoverYuan).toBe(100_000);
  });
});
