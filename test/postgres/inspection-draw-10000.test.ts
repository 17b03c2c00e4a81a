import { completeUscc } from '../../shared/credit-code/uscc';
import { insertInChunks } from '../../shared/seed/insert';
import { marketRegulationSubgraph } from '../../subgraphs/market-regulation';
import { Operator, RegistrationStatus, SubjectType } from '../../subgraphs/market-regulation/entities/operator.entity';
import { RiskClassification } from '../../subgraphs/market-regulation/entities/risk-classification.entity';
import { MarketRegulationRiskClass } from '../../subgraphs/market-regulation/enums';
import { startSubgraphForTest, SubgraphHarness } from '../support/subgraph-harness';

/**
 * Issue 9's acceptance: a draw over 10,000 operators on PostgreSQL is reproducible and reads its population in the same
 * few statements as a small one. The operators and their classes are inserted directly (this measures the draw, not
 * the assessment, which test/e2e/credit-assessment.test.ts covers); the time taken is logged, never asserted.
 */
jest.setTimeout(180_000);

const N = 10_000;
const NOW = new Date('2026-11-20T04:00:00Z');
const MIX: [MarketRegulationRiskClass, number][] = [
  [MarketRegulationRiskClass.A, 25], [MarketRegulationRiskClass.B, 60], [MarketRegulationRiskClass.C, 10], [MarketRegulationRiskClass.D, 5],
];
const PERCENT: Record<string, number> = { A: 5, B: 20, C: 60, D: 100 };
const DRAW = `mutation ($input: DrawInspectionSampleInput!) { drawInspectionSample(input: $input) {
  populationCount drawnCount classCounts { riskClass population drawn percent } selections { operatorUscc samplingClass inspector } } }`;

describe('a draw over 10,000 operators on PostgreSQL', () => {
  let h: SubgraphHarness;
  let auth: Record<string, string>;

  beforeAll(async () => {
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: 0, now: NOW });
    auth = await h.as({ role: 'agency', agency: 'market-regulation' });
    const operators: Operator[] = [];
    const classes: Omit<RiskClassification, 'id'>[] = [];
    for (let i = 0; i < N; i++) {
      const uscc = completeUscc('91', '440106', `MA${String(i).padStart(6, '0')}`);
      operators.push({
        uscc, name: `广州抽查测试${i}号电子商务有限公司`, subjectType: SubjectType.ENTERPRISE, legalRepresentativeName: '陈伟',
        legalRepresentativeIdNumber: '440106199001011234', legalRepresentativePhone: '13800138000', registeredCapitalFen: 10_000_000,
        address: '广州市天河区天河路1号', districtCode: i % 2 ? '440106' : '440105', status: RegistrationStatus.EXISTING,
        establishedOn: '2020-01-01', registrationAuthority: '广州市市场监督管理局', createdAt: NOW,
      });
      let k = i % 100;
      const cls = MIX.find(([, share]) => (k -= share) < 0)![0];
      classes.push({
        operatorUscc: uscc, class: cls, month: '2026-11', modelVersion: 'GZ-CCA-2026.1', score: 700,
        classificationVersion: 'GZ-RISK-CLASS-2026.1', classifiedAt: NOW.toISOString(), assessmentId: null,
      });
    }
    const db = h.subgraph.database.dataSource;
    await db.transaction(async (m) => {
      await insertInChunks(m, Operator, operators, 1000);
      await insertInChunks(m, RiskClassification, classes, 1000);
    });
    // What a seeded database gets after seeding: planner statistics for the tables the draw reads.
    await db.query('ANALYZE');
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function draw(seed: string, population: Record<string, unknown> = {}) {
    h.resetSqlCount();
    const started = process.hrtime.bigint();
    const res = await h.query(DRAW, { input: { population, seed, roster: ['张伟', '李娜', '王芳', '刘洋'] } }, auth);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(res.errors).toBeUndefined();
    return { draw: res.data!.drawInspectionSample, ms, statements: h.sqlCount() };
  }

  it('draws each class at its ratio, the same operators for the same seed, in as many reads as a small draw', async () => {
    const first = await draw('ten-thousand');
    const again = await draw('ten-thousand');
    const small = await draw('ten-thousand', { districtCode: '440105' });
    console.log(`draw over ${first.draw.populationCount} operators on PostgreSQL: ${first.ms.toFixed(0)} ms, then ${again.ms.toFixed(0)} ms (${first.statements} SQL statements; ${small.draw.populationCount} operators: ${small.statements})`);
    expect(first.draw.populationCount).toBe(N);
    for (const c of first.draw.classCounts) {
      expect(c).toEqual({ riskClass: c.riskClass, population: c.population, percent: PERCENT[c.riskClass], drawn: Math.ceil((c.population * PERCENT[c.riskClass]) / 100) });
    }
    expect(first.draw.classCounts.map((c: { population: number }) => c.population)).toEqual([2500, 6000, 1000, 500]);
    // The same operators in the same classes; inspectors differ, since none may inspect the same operator twice in a row.
    const drawn = (d: { selections: { operatorUscc: string; samplingClass: string }[] }) => d.selections.map((s) => `${s.operatorUscc}:${s.samplingClass}`);
    expect(drawn(again.draw)).toEqual(drawn(first.draw));
    const repeated = new Set(first.draw.selections.map((s: { operatorUscc: string; inspector: string }) => `${s.operatorUscc}:${s.inspector}`));
    expect(again.draw.selections.filter((s: { operatorUscc: string; inspector: string }) => repeated.has(`${s.operatorUscc}:${s.inspector}`))).toEqual([]);
    expect(first.draw.drawnCount).toBe(125 + 1200 + 600 + 500);
    // The population in two reads whatever its size; only the selections' inserts grow, one per 1,000 rows.
    expect(first.statements - small.statements).toBe(Math.ceil(first.draw.drawnCount / 1000) - Math.ceil(small.draw.drawnCount / 1000));
  });
});
