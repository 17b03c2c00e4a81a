import { createHash } from 'node:crypto';
import { DEFAULT_LIMITS } from '../../shared/config/operation-limits';
import { postGraphQL, GraphQLResponse } from '../support/graphql-client';
import { aliases, doublingFragments, storefrontNesting } from '../support/hostile-queries';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * Issue 7, item 1 and "operation limits before planning": each hostile operation is refused with
 * OPERATION_TOO_COMPLEX naming the limit, in with no subgraph fetch; honest and privileged
 * reports still run; a subgraph called directly applies the same limits.
 */
jest.setTimeout(60_000);

const { standard, privileged } = DEFAULT_LIMITS;
let h: StackHarness;

beforeAll(async () => {
  h = await startStackForTest({ seedOperators: 20 });
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => h.reset());

const subgraphUrl = (agency: string) => h.stack.subgraphs.find((s) => s.agency === agency)!.url;
const fetchCount = () => Object.values(h.fetches).reduce((a, b) => a + b, 0);

/** A refusal as a client sees it: HTTP 400, one error naming the limit, the maximum and the figure, no data. */
function expectRefused(res: GraphQLResponse, limit: string, max: number) {
  expect(res.status).toBe(400);
  expect(res.data).toBeUndefined();
  expect(res.errors).toHaveLength(1);
  const [error] = res.errors!;
  expect(error.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit, max });
  const actual = error.extensions!.actual as number;
  expect(actual).toBeGreaterThan(max);
  expect(error.message).toMatch(new RegExp(`^Operation too complex: .* ${actual} exceeds the maximum of ${max}$`));
  return error;
}

describe('operation limits at the gateway', () => {
  it('refuses 20 levels of storefronts/operator nesting in without a subgraph fetch', async () => {
    const result = await h.query(storefrontNesting(20));
    const error = expectRefused(result, 'depth', standard.depth);
    expect(error.extensions!.actual).toBe(43);
    expect(error.message).toBe(`Operation too complex: depth 43 exceeds the maximum of ${standard.depth}`);
    expect(fetchCount()).toBe(0);
  }, 15_000);

  it('refuses two levels of nesting of a 100-operator page for a public caller by its cost', async () => {
    const res = await h.query(storefrontNesting(2));
    expectRefused(res, 'cost', standard.cost);
    expect(fetchCount()).toBe(0);
  }, 15_000);

  it('refuses 300 aliases of operators(first: 100)', async () => {
    const result = await h.query(aliases(300, 'operators(first: 100) { totalCount }'));
    const error = expectRefused(result, 'aliases', standard.aliases);
    expect(error.extensions!.actual).toBe(300);
    expect(fetchCount()).toBe(0);
  }, 15_000);

  it('refuses 20,000 __typename aliases by their tokens', async () => {
    const result = await h.query(aliases(20_000, '__typename'));
    const error = expectRefused(result, 'tokens', standard.tokens);
    expect(error.extensions!.actual).toBe(20_000 * 3 + 2);
    expect(fetchCount()).toBe(0);
  }, 15_000);

  it.each([17, 25])('refuses a chain of %i doubling fragments in with a small response', async (levels) => {
    const query = doublingFragments(levels);
    expect(query.length).toBeLessThan(1300);
    const res = await fetch(h.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const text = await res.text();
    expect(text.length).toBeLessThan(1000);
    expectRefused({ status: res.status, ...JSON.parse(text) }, 'fields', standard.fields);
    expect(fetchCount()).toBe(0);
  }, 15_000);

  it('refuses too many root fields', async () => {
    const query = `{ ${Array.from({ length: standard.rootFields + 1 }, () => 'platforms(first: 1) { totalCount }').join(' ')} }`;
    const error = expectRefused(await h.query(query), 'rootFields', standard.rootFields);
    expect(error.message).toBe(`Operation too complex: root fields ${standard.rootFields + 1} exceeds the maximum of ${standard.rootFields}`);
    expect(fetchCount()).toBe(0);
  }, 15_000);

  it('refuses too many directives', async () => {
    const query = `{ platforms(first: 1) { totalCount ${'@include(if: true) '.repeat(standard.directives + 1)} } }`;
    expectRefused(await h.query(query), 'directives', standard.directives);
    expect(fetchCount()).toBe(0);
  }, 15_000);

  it('refuses a document over the token limit', async () => {
    const query = `{ platforms(first: 1) { ${'totalCount '.repeat(standard.tokens)} } }`;
    const error = expectRefused(await h.query(query), 'tokens', standard.tokens);
    expect(error.extensions!.actual).toBe(standard.tokens + 10);
    expect(fetchCount()).toBe(0);
  }, 15_000);

  it('weighs `first` given in a variable', async () => {
    const query = `query Nesting($first: Int) { operators(first: $first) { nodes { uscc storefronts { operator { storefronts { operator { name } } } } } } }`;
    const small = await h.query(query, { first: 2 });
    expect(small.errors).toBeUndefined();
    expect(small.data!.operators.nodes).toHaveLength(2);
    h.reset();
    const large = await h.query(query, { first: 100 });
    const error = expectRefused(large, 'cost', standard.cost);
    expect(error.extensions!.actual).toBe(1 + 100 * (1 + 1 + 221));
    expect(fetchCount()).toBe(0);
  }, 15_000);

  it('lets an agency run the larger report a public caller is refused', async () => {
    const query = storefrontNesting(2);
    expectRefused(await h.query(query, undefined, await h.as({ role: 'platform', platformId: 'taobao' })), 'cost', standard.cost);
    const res = await h.query(query, undefined, await h.as({ role: 'agency', agency: 'market-regulation' }));
    expect(res.errors).toBeUndefined();
    expect(res.data!.operators.nodes).toHaveLength(20);
    expect(fetchCount()).toBeGreaterThan(0);
  }, 15_000);

  it('runs the largest report a privileged caller may run end to end: no subgraph refuses a planned fetch', async () => {
    const admin = await h.as({ role: 'admin' });
    // Three levels weigh 222,301 against a privileged maximum of 250,000; four are refused.
    expectRefused(await h.query(storefrontNesting(4), undefined, admin), 'cost', privileged.cost);
    h.reset();
    const res = await h.query(storefrontNesting(3), undefined, admin);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.operators.nodes as { storefronts: { operator: { storefronts: unknown[] } }[] }[];
    expect(nodes).toHaveLength(20);
    expect(nodes.some((n) => n.storefronts.length > 0)).toBe(true);
    expect(h.fetches.commerce).toBeGreaterThan(0);
    expect(h.fetches['market-regulation']).toBeGreaterThan(0);
  }, 30_000);

  it('applies the caller\'s limits to an automatic persisted query registered by a privileged caller', async () => {
    const query = storefrontNesting(2);
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const send = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const res = await fetch(h.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers },
        body: JSON.stringify(body),
      });
      return { status: res.status, ...((await res.json()) as Omit<GraphQLResponse, 'status'>) };
    };
    const registered = await send({ query, extensions: { persistedQuery } }, await h.as({ role: 'admin' }));
    expect(registered.errors).toBeUndefined();
    h.reset();
    const byHash = await send({ extensions: { persistedQuery } });
    expectRefused(byHash, 'cost', standard.cost);
    expect(fetchCount()).toBe(0);
  }, 15_000);

  it('still answers the honest README-sized queries of a public caller', async () => {
    const res = await h.query(
      `{ operators(first: 5) { totalCount nodes { uscc name registration { status } licenses { licenseNumber } customsCredit { current { level } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.operators.nodes).toHaveLength(5);
  }, 15_000);
});

describe('the same limits straight at a subgraph', () => {
  it('refuses deep nesting sent to commerce', async () => {
    let inner = 'shopName';
    for (let i = 0; i < 10; i++) inner = `operator { storefronts { ${inner} } }`;
    const result = await postGraphQL(subgraphUrl('commerce'), `{ storefronts(first: 100) { nodes { ${inner} } } }`);
    expectRefused(result, 'depth', standard.depth);
  }, 15_000);

  it('refuses 300 aliases and the doubling fragment chain sent to market regulation', async () => {
    expectRefused(await postGraphQL(subgraphUrl('market-regulation'), aliases(300, 'operators(first: 100) { totalCount }')), 'aliases', standard.aliases);
    const result = await postGraphQL(subgraphUrl('market-regulation'), doublingFragments(25));
    expectRefused(result, 'fields', standard.fields * 2);
  }, 15_000);

  it('weighs cost the same way, and lets a privileged caller run more', async () => {
    const lists = Array.from({ length: 10 }, (_, i) => `l${i}: licenses { licenseNumber }`).join(' ');
    const query = `{ operators(first: 100) { nodes { ${lists} } } }`;
    const publicRes = await postGraphQL(subgraphUrl('market-regulation'), query);
    const error = expectRefused(publicRes, 'cost', standard.cost);
    expect(error.extensions!.actual).toBe(1 + 100 * (1 + 10 * (1 + 10)));
    const agency = await h.as({ role: 'agency', agency: 'market-regulation' });
    const agencyRes = await postGraphQL(subgraphUrl('market-regulation'), query, undefined, agency);
    expect(agencyRes.errors).toBeUndefined();
    expect(agencyRes.data!.operators.nodes).toHaveLength(20);
  }, 15_000);
});
