import { isValidCitizenId } from '../../../shared/seed/citizen-id';
import { commerceSubgraph } from '../../../subgraphs/commerce';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, seedPlan } from './fixtures';

const OPERATORS = 6;
const plan = seedPlan(OPERATORS);
const op = plan.operators[2];

// A valid citizen ID number (GB 11643): 17 digits and the check character they give.
const ID_NUMBER = '440106199003071234'.slice(0, 17) + checkOf('44010619900307123');
function checkOf(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return '10X98765432'[sum % 11];
}
const WRONG_CHECK = ID_NUMBER.slice(0, 17) + (ID_NUMBER[17] === '0' ? '1' : '0');

const FIELDS = 'subjectId name exemptionGround platformId shopId districtCode recordedOn status registrationRequired registrationRequiredOn';
const RECORD = `mutation ($input: RecordExemptSubjectInput!) { recordExemptSubject(input: $input) { ${FIELDS} } }`;
const ONE = (fields: string) => `query ($id: ID!) { exemptSubject(subjectId: $id) { ${fields} } }`;
const LIST = `query ($filter: ExemptSubjectFilter, $first: Int, $after: String) {
  exemptSubjects(filter: $filter, first: $first, after: $after) { totalCount nodes { subjectId shopId } pageInfo { hasNextPage endCursor } } }`;
const RECORD_ACTION = `mutation ($input: RecordRegulatoryActionInput!) {
  recordRegulatoryAction(input: $input) { id kind operatorUscc platformId exemptSubjectId exemptSubject { subjectId name } documentNumber } }`;
const RECORD_CHECK = `mutation ($input: RecordStorefrontDisclosureCheckInput!) {
  recordStorefrontDisclosureCheck(input: $input) { id operatorUscc exemptSubjectId platformId shopId url licenseShown compliant findings } }`;
const REQUIRE = `mutation ($input: RequireExemptSubjectRegistrationInput!) {
  requireExemptSubjectRegistration(input: $input) { subjectId status registrationRequired registrationRequiredOn registrationRequiredReason } }`;

describe('market-regulation subgraph: subjects exempt from registration (issue 10 part 5)', () => {
  let h: SubgraphHarness;
  let commerce: SubgraphHarness;
  let staff: Record<string, string>;
  let admin: Record<string, string>;
  let evaluator: Record<string, string>;
  let recordedId: string;

  const input = (overrides: Record<string, unknown> = {}) => ({
    name: '石牌自家腊味', exemptionGround: 'OWN_HANDICRAFTS', platformId: plan.platforms[0].id, shopId: 'EXTEST001',
    districtCode: '440106', personName: '王小明', idNumber: ID_NUMBER, contact: '13812345678', ...overrides,
  });

  beforeAll(async () => {
    commerce = await startSubgraphForTest(commerceSubgraph, { seedOperators: OPERATORS, now: NOW });
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS, now: NOW, peerUrls: { commerce: commerce.subgraph.url } });
    staff = await h.as({ role: 'agency', agency: 'market-regulation' });
    admin = await h.as({ role: 'admin' });
    evaluator = await h.as({ role: 'evaluator' });
  });
  afterAll(async () => {
    await h?.stop();
    await commerce?.stop();
  });

  async function refused(q: string, variables: Record<string, unknown>, code: string, message: RegExp, headers = staff) {
    const res = await h.query(q, variables, headers);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.data?.[Object.keys(res.data ?? {})[0]] ?? null).toBeNull();
    return res;
  }

  it('seeds exempt subjects by the same rules: own identifiers per district, valid ID numbers, one record per shop', async () => {
    const res = await h.query('{ exemptSubjects(first: 50) { totalCount nodes { subjectId districtCode platformId shopId idNumber status exemptionGround } } }', {}, admin);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.exemptSubjects.nodes as Record<string, string>[];
    expect(nodes.length).toBeGreaterThanOrEqual(5);
    for (const n of nodes) {
      expect(n.subjectId).toMatch(new RegExp(`^EX-${n.districtCode}-\\d{6}$`));
      expect(isValidCitizenId(n.idNumber)).toBe(true);
      expect(plan.platforms.map((p) => p.id)).toContain(n.platformId);
    }
    expect(new Set(nodes.map((n) => `${n.platformId}/${n.shopId}`)).size).toBe(nodes.length);
    expect(nodes.filter((n) => n.districtCode === '440106').map((n) => n.subjectId)).toEqual(['EX-440106-000001', 'EX-440106-000002']);
    expect(nodes.map((n) => n.status)).toContain('REGISTRATION_REQUIRED');
  });

  it('records a subject with the next identifier of its district, refusing bad input with the rule', async () => {
    const res = await h.query(RECORD, { input: input() }, staff);
    expect(res.errors).toBeUndefined();
    const recorded = res.data!.recordExemptSubject;
    expect(recorded).toMatchObject({
      subjectId: 'EX-440106-000003', name: '石牌自家腊味', shopId: 'EXTEST001', recordedOn: '2026-11-02',
      status: 'EXEMPT', registrationRequired: false, registrationRequiredOn: null,
    });
    recordedId = recorded.subjectId;

    const bad = await refused(RECORD, { input: input({ shopId: 'EXTEST002', idNumber: WRONG_CHECK }) }, 'BAD_USER_INPUT',
      /`idNumber` is not a valid citizen ID number \(18 characters, GB 11643 check character\)/);
    expect(JSON.stringify(bad.errors)).not.toContain(WRONG_CHECK);
    const impossibleBirth = '44010619900230123';
    await refused(RECORD, { input: input({ shopId: 'EXTEST009', idNumber: impossibleBirth + checkOf(impossibleBirth) }) }, 'BAD_USER_INPUT',
      /`idNumber` does not carry a real birth date/);
    await refused(RECORD, { input: input() }, 'CONFLICT', new RegExp(`Shop ${plan.platforms[0].id}/EXTEST001 is already recorded`));
    await refused(RECORD, { input: input({ shopId: 'EXTEST003', platformId: 'nosuchmall' }) }, 'BAD_USER_INPUT', /No platform "nosuchmall"/);
    await refused(RECORD, { input: input({ shopId: 'EXTEST004', districtCode: '4401' }) }, 'BAD_USER_INPUT', /`districtCode` "4401" must be a six-digit/);
    await refused(RECORD, { input: input({ shopId: 'EXTEST005', contact: '12345' }) }, 'BAD_USER_INPUT', /`contact` is not a mobile/);
    await refused(RECORD, { input: input({ shopId: 'EXTEST006', recordedOn: '2026-12-01' }) }, 'BAD_USER_INPUT', /must not be in the future/);
    const customs = await h.as({ role: 'agency', agency: 'customs' });
    await refused(RECORD, { input: input({ shopId: 'EXTEST007' }) }, 'UNAUTHORIZED_FIELD_OR_TYPE', /Unauthorized/, customs);
    // Nothing refused was recorded: the district's next number is still free.
    const next = await h.query(RECORD, { input: input({ shopId: 'EXTEST008' }) }, staff);
    expect(next.data!.recordExemptSubject.subjectId).toBe('EX-440106-000004');
  });

  it('numbers concurrent recordings of one district without gaps or repeats, and records a shop once under a burst', async () => {
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      h.query(RECORD, { input: input({ shopId: `RACE${i}`, districtCode: '440115' }) }, staff)));
    expect(burst.map((r) => r.errors)).toEqual(Array(6).fill(undefined));
    expect(burst.map((r) => r.data!.recordExemptSubject.subjectId).sort()).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => `EX-440115-00000${n}`),
    );
    const same = await Promise.all(Array.from({ length: 6 }, () =>
      h.query(RECORD, { input: input({ shopId: 'RACESAME', districtCode: '440115' }) }, staff)));
    const outcomes = same.map((r) => (r.errors ? `${r.errors[0].extensions?.code}: ${r.errors[0].message}` : 'written')).sort();
    expect(outcomes).toEqual([...Array(5).fill(expect.stringMatching(/^CONFLICT: Shop .*\/RACESAME is already recorded/)), 'written']);
  });

  it('shows the shop to everyone and the natural person only masked, unmasked with pii:read', async () => {
    const publicView = await h.query(ONE(`${FIELDS} platform { id }`), { id: recordedId });
    expect(publicView.errors).toBeUndefined();
    expect(publicView.data!.exemptSubject).toMatchObject({ subjectId: recordedId, name: '石牌自家腊味', status: 'EXEMPT', platform: { id: plan.platforms[0].id } });

    const person = ONE('personName idNumber contact');
    const anonymous = await h.query(person, { id: recordedId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect(JSON.stringify(anonymous)).not.toContain('王小明');
    for (const headers of [evaluator, staff]) {
      const masked = await h.query(person, { id: recordedId }, headers);
      expect(masked.errors).toBeUndefined();
      expect(masked.data!.exemptSubject).toEqual({ personName: '王**', idNumber: `440106********${ID_NUMBER.slice(-4)}`, contact: '138****5678' });
    }
    const full = await h.query(person, { id: recordedId }, admin);
    expect(full.data!.exemptSubject).toEqual({ personName: '王小明', idNumber: ID_NUMBER, contact: '13812345678' });

    // The supervision record is for agencies.
    const supervision = ONE('subjectId regulatoryActions { id } storefrontDisclosureChecks { id } registrationRequiredReason');
    const byEvaluator = await h.query(supervision, { id: recordedId }, evaluator);
    expect(byEvaluator.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect(byEvaluator.data!.exemptSubject.regulatoryActions).toBeNull();
    const byStaff = await h.query(supervision, { id: recordedId }, staff);
    expect(byStaff.errors).toBeUndefined();
    expect(byStaff.data!.exemptSubject).toEqual({ subjectId: recordedId, regulatoryActions: [], storefrontDisclosureChecks: [], registrationRequiredReason: null });
  });

  it('lists subjects by platform and district, page by page', async () => {
    const first = await h.query(LIST, { filter: { districtCode: '440106' }, first: 2 });
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.exemptSubjects;
    expect(page1.totalCount).toBe(4);
    expect(page1.nodes.map((n: { subjectId: string }) => n.subjectId)).toEqual(['EX-440106-000001', 'EX-440106-000002']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await h.query(LIST, { filter: { districtCode: '440106' }, first: 2, after: page1.pageInfo.endCursor });
    expect(second.data!.exemptSubjects.nodes.map((n: { subjectId: string }) => n.subjectId)).toEqual(['EX-440106-000003', 'EX-440106-000004']);
    expect(second.data!.exemptSubjects.pageInfo.hasNextPage).toBe(false);
    const onPlatform = await h.query(LIST, { filter: { platformId: plan.platforms[0].id, districtCode: '440106' } });
    expect(onPlatform.data!.exemptSubjects.nodes.map((n: { shopId: string }) => n.shopId)).toEqual(expect.arrayContaining(['EXTEST001', 'EXTEST008']));
    await refused(LIST, { filter: { districtCode: 'Tianhe' } }, 'BAD_USER_INPUT', /six-digit/);
  });

  it('resolves the entity by its own key for the gateway', async () => {
    const res = await h.query('query ($r: [_Any!]!) { _entities(representations: $r) { ... on ExemptSubject { subjectId name status } } }',
      { r: [{ __typename: 'ExemptSubject', subjectId: recordedId }] });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([{ subjectId: recordedId, name: '石牌自家腊味', status: 'EXEMPT' }]);
  });

  it('records an interview against an exempt subject and shows it on the subject, for agencies', async () => {
    const base = { kind: 'INTERVIEW', takenOn: '2026-11-02', summary: '未持续公示不需要办理市场主体登记的自我声明，予以约谈', authority: '广州市天河区市场监督管理局' };
    const res = await h.query(RECORD_ACTION, { input: { ...base, subject: { exemptSubjectId: recordedId }, documentNumber: '穗天市监约〔2026〕EX1号' } }, staff);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordRegulatoryAction).toMatchObject({
      kind: 'INTERVIEW', operatorUscc: null, platformId: null, exemptSubjectId: recordedId, exemptSubject: { subjectId: recordedId, name: '石牌自家腊味' },
    });
    const shown = await h.query(ONE('regulatoryActions { kind documentNumber exemptSubjectId }'), { id: recordedId }, staff);
    expect(shown.data!.exemptSubject.regulatoryActions).toEqual([{ kind: 'INTERVIEW', documentNumber: '穗天市监约〔2026〕EX1号', exemptSubjectId: recordedId }]);
    const anonymous = await h.query(ONE('regulatoryActions { id }'), { id: recordedId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');

    await refused(RECORD_ACTION, { input: { ...base, subject: { exemptSubjectId: recordedId, operatorUscc: op.uscc }, documentNumber: 'D-EX-2' } },
      'BAD_USER_INPUT', /exactly one of `operatorUscc`, `platformId` and `exemptSubjectId`/);
    await refused(RECORD_ACTION, { input: { ...base, subject: { exemptSubjectId: 'EX-440106-999999' }, documentNumber: 'D-EX-3' } },
      'BAD_USER_INPUT', /No subject exempt from registration is recorded as EX-440106-999999/);
    await refused(RECORD_ACTION, { input: { ...base, subject: { exemptSubjectId: op.uscc }, documentNumber: 'D-EX-4' } },
      'BAD_USER_INPUT', /must be an exempt subject identifier EX-<district>-<sequence>/);
    await refused(RECORD_ACTION, { input: { ...base, subject: { exemptSubjectId: recordedId }, takenOn: '2026-10-01', documentNumber: 'D-EX-5' } },
      'BAD_USER_INPUT', /before the exempt subject was recorded \(2026-11-02\)/);
  });

  it('refuses the identifier where a credit code is expected, and a credit code where the identifier is', async () => {
    const asOperator = await h.query(RECORD_ACTION, {
      input: { kind: 'INTERVIEW', takenOn: '2026-11-02', summary: '约谈', authority: '广州市市场监督管理局', documentNumber: 'D-EX-6', subject: { operatorUscc: recordedId } },
    }, staff);
    expect(asOperator.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(asOperator.errors?.[0]?.message).toMatch(new RegExp(`Invalid unified social credit code "${recordedId}": must be 18 characters`));
    expect(asOperator.data ?? null).toBeNull();
    const operator = await h.query('query ($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { uscc } }', { u: recordedId });
    expect(operator.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(operator.data?.operator ?? null).toBeNull();
    await refused(ONE('subjectId'), { id: op.uscc }, 'BAD_USER_INPUT', /must be an exempt subject identifier/);
  });

  it("checks that the storefront displays its exemption (art. 15) with the subject as reference", async () => {
    const check = {
      exemptSubjectId: recordedId, platformId: plan.platforms[0].id, shopId: 'EXTEST001', licenseShown: false, compliant: false,
      findings: '未在店铺首页公示不需要办理市场主体登记的自我声明', checkedAt: '2026-11-02T02:00:00.000Z',
      url: `https://shop.${plan.platforms[0].id}.example/EXTEST001`,
    };
    const res = await h.query(RECORD_CHECK, { input: check }, staff);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordStorefrontDisclosureCheck).toMatchObject({
      operatorUscc: null, exemptSubjectId: recordedId, shopId: 'EXTEST001', url: check.url, compliant: false,
    });
    const shown = await h.query(ONE('storefrontDisclosureChecks { exemptSubjectId compliant findings }'), { id: recordedId }, staff);
    expect(shown.data!.exemptSubject.storefrontDisclosureChecks).toEqual([{ exemptSubjectId: recordedId, compliant: false, findings: check.findings }]);

    await refused(RECORD_CHECK, { input: check }, 'CONFLICT', /already recorded/);
    const later = { ...check, checkedAt: '2026-11-02T03:00:00.000Z' };
    await refused(RECORD_CHECK, { input: { ...later, url: null } }, 'BAD_USER_INPUT', /needs `url`/);
    await refused(RECORD_CHECK, { input: { ...later, shopId: 'OTHER' } }, 'BAD_USER_INPUT', /was recorded with storefront .*\/EXTEST001, not the one named/);
    await refused(RECORD_CHECK, { input: { ...later, operatorUscc: op.uscc } }, 'BAD_USER_INPUT', /exactly one of `operatorUscc` and `exemptSubjectId`/);
  });

  it('shows a subject whose trading exceeds the exemption as requiring registration, with the reason for agencies', async () => {
    const reason = '近十二个月各平台店铺交易额合计约12万元，超过10万元';
    const res = await h.query(REQUIRE, { input: { subjectId: recordedId, reason, decidedOn: '2026-11-02' } }, staff);
    expect(res.errors).toBeUndefined();
    expect(res.data!.requireExemptSubjectRegistration).toEqual({
      subjectId: recordedId, status: 'REGISTRATION_REQUIRED', registrationRequired: true, registrationRequiredOn: '2026-11-02', registrationRequiredReason: reason,
    });
    const publicView = await h.query(ONE('status registrationRequired registrationRequiredOn'), { id: recordedId });
    expect(publicView.data!.exemptSubject).toEqual({ status: 'REGISTRATION_REQUIRED', registrationRequired: true, registrationRequiredOn: '2026-11-02' });
    await refused(REQUIRE, { input: { subjectId: recordedId, reason, decidedOn: '2026-11-02' } }, 'CONFLICT', /already required to register \(since 2026-11-02\)/);
    await refused(REQUIRE, { input: { subjectId: 'EX-440106-000004', reason: ' ', decidedOn: '2026-11-02' } }, 'BAD_USER_INPUT', /`reason` must not be empty/);
    await refused(REQUIRE, { input: { subjectId: 'EX-440106-000004', reason, decidedOn: '2026-10-01' } }, 'BAD_USER_INPUT', /before the subject was recorded/);
  });
});
