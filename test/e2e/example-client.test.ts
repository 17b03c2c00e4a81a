import { createSeedPlan } from '../../shared/seed/seed-plan';
import { loadConfig } from '../../shared/config/config';
import { createCreditGraphClient, revokeToken } from '../../clients/example/credit-graph-client';
import {
  AgencyOperatorRiskDocument, GrantConsentDocument, OperatorsPageDocument, PublicOperatorDocument, RevokeConsentDocument,
} from '../../clients/example/generated/graphql';
import { E2EClient, startOrTargetStack } from '../support/stack-harness';

const plan = createSeedPlan({ seed: loadConfig({}).seed, operators: 20 });
const codes = (errors: { extensions?: { code?: string } }[]) => errors.map((e) => e.extensions?.code);

describe('the example TypeScript client, with the typed operations generated from the supergraph', () => {
  let h: E2EClient;
  beforeAll(async () => {
    h = await startOrTargetStack({ seedOperators: 20 });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('reads an operator as the public, and is refused an invalid credit code with the reason', async () => {
    const client = createCreditGraphClient({ url: h.gatewayUrl });
    const res = await client.request(PublicOperatorDocument, { uscc: plan.operators[0].uscc });
    expect(res.errors).toEqual([]);
    expect(res.data?.operator).toMatchObject({ uscc: plan.operators[0].uscc, name: plan.operators[0].name });

    const bad = await client.request(PublicOperatorDocument, { uscc: '91350203M0001QAY9B' });
    expect(bad.data?.operator ?? null).toBeNull();
    expect(codes(bad.errors)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors[0].message).toContain('check character (position 18) should be "9", found "B"');
  });

  it('pages through operators with the cursor of the previous page', async () => {
    const client = createCreditGraphClient({ url: h.gatewayUrl });
    const first = await client.request(OperatorsPageDocument, { first: 2 });
    expect(first.errors).toEqual([]);
    const page = first.data!.operators!;
    expect(page.nodes).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await client.request(OperatorsPageDocument, { first: 2, after: page.pageInfo.endCursor });
    const seen = new Set(page.nodes.map((n) => n.uscc));
    expect(next.data!.operators!.nodes.filter((n) => seen.has(n.uscc))).toEqual([]);
  });

  it("reads an agency's view, and stops working everywhere once an admin revokes the token", async () => {
    const agencyToken = await h.token({ role: 'agency', agency: 'customs' });
    const agency = createCreditGraphClient({ url: h.gatewayUrl, token: agencyToken });
    const risk = await agency.request(AgencyOperatorRiskDocument, { uscc: plan.operators[0].uscc });
    expect(risk.errors).toEqual([]);
    expect(risk.data?.operator?.riskClass?.class).toMatch(/^[A-D]$/);

    const admin = createCreditGraphClient({ url: h.gatewayUrl, token: await h.token({ role: 'admin' }) });
    const revoked = await revokeToken(admin, agencyToken);
    expect(revoked.errors).toEqual([]);
    expect(Date.parse(revoked.data!.revokeToken.until)).toBeGreaterThan(Date.now());

    const after = await agency.request(AgencyOperatorRiskDocument, { uscc: plan.operators[0].uscc });
    expect([after.status, codes(after.errors)]).toEqual([401, ['UNAUTHENTICATED']]);
  });

  it('lets the operator grant and revoke consent to an evaluator', async () => {
    const uscc = plan.operators[2].uscc;
    const operator = createCreditGraphClient({ url: h.gatewayUrl, token: await h.token({ role: 'operator', operators: [uscc] }) });
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const granted = await operator.request(GrantConsentDocument, {
      input: { operatorUscc: uscc, evaluatorSubject: 'evaluator:example-client', purpose: 'loan application', expiresAt },
    });
    expect(granted.errors).toEqual([]);
    expect(granted.data?.grantConsent.active).toBe(true);
    const revoked = await operator.request(RevokeConsentDocument, { id: granted.data!.grantConsent.id, reason: 'loan closed' });
    expect(revoked.data?.revokeConsent).toMatchObject({ active: false });
  });
});
