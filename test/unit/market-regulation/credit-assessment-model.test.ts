import { COMMERCE_CREDIT_SIGNAL_FACTORS } from '../../../subgraphs/commerce/credit-signal';
import { CUSTOMS_CREDIT_SIGNAL_FACTORS } from '../../../subgraphs/customs/credit-signal';
import { FINANCE_CREDIT_SIGNAL_FACTORS } from '../../../subgraphs/finance/credit-signal';
import { MARKET_REGULATION_CREDIT_SIGNAL_FACTORS } from '../../../subgraphs/market-regulation/credit-signal';
import { POSTAL_CREDIT_SIGNAL_FACTORS } from '../../../subgraphs/postal/credit-signal';
import {
  CREDIT_ASSESSMENT_MODELS, type CreditAssessmentModel, modelInForce, scoreOf,
} from '../../../subgraphs/market-regulation/rules/credit-assessment';

const CATALOGUES = {
  MR_: MARKET_REGULATION_CREDIT_SIGNAL_FACTORS,
  COM_: COMMERCE_CREDIT_SIGNAL_FACTORS,
  CUS_: CUSTOMS_CREDIT_SIGNAL_FACTORS,
  FIN_: FINANCE_CREDIT_SIGNAL_FACTORS,
  POS_: POSTAL_CREDIT_SIGNAL_FACTORS,
};
const ALL_CODES = Object.values(CATALOGUES).flatMap((c) => c.map((f) => f.code));
const V1 = CREDIT_ASSESSMENT_MODELS[0];

describe('the credit assessment model (issue 9 part 2)', () => {
  it('weighs exactly the factors the five agencies publish, each code prefixed by its agency', () => {
    for (const [prefix, catalogue] of Object.entries(CATALOGUES)) {
      for (const f of catalogue) expect(f.code.startsWith(prefix)).toBe(true);
    }
    expect(new Set(ALL_CODES).size).toBe(ALL_CODES.length);
    for (const model of CREDIT_ASSESSMENT_MODELS) {
      expect(Object.keys(model.weights).sort()).toEqual([...ALL_CODES].sort());
      for (const cap of model.caps) expect(ALL_CODES).toContain(cap.factor);
    }
  });

  it('names a source (or "awaiting confirmation") for the model, every weight and every cap', () => {
    for (const model of CREDIT_ASSESSMENT_MODELS) {
      expect(model.source.length).toBeGreaterThan(10);
      for (const [code, w] of Object.entries(model.weights)) expect([code, w.source.length > 5]).toEqual([code, true]);
      for (const cap of model.caps) expect([cap.factor, cap.source.length > 5]).toEqual([cap.factor, true]);
    }
  });

  it('lists versions in ascending order of effect and picks the one in force', () => {
    const dates = CREDIT_ASSESSMENT_MODELS.map((m) => m.effectiveFrom);
    expect([...dates].sort()).toEqual(dates);
    expect(modelInForce(new Date('2026-11-30T00:00:00Z')).version).toBe(CREDIT_ASSESSMENT_MODELS.at(-1)!.version);
  });

  it('scores an operator with nothing on record at the base, grade B', () => {
    expect(scoreOf([], V1)).toMatchObject({ score: 750, grade: 'B', caps: [] });
    expect(scoreOf([{ code: 'MR_YEARS_IN_OPERATION', value: 0 }], V1)).toMatchObject({ score: 750, grade: 'B' });
  });

  it('adds value × weight per factor within its floor or ceiling', () => {
    const scored = scoreOf(
      [
        { code: 'MR_YEARS_IN_OPERATION', value: 10 }, // +120 (ceiling 120)
        { code: 'MR_PENALTIES_GENERAL', value: 1 }, // -40
        { code: 'MR_QUALITY_SPOT_CHECKS_FAILED', value: 5 }, // -300, floored at -180
        { code: 'POS_EMPTY_PARCEL_SUSPECTED', value: 3 }, // weight 0: shown, not weighed
        { code: 'UNKNOWN_FACTOR', value: 9 }, // not in the model: 0
      ],
      V1,
    );
    expect(scored.factors.map((f) => f.contribution)).toEqual([120, -40, -180, 0, 0]);
    expect(scored.score).toBe(750 + 120 - 40 - 180);
    expect(scored.grade).toBe('C');
  });

  it('grades by the thresholds: A from 850, B from 700, C from 550, D below', () => {
    const at = (years: number, penalties: number) =>
      scoreOf([{ code: 'MR_YEARS_IN_OPERATION', value: years }, { code: 'MR_PENALTIES_HEAVY', value: penalties }], V1);
    expect(at(9, 0)).toMatchObject({ score: 858, grade: 'A' });
    expect(at(8, 0)).toMatchObject({ score: 846, grade: 'B' });
    expect(at(0, 2)).toMatchObject({ score: 550, grade: 'C' });
    expect(at(0, 3)).toMatchObject({ score: 450, grade: 'D' });
  });

  it('caps the grade of a listed operator at D whatever its score, and its score to the top of D', () => {
    const listed = scoreOf(
      [
        { code: 'MR_YEARS_IN_OPERATION', value: 10 },
        { code: 'CUS_ADVANCED_CERTIFIED', value: 1 },
        { code: 'MR_SERIOUS_DISHONEST_LIST', value: 1 },
        { code: 'COM_PLATFORM_EVALUATION_HIGH', value: 3 },
      ],
      { ...V1, weights: { ...V1.weights, MR_SERIOUS_DISHONEST_LIST: { weight: 0, source: 'test: cap alone' } } },
    );
    expect(listed.uncappedGrade).toBe('A');
    expect(listed).toMatchObject({ grade: 'D', score: 549, caps: [{ factor: 'MR_SERIOUS_DISHONEST_LIST', grade: 'D' }] });
    const abnormal = scoreOf([{ code: 'MR_YEARS_IN_OPERATION', value: 10 }, { code: 'MR_ABNORMAL_OPERATIONS_LIST', value: 1 }], V1);
    expect(abnormal).toMatchObject({ grade: 'C', score: 699 });
  });

  it('keeps a score within 0-1000', () => {
    const worst = scoreOf(ALL_CODES.map((code) => ({ code, value: 50 })), V1);
    expect(worst.score).toBeGreaterThanOrEqual(0);
    const best: CreditAssessmentModel = { ...V1, base: 990 };
    expect(scoreOf([{ code: 'MR_YEARS_IN_OPERATION', value: 10 }], best).score).toBe(1000);
  });
});
