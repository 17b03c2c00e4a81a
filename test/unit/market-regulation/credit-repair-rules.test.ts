import {
  MarketRegulationLawField as Field, MarketRegulationPenaltyCategory as C, MarketRegulationPenaltySeverity as S,
  SeriousDishonestGround,
} from '../../../subgraphs/market-regulation/enums';
import {
  assessAbnormalRepair, assessPenaltyRepair, assessSeriousRepair, CREDIT_REPAIR_RULES, ineligibilityReason,
} from '../../../subgraphs/market-regulation/rules/credit-repair';

const TODAY = '2026-11-02';

function penalty(over: Partial<Parameters<typeof assessPenaltyRepair>[0]> = {}) {
  return {
    decisionNumber: '穗天市监处〔2026〕1号', violationType: '虚假宣传', decidedOn: '2026-03-01', categories: [C.FINE],
    fineFen: 5_000_000, confiscatedFen: null, lawField: Field.GENERAL, restrictionUntil: null, performed: true,
    performedOn: '2026-04-01', ...over,
  };
}

describe('credit repair conditions (信用修复)', () => {
  it('a performed general penalty 6 months after its decision, with a commitment, is eligible; each condition has its date', () => {
    const a = assessPenaltyRepair(penalty(), [], '本企业承诺依法诚信经营', TODAY);
    expect(a.eligible).toBe(true);
    expect(a.rulesVersion).toBe('SAMR-CREDIT-REPAIR-2021.1');
    expect(a.conditions.map((c) => [c.condition, c.met, c.metFrom])).toEqual([
      ['PUBLICITY_PERIOD_SERVED', true, '2026-09-01'],
      ['PENALTY_PERFORMED', true, '2026-04-01'],
      ['NO_REPEAT_VIOLATION', true, '2026-03-01'],
      ['WRITTEN_COMMITMENT', true, TODAY],
    ]);
    expect(a.conditions[0].rule).toBe('SAMR-PENALTY-PUBLICITY-2021.1: 6 months after the decision for GENERAL');
  });

  it('a food penalty is repairable only 12 months after the decision: the reason names the rule and the date', () => {
    const a = assessPenaltyRepair(penalty({ lawField: Field.FOOD, decidedOn: '2026-05-10', performedOn: '2026-06-01' }), [], '承诺', TODAY);
    expect(a.eligible).toBe(false);
    expect(ineligibilityReason(a)).toBe('repairable from 2027-05-10 (SAMR-PENALTY-PUBLICITY-2021.1: 12 months after the decision for FOOD)');
  });

  it('an unperformed penalty and a repeat of the same violation type are unmet, with no date that would meet them', () => {
    const a = assessPenaltyRepair(
      penalty({ performed: false, performedOn: null }),
      [{ decisionNumber: '穗天市监处〔2026〕7号', violationType: '虚假宣传', decidedOn: '2026-08-01' },
        { decisionNumber: '穗天市监处〔2026〕8号', violationType: '无照经营', decidedOn: '2026-08-02' }],
      '承诺', TODAY,
    );
    const unmet = a.conditions.filter((c) => !c.met);
    expect(unmet.map((c) => [c.condition, c.metFrom])).toEqual([['PENALTY_PERFORMED', null], ['NO_REPEAT_VIOLATION', null]]);
    expect(unmet[1].detail).toContain('穗天市监处〔2026〕7号 (2026-08-01)');
    expect(unmet[1].detail).not.toContain('8号');
  });

  const listing = (listedOn: string) => ({
    operatorUscc: '91440101MA5XXXXX0X', ground: SeriousDishonestGround.FALSE_ADVERTISING,
    basisDecisionNumbers: ['穗天市监处〔2025〕1号'], listedOn,
  });
  const basis = (performedOn: string | null) => [{
    decisionNumber: '穗天市监处〔2025〕1号', operatorUscc: '91440101MA5XXXXX0X', decidedOn: '2025-05-01',
    severity: S.AGGRAVATED_FINE, performed: performedOn !== null, performedOn, restrictionUntil: null,
  }];

  it('a serious-list entry: one year on the list, basis performed, harm removed (stated), commitment', () => {
    const ok = assessSeriousRepair(listing('2025-06-01'), basis('2025-07-01'), [], '已召回并更正广告', '承诺', TODAY);
    expect(ok.eligible).toBe(true);
    expect(ok.conditions.find((c) => c.condition === 'ONE_YEAR_ON_LIST')).toMatchObject({
      met: true, metFrom: '2026-06-01', rule: 'SAMR-SERIOUS-LIST-2021.1: one year on the list',
    });
    expect(ok.conditions.find((c) => c.condition === 'BASIS_PENALTY_PERFORMED')).toMatchObject({ met: true, metFrom: '2025-07-01' });

    const early = assessSeriousRepair(listing('2026-06-01'), basis(null), [], null, '承诺', TODAY);
    expect(early.conditions.filter((c) => !c.met).map((c) => [c.condition, c.metFrom])).toEqual([
      ['ONE_YEAR_ON_LIST', '2027-06-01'], ['BASIS_PENALTY_PERFORMED', null], ['HARM_REMOVED', null],
    ]);
  });

  it('an abnormal listing needs the cure stated', () => {
    expect(assessAbnormalRepair(null, '承诺', TODAY).conditions.map((c) => [c.condition, c.met])).toEqual([
      ['FAULT_CURED', false], ['WRITTEN_COMMITMENT', true],
    ]);
    expect(assessAbnormalRepair('已补报2025年度报告', '承诺', TODAY).eligible).toBe(true);
  });

  it('every condition of every version names its source', () => {
    for (const v of CREDIT_REPAIR_RULES) {
      expect(v.source).toBeTruthy();
      for (const [code, c] of Object.entries(v.conditions)) expect([code, c.source.length > 0, c.statement.length > 0]).toEqual([code, true, true]);
    }
  });
});
