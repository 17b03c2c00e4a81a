import {
  MarketRegulationLawField as F, MarketRegulationPenaltyCategory as C, MarketRegulationRiskClass as R,
  SeriousDishonestGround,
} from '../../../subgraphs/market-regulation/enums';
import { abnormalListDates } from '../../../subgraphs/market-regulation/rules/abnormal-list';
import { addDays, addMonths, addYears, chinaToday } from '../../../shared/calendar/dates';
import { PENALTY_PUBLICITY_RULES, penaltyPublicity } from '../../../subgraphs/market-regulation/rules/penalty-publicity';
import {
  nextVerificationDue, reportingPeriodOf, reportingPeriodRange,
} from '../../../subgraphs/market-regulation/rules/platform-verification';
import { CLASS_ORDER, inSamplingBand, RISK_CLASS_RULES, samplingBandFaults, samplingBandFor } from '../../../subgraphs/market-regulation/rules/risk-class';
import { SERIOUS_LIST_RULES, seriousListDates } from '../../../subgraphs/market-regulation/rules/serious-list';
import { ruleInForce } from '../../../shared/rules/versioned';
import { lastDateReachingTerm } from '../../../subgraphs/market-regulation/resolvers/derived';

const base = { fineFen: null, confiscatedFen: null, lawField: F.GENERAL, restrictionUntil: null };

describe('date arithmetic', () => {
  it('adds days, months and years on ISO dates, clamping to the end of shorter months', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2027-02-28', -3)).toBe('2024-02-28');
  });

  it('reads today in China Standard Time', () => {
    expect(chinaToday(new Date('2026-11-01T15:59:59Z'))).toBe('2026-11-01');
    expect(chinaToday(new Date('2026-11-01T16:00:00Z'))).toBe('2026-11-02');
  });
});

describe('versioned rules', () => {
  const versions = [
    { version: 'v1', effectiveFrom: '2020-01-01', source: 'x', n: 1 },
    { version: 'v2', effectiveFrom: '2024-07-01', source: 'x', n: 2 },
  ];
  it('picks the version in force on the record date', () => {
    expect(ruleInForce(versions, '2024-06-30').version).toBe('v1');
    expect(ruleInForce(versions, '2024-07-01').version).toBe('v2');
    expect(ruleInForce(versions, '2030-01-01').version).toBe('v2');
    expect(ruleInForce(versions, '2010-01-01').version).toBe('v1');
  });

  it('applies a later version of the serious-list rules only to listings from its effective date', () => {
    const custom = [...SERIOUS_LIST_RULES, { ...SERIOUS_LIST_RULES[0], version: 'TEST-2027', effectiveFrom: '2027-01-01', autoRemovalYears: 5 }];
    expect(seriousListDates('2026-12-31', custom)).toMatchObject({ autoRemovalOn: '2029-12-31', rulesVersion: SERIOUS_LIST_RULES[0].version });
    expect(seriousListDates('2027-01-01', custom)).toMatchObject({ autoRemovalOn: '2032-01-01', rulesVersion: 'TEST-2027' });
  });

  it('applies a changed small-fine threshold only to decisions from its effective date', () => {
    const custom = [...PENALTY_PUBLICITY_RULES, { ...PENALTY_PUBLICITY_RULES[0], version: 'TEST-2027', effectiveFrom: '2027-01-01', smallFineMaxFen: 500_000 }];
    const fine = { ...base, categories: [C.FINE], fineFen: 800_000 };
    expect(penaltyPublicity({ ...fine, decidedOn: '2026-12-31' }, custom).publicUntil).toBe('2027-03-31');
    expect(penaltyPublicity({ ...fine, decidedOn: '2027-01-01' }, custom)).toMatchObject({ publicUntil: '2030-01-01', rulesVersion: 'TEST-2027' });
  });
});

describe('penalty publicity', () => {
  it('does not publish a warning alone', () => {
    expect(penaltyPublicity({ ...base, categories: [C.WARNING], decidedOn: '2026-05-10' })).toEqual({
      rulesVersion: 'SAMR-PENALTY-PUBLICITY-2021.1', published: false, shortPublicity: false, publicUntil: null, repairableFrom: null,
    });
  });

  it('publishes circulated criticism and small fines for 3 months, without repair', () => {
    expect(penaltyPublicity({ ...base, categories: [C.CIRCULATED_CRITICISM], decidedOn: '2026-05-10' })).toMatchObject({
      published: true, shortPublicity: true, publicUntil: '2026-08-10', repairableFrom: null,
    });
    // The threshold (¥10,000) is part of the rule data.
    expect(PENALTY_PUBLICITY_RULES[0].smallFineMaxFen).toBe(1_000_000);
    expect(penaltyPublicity({ ...base, categories: [C.WARNING, C.FINE], fineFen: 1_000_000, decidedOn: '2026-11-30' }).publicUntil).toBe('2027-02-28');
  });

  it('publishes larger fines and other penalties for 3 years, repairable after 6 months (1 year for food, drugs, special equipment)', () => {
    const fine = { ...base, categories: [C.FINE], fineFen: 1_000_001, decidedOn: '2026-03-31' };
    expect(penaltyPublicity(fine)).toMatchObject({ shortPublicity: false, publicUntil: '2029-03-31', repairableFrom: '2026-09-30' });
    expect(penaltyPublicity({ ...fine, lawField: F.FOOD }).repairableFrom).toBe('2027-03-31');
    expect(penaltyPublicity({ ...fine, lawField: F.DRUG }).repairableFrom).toBe('2027-03-31');
    expect(penaltyPublicity({ ...fine, lawField: F.SPECIAL_EQUIPMENT }).repairableFrom).toBe('2027-03-31');
    // A small fine with confiscation is not "only a small fine".
    expect(penaltyPublicity({ ...base, categories: [C.FINE, C.CONFISCATION_OF_ILLEGAL_GAINS], fineFen: 10_000, confiscatedFen: 50_000, decidedOn: '2026-03-31' }).publicUntil).toBe('2029-03-31');
    expect(penaltyPublicity({ ...base, categories: [C.LICENCE_REVOKED], decidedOn: '2026-03-31' }).publicUntil).toBe('2029-03-31');
  });

  it('uses the restriction period when it is longer than 3 years', () => {
    const restricted = { ...base, categories: [C.FINE, C.EMPLOYMENT_RESTRICTION], fineFen: 5_000_000, decidedOn: '2026-01-15' };
    expect(penaltyPublicity({ ...restricted, restrictionUntil: '2031-01-15' }).publicUntil).toBe('2031-01-15');
    expect(penaltyPublicity({ ...restricted, restrictionUntil: '2027-01-15' }).publicUntil).toBe('2029-01-15');
  });
});

describe('serious list and abnormal list', () => {
  it('removes serious-list entries automatically after 3 years and allows early removal after 1 year', () => {
    expect(seriousListDates('2026-02-10')).toMatchObject({
      autoRemovalOn: '2029-02-10', earlyRemovalEligibleOn: '2027-02-10', rulesVersion: 'SAMR-SERIOUS-LIST-2021.1',
    });
    expect(seriousListDates('2024-02-29')).toMatchObject({ autoRemovalOn: '2027-02-28', earlyRemovalEligibleOn: '2025-02-28' });
    expect(seriousListDates('2026-02-10').measures).toContain('NO_NOTIFICATION_COMMITMENT');
    expect(SERIOUS_LIST_RULES[0].groundsWithoutBasisPenalty).toEqual([SeriousDishonestGround.ABNORMAL_LIST_3_YEARS]);
  });

  it('warns 60 days before an abnormal listing reaches 3 years', () => {
    expect(abnormalListDates('2024-05-20')).toMatchObject({ seriousListEligibleOn: '2027-05-20', seriousListWarningOn: '2027-03-21' });
  });

  it('finds the last listing date that has reached its term, consistent with addYears', () => {
    for (const today of ['2027-02-28', '2028-02-29', '2026-11-02', '2027-03-01']) {
      const cutoff = lastDateReachingTerm(today, 3);
      expect(addYears(cutoff, 3) <= today).toBe(true);
      expect(addYears(addDays(cutoff, 1), 3) > today).toBe(true);
    }
  });
});

describe('risk sampling and platform verification', () => {
  it('gives the sampling band of each class', () => {
    expect(samplingBandFor(R.A, '2026-10')).toMatchObject({ minPercent: 0, maxPercent: 5 });
    expect(samplingBandFor(R.B, '2026-10')).toMatchObject({ minPercent: 5, maxPercent: 20 });
    expect(samplingBandFor(R.C, '2026-10')).toMatchObject({ minPercent: 20, maxPercent: 60 });
    expect(samplingBandFor(R.D, '2026-10')).toMatchObject({ minPercent: 60, maxPercent: 100, rulesVersion: 'GZ-RISK-SAMPLING-2022.1' });
  });

  it('every version\'s bands cover 0-100 % without gap or overlap, each draw ratio inside its band', () => {
    for (const rules of RISK_CLASS_RULES) expect(samplingBandFaults(rules)).toEqual([]);
    // Every whole percent from 0 to 100 falls in exactly one band.
    const rules = RISK_CLASS_RULES[RISK_CLASS_RULES.length - 1];
    for (let percent = 0; percent <= 100; percent++) {
      const holders = CLASS_ORDER.filter((c, i) => inSamplingBand(rules.samplingBands[c], percent, i === 0));
      expect([percent, holders.length]).toEqual([percent, 1]);
    }
  });

  it('names the gap, the overlap and a draw ratio outside its band', () => {
    const faulty = {
      version: 'OLD',
      samplingBands: { A: { minPercent: 0, maxPercent: 5 }, B: { minPercent: 5, maxPercent: 20 }, C: { minPercent: 21, maxPercent: 60 }, D: { minPercent: 55, maxPercent: 100 } },
      drawPercent: { A: 5, B: 20, C: 60, D: 50 },
    };
    expect(samplingBandFaults(faulty)).toEqual([
      'OLD: band C starts at 21%, the band below ends at 20% (gap)',
      'OLD: band D starts at 55%, the band below ends at 60% (overlap)',
      'OLD: drawPercent D (50%) is outside its band (55-100%)',
    ]);
    const ok = { ...faulty, samplingBands: RISK_CLASS_RULES[0].samplingBands, drawPercent: { A: 0, B: 5, C: 60, D: 100 } };
    expect(samplingBandFaults(ok)).toEqual(['OLD: drawPercent B (5%) is outside its band (5-20%)']);
  });

  it('re-verifies 6 months after verification and maps dates to half-year periods', () => {
    expect(nextVerificationDue('2026-03-31').due).toBe('2026-09-30');
    expect(reportingPeriodRange('2026-H1')).toEqual({ start: '2026-01-01', end: '2026-06-30' });
    expect(reportingPeriodRange('2026-H2')).toEqual({ start: '2026-07-01', end: '2026-12-31' });
    expect(reportingPeriodRange('2026-H3')).toBeNull();
    expect(reportingPeriodOf('2026-07-01')).toBe('2026-H2');
  });
});
