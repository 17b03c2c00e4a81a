import { openAccessControlStore, type AccessControlStore } from '../../shared/access-control';
import { marketRegulationSubgraph } from '../../subgraphs/market-regulation';
import { startSubgraphForTest, type SubgraphHarness } from '../support/subgraph-harness';

/**
 * Every read of non-public data is audited, whatever role the token names: a `public` token minted with
 * extra scopes (`npm run token -- --role public --scope gov:shared`) reads GOV_SHARED fields and must leave
 * the same trace as an agency would.
 */
jest.setTimeout(15_000);

describe('auditing reads by any role', () => {
  let h: SubgraphHarness;
  let store: AccessControlStore;
  beforeAll(async () => {
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: 3 });
    store = await openAccessControlStore(h.config.accessControl);
  });
  afterAll(async () => {
    await store?.close();
    await h?.stop();
  });

  async function firstOperator(): Promise<string> {
    const res = await h.query(`{ operators(first: 1) { nodes { uscc } } }`);
    return res.data?.operators.nodes[0].uscc as string;
  }

  it('records a GOV_SHARED read by a public-role token carrying gov:shared', async () => {
    const uscc = await firstOperator();
    const headers = await h.as({ role: 'public', scopes: ['gov:shared'], subject: 'public:curious' });
    const res = await h.query(`query($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { name riskClass { class } } }`, { u: uscc }, { ...headers, 'x-purpose': 'curiosity' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.operator.riskClass).not.toBeNull();
    const log = await store.accessLogOf(uscc);
    expect(log.nodes).toHaveLength(1);
    expect(log.nodes[0]).toMatchObject({
      subject: 'public:curious',
      role: 'public',
      purpose: 'curiosity',
      subgraph: 'market-regulation',
      fields: ['MarketRegulationRiskClassification.class', 'Operator.riskClass'],
    });
    expect(await store.verify()).toEqual({ ok: true, count: log.totalCount });
  });

  it('records nothing for public reads, with or without a token', async () => {
    const uscc = await firstOperator();
    const before = (await store.accessLogOf(uscc)).totalCount;
    const headers = await h.as({ role: 'public' });
    for (const h2 of [headers, {}]) {
      const res = await h.query(`query($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { name registration { status } } }`, { u: uscc }, h2);
      expect(res.errors).toBeUndefined();
    }
    expect((await store.accessLogOf(uscc)).totalCount).toBe(before);
  });
});
