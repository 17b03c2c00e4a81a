import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildManifest, OPERATIONS_MANIFEST, PersistedOperation, readManifest, renderManifest, sha256Hex,
} from '../../gateway/persisted-operations/manifest';
import { invalidOperations, loadApiSchema } from '../../gateway/persisted-operations/register-cli';
import { COMMITTED_SUPERGRAPH } from '../../gateway/supergraph/location';
import { loadConfig } from '../../shared/config/config';
import { PROJECT_ROOT } from '../../shared/config/paths';
import { createSeedPlan } from '../../shared/seed/seed-plan';
import { startStackForTest, StackHarness } from '../support/stack-harness';

const PER_TEST_MS = 15_000;
const target = createSeedPlan({ seed: loadConfig({}).seed, operators: 5 }).operators[0];
const manifest = readManifest();
const registered = (name: string): PersistedOperation => {
  const op = manifest.operations.find((o) => o.name === name);
  if (!op) throw new Error(`${name} is not registered`);
  return op;
};
const REPORT = registered('EvaluatorCreditReport');
const SUMMARY = registered('EvaluatorOperatorSummary');
const UNREGISTERED = `query Snoop($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { name riskClass { class } regulatoryActions { kind } } }`;

interface Body {
  query?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}
interface Answer {
  status: number;
  data?: Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

async function send(url: string, body: Body, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, ...((await res.json()) as Omit<Answer, 'status'>) };
}

const byHash = (op: { id: string }, query?: string): Body => ({
  query,
  variables: { uscc: target.uscc },
  extensions: { persistedQuery: { version: 1, sha256Hash: op.id } },
});
const byText = (query: string): Body => ({ query, variables: { uscc: target.uscc } });
const codes = (a: Answer) => (a.errors ?? []).map((e) => `${(e.path ?? []).join('.')}:${e.extensions?.code}`).sort();

describe('the persisted operation manifest', () => {
  it('is registered from the current operations/*.graphql (run `npm run operations:register` when this fails)', () => {
    expect(fs.readFileSync(OPERATIONS_MANIFEST, 'utf8')).toBe(renderManifest(buildManifest()));
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    for (const op of manifest.operations) expect(op.id).toBe(sha256Hex(op.body));
    // The production image carries it: the gateway refuses to start without it.
    expect(fs.readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8')).toContain('COPY operations/manifest.json ./operations/manifest.json');
  });

  it('is required: a gateway never starts without its safelist', () => {
    expect(() => readManifest(path.join(os.tmpdir(), 'no-such-manifest.json'))).toThrow(/operations:register/);
  });

  it('holds only operations the graph accepts, and the check names an operation it would refuse', async () => {
    const schema = await loadApiSchema(fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8'));
    expect(invalidOperations(manifest, schema)).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-ops-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.graphql'), 'query Bad { operator(uscc: "x") { noSuchField } }');
      expect(invalidOperations(buildManifest(dir), schema)).toEqual([expect.stringMatching(/^Bad: .*noSuchField/)]);
      fs.writeFileSync(path.join(dir, 'bad.graphql'), '{ operators(first: 1) { totalCount } }');
      expect(() => buildManifest(dir)).toThrow(/bad\.graphql: the operation needs a name/);
      fs.writeFileSync(path.join(dir, 'bad.graphql'), 'query A { __typename } query B { __typename }');
      expect(() => buildManifest(dir)).toThrow(/bad\.graphql: holds 2 operations/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('evaluators run only registered operations', () => {
  let h: StackHarness;
  let evaluator: Record<string, string>;
  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 5, env: { HOST: '127.0.0.1' } });
    evaluator = await h.as({ role: 'evaluator', subject: 'evaluator:safelist' });
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(() => h.reset());

  function expectRefused(answer: Answer, elapsedMs: number) {
    expect(answer.status).toBe(403);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_NOT_IN_SAFELIST']);
    expect(answer.errors?.[0].message).toMatch(/registered operations/);
    expect(h.fetches).toEqual({});
    expect(elapsedMs).toBeLessThan(1000);
  }

  async function timed(run: () => Promise<Answer>): Promise<[Answer, number]> {
    const started = Date.now();
    const answer = await run();
    return [answer, Date.now() - started];
  }

  it('runs a registered operation named by its hash alone, with consent rules as usual', async () => {
    const answer = await send(h.gatewayUrl, byHash(REPORT), evaluator);
    expect(answer.status).toBe(200);
    expect(answer.data?.operator).toMatchObject({ uscc: target.uscc, name: target.name, reviewStats: null, exposure: null });
    // Without the operator's consent the AUTHORIZED_QUERY fields are withheld, each with its error.
    expect(codes(answer)).toEqual([
      'operator.exposure:UNAUTHORIZED_FIELD_OR_TYPE',
      'operator.financingMeasures:UNAUTHORIZED_FIELD_OR_TYPE',
      'operator.platformEvaluations:UNAUTHORIZED_FIELD_OR_TYPE',
      'operator.postalComplaints:UNAUTHORIZED_FIELD_OR_TYPE',
      'operator.reviewStats:UNAUTHORIZED_FIELD_OR_TYPE',
    ]);
    expect(h.fetches['market-regulation']).toBe(1);
  }, PER_TEST_MS);

  it('runs a registered operation sent as text, verbatim or laid out differently, and with its hash', async () => {
    const verbatim = await send(h.gatewayUrl, byText(SUMMARY.body), evaluator);
    expect(verbatim.errors).toBeUndefined();
    expect(verbatim.data?.operator).toMatchObject({ uscc: target.uscc, name: target.name, registration: { status: expect.any(String) } });
    const relaidOut = `# my copy\n${SUMMARY.body.replace(/\n\s*/g, ' ').replace(/ \{/g, '{')}`;
    expect(relaidOut).not.toBe(SUMMARY.body);
    const reformatted = await send(h.gatewayUrl, byText(relaidOut), evaluator);
    expect(reformatted.errors).toBeUndefined();
    expect(reformatted.data).toEqual(verbatim.data);
    const both = await send(h.gatewayUrl, byHash(SUMMARY, SUMMARY.body), evaluator);
    expect(both.errors).toBeUndefined();
    expect(both.data).toEqual(verbatim.data);
  }, PER_TEST_MS);

  it('gives the consented evaluator the report through the registered operation', async () => {
    const operator = await h.as({ role: 'operator', operators: [target.uscc] });
    const grant = await send(
      h.gatewayUrl,
      byText(`mutation($uscc: UnifiedSocialCreditCode!) { grantConsent(input: { operatorUscc: $uscc, evaluatorSubject: "evaluator:safelist", purpose: "loan application",
        expiresAt: "${new Date(Date.now() + 86_400_000).toISOString()}" }) { active } }`),
      operator,
    );
    expect(grant.errors).toBeUndefined();
    const answer = await send(h.gatewayUrl, byHash(REPORT), { ...evaluator, 'x-purpose': 'loan application' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.operator.reviewStats).toEqual(expect.objectContaining({ reviewCount: expect.any(Number) }));
    expect(Object.keys(h.fetches).sort()).toEqual(['commerce', 'finance', 'market-regulation', 'postal']);
  }, PER_TEST_MS);

  it('refuses any other text before planning, with no subgraph fetch', async () => {
    expectRefused(...(await timed(() => send(h.gatewayUrl, byText(UNREGISTERED), evaluator))));
    // A registered operation with one field more is another operation.
    const widened = SUMMARY.body.replace('    name\n', '    name\n    riskClass { class }\n');
    expect(widened).not.toBe(SUMMARY.body);
    expectRefused(...(await timed(() => send(h.gatewayUrl, byText(widened), evaluator))));
    // Far longer than anything registered.
    expectRefused(...(await timed(() => send(h.gatewayUrl, byText(`{ ${'__typename '.repeat(20_000)}}`), evaluator))));
    // A token of another role that carries credit:read is held to the same list.
    const platformReader = await h.as({ role: 'platform', platformId: 'taobao', scopes: ['credit:read'] });
    expectRefused(...(await timed(() => send(h.gatewayUrl, byText(UNREGISTERED), platformReader))));
  }, PER_TEST_MS);

  it('refuses an unknown hash, and a registered hash sent with another text', async () => {
    expectRefused(...(await timed(() => send(h.gatewayUrl, byHash({ id: sha256Hex(UNREGISTERED) }), evaluator))));
    const mismatched = await send(h.gatewayUrl, byHash(SUMMARY, UNREGISTERED), evaluator);
    expect(mismatched.status).toBe(400);
    expect(mismatched.data ?? null).toBeNull();
    expect(h.fetches).toEqual({});
  }, PER_TEST_MS);

  it('does not let an evaluator register an operation through APQ', async () => {
    const attempt = { ...byText(UNREGISTERED), extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(UNREGISTERED) } } };
    expectRefused(...(await timed(() => send(h.gatewayUrl, attempt, evaluator))));
    // Nothing was stored: the hash alone is unknown, even to an agency.
    const agency = await h.as({ role: 'agency', agency: 'market-regulation' });
    const lookup = await send(h.gatewayUrl, byHash({ id: sha256Hex(UNREGISTERED) }), agency);
    expect(lookup.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(h.fetches).toEqual({});
  }, PER_TEST_MS);

  it('leaves agencies free: any text, APQ as usual, and the registered ids', async () => {
    const agency = await h.as({ role: 'agency', agency: 'customs' });
    const free = await send(h.gatewayUrl, byText(UNREGISTERED), agency);
    expect(free.errors).toBeUndefined();
    expect(free.data?.operator.name).toBe(target.name);
    const report = await send(h.gatewayUrl, byHash(REPORT), agency);
    expect(report.errors).toBeUndefined();
    expect(report.data?.operator.reviewStats).not.toBeNull();
    const apqText = `query AgencyOwn($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { uscc riskClass { class } } }`;
    const registeredByApq = await send(h.gatewayUrl, { ...byText(apqText), extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(apqText) } } }, agency);
    expect(registeredByApq.errors).toBeUndefined();
    const reused = await send(h.gatewayUrl, byHash({ id: sha256Hex(apqText) }), agency);
    expect(reused.errors).toBeUndefined();
    expect(reused.data).toEqual(registeredByApq.data);
    // What an agency registered through APQ is still not on the evaluators' list.
    expectRefused(...(await timed(() => { h.reset(); return send(h.gatewayUrl, byHash({ id: sha256Hex(apqText) }), evaluator); })));
  }, PER_TEST_MS);
});
