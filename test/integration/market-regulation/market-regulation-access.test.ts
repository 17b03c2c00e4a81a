import { openAccessControlStore } from '../../../shared/access-control';
import type { Caller } from '../../../shared/auth/caller';
import { commerceSubgraph } from '../../../subgraphs/commerce';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import type { GraphQLResponse } from '../../support/graphql-client';
import { openStorefront } from '../../support/storefronts';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, seedPlan } from './fixtures';
import { verifiedEntry } from '../../support/verification';

const OPERATORS = 40;
const plan = seedPlan(OPERATORS);
const dishonest = plan.operators[0];
const UNAUTHORIZED = 'UNAUTHORIZED_FIELD_OR_TYPE';

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Headers = Record<string, string>;

/** Every kind of field of the subgraph: public, PII, GOV_SHARED (with and without platforms), AGENCY_PRIVATE. */
const FIELDS = `uscc name subjectType
  registration { legalRepresentative { name idNumber phone } districtCode status }
  onAbnormalList onSeriousDishonestList
  licenses { licenseNumber status }
  abnormalOperations { reason current }
  seriousDishonesty { ground current measures basisPenalties { decisionNumber } }
  qualitySpotChecks { id result published }
  penalties { decisionNumber published inPublicity responsiblePersonName caseHandlerNote }
  riskClass { class month samplingRatio { minPercent maxPercent } }
  riskClassHistory { month class }
  regulatoryActions { kind }
  platformRegistrations { platformId reportingPeriod }
  storefrontDisclosureChecks { compliant }
  inspections { task findings }`;
const OPERATOR = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { ${FIELDS} } }`;
const ALL = `query ($after: String) { operators(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${FIELDS} } } }`;

/** Paths (joined with dots) of the errors, each of which must be an unauthorized field. */
function deniedPaths(res: GraphQLResponse): string[] {
  for (const e of res.errors ?? []) {
    expect({ message: e.message, code: e.extensions?.code }).toEqual({ message: 'Unauthorized field or type', code: UNAUTHORIZED });
  }
  return (res.errors ?? []).map((e) => (e.path ?? []).join('.')).sort();
}

const maskId = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;
const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
const maskName = (name: string) => `${[...name][0]}${'*'.repeat([...name].length - 1)}`;

describe('market-regulation subgraph: field-level access', () => {
  let h: SubgraphHarness;
  /** Commerce, whose storefront registry platform verification reports are checked against. */
  let commerce: SubgraphHarness;
  let full: Op[];
  const as: Record<string, Headers> = {};
  const byCode = (uscc: string) => full.find((o) => o.uscc === uscc) as Op;

  beforeAll(async () => {
    commerce = await startSubgraphForTest(commerceSubgraph, { seedOperators: OPERATORS, now: NOW });
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS, now: NOW, peerUrls: { commerce: commerce.subgraph.url } });
    as.market = await h.as({ role: 'agency', agency: 'market-regulation' });
    as.marketPii = await h.as({ role: 'agency', agency: 'market-regulation', scopes: ['pii:read'] });
    as.customs = await h.as({ role: 'agency', agency: 'customs' });
    as.evaluator = await h.as({ role: 'evaluator', subject: 'evaluator:bank-1' });
    as.admin = await h.as({ role: 'admin' });
    full = [];
    let after: string | undefined;
    for (;;) {
      const res = await h.query(ALL, { after }, as.marketPii);
      expect(res.errors).toBeUndefined();
      full.push(...res.data!.operators.nodes);
      if (!res.data!.operators.pageInfo.hasNextPage) break;
      after = res.data!.operators.pageInfo.endCursor;
    }
    expect(full).toHaveLength(OPERATORS);
  });
  afterAll(async () => {
    await h?.stop();
    await commerce?.stop();
  });

  const read = (uscc: string, headers: Headers = {}) => h.query(OPERATOR, { uscc }, headers);

  describe('anonymous callers', () => {
    it('get every public field and null plus an error for each non-public one', async () => {
      const res = await read(dishonest.uscc);
      const op = res.data!.operator;
      const own = byCode(dishonest.uscc);
      expect(op).toMatchObject({
        uscc: dishonest.uscc,
        name: dishonest.name,
        subjectType: dishonest.subjectType,
        registration: { legalRepresentative: { name: dishonest.legalRepresentative.name, idNumber: null, phone: null } },
        onAbnormalList: true,
        onSeriousDishonestList: true,
        licenses: own.licenses,
        abnormalOperations: own.abnormalOperations,
        riskClass: null,
        riskClassHistory: null,
        regulatoryActions: null,
        platformRegistrations: null,
        storefrontDisclosureChecks: null,
        inspections: null,
      });
      expect(op.penalties.length).toBeGreaterThan(0);
      for (const p of op.penalties) expect(p).toMatchObject({ responsiblePersonName: null, caseHandlerNote: null });
      const perPenalty = op.penalties.flatMap((_: Op, i: number) => [
        `operator.penalties.${i}.caseHandlerNote`,
        `operator.penalties.${i}.responsiblePersonName`,
      ]);
      expect(deniedPaths(res)).toEqual(
        [
          'operator.registration.legalRepresentative.idNumber',
          'operator.registration.legalRepresentative.phone',
          'operator.riskClass',
          'operator.riskClassHistory',
          'operator.regulatoryActions',
          'operator.platformRegistrations',
          'operator.storefrontDisclosureChecks',
          'operator.inspections',
          ...perPenalty,
        ].sort(),
      );
    });

    it('see only penalties within their publicity period; an agency sees the expired one too', async () => {
      const withExpired = full.find((o) => o.penalties.some((p: Op) => p.published && !p.inPublicity));
      expect(withExpired).toBeDefined();
      const expired = withExpired!.penalties.find((p: Op) => p.published && !p.inPublicity);
      const publicView = await h.query(
        `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { penalties { decisionNumber inPublicity } } }`,
        { uscc: withExpired!.uscc },
      );
      expect(publicView.errors).toBeUndefined();
      const shown = publicView.data!.operator.penalties;
      expect(shown.map((p: Op) => p.decisionNumber)).not.toContain(expired.decisionNumber);
      expect(shown.every((p: Op) => p.inPublicity)).toBe(true);
      expect(shown.map((p: Op) => p.decisionNumber)).toEqual(
        withExpired!.penalties.filter((p: Op) => p.inPublicity).map((p: Op) => p.decisionNumber),
      );
      // The same operator through an agency token (another agency's too: it holds gov:shared).
      for (const headers of [as.market, as.customs]) {
        const agencyView = await h.query(`query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { penalties { decisionNumber } } }`, { uscc: withExpired!.uscc }, headers);
        expect(agencyView.data!.operator.penalties.map((p: Op) => p.decisionNumber)).toContain(expired.decisionNumber);
      }
      // Unpublished warnings are hidden from the public as well.
      const warned = full.find((o) => o.penalties.some((p: Op) => !p.published));
      if (warned) {
        const res = await read(warned.uscc);
        const hidden = warned.penalties.filter((p: Op) => !p.published).map((p: Op) => p.decisionNumber);
        for (const n of hidden) expect(res.data!.operator.penalties.map((p: Op) => p.decisionNumber)).not.toContain(n);
      }
    });

    it('see only published quality spot check results', async () => {
      const withUnpublished = full.find((o) => o.qualitySpotChecks.some((c: Op) => !c.published));
      expect(withUnpublished).toBeDefined();
      const res = await read(withUnpublished!.uscc);
      expect(res.data!.operator.qualitySpotChecks).toEqual(withUnpublished!.qualitySpotChecks.filter((c: Op) => c.published));
    });

    it('may not filter operators by risk class (FORBIDDEN); agencies may', async () => {
      const q = `{ operators(first: 5, filter: { riskClass: D }) { totalCount nodes { uscc } } }`;
      const anonymous = await h.query(q);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(anonymous.data).toEqual({ operators: null }); // a nullable root field: a refusal blanks only itself
      for (const headers of [as.evaluator, await h.as({ role: 'platform', platformId: 'taobao' })]) {
        expect((await h.query(q, {}, headers)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      for (const headers of [as.customs, as.admin]) {
        const res = await h.query(q, {}, headers);
        expect(res.errors).toBeUndefined();
        expect(res.data!.operators.totalCount).toBe(full.filter((o) => o.riskClass?.class === 'D').length);
      }
      const other = await h.query(`{ operators(first: 5, filter: { onAbnormalList: true }) { totalCount } }`);
      expect(other.errors).toBeUndefined();
    });
  });

  describe('agencies', () => {
    it('another agency sees GOV_SHARED fields but not market regulation\'s private ones', async () => {
      const res = await read(dishonest.uscc, as.customs);
      const op = res.data!.operator;
      const own = byCode(dishonest.uscc);
      expect(op.riskClass).toEqual(own.riskClass);
      expect(op.riskClassHistory).toEqual(own.riskClassHistory);
      expect(op.regulatoryActions).toEqual(own.regulatoryActions);
      expect(op.platformRegistrations).toEqual(own.platformRegistrations);
      expect(op.storefrontDisclosureChecks).toEqual(own.storefrontDisclosureChecks);
      expect(op.inspections.map((i: Op) => i.task)).toEqual(own.inspections.map((i: Op) => i.task));
      expect(op.inspections.every((i: Op) => i.findings === null)).toBe(true);
      expect(op.penalties.every((p: Op) => p.caseHandlerNote === null)).toBe(true);
      expect(own.inspections.some((i: Op) => i.findings !== null)).toBe(true);
      expect(own.penalties.some((p: Op) => p.caseHandlerNote !== null)).toBe(true);
      const expected = [
        ...op.inspections.map((_: Op, i: number) => `operator.inspections.${i}.findings`),
        ...op.penalties.map((_: Op, i: number) => `operator.penalties.${i}.caseHandlerNote`),
      ];
      expect(deniedPaths(res)).toEqual(expected.sort());
    });

    it('market regulation sees its own private fields; an admin sees everything', async () => {
      for (const headers of [as.market, as.admin]) {
        const res = await read(dishonest.uscc, headers);
        expect(res.errors).toBeUndefined();
        const op = res.data!.operator;
        expect(op.inspections.map((i: Op) => i.findings)).toEqual(byCode(dishonest.uscc).inspections.map((i: Op) => i.findings));
        expect(op.penalties.map((p: Op) => p.caseHandlerNote)).toEqual(byCode(dishonest.uscc).penalties.map((p: Op) => p.caseHandlerNote));
      }
    });
  });

  describe('personal information', () => {
    const individual = () => {
      const op = full.find((o) => o.penalties.some((p: Op) => p.responsiblePersonName));
      expect(op).toBeDefined();
      return op!;
    };

    it('is masked for signed-in callers without pii:read, in the exact masked forms', async () => {
      const seeded = dishonest.legalRepresentative;
      for (const headers of [as.market, as.customs, as.evaluator]) {
        const res = await read(dishonest.uscc, headers);
        expect(res.data!.operator.registration.legalRepresentative).toEqual({
          name: seeded.name,
          idNumber: maskId(seeded.idNumber),
          phone: maskPhone(seeded.phone),
        });
      }
      expect(maskId('440106199001011234')).toBe('440106********1234');
      const op = individual();
      const person = op.penalties.find((p: Op) => p.responsiblePersonName);
      const res = await h.query(`query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { penalties { decisionNumber responsiblePersonName } } }`, { uscc: op.uscc }, as.market);
      expect(res.errors).toBeUndefined();
      const masked = res.data!.operator.penalties.find((p: Op) => p.decisionNumber === person.decisionNumber);
      expect(masked.responsiblePersonName).toBe(maskName(person.responsiblePersonName));
      expect(masked.responsiblePersonName).toMatch(/^.\*+$/u);
    });

    it('is shown unmasked with pii:read and to the operator itself', async () => {
      const seeded = dishonest.legalRepresentative;
      const self = await h.as({ role: 'operator', operators: [dishonest.uscc] });
      for (const headers of [as.marketPii, as.admin, self]) {
        const res = await read(dishonest.uscc, headers);
        expect(res.data!.operator.registration.legalRepresentative).toEqual(seeded);
      }
      const op = individual();
      const person = op.penalties.find((p: Op) => p.responsiblePersonName);
      expect(person.responsiblePersonName).toBe(plan.operators.find((o) => o.uscc === op.uscc)!.legalRepresentative.name);
      const own = await h.as({ role: 'operator', operators: [op.uscc] });
      const res = await h.query(`query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { penalties { responsiblePersonName } } }`, { uscc: op.uscc }, own);
      expect(res.errors).toBeUndefined();
      expect(res.data!.operator.penalties.map((p: Op) => p.responsiblePersonName)).toContain(person.responsiblePersonName);
    });
  });

  describe('operators', () => {
    const A = dishonest.uscc;
    const B = plan.operators[1].uscc;

    it('an operator reads its own GOV_SHARED fields and every own penalty, not another operator\'s', async () => {
      const self = await h.as({ role: 'operator', operators: [A] });
      const mine = await read(A, self);
      const op = mine.data!.operator;
      expect(op.riskClass).toEqual(byCode(A).riskClass);
      expect(op.riskClassHistory).toEqual(byCode(A).riskClassHistory);
      expect(op.regulatoryActions).toEqual(byCode(A).regulatoryActions);
      expect(op.platformRegistrations).toEqual(byCode(A).platformRegistrations);
      expect(op.inspections.map((i: Op) => i.task)).toEqual(byCode(A).inspections.map((i: Op) => i.task));
      expect(op.penalties.map((p: Op) => p.decisionNumber)).toEqual(byCode(A).penalties.map((p: Op) => p.decisionNumber));
      expect(op.qualitySpotChecks).toEqual(byCode(A).qualitySpotChecks);
      // Only market regulation's own notes and raw findings stay closed to the operator.
      expect(deniedPaths(mine).every((p) => /\.(findings|caseHandlerNote)$/.test(p))).toBe(true);

      const theirs = await read(B, self);
      expect(theirs.data!.operator).toMatchObject({
        uscc: B, riskClass: null, riskClassHistory: null, regulatoryActions: null, inspections: null,
        platformRegistrations: null, storefrontDisclosureChecks: null,
        registration: { legalRepresentative: { idNumber: maskId(plan.operators[1].legalRepresentative.idNumber) } },
      });
      expect(deniedPaths(theirs)).toEqual(expect.arrayContaining(['operator.riskClass', 'operator.inspections']));
    });
  });

  describe('platforms', () => {
    /** A platform with an operator in its registry and one that is not. */
    function platformCase() {
      for (const p of ['taobao', 'jd', 'pinduoduo', 'douyin', 'meituan', ...full.flatMap((o) => o.platformRegistrations.map((r: Op) => r.platformId))]) {
        const member = full.find((o) => o.platformRegistrations.some((r: Op) => r.platformId === p));
        const outsider = full.find((o) => !o.platformRegistrations.some((r: Op) => r.platformId === p));
        if (member && outsider) return { platformId: p, member, outsider };
      }
      throw new Error('seed has no platform with both members and outsiders');
    }

    it('a platform sees the risk class of an operator registered on it and is denied for one that is not', async () => {
      const { platformId, member, outsider } = platformCase();
      const headers = await h.as({ role: 'platform', platformId });
      const q = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { uscc name riskClass { class month samplingRatio { minPercent } }
        riskClassHistory { month } regulatoryActions { kind } platformRegistrations { platformId } inspections { task } } }`;
      const on = await h.query(q, { uscc: member.uscc }, headers);
      const onOp = on.data!.operator;
      expect(onOp.riskClass).toEqual({ class: member.riskClass.class, month: member.riskClass.month, samplingRatio: { minPercent: member.riskClass.samplingRatio.minPercent } });
      expect(onOp.riskClassHistory).toHaveLength(member.riskClassHistory.length);
      expect(onOp.regulatoryActions).toEqual(member.regulatoryActions);
      // Its own reports only, not those of other platforms.
      expect(onOp.platformRegistrations.length).toBeGreaterThan(0);
      expect(onOp.platformRegistrations.every((r: Op) => r.platformId === platformId)).toBe(true);
      // Inspections are for agencies only, even for in-platform operators.
      expect(onOp.inspections).toBeNull();
      expect(deniedPaths(on)).toEqual(['operator.inspections']);

      const off = await h.query(q, { uscc: outsider.uscc }, headers);
      expect(off.data!.operator).toEqual({
        uscc: outsider.uscc, name: outsider.name, riskClass: null, riskClassHistory: null, regulatoryActions: null,
        platformRegistrations: null, inspections: null,
      });
      expect(deniedPaths(off)).toEqual(
        ['operator.riskClass', 'operator.riskClassHistory', 'operator.regulatoryActions', 'operator.platformRegistrations', 'operator.inspections'].sort(),
      );
    });

    it('a platform reports its own operators only (FORBIDDEN for another platform id), and only those trading on it', async () => {
      const { platformId, outsider } = platformCase();
      const headers = await h.as({ role: 'platform', platformId });
      const report = (forPlatform: string, uscc: string) => ({
        input: { platformId: forPlatform, reportingPeriod: '2026-H2', entries: [verifiedEntry(uscc, '2026-10-15T02:00:00.000Z')] },
      });
      const REPORT = `mutation ($input: RecordPlatformVerificationReportInput!) { recordPlatformVerificationReport(input: $input) {
        operatorUscc platformId reportingPeriod } }`;
      const RISK = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { riskClass { class } } }`;
      const otherPlatform = platformId === 'jd' ? 'taobao' : 'jd';
      const refused = await h.query(REPORT, report(otherPlatform, outsider.uscc), headers);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.data).toBeNull();

      // An operator with no storefront on the platform cannot be made "in-platform" by naming it.
      const before = (await read(outsider.uscc, as.market)).data!.operator.platformRegistrations;
      const forged = await h.query(REPORT, report(platformId, outsider.uscc), headers);
      expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(forged.errors?.[0]?.message).toContain(outsider.uscc);
      expect(forged.data).toBeNull();
      expect((await read(outsider.uscc, as.market)).data!.operator.platformRegistrations).toEqual(before);
      expect((await h.query(RISK, { uscc: outsider.uscc }, headers)).data!.operator.riskClass).toBeNull();

      // Once commerce's registry shows a storefront of it on the platform, the report is accepted.
      await openStorefront(commerce.subgraph.database.dataSource, outsider.uscc, platformId);
      const accepted = await h.query(REPORT, report(platformId, outsider.uscc), headers);
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data!.recordPlatformVerificationReport).toEqual([{ operatorUscc: outsider.uscc, platformId, reportingPeriod: '2026-H2' }]);
      const after = (await read(outsider.uscc, as.market)).data!.operator.platformRegistrations;
      expect(after).toHaveLength(before.length + 1);
      expect(after.filter((r: Op) => r.platformId === otherPlatform)).toEqual(before.filter((r: Op) => r.platformId === otherPlatform));
      // Now registered on the platform: its risk class opens to that platform.
      const now = await h.query(RISK, { uscc: outsider.uscc }, headers);
      expect(now.errors).toBeUndefined();
      expect(now.data!.operator.riskClass).toEqual({ class: outsider.riskClass.class });
    });
  });

  describe('mutations', () => {
    const LICENSE = `mutation ($input: RecordLicenseInput!) { recordLicense(input: $input) { id licenseNumber } }`;
    const input = (n: string) => ({
      input: {
        operatorUscc: plan.operators[1].uscc,
        documentNumber: `穗天市监许〔2026〕${n}号`,
        category: 'GENERAL',
        certificateName: '食品经营许可证',
        licenseNumber: `JY14401060${n}`,
        content: '预包装食品销售，网络经营',
        validFrom: '2026-01-01',
        authority: '广州市天河区市场监督管理局',
        status: 'VALID',
      },
    });

    it('are refused without market-regulation:write, and nothing changes', async () => {
      const q = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { licenses { licenseNumber } } }`;
      const before = (await h.query(q, { uscc: plan.operators[1].uscc })).data!.operator.licenses;
      const platform = await h.as({ role: 'platform', platformId: 'taobao' });
      const self = await h.as({ role: 'operator', operators: [plan.operators[1].uscc] });
      for (const headers of [{}, as.customs, as.evaluator, platform, self]) {
        const res = await h.query(LICENSE, input('9001'), headers);
        expect(res.data?.recordLicense ?? null).toBeNull();
        expect(res.errors?.map((e) => [e.extensions?.code, (e.path ?? []).join('.')])).toEqual([[UNAUTHORIZED, 'recordLicense']]);
      }
      expect((await h.query(q, { uscc: plan.operators[1].uscc })).data!.operator.licenses).toEqual(before);
      const done = await h.query(LICENSE, input('9002'), as.market);
      expect(done.errors).toBeUndefined();
      const after = (await h.query(q, { uscc: plan.operators[1].uscc })).data!.operator.licenses;
      expect(after).toHaveLength(before.length + 1);
    });

    it('records the responsible person and the internal note of a penalty, each under its own class', async () => {
      const uscc = plan.operators[1].uscc;
      const res = await h.query(
        `mutation ($input: RecordPenaltyInput!) { recordPenalty(input: $input) { decisionNumber responsiblePersonName caseHandlerNote } }`,
        {
          input: {
            operatorUscc: uscc, decisionNumber: '穗天市监处罚〔2026〕9001号', violationType: '发布虚假广告', facts: '在网店作虚假宣传',
            legalBasis: '《中华人民共和国广告法》第五十五条第一款', categories: ['FINE'], severity: 'ORDINARY', fineAmount: '50000', decidedOn: '2026-10-20',
            decidingAuthority: '广州市天河区市场监督管理局', responsiblePersonName: '欧阳明', caseHandlerNote: '当事人配合调查',
          },
        },
        as.market,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordPenalty).toEqual({ decisionNumber: '穗天市监处罚〔2026〕9001号', responsiblePersonName: '欧**', caseHandlerNote: '当事人配合调查' });
      const publicView = await h.query(`query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { penalties { decisionNumber facts legalBasis } } }`, { uscc });
      expect(publicView.errors).toBeUndefined();
      expect(publicView.data!.operator.penalties).toContainEqual({
        decisionNumber: '穗天市监处罚〔2026〕9001号', facts: '在网店作虚假宣传', legalBasis: '《中华人民共和国广告法》第五十五条第一款',
      });
    });
  });

  describe('_entities', () => {
    const q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Operator { uscc name onSeriousDishonestList riskClass { class } } } }`;
    const reps = [{ __typename: 'Operator', uscc: dishonest.uscc }];

    it('resolves references for anonymous callers, with the non-public field withheld', async () => {
      const res = await h.query(q, { r: reps });
      expect(res.data!._entities).toEqual([{ uscc: dishonest.uscc, name: dishonest.name, onSeriousDishonestList: true, riskClass: null }]);
      expect(deniedPaths(res)).toEqual(['_entities.0.riskClass']);
    });

    it('resolves references with the non-public field for an agency', async () => {
      const res = await h.query(q, { r: reps }, as.customs);
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual([
        { uscc: dishonest.uscc, name: dishonest.name, onSeriousDishonestList: true, riskClass: { class: byCode(dishonest.uscc).riskClass.class } },
      ]);
    });
  });
});

describe('market-regulation subgraph: evaluators and consent', () => {
  let h: SubgraphHarness;
  const operator = plan.operators[0];

  // The real clock: consent grants are dated now, and the request must come after the grant.
  beforeAll(async () => {
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: 4 });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const adminCaller: Caller = {
    authenticated: true, role: 'admin', subject: 'admin:test', scopes: new Set(['admin', 'gov:shared', 'pii:read']), operators: [],
  };

  it('market regulation holds no AUTHORIZED_QUERY data: consent opens no GOV_SHARED field, before, during or after it', async () => {
    const evaluator = await h.as({ role: 'evaluator', subject: 'evaluator:bank-7' });
    const q = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { name registration { legalRepresentative { idNumber } } riskClass { class } inspections { task } } }`;
    const check = async () => {
      const res = await h.query(q, { uscc: operator.uscc }, evaluator);
      expect(res.data!.operator).toEqual({
        name: operator.name,
        registration: { legalRepresentative: { idNumber: maskId(operator.legalRepresentative.idNumber) } },
        riskClass: null,
        inspections: null,
      });
      expect(deniedPaths(res)).toEqual(['operator.inspections', 'operator.riskClass']);
    };
    await check();
    const store = await openAccessControlStore(h.config.accessControl);
    try {
      const grant = await store.grantConsent(
        { operatorUscc: operator.uscc, evaluatorSubject: 'evaluator:bank-7', purpose: 'loan review', expiresAt: new Date(Date.now() + 30 * 86_400_000) },
        adminCaller,
      );
      expect(await store.activeConsentsFor('evaluator:bank-7', [operator.uscc], new Date(), 'loan review')).toEqual(new Set([operator.uscc]));
      await check();
      await store.revokeConsent(grant.id, adminCaller);
      await check();
    } finally {
      await store.close();
    }
  });
});
