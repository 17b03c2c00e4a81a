import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { MarketRegulationMeasure } from '../../../subgraphs/market-regulation/entities/market-regulation-measure.entity';
import { Operator, RegistrationStatus } from '../../../subgraphs/market-regulation/entities/operator.entity';
import { PlatformRegistration } from '../../../subgraphs/market-regulation/entities/platform-registration.entity';
import { RiskClassification } from '../../../subgraphs/market-regulation/entities/risk-classification.entity';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, TODAY } from './fixtures';

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DRAW = `mutation ($input: DrawInspectionSampleInput!) { drawInspectionSample(input: $input) {
  id drawnOn seed seedSha256 rulesVersion populationCount drawnCount roster note
  population { districtCode platformId subjectType }
  classCounts { riskClass population drawn percent }
  selections { operatorUscc samplingClass inspector inspectionId }
} }`;
const RECORD = `mutation ($input: RecordInspectionInput!) { recordInspection(input: $input) { id operatorUscc inspectedOn onSite result drawId } }`;
const PUBLIC_LIST = `query { inspectionDraws(first: 5) { totalCount nodes { id drawnOn seed seedSha256 populationCount drawnCount classCounts { riskClass drawn percent } } } }`;
const PERCENT: Record<string, number> = { A: 5, B: 20, C: 60, D: 100 };
const ROSTER = ['张伟', '李娜', '王芳', '刘洋'];

describe('market regulation: tiered "double random" sampling draws (issue 9 part 5) and recordInspection', () => {
  let h: SubgraphHarness;
  let auth: Record<string, string>;
  const db = () => h.subgraph.database.dataSource;

  beforeAll(async () => {
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: 60, now: NOW });
    auth = await h.as({ role: 'agency', agency: 'market-regulation' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function draw(input: Record<string, unknown>): Promise<Op> {
    const res = await h.query(DRAW, { input: { roster: ROSTER, ...input } }, auth);
    expect(res.errors).toBeUndefined();
    return res.data!.drawInspectionSample;
  }

  /** Sampling class each existing operator should have: the month's class raised by its sampling measures. */
  async function expectedClasses(): Promise<Map<string, string>> {
    const ops = await db().getRepository(Operator).findBy({ status: RegistrationStatus.EXISTING });
    const classes = await db().getRepository(RiskClassification).find({ order: { month: 'ASC' } });
    const measures = await db().getRepository(MarketRegulationMeasure).findBy({ kind: 'HIGHER_SAMPLING_RATIO' });
    const latest = new Map<string, string>();
    for (const c of classes) if (c.month <= TODAY.slice(0, 7)) latest.set(c.operatorUscc, c.class);
    const order = ['A', 'B', 'C', 'D'];
    const result = new Map<string, string>();
    for (const o of ops) {
      let cls = latest.get(o.uscc) ?? 'B';
      for (const m of measures) {
        if (m.operatorUscc !== o.uscc || m.startsOn > TODAY || (m.liftedOn && m.liftedOn <= TODAY)) continue;
        const min = m.basisListKind === 'SERIOUS_DISHONEST' ? 'D' : 'C';
        if (order.indexOf(min) > order.indexOf(cls)) cls = min;
      }
      result.set(o.uscc, cls);
    }
    return result;
  }

  it('draws each sampling class at its configured ratio (rounded up), dishonest operators all, with a recorded seed', async () => {
    const d = await draw({ population: {}, note: '2026年第四季度' });
    const expected = await expectedClasses();
    expect(d.populationCount).toBe(expected.size);
    expect(d.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(d.rulesVersion).toBe('GZ-RISK-SAMPLING-2022.1');
    for (const c of d.classCounts) {
      const members = [...expected.values()].filter((x) => x === c.riskClass).length;
      expect(c.population).toBe(members);
      expect(c.percent).toBe(PERCENT[c.riskClass]);
      expect(c.drawn).toBe(Math.ceil((members * c.percent) / 100));
      const selected = d.selections.filter((s: Op) => s.samplingClass === c.riskClass);
      expect(selected).toHaveLength(c.drawn);
      for (const s of selected) expect(expected.get(s.operatorUscc)).toBe(c.riskClass);
    }
    // The seed has class-D (listed) operators: all of them drawn.
    const dCount = d.classCounts.find((c: Op) => c.riskClass === 'D');
    expect(dCount.population).toBeGreaterThan(0);
    expect(dCount.drawn).toBe(dCount.population);
    expect(d.drawnCount).toBe(d.selections.length);
    for (const s of d.selections) expect(ROSTER).toContain(s.inspector);
  });

  it('is reproducible: the same seed and population give the same draw', async () => {
    const a = await draw({ population: {}, seed: 'GZ-2026-Q4-001' });
    const b = await draw({ population: {}, seed: 'GZ-2026-Q4-001' });
    const c = await draw({ population: {}, seed: 'GZ-2026-Q4-002' });
    const picked = (x: Op) => x.selections.map((s: Op) => s.operatorUscc);
    expect(picked(b)).toEqual(picked(a));
    expect(b.classCounts).toEqual(a.classCounts);
    expect(picked(c)).not.toEqual(picked(a));
  });

  it('never assigns an operator the inspector of its previous draw', async () => {
    const first = await draw({ population: {}, seed: 'rotation-1', roster: ['甲', '乙'] });
    const second = await draw({ population: {}, seed: 'rotation-2', roster: ['甲', '乙'] });
    const before = new Map(first.selections.map((s: Op) => [s.operatorUscc, s.inspector]));
    const both = second.selections.filter((s: Op) => before.has(s.operatorUscc));
    expect(both.length).toBeGreaterThan(0);
    for (const s of both) expect(s.inspector).not.toBe(before.get(s.operatorUscc));
  });

  it('draws only from the population named by district, platform and subject type', async () => {
    const sample = await db().getRepository(Operator).findOneByOrFail({ status: RegistrationStatus.EXISTING });
    const district = await draw({ population: { districtCode: sample.districtCode }, seed: 's' });
    const inDistrict = await db().getRepository(Operator).countBy({ districtCode: sample.districtCode, status: RegistrationStatus.EXISTING });
    expect(district.populationCount).toBe(inDistrict);
    expect(district.population).toEqual({ districtCode: sample.districtCode, platformId: null, subjectType: null });
    const districtOf = new Map((await db().getRepository(Operator).find()).map((o) => [o.uscc, o]));
    for (const s of district.selections) expect(districtOf.get(s.operatorUscc)!.districtCode).toBe(sample.districtCode);

    const byType = await draw({ population: { subjectType: 'INDIVIDUAL_BUSINESS' }, seed: 's' });
    for (const s of byType.selections) expect(districtOf.get(s.operatorUscc)!.subjectType).toBe('INDIVIDUAL_BUSINESS');

    const reg = await db().getRepository(PlatformRegistration).findOneByOrFail({});
    const members = new Set((await db().getRepository(PlatformRegistration).findBy({ platformId: reg.platformId })).map((r) => r.operatorUscc));
    const byPlatform = await draw({ population: { platformId: reg.platformId }, seed: 's' });
    const existingMembers = [...members].filter((u) => districtOf.get(u)!.status === RegistrationStatus.EXISTING);
    expect(byPlatform.populationCount).toBe(existingMembers.length);
    for (const s of byPlatform.selections) expect(members.has(s.operatorUscc)).toBe(true);
  });

  it('reads the population in the same number of SQL statements whatever its size', async () => {
    const sample = await db().getRepository(Operator).findOneByOrFail({ status: RegistrationStatus.EXISTING });
    h.resetSqlCount();
    const small = await draw({ population: { districtCode: sample.districtCode }, seed: 'count' });
    const smallCount = h.sqlCount();
    h.resetSqlCount();
    const all = await draw({ population: {}, seed: 'count' });
    const allCount = h.sqlCount();
    expect(all.populationCount).toBeGreaterThan(small.populationCount * 2);
    expect(allCount).toBe(smallCount);
  });

  it('refuses bad draws with BAD_USER_INPUT naming the argument', async () => {
    for (const [input, word] of [
      [{ population: {}, roster: [] }, 'roster'],
      [{ population: {}, roster: ['甲', '甲'] }, 'roster'],
      [{ population: { districtCode: '44A' } }, 'population.districtCode'],
      [{ population: {}, drawnOn: '2099-01-01' }, 'drawnOn'],
    ] as [Record<string, unknown>, string][]) {
      const res = await h.query(DRAW, { input: { roster: ROSTER, ...input } }, auth);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toContain(word);
    }
    const anon = await h.query(DRAW, { input: { roster: ROSTER, population: {} } });
    expect(anon.data?.drawInspectionSample ?? null).toBeNull();
    expect(anon.errors?.[0].extensions?.code).toMatch(/UNAUTHORIZED_FIELD_OR_TYPE|UNAUTHENTICATED|FORBIDDEN/);
  });

  it('records one inspection per drawn operator, on site for class D, and publishes the seed once all are inspected', async () => {
    const d = await draw({ population: {}, seed: 'record' });
    const classD = d.selections.find((s: Op) => s.samplingClass === 'D');
    const other = d.selections.find((s: Op) => s.samplingClass !== 'D' && s.samplingClass !== 'C');
    const input = (s: Op, extra: Record<string, unknown> = {}) => ({
      input: { drawId: d.id, operatorUscc: s.operatorUscc, inspectedOn: TODAY, result: 'NO_ISSUES', onSite: false, ...extra },
    });

    const offSite = await h.query(RECORD, input(classD), auth);
    expect(offSite.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(offSite.errors?.[0].message).toMatch(/onSite.*(class D|ON_SITE_INSPECTION_REQUIRED)/);

    const notDrawn = (await db().getRepository(Operator).find()).find((o) => !d.selections.some((s: Op) => s.operatorUscc === o.uscc))!;
    const wrong = await h.query(RECORD, input({ operatorUscc: notDrawn.uscc }), auth);
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].message).toContain('was not drawn');

    const ok = await h.query(RECORD, input(classD, { onSite: true, result: 'ISSUES_PENDING' }), auth);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.recordInspection).toMatchObject({ operatorUscc: classD.operatorUscc, onSite: true, drawId: d.id });
    const again = await h.query(RECORD, input(classD, { onSite: true }), auth);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    if (other) {
      const offSiteOk = await h.query(RECORD, input(other), auth);
      expect(offSiteOk.errors).toBeUndefined();
    }

    // The public sees the draw and its counts but not the seed while inspections are pending.
    const pub = await h.query(PUBLIC_LIST);
    expect(pub.errors).toBeUndefined();
    const listed = pub.data!.inspectionDraws.nodes.find((n: Op) => n.id === d.id);
    expect(listed).toMatchObject({ seed: null, seedSha256: d.seedSha256, drawnCount: d.drawnCount });
    for (const s of d.selections.filter((s: Op) => s.inspectionId === null && s !== classD && s !== other)) {
      const r = await h.query(RECORD, input(s, { onSite: true }), auth);
      expect(r.errors).toBeUndefined();
    }
    const after = await h.query(PUBLIC_LIST);
    expect(after.data!.inspectionDraws.nodes.find((n: Op) => n.id === d.id).seed).toBe('record');
  });
});
