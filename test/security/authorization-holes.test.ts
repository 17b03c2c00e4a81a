import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { loadSigningKeys } from '../../shared/auth/tokens';
import { loadConfig } from '../../shared/config/config';
import { createSeedPlan } from '../../shared/seed/seed-plan';
import { Storefront } from '../../subgraphs/commerce/entities/storefront.entity';
import { marketRegulationSubgraph } from '../../subgraphs/market-regulation';
import { PlatformRegistration } from '../../subgraphs/market-regulation/entities/platform-registration.entity';
import { chinaToday } from '../../shared/calendar/dates';
import { reportingPeriodOf } from '../../subgraphs/market-regulation/rules/platform-verification';
import { GraphQLResponse, postGraphQL } from '../support/graphql-client';
import { manifestWith } from '../support/manifest';
import { startStackForTest, StackHarness } from '../support/stack-harness';
import { openStorefront } from '../support/storefronts';
import { startSubgraphForTest } from '../support/subgraph-harness';
import { verifiedEntry } from '../support/verification';

/**
 * Issue 7, items 5 to 7, replayed through the gateway: a platform making any operator "in-platform", consent
 * read for another purpose (or none), and a token that lives for years.
 */
const OPERATORS = 20;
const plan = createSeedPlan({ seed: loadConfig({}).seed, operators: OPERATORS });
const UNAUTHORIZED = 'UNAUTHORIZED_FIELD_OR_TYPE';
const REPORT = `mutation ($input: RecordPlatformVerificationReportInput!) {
  recordPlatformVerificationReport(input: $input) { operatorUscc platformId reportingPeriod } }`;
const RISK = `query ($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { riskClass { class month } regulatoryActions { kind } } }`;
const REGISTRATIONS = `query ($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { platformRegistrations { platformId reportingPeriod } } }`;

const errorCodes = (res: GraphQLResponse) =>
  (res.errors ?? []).map((e) => `${(e.path ?? []).join('.')}:${String(e.extensions?.code)}`).sort();

/** Runs `request` and checks it answered well under a second. */
async function quickly<T>(request: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await request();
  expect(performance.now() - started).toBeLessThan(1000);
  return result;
}

const EVALUATOR_READ = `query ($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { name reviewStats { reviewCount } financingMeasures { kind } } }`;

describe('authorization holes through the gateway (issue 7, items 5-7)', () => {
  let h: StackHarness;
  const db = (agency: string) => h.stack.subgraphs.find((s) => s.agency === agency)!.database.dataSource;

  beforeAll(async () => {
    // Evaluators run registered operations only: register this file's evaluator read.
    const manifest = manifestWith([EVALUATOR_READ], 'AuthorizationHoles');
    h = await startStackForTest({ seedOperators: OPERATORS, env: { PERSISTED_OPERATIONS_MANIFEST: manifest.file } });
    manifest.remove();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  describe('platform membership comes from commerce\'s storefront registry', () => {
    // A seeded platform with an operator trading on it and one that is not.
    const platformId = plan.operators.flatMap((o) => o.platformIds).find((p) => plan.operators.some((o) => !o.platformIds.includes(p)))!;
    const outsider = plan.operators.find((o) => o.index > 1 && !o.platformIds.includes(platformId))!;
    const period = () => reportingPeriodOf(chinaToday(new Date(Date.now() - 1000)));
    const report = (uscc: string) => ({
      input: { platformId, reportingPeriod: period(), entries: [verifiedEntry(uscc, new Date(Date.now() - 1000).toISOString())] },
    });

    it('seeds registrations only where the operator has a storefront on that platform', async () => {
      const registrations = await db('market-regulation').getRepository(PlatformRegistration).find();
      const storefronts = await db('commerce').getRepository(Storefront).find();
      const trading = new Set(storefronts.map((s) => `${s.operatorUscc}/${s.platformId}`));
      expect(registrations.length).toBeGreaterThan(OPERATORS);
      expect(registrations.filter((r) => !trading.has(`${r.operatorUscc}/${r.platformId}`))).toEqual([]);
    });

    it('refuses a report naming an operator with no storefront on the platform, writes nothing, and keeps its data closed', async () => {
      const platform = await h.as({ role: 'platform', platformId });
      const agency = await h.as({ role: 'agency', agency: 'customs' });
      const before = await h.query(REGISTRATIONS, { u: outsider.uscc }, agency);
      expect(before.errors).toBeUndefined();

      const forged = await quickly(() => h.query(REPORT, report(outsider.uscc), platform));
      expect(forged.data).toBeNull();
      expect(forged.errors).toHaveLength(1);
      expect(forged.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(forged.errors![0].message).toContain(`No storefront on platform ${platformId}`);
      expect(forged.errors![0].message).toContain(outsider.uscc);

      expect(await h.query(REGISTRATIONS, { u: outsider.uscc }, agency)).toEqual(before);
      const read = await h.query(RISK, { u: outsider.uscc }, platform);
      expect(read.data?.operator).toEqual({ riskClass: null, regulatoryActions: null });
      expect(errorCodes(read)).toEqual([`operator.regulatoryActions:${UNAUTHORIZED}`, `operator.riskClass:${UNAUTHORIZED}`]);
    }, 15_000);

    it('accepts the report once the operator has a storefront on the platform, and then opens its GOV_SHARED fields', async () => {
      const platform = await h.as({ role: 'platform', platformId });
      const admin = await h.as({ role: 'admin' });
      const truth = await h.query(RISK, { u: outsider.uscc }, admin);
      expect(truth.errors).toBeUndefined();
      expect(truth.data?.operator.riskClass).not.toBeNull();

      await openStorefront(db('commerce'), outsider.uscc, platformId);
      const accepted = await h.query(REPORT, report(outsider.uscc), platform);
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data?.recordPlatformVerificationReport).toEqual([{ operatorUscc: outsider.uscc, platformId, reportingPeriod: period() }]);
      const read = await h.query(RISK, { u: outsider.uscc }, platform);
      expect(read.errors).toBeUndefined();
      expect(read.data?.operator).toEqual(truth.data?.operator);
    }, 15_000);

    it('refuses a whole report (all or nothing) when one entry has no storefront on the platform', async () => {
      const platform = await h.as({ role: 'platform', platformId });
      const another = plan.operators.find((o) => o.index > 1 && o.uscc !== outsider.uscc && !o.platformIds.includes(platformId))!;
      const trader = plan.operators.find((o) => o.platformIds.includes(platformId))!;
      const input = {
        platformId,
        reportingPeriod: period(),
        entries: [trader, another].map((o) => verifiedEntry(o.uscc, new Date(Date.now() - 1000).toISOString())),
      };
      const res = await h.query(REPORT, { input }, platform);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toContain(another.uscc);
      expect(res.errors?.[0].message).not.toContain(trader.uscc);
      const written = await db('market-regulation')
        .getRepository(PlatformRegistration)
        .countBy({ platformId, reportingPeriod: period(), operatorUscc: trader.uscc });
      expect(written).toBe(0);
    }, 15_000);
  });

  describe('consent is bound to its purpose (x-purpose)', () => {
    const target = plan.operators[2];
    const subject = 'evaluator:purpose-check';
    const READ = EVALUATOR_READ;
    const DENIED = [`operator.financingMeasures:${UNAUTHORIZED}`, `operator.reviewStats:${UNAUTHORIZED}`];
    let evaluator: Record<string, string>;

    beforeAll(async () => {
      evaluator = await h.as({ role: 'evaluator', subject });
      const operator = await h.as({ role: 'operator', operators: [target.uscc] });
      const grant = await h.query(
        `mutation ($u: UnifiedSocialCreditCode!, $until: DateTime!) { grantConsent(input: { operatorUscc: $u, evaluatorSubject: "${subject}",
          purpose: "Loan application", expiresAt: $until }) { active } }`,
        { u: target.uscc, until: new Date(Date.now() + 7 * 86_400_000).toISOString() },
        operator,
      );
      expect(grant.errors).toBeUndefined();
    });

    it.each(['Loan application', 'loan application', '  LOAN   Application '])('reads with the consented purpose (%j)', async (purpose) => {
      const res = await h.query(READ, { u: target.uscc }, { ...evaluator, 'x-purpose': purpose });
      expect(res.errors).toBeUndefined();
      expect(res.data?.operator.reviewStats.reviewCount).toEqual(expect.any(Number));
      expect(res.data?.operator.financingMeasures).toEqual(expect.any(Array));
    }, 15_000);

    it.each([
      ['another purpose', { 'x-purpose': 'marketing resale' }],
      ['a longer purpose', { 'x-purpose': 'loan application and marketing' }],
      ['an empty purpose', { 'x-purpose': '   ' }],
      ['no purpose', {}],
    ])('denies a read with %s exactly like no consent', async (_name, headers) => {
      const res = await h.query(READ, { u: target.uscc }, { ...evaluator, ...headers });
      expect(res.data?.operator).toEqual({ name: target.name, reviewStats: null, financingMeasures: null });
      expect(errorCodes(res)).toEqual(DENIED);
    }, 15_000);

    it('records the purpose of each consented read in the operator\'s access log', async () => {
      await h.query(READ, { u: target.uscc }, { ...evaluator, 'x-purpose': 'loan application' });
      const operator = await h.as({ role: 'operator', operators: [target.uscc] });
      const log = await h.query(
        `query ($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { accessLog(first: 100) { nodes { subject purpose subgraph fields } } } }`,
        { u: target.uscc },
        operator,
      );
      expect(log.errors).toBeUndefined();
      const reads = (log.data?.operator.accessLog.nodes as { subject: string; purpose: string; subgraph: string }[]).filter(
        (e) => e.subject === subject,
      );
      expect(reads.filter((e) => e.purpose === 'loan application').map((e) => e.subgraph).sort()).toEqual(
        expect.arrayContaining(['commerce', 'finance']),
      );
      expect(reads.map((e) => e.purpose)).toContain('LOAN   Application');
      // Denied reads are not reads: nothing is recorded for the wrong purpose.
      expect(reads.filter((e) => e.purpose === 'marketing resale')).toEqual([]);
    }, 15_000);

    it('matches a purpose in Chinese sent as raw UTF-8 header bytes', async () => {
      const operator = await h.as({ role: 'operator', operators: [target.uscc] });
      const chineseSubject = 'evaluator:purpose-zh';
      await h.query(
        `mutation ($u: UnifiedSocialCreditCode!, $until: DateTime!) { grantConsent(input: { operatorUscc: $u, evaluatorSubject: "${chineseSubject}",
          purpose: "贷款申请", expiresAt: $until }) { active } }`,
        { u: target.uscc, until: new Date(Date.now() + 86_400_000).toISOString() },
        operator,
      );
      const headers = { ...(await h.as({ role: 'evaluator', subject: chineseSubject })) };
      // What curl sends for `-H 'x-purpose: 贷款申请'`: the UTF-8 bytes, which Node reads as latin1.
      const utf8Bytes = Buffer.from('贷款申请', 'utf8').toString('latin1');
      const ok = await h.query(READ, { u: target.uscc }, { ...headers, 'x-purpose': utf8Bytes });
      expect(ok.errors).toBeUndefined();
      const wrong = await h.query(READ, { u: target.uscc }, { ...headers, 'x-purpose': Buffer.from('营销', 'utf8').toString('latin1') });
      expect(errorCodes(wrong)).toEqual(DENIED);
    }, 15_000);

    it.each([
      ['too long', 'x'.repeat(501)],
      ['with a bidi override', Buffer.from('loan\u202Eapplication', 'utf8').toString('latin1')],
      ['with a control character', Buffer.from('loan\u0085application', 'utf8').toString('latin1')],
    ])('refuses a purpose header %s before any subgraph fetch', async (_name, purpose) => {
      h.reset();
      const res = await quickly(() => h.query(READ, { u: target.uscc }, { ...evaluator, 'x-purpose': purpose }));
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/x-purpose/);
      expect(h.fetches).toEqual({});
    }, 15_000);
  });

  describe('token lifetime is capped at verification (AUTH_MAX_TOKEN_TTL)', () => {
    async function signed(claims: Record<string, unknown>) {
      const keys = await loadSigningKeys(h.config.auth);
      return new SignJWT({ role: 'admin', scope: 'admin gov:shared pii:read', ...claims })
        .setProtectedHeader({ alg: keys.algorithm, kid: keys.keyId })
        .setIssuer(keys.issuer)
        .setAudience(keys.audience)
        .setSubject('admin:five-years')
        .setJti(`long-${Math.random()}`)
        .sign(keys.privateKey);
    }
    const now = () => Math.floor(Date.now() / 1000);

    it.each([
      ['a 5-year token', () => ({ iat: now(), exp: now() + 5 * 365 * 86_400 }), 'TOKEN_LIFETIME_TOO_LONG'],
      ['a token without iat', () => ({ exp: now() + 600 }), 'TOKEN_LIFETIME_UNKNOWN'],
      ['a token issued in the future', () => ({ iat: now() + 3600, exp: now() + 7200 }), 'TOKEN_NOT_YET_VALID'],
    ])('refuses %s at the gateway and at every subgraph', async (_name, claims, reason) => {
      const token = await signed(claims());
      for (const url of [h.gatewayUrl, ...h.stack.subgraphs.map((s) => s.url)]) {
        const res = await postGraphQL(url, `{ operator(uscc: "${plan.operators[0].uscc}") { riskClass { class } } }`, {}, {
          authorization: `Bearer ${token}`,
        });
        expect([url, res.status, res.errors?.[0].extensions?.code, res.errors?.[0].extensions?.reason]).toEqual([
          url, 401, 'UNAUTHENTICATED', reason,
        ]);
        expect(res.data ?? null).toBeNull();
      }
    }, 15_000);

    it('accepts a token of exactly the maximum lifetime', async () => {
      const token = await signed({ iat: now(), exp: now() + h.config.auth.maxTokenTtlSeconds });
      const res = await h.query(`{ operator(uscc: "${plan.operators[0].uscc}") { riskClass { class } } }`, {}, { authorization: `Bearer ${token}` });
      expect(res.errors).toBeUndefined();
    }, 15_000);
  });
});

describe('market regulation refuses a report it cannot check against commerce', () => {
  const platformId = plan.operators[3].platformIds[0];
  const input = {
    platformId,
    reportingPeriod: '2026-H2',
    entries: [verifiedEntry(plan.operators[3].uscc, '2026-10-15T02:00:00.000Z')],
  };

  async function attempt(commerceUrl: string, env: Record<string, string> = {}) {
    const h = await startSubgraphForTest(marketRegulationSubgraph, {
      seedOperators: 6,
      now: new Date('2026-11-02T04:00:00.000Z'),
      peerUrls: { commerce: commerceUrl },
      env,
    });
    try {
      const platform = await h.as({ role: 'platform', platformId });
      const started = performance.now();
      const res = await h.query(REPORT, { input }, platform);
      const elapsed = performance.now() - started;
      const written = await h.subgraph.database.dataSource.getRepository(PlatformRegistration).countBy({ reportingPeriod: '2026-H2' });
      return { res, elapsed, written };
    } finally {
      await h.stop();
    }
  }

  it('when commerce is down: SUBGRAPH_UNAVAILABLE naming commerce, nothing written, no internal URL', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    const { res, elapsed, written } = await attempt(`http://127.0.0.1:${port}/graphql`);
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', agency: 'commerce' });
    expect(res.errors?.[0].message).toMatch(/storefront and platform registry/);
    expect(JSON.stringify(res.errors)).not.toContain(String(port));
    expect(elapsed).toBeLessThan(1000);
    expect(written).toBe(0);
  }, 15_000);

  it('when commerce does not answer in time (PEER_TIMEOUT_MS)', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent = http.createServer(() => undefined);
    silent.on('connection', (s) => sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const { res, elapsed, written } = await attempt(`http://127.0.0.1:${port}/graphql`, { PEER_TIMEOUT_MS: '300' });
      expect(res.errors?.[0].extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(1000);
      expect(written).toBe(0);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 15_000);
});
