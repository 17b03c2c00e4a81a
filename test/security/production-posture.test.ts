import fs from 'node:fs';
import { getIntrospectionQuery } from 'graphql';
import { startGateway, RunningGateway } from '../../gateway/gateway';
import { COMMITTED_SUPERGRAPH } from '../../gateway/supergraph/location';
import { loadConfig } from '../../shared/config/config';
import { createLogger } from '../../shared/logging/logger';
import { postGraphQL } from '../support/graphql-client';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * Issue 7, item 10 (introspection, suggestions) and 12 (telemetry), and CORS: what a production deployment shows a
 * stranger, and what development keeps open for developers.
 */
jest.setTimeout(60_000);

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPE_QUERY = '{ __type(name: "Operator") { fields { name } } }';
const MISSPELT = '{ operator(uscc: "91440113MAX412H18G") { nme } }';
const MISSPELT_ENUM = '{ platforms(kind: GROUP_BUYIN, first: 1) { totalCount } }';
const ALLOWED_ORIGIN = 'https://credit.example.gov.cn';

let production: StackHarness;
let development: StackHarness;

beforeAll(async () => {
  production = await startStackForTest({ seedOperators: 3, env: { NODE_ENV: 'production', CORS_ORIGINS: ALLOWED_ORIGIN } });
  development = await startStackForTest({ seedOperators: 3, env: { NODE_ENV: 'development' } });
});
afterAll(async () => {
  await production?.stop();
  await development?.stop();
});

const subgraphUrl = (h: StackHarness, agency: string) => h.stack.subgraphs.find((s) => s.agency === agency)!.url;

describe('introspection', () => {
  it.each([
    ['public', undefined],
    ['agency', { role: 'agency', agency: 'customs' }],
    // Evaluators may run only registered operations: they get OPERATION_NOT_IN_SAFELIST first (evaluator-safelist.test.ts).
    ['platform', { role: 'platform', platformId: 'taobao' }],
  ] as const)('is refused to the %s caller in production, at the gateway and at a subgraph', async (_role, token) => {
    const headers = token ? await production.as(token) : {};
    for (const [url, query] of [
      [production.gatewayUrl, INTROSPECTION],
      [production.gatewayUrl, TYPE_QUERY],
      [subgraphUrl(production, 'market-regulation'), INTROSPECTION],
      [subgraphUrl(production, 'postal'), `{ ...T } fragment T on Query { __type(name: "Operator") { name } }`],
    ]) {
      const res = await postGraphQL(url, query, undefined, headers);
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      expect(res.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/^Introspection is disabled/), extensions: { code: 'INTROSPECTION_DISABLED' } }),
      ]);
    }
  }, 15_000);

  it('is allowed to an admin in production', async () => {
    const admin = await production.as({ role: 'admin' });
    const res = await postGraphQL(production.gatewayUrl, INTROSPECTION, undefined, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const full = await postGraphQL(production.gatewayUrl, getIntrospectionQuery(), undefined, admin);
    expect(full.errors).toBeUndefined();
    const direct = await postGraphQL(subgraphUrl(production, 'finance'), TYPE_QUERY, undefined, admin);
    expect(direct.errors).toBeUndefined();
    expect((direct.data as { __type: { fields: { name: string }[] } }).__type.fields.map((f) => f.name)).toContain('uscc');
  }, 15_000);

  it('is allowed to everyone in development, the full query tools send included', async () => {
    const res = await development.query(INTROSPECTION);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const full = await development.query(getIntrospectionQuery());
    expect(full.errors).toBeUndefined();
    expect((full.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(100);
    const direct = await postGraphQL(subgraphUrl(development, 'commerce'), INTROSPECTION);
    expect(direct.errors).toBeUndefined();
  }, 15_000);

  it('does not include __typename, which stays allowed in production', async () => {
    const res = await production.query('{ __typename operators(first: 1) { __typename totalCount } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ __typename: 'Query', operators: { __typename: 'OperatorConnection', totalCount: 3 } });
  }, 15_000);
});

describe('"Did you mean" suggestions', () => {
  it('are removed from production errors for anyone but an admin, at the gateway and at a subgraph', async () => {
    const platform = await production.as({ role: 'platform', platformId: 'taobao' });
    for (const [url, headers] of [
      [production.gatewayUrl, {}],
      [production.gatewayUrl, platform],
      [subgraphUrl(production, 'market-regulation'), {}],
    ] as const) {
      const res = await postGraphQL(url, MISSPELT, undefined, headers);
      expect(res.status).toBe(400);
      expect(res.errors!.map((e) => e.message)).toEqual(['Cannot query field "nme" on type "Operator".']);
      expect(res.errors![0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    }
    const enumValue = await production.query(MISSPELT_ENUM);
    expect(enumValue.errors!.map((e) => e.message)).toEqual(['Value "GROUP_BUYIN" does not exist in "CommercePlatformKind" enum.']);
  }, 15_000);

  it('stay for an admin in production and for everyone in development', async () => {
    const admin = await production.as({ role: 'admin' });
    const forAdmin = await postGraphQL(production.gatewayUrl, MISSPELT, undefined, admin);
    expect(forAdmin.errors![0].message).toBe('Cannot query field "nme" on type "Operator". Did you mean "name"?');
    const inDevelopment = await development.query(MISSPELT);
    expect(inDevelopment.errors![0].message).toBe('Cannot query field "nme" on type "Operator". Did you mean "name"?');
    const enumValue = await development.query(MISSPELT_ENUM);
    expect(enumValue.errors![0].message).toMatch(/Did you mean the enum value "GROUP_BUYING"\?$/);
  }, 15_000);
});

describe('client faults Apollo Server reports without a code', () => {
  it('keep their message and a client code in production (a persisted-query hash that does not match its text)', async () => {
    const res = await fetch(production.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors).toEqual([{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }]);
  }, 15_000);
});

describe('CORS', () => {
  async function preflight(url: string, origin: string) {
    const res = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    return res.headers.get('access-control-allow-origin');
  }
  async function post(url: string, origin: string) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return res.headers.get('access-control-allow-origin');
  }

  it('allows exactly the origins in CORS_ORIGINS', async () => {
    expect(await preflight(production.gatewayUrl, ALLOWED_ORIGIN)).toBe(ALLOWED_ORIGIN);
    expect(await post(production.gatewayUrl, ALLOWED_ORIGIN)).toBe(ALLOWED_ORIGIN);
    expect(await preflight(production.gatewayUrl, 'https://evil.example.com')).toBeNull();
    expect(await post(production.gatewayUrl, 'https://evil.example.com')).toBeNull();
    expect(await post(production.gatewayUrl, 'http://localhost:3000')).toBeNull();
  }, 15_000);

  it('allows no cross-origin access in production without CORS_ORIGINS', async () => {
    const config = loadConfig({ ...process.env, NODE_ENV: 'production', DATA_DIR: production.config.dataDir });
    let gateway: RunningGateway | undefined;
    try {
      gateway = await startGateway({
        config,
        log: createLogger('silent'),
        supergraphSdl: fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8'),
        subgraphUrls: Object.fromEntries(production.stack.subgraphs.map((s) => [s.agency, s.url])),
        port: 0,
        authenticator: production.stack.authenticator,
      });
      for (const origin of [ALLOWED_ORIGIN, 'http://localhost:3000']) {
        expect(await preflight(gateway.url, origin)).toBeNull();
        expect(await post(gateway.url, origin)).toBeNull();
      }
      // Same-origin clients (no Origin header) are unaffected.
      expect((await postGraphQL(gateway.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    } finally {
      await gateway?.stop();
    }
  }, 15_000);

  it('allows localhost origins in development, for the sandbox and local frontends', async () => {
    expect(await preflight(development.gatewayUrl, 'http://localhost:3000')).toBe('http://localhost:3000');
    expect(await post(development.gatewayUrl, 'http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(await post(development.gatewayUrl, 'https://evil.example.com')).toBeNull();
  }, 15_000);

  it("keeps Apollo Server's CSRF prevention: a simple GET without a preflight header is refused", async () => {
    const res = await fetch(`${production.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Cross-Site Request Forgery/);
  }, 15_000);
});

describe('telemetry', () => {
  // Every module that builds an ApolloGateway: the gateway, and the operations registry's schema check.
  it.each([['the gateway', '../../gateway/gateway'], ['npm run operations:register', '../../gateway/persisted-operations/register-cli']])(
    'is disabled by the code of %s itself, whatever the environment says',
    async (_what, modulePath) => {
      const before = process.env.APOLLO_TELEMETRY_DISABLED;
      delete process.env.APOLLO_TELEMETRY_DISABLED;
      try {
        await jest.isolateModulesAsync(async () => {
          await import(modulePath);
        });
        expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
      } finally {
        process.env.APOLLO_TELEMETRY_DISABLED = before ?? 'true';
      }
    },
  );
});
