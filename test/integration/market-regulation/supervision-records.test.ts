import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { commerceSubgraph } from '../../../subgraphs/commerce';
import { openStorefront } from '../../support/storefronts';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, seedPlan } from './fixtures';

const OPERATORS = 8;
const plan = seedPlan(OPERATORS);
const op = plan.operators[3];
const other = plan.operators[4];
const shopId = `T${op.uscc.slice(-8)}test`;

const RECORD_SPOT = `mutation ($input: RecordQualitySpotCheckInput!) {
  recordQualitySpotCheck(input: $input) { id sampleNumber operatorUscc result unqualifiedItems published publishedOn checkedOn } }`;
const PUBLISH = `mutation ($id: ID!, $on: Date!) { publishQualitySpotCheck(id: $id, publishedOn: $on) { id published publishedOn } }`;
const RECORD_ACTION = `mutation ($input: RecordRegulatoryActionInput!) {
  recordRegulatoryAction(input: $input) { id kind operatorUscc platformId platform { id } platformOperatingCompanyUscc documentNumber decisionNumber takenOn } }`;
const RECORD_CHECK = `mutation ($input: RecordStorefrontDisclosureCheckInput!) {
  recordStorefrontDisclosureCheck(input: $input) { id operatorUscc platformId shopId url licenseShown compliant findings checkedAt } }`;
const SPOT_CHECKS = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { qualitySpotChecks { sampleNumber published } } }`;

describe('market-regulation subgraph: supervision records (issue 9 part 6)', () => {
  let h: SubgraphHarness;
  let commerce: SubgraphHarness;
  let staff: Record<string, string>;

  beforeAll(async () => {
    commerce = await startSubgraphForTest(commerceSubgraph, { seedOperators: OPERATORS, now: NOW });
    await openStorefront(commerce.subgraph.database.dataSource, op.uscc, 'testmall');
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS, now: NOW, peerUrls: { commerce: commerce.subgraph.url } });
    staff = await h.as({ role: 'agency', agency: 'market-regulation' });
  });
  afterAll(async () => {
    await h?.stop();
    await commerce?.stop();
  });

  const spot = (overrides: Record<string, unknown> = {}) => ({
    operatorUscc: op.uscc, sampleNumber: 'SJ2026-T-0001', product: '绿茶（网购样品）', batch: '20261001', result: 'UNQUALIFIED',
    unqualifiedItems: '标签标识', checkedOn: '2026-10-20', authority: '广州市市场监督管理局', ...overrides,
  });

  async function refused(q: string, variables: Record<string, unknown>, code: string, message: RegExp) {
    const res = await h.query(q, variables, staff);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.data?.[Object.keys(res.data ?? {})[0]] ?? null).toBeNull();
  }

  it('records a spot check unpublished: the public does not see it until it is published, then does', async () => {
    const res = await h.query(RECORD_SPOT, { input: spot() }, staff);
    expect(res.errors).toBeUndefined();
    const check = res.data!.recordQualitySpotCheck;
    expect(check).toMatchObject({ sampleNumber: 'SJ2026-T-0001', published: false, publishedOn: null, result: 'UNQUALIFIED' });
    const before = await h.query(SPOT_CHECKS, { uscc: op.uscc });
    expect(before.data!.operator.qualitySpotChecks.map((c: { sampleNumber: string }) => c.sampleNumber)).not.toContain('SJ2026-T-0001');
    const published = await h.query(PUBLISH, { id: check.id, on: '2026-10-25' }, staff);
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishQualitySpotCheck).toMatchObject({ published: true, publishedOn: '2026-10-25' });
    const after = await h.query(SPOT_CHECKS, { uscc: op.uscc });
    expect(after.data!.operator.qualitySpotChecks).toContainEqual({ sampleNumber: 'SJ2026-T-0001', published: true });
    await refused(PUBLISH, { id: check.id, on: '2026-10-26' }, 'BAD_USER_INPUT', /already published \(2026-10-25\)/);
  });

  it('refuses bad spot checks with a reason and a duplicate sample number with CONFLICT', async () => {
    await refused(RECORD_SPOT, { input: spot() }, 'CONFLICT', /sample number SJ2026-T-0001 already exists/);
    await refused(RECORD_SPOT, { input: spot({ sampleNumber: 'X1', unqualifiedItems: null }) }, 'BAD_USER_INPUT', /needs `unqualifiedItems`/);
    await refused(RECORD_SPOT, { input: spot({ sampleNumber: 'X2', result: 'QUALIFIED' }) }, 'BAD_USER_INPUT', /only allowed with an UNQUALIFIED/);
    await refused(RECORD_SPOT, { input: spot({ sampleNumber: 'X3', checkedOn: '2026-12-01' }) }, 'BAD_USER_INPUT', /must not be in the future/);
    await refused(RECORD_SPOT, { input: spot({ sampleNumber: 'X4', operatorUscc: '91440101MA5CJQ4N59' }) }, 'BAD_USER_INPUT', /No operator is registered/);
    await refused(PUBLISH, { id: '999999', on: '2026-10-25' }, 'BAD_USER_INPUT', /No quality spot check with id 999999/);
  });

  it('needs market-regulation:write', async () => {
    const customs = await h.as({ role: 'agency', agency: 'customs' });
    const res = await h.query(RECORD_SPOT, { input: spot({ sampleNumber: 'X5' }) }, customs);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });

  it("records actions against an operator and against a platform's operating company, reachable from Platform", async () => {
    const onOperator = await h.query(RECORD_ACTION, { input: {
      subject: { operatorUscc: op.uscc }, kind: 'INTERVIEW', takenOn: '2026-10-30', summary: '就亮照问题约谈', authority: '广州市市场监督管理局',
      documentNumber: '穗市监约〔2026〕7号',
    } }, staff);
    expect(onOperator.errors).toBeUndefined();
    expect(onOperator.data!.recordRegulatoryAction).toMatchObject({ kind: 'INTERVIEW', operatorUscc: op.uscc, platformId: null });

    const platformId = plan.platforms[0].id;
    const onPlatform = await h.query(RECORD_ACTION, { input: {
      subject: { platformId }, kind: 'NOTICE', takenOn: '2026-10-31', summary: '平台未履行资质审核义务，予以通报', authority: '广州市市场监督管理局',
      documentNumber: '穗市监通〔2026〕3号',
    } }, staff);
    expect(onPlatform.errors).toBeUndefined();
    const action = onPlatform.data!.recordRegulatoryAction;
    expect(action).toMatchObject({ kind: 'NOTICE', operatorUscc: null, platformId, platform: { id: platformId } });
    expect(action.platformOperatingCompanyUscc).toMatch(/^[0-9A-Z]{18}$/);

    const entities = await h.query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Platform { id regulatoryActions { kind documentNumber } } } }',
      { r: [{ __typename: 'Platform', id: platformId }] }, staff,
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities[0].regulatoryActions).toEqual([{ kind: 'NOTICE', documentNumber: '穗市监通〔2026〕3号' }]);
    const root = await h.query('query ($p: ID!) { platformRegulatoryActions(platformId: $p) { id } }', { p: platformId }, staff);
    expect(root.data!.platformRegulatoryActions).toEqual([{ id: action.id }]);
    const anonymous = await h.query('query ($p: ID!) { platformRegulatoryActions(platformId: $p) { id } }', { p: platformId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });

  it('refuses actions without exactly one known subject, a duplicate document, or a penalty not of the subject', async () => {
    const base = { kind: 'INTERVIEW', takenOn: '2026-10-30', summary: '约谈', authority: '广州市市场监督管理局', documentNumber: 'D-NEW-1' };
    await refused(RECORD_ACTION, { input: { ...base, subject: {} } }, 'BAD_USER_INPUT', /exactly one of `operatorUscc`, `platformId` and `exemptSubjectId`/);
    await refused(RECORD_ACTION, { input: { ...base, subject: { operatorUscc: op.uscc, platformId: 'taobao' } } }, 'BAD_USER_INPUT', /exactly one/);
    await refused(RECORD_ACTION, { input: { ...base, subject: { platformId: 'nosuchmall' } } }, 'BAD_USER_INPUT', /No platform "nosuchmall" is registered with commerce/);
    await refused(RECORD_ACTION, { input: { ...base, subject: { operatorUscc: op.uscc }, documentNumber: '穗市监约〔2026〕7号' } }, 'CONFLICT', /already exists/);
    await refused(RECORD_ACTION, { input: { ...base, subject: { operatorUscc: op.uscc }, kind: 'PENALTY', documentNumber: null, decisionNumber: 'NO-SUCH' } },
      'BAD_USER_INPUT', /No penalty with decision number NO-SUCH/);
    await refused(RECORD_ACTION, { input: { ...base, subject: { operatorUscc: op.uscc }, kind: 'PENALTY', documentNumber: null } },
      'BAD_USER_INPUT', /needs the `decisionNumber`/);
  });

  it("records a disclosure check only of a storefront in commerce's registry", async () => {
    const input = {
      operatorUscc: op.uscc, platformId: 'testmall', shopId, licenseShown: false, compliant: false,
      findings: '未在首页显著位置公示营业执照信息', checkedAt: '2026-11-01T02:00:00.000Z',
    };
    const res = await h.query(RECORD_CHECK, { input }, staff);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordStorefrontDisclosureCheck).toMatchObject({
      operatorUscc: op.uscc, platformId: 'testmall', shopId, url: `https://shop.testmall.example/${shopId}`, compliant: false,
    });
    await refused(RECORD_CHECK, { input }, 'CONFLICT', /already recorded/);
    await refused(RECORD_CHECK, { input: { ...input, operatorUscc: other.uscc } }, 'BAD_USER_INPUT', /No storefront of operator .* on platform testmall/);
    await refused(RECORD_CHECK, { input: { ...input, shopId: 'nope' } }, 'BAD_USER_INPUT', /with shop id "nope"/);
    await refused(RECORD_CHECK, { input: { ...input, compliant: true, findings: null } }, 'BAD_USER_INPUT', /cannot be `compliant`/);
    const byName = await h.query(RECORD_CHECK, { input: { ...input, shopId: null, shopName: `测试店${shopId}`, checkedAt: '2026-11-01T03:00:00.000Z' } }, staff);
    expect(byName.errors).toBeUndefined();
    expect(byName.data!.recordStorefrontDisclosureCheck.shopId).toBe(shopId);
  });

  it('refuses with SUBGRAPH_UNAVAILABLE and records nothing when commerce does not answer', async () => {
    const lonely = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS, now: NOW, peerUrls: { commerce: 'http://127.0.0.1:9/graphql' } });
    try {
      const res = await lonely.query(RECORD_CHECK, { input: {
        operatorUscc: op.uscc, platformId: 'testmall', shopId, licenseShown: true, compliant: true, checkedAt: '2026-11-01T02:00:00.000Z',
      } }, await lonely.as({ role: 'agency', agency: 'market-regulation' }));
      expect(res.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    } finally {
      await lonely.stop();
    }
  });
});
