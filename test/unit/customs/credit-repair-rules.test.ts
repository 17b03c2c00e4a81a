import { CustomsDishonestyGround as G } from '../../../subgraphs/customs/entities/enums';
import {
  assessFindingRepair, CUSTOMS_CREDIT_REPAIR_RULES, customsCreditRepairRulesOn,
} from '../../../subgraphs/customs/rules/credit-repair';

const APPLICATION = { commitment: '本企业郑重承诺依法诚信经营', performanceEvidence: '已补缴税款' };

describe('customs credit repair rules (信用修复, order 251 art. 26; order 282)', () => {
  it('picks the version in force on the application day', () => {
    expect(customsCreditRepairRulesOn('2026-03-31').version).toBe('GACC-ORDER-251-REPAIR');
    expect(customsCreditRepairRulesOn('2026-04-01').version).toBe('GACC-ORDER-282-REPAIR');
    expect(customsCreditRepairRulesOn('2020-01-01').version).toBe('GACC-ORDER-251-REPAIR');
  });

  it('gives every figure a source, and marks what order 282 could not confirm', () => {
    for (const rules of CUSTOMS_CREDIT_REPAIR_RULES) {
      for (const ground of Object.values(G)) expect([ground, rules.minimumMonths[ground].source]).toEqual([ground, expect.stringMatching(/art\. 2[2678]/)]);
      for (const c of Object.values(rules.conditions)) expect(c.source.length).toBeGreaterThan(10);
    }
    const r282 = customsCreditRepairRulesOn('2026-04-01');
    for (const ground of Object.values(G)) expect(r282.minimumMonths[ground].source).toContain('awaiting confirmation');
  });

  it.each([
    [G.SMUGGLING, '2026-05-10', '2027-05-10'],
    [G.OBSTRUCTION, '2026-05-10', '2027-05-10'],
    [G.VIOLATION_RATIO, '2026-05-10', '2026-11-10'],
    [G.UNPAID_TAX, '2026-05-10', '2026-08-10'],
    [G.UNPAID_FINES, '2026-05-10', '2026-08-10'],
  ])('%s found on %s is repairable from %s', (ground, foundOn, from) => {
    const before = assessFindingRepair({ ground, foundOn }, APPLICATION, '2026-07-01');
    const period = before.conditions.find((c) => c.condition === 'MINIMUM_PERIOD_SERVED')!;
    expect(period).toMatchObject({ metFrom: from, met: from <= '2026-07-01' });
    const onTheDay = assessFindingRepair({ ground, foundOn }, APPLICATION, from);
    expect(onTheDay.eligible).toBe(true);
  });

  it('does not repair bribery or other grounds on application: no date meets them', () => {
    for (const ground of [G.BRIBERY, G.OTHER]) {
      const a = assessFindingRepair({ ground, foundOn: '2020-01-01' }, APPLICATION, '2026-07-01');
      expect(a.eligible).toBe(false);
      expect(a.conditions[0]).toMatchObject({ condition: 'MINIMUM_PERIOD_SERVED', met: false, metFrom: null });
      expect(a.conditions[0].rule).toContain(`no repair on application for ${ground}`);
    }
  });

  it('needs the dishonest act corrected (stated) and a commitment', () => {
    const a = assessFindingRepair({ ground: G.UNPAID_TAX, foundOn: '2026-01-01' }, { commitment: ' ', performanceEvidence: null }, '2026-07-01');
    expect(a.eligible).toBe(false);
    expect(a.conditions.filter((c) => !c.met).map((c) => c.condition)).toEqual(['DISHONEST_ACT_CORRECTED', 'WRITTEN_COMMITMENT']);
  });
});
