import { decodeJwt } from 'jose';
import { readManifest } from '../../gateway/persisted-operations/manifest';
import { loadConfig } from '../../shared/config/config';
import { createSeedPlan } from '../../shared/seed/seed-plan';
import { postGraphQL } from '../support/graphql-client';
import { describeOwnStack, E2EClient, startOrTargetStack, startStackForTest, StackHarness } from '../support/stack-harness';
import { bearer } from '../support/tokens';

const plan = createSeedPlan({ seed: loadConfig({}).seed, operators: 20 });
const target = plan.operators[0];
// Evaluators run only registered operations: the credit report of operations/evaluator/.
const READ = readManifest().operations.find((o) => o.name === 'EvaluatorCreditReport')!.body;
const codes = (res: { errors?: { extensions?: Record<string, unknown>; path?: unknown[] }[] }) =>
  (res.errors ?? []).map((e) => `${(e.path ?? []).join('.')}:${e.extensions?.code}`).sort();

describe('authorization flows through the gateway', () => {
  let h: E2EClient;
  beforeAll(async () => {
    h = await startOrTargetStack({ seedOperators: 20 });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('lets an evaluator read AUTHORIZED_QUERY data only while the operator consents, and shows the reads to the operator', async () => {
    const evaluator = await h.as({ role: 'evaluator', subject: 'evaluator:acme' });
    const operator = await h.as({ role: 'operator', operators: [target.uscc] });
    // The consented purpose is sent throughout: before the grant and after its revocation, only consent is missing.
    const before = await h.query(READ, { uscc: target.uscc }, { ...evaluator, 'x-purpose': 'loan application' });
    expect(before.data?.operator.name).toBe(target.name);
    expect(codes(before)).toEqual([
      'operator.exposure:UNAUTHORIZED_FIELD_OR_TYPE',
      'operator.financingMeasures:UNAUTHORIZED_FIELD_OR_TYPE',
      'operator.platformEvaluations:UNAUTHORIZED_FIELD_OR_TYPE',
      'operator.postalComplaints:UNAUTHORIZED_FIELD_OR_TYPE',
      'operator.reviewStats:UNAUTHORIZED_FIELD_OR_TYPE',
    ]);

    const grant = await h.query(
      `mutation($u: UnifiedSocialCreditCode!) { grantConsent(input: { operatorUscc: $u, evaluatorSubject: "evaluator:acme", purpose: "loan application",
        expiresAt: "${new Date(Date.now() + 7 * 86_400_000).toISOString()}" }) { id active } }`,
      { u: target.uscc },
      operator,
    );
    expect(grant.errors).toBeUndefined();
    expect(grant.data?.grantConsent.active).toBe(true);

    const during = await h.query(READ, { uscc: target.uscc }, { ...evaluator, 'x-purpose': 'Loan application' });
    expect(during.errors).toBeUndefined();
    expect(during.data?.operator.reviewStats.reviewCount).toBeGreaterThan(0);
    // Natural persons' names stay masked for an evaluator.
    for (const c of during.data?.operator.postalComplaints ?? []) expect(c.complainantName).toMatch(/^\S\*+$/);

    // Another operator may not grant for this one.
    const other = await h.as({ role: 'operator', operators: [plan.operators[1].uscc] });
    const foreign = await h.query(
      `mutation($u: UnifiedSocialCreditCode!) { grantConsent(input: { operatorUscc: $u, evaluatorSubject: "evaluator:acme", purpose: "x", expiresAt: "2030-01-01T00:00:00Z" }) { id } }`,
      { u: target.uscc },
      other,
    );
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const revoke = await h.query(`mutation($id: ID!) { revokeConsent(id: $id, reason: "loan closed") { active revokedAt } }`, { id: grant.data?.grantConsent.id }, operator);
    expect(revoke.data?.revokeConsent.active).toBe(false);
    const after = await h.query(READ, { uscc: target.uscc }, { ...evaluator, 'x-purpose': 'loan application' });
    expect(codes(after)).toEqual(codes(before));

    const log = await h.query(
      `query($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { accessLog(first: 50) { nodes { subject role purpose subgraph fields } } consents { evaluatorSubject active } } }`,
      { u: target.uscc },
      operator,
    );
    expect(log.errors).toBeUndefined();
    const entries = log.data?.operator.accessLog.nodes as { subject: string; purpose: string; subgraph: string; fields: string[] }[];
    const reads = entries.filter((e) => e.subject === 'evaluator:acme' && e.purpose === 'Loan application');
    expect(reads.map((e) => e.subgraph).sort()).toEqual(['commerce', 'finance', 'postal']);
    expect(reads.find((e) => e.subgraph === 'commerce')?.fields).toContain('Operator.reviewStats');
    expect(log.data?.operator.consents).toEqual([{ evaluatorSubject: 'evaluator:acme', active: false }]);

    // The access log itself belongs to the operator (and admins) only; an evaluator cannot even ask
    // (unregistered operation); the field-level denial is in the access matrix.
    const snoop = await h.query(`query($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { accessLog { totalCount } } }`, { u: target.uscc }, evaluator);
    expect(codes(snoop)).toEqual([':OPERATION_NOT_IN_SAFELIST']);
  });

  it('refuses bad tokens with UNAUTHENTICATED and no data, at the gateway and straight at a subgraph', async () => {
    const good = await h.token({ role: 'admin' });
    const [header, payload] = good.split('.');
    const noneToken = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(good), role: 'admin', scope: 'admin gov:shared pii:read credit:read' })).toString('base64url')}.${good.split('.')[2]}`;
    const expired = await h.token({ role: 'admin', ttl: '1s', now: new Date(Date.now() - 3_600_000) });
    for (const token of [noneToken, tampered, 'garbage', `${good}x`, expired]) {
      for (const url of [h.gatewayUrl, h.subgraphUrls[0]]) {
        const res = await postGraphQL(url, `{ operator(uscc: "${target.uscc}") { name } }`, {}, bearer(token));
        expect(res.status).toBe(401);
        expect(res.data ?? null).toBeNull();
        expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        expect(JSON.stringify(res)).not.toContain(token.slice(0, 20));
      }
    }
  });

  it('revokes a token on every service at once', async () => {
    const token = await h.token({ role: 'agency', agency: 'customs' });
    const headers = bearer(token);
    const ok = await h.query(`{ operator(uscc: "${target.uscc}") { riskClass { class } } }`, {}, headers);
    expect(ok.errors).toBeUndefined();
    const { jti, exp } = decodeJwt(token);
    const admin = await h.as({ role: 'admin' });
    const revoked = await h.query(
      `mutation($id: String!, $until: DateTime!) { revokeToken(tokenId: $id, expiresAt: $until) { tokenId } }`,
      { id: jti, until: new Date((exp as number) * 1000).toISOString() },
      admin,
    );
    expect(revoked.errors).toBeUndefined();
    for (const url of [h.gatewayUrl, ...h.subgraphUrls]) {
      const res = await postGraphQL(url, `{ __typename }`, {}, headers);
      expect([url, res.status, res.errors?.[0].extensions?.code]).toEqual([url, 401, 'UNAUTHENTICATED']);
    }
  });

  it('never lets a query plan made for one caller serve a caller with other rights', async () => {
    const query = `query Same($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { name riskClass { class } registration { legalRepresentative { idNumber } } } }`;
    const admin = await h.as({ role: 'admin' });
    for (let round = 0; round < 2; round++) {
      const a = await h.query(query, { u: target.uscc }, admin);
      expect(a.errors).toBeUndefined();
      expect(a.data?.operator.riskClass.class).toMatch(/^[A-D]$/);
      expect(a.data?.operator.registration.legalRepresentative.idNumber).toBe(target.legalRepresentative.idNumber);
      const anonymous = await h.query(query, { u: target.uscc });
      expect(codes(anonymous)).toEqual([
        'operator.registration.legalRepresentative.idNumber:UNAUTHORIZED_FIELD_OR_TYPE',
        'operator.riskClass:UNAUTHORIZED_FIELD_OR_TYPE',
      ]);
      expect(anonymous.data?.operator).toMatchObject({ name: target.name, riskClass: null });
    }
  });
});

describeOwnStack('reject mode', () => {
  let h: StackHarness;
  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 5, env: { AUTHORIZATION_MODE: 'reject' } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('fails the whole operation when any field is unauthorized, and runs it when none is', async () => {
    const res = await h.query(`{ operator(uscc: "${target.uscc}") { name riskClass { class } } }`);
    expect(res.data ?? null).toBeNull();
    expect(codes(res)).toEqual(['operator.riskClass:UNAUTHORIZED_FIELD_OR_TYPE']);
    const fine = await h.query(`{ operator(uscc: "${target.uscc}") { name } }`);
    expect(fine.errors).toBeUndefined();
    expect(fine.data?.operator.name).toBe(target.name);
  });
});
