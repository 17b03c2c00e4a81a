import {
  clearanceMeasureOn, CUSTOMS_CREDIT_RULES, CustomsCreditLevel as L, CustomsInspectionRateBasis, underStrictReview,
} from '../../../subgraphs/customs/rules/credit-rules';

describe('customs clearance measures keep to what the credit orders state', () => {
  const v251 = CUSTOMS_CREDIT_RULES.find((r) => r.version === 'GACC-ORDER-251')!;
  const v282 = CUSTOMS_CREDIT_RULES.find((r) => r.version === 'GACC-ORDER-282')!;

  it('states no inspection rate or guarantee measure for routine management', () => {
    for (const rules of CUSTOMS_CREDIT_RULES) {
      expect(rules.measures.REGULAR).toMatchObject({ inspectionRatePercent: null, inspectionRateBound: null, guarantee: null });
    }
  });

  it('gives the advanced level\'s rate relative to the routine average, and 80 % or more for dishonest enterprises (Order 251)', () => {
    expect(v251.measures.ADVANCED_CERTIFIED).toMatchObject({
      inspectionRatePercent: '20.00', inspectionRateBound: 'AT_MOST', inspectionRateBasis: CustomsInspectionRateBasis.ROUTINE_AVERAGE, guarantee: 'NONE',
    });
    expect(v251.measures.DISHONEST).toMatchObject({
      inspectionRatePercent: '80.00', inspectionRateBound: 'AT_LEAST', inspectionRateBasis: CustomsInspectionRateBasis.DECLARATIONS, guarantee: 'FULL',
    });
    expect(v251.measures.DISHONEST!.description).toContain('processing trade');
  });

  it('marks every Order 282 rate as awaiting confirmation and invents none for the certified level', () => {
    expect(v282.measures.CERTIFIED).toMatchObject({ inspectionRatePercent: null, guarantee: null });
    for (const [figure, entry] of Object.entries(v282.figureSources)) expect([figure, 'unconfirmed' in entry]).toEqual([figure, true]);
    const rated = Object.entries(v282.measures).filter(([, m]) => m!.inspectionRatePercent !== null).map(([level]) => `measures.${level}.inspectionRatePercent`);
    expect(Object.keys(v282.figureSources).sort()).toEqual(rated.sort());
  });

  it('a regular enterprise under strict review takes the dishonest figures; a dishonest one keeps its own', () => {
    const regular = clearanceMeasureOn(null, '2026-05-01')!;
    expect(underStrictReview(regular, L.DISHONEST, '2026-05-01')).toMatchObject({ level: L.REGULAR, inspectionRatePercent: '80.00', guarantee: 'FULL' });
    const dishonest = clearanceMeasureOn({ level: L.DISHONEST, effectiveOn: '2026-04-10', rulesVersion: 'GACC-ORDER-282' }, '2026-05-01')!;
    expect(underStrictReview(dishonest, L.DISHONEST, '2026-05-01')).toBe(dishonest);
  });
});
