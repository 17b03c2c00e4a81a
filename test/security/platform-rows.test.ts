import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql } from 'graphql';
import gql from 'graphql-tag';
import { Caller, Scope } from '../../shared/auth/caller';
import { guardSubgraphSchema, GuardedContext } from '../../shared/auth/field-guard';
import { directivesOf, requirementOf, ShareClass } from '../../shared/auth/share-class';
import { FEDERATION_LINK } from '../../shared/subgraph/build-schema';
import { commerceSubgraph } from '../../subgraphs/commerce';
import { marketRegulationSubgraph } from '../../subgraphs/market-regulation';
import type { GraphQLResponse } from '../support/graphql-client';
import { SubgraphHarness, startSubgraphForTest } from '../support/subgraph-harness';
import { verifiedEntry } from '../support/verification';
import { openStorefront } from '../support/storefronts';
import { NOW, seedPlan } from '../integration/market-regulation/fixtures';

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A hostile platform against the platform row rules (issue 10 part 4): a root query whose `platformId` argument is
 * the caller's own platform (overduePlatformVerifications), and rows that name the platform that reported them
 * (reviews, claims, complaints, leads, verification reports). Neither aliasing, variables, a near-miss spelling nor
 * omitting the argument reads another platform's rows.
 */
const UNAUTHORIZED = 'UNAUTHORIZED_FIELD_OR_TYPE';
const codes = (res: { errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] }) =>
  (res.errors ?? []).map((e) => `${(e.path ?? []).join('.')}:${String(e.extensions?.code)}`).sort();

describe('the guard on rows that name a platform (a tiny subgraph)', () => {
  // Declared as commerce declares its platform records: GOV_SHARED, readable by platforms for in-platform operators.
  const declared = directivesOf(requirementOf(ShareClass.GOV_SHARED, { platforms: true })).join(' ');
  const rows = [
    { id: '1', platformId: 'jd', operatorUscc: 'SHARED', text: 'reported by jd' },
    { id: '2', platformId: 'taobao', operatorUscc: 'SHARED', text: 'reported by taobao' },
    { id: '3', platformId: 'taobao', operatorUscc: 'TAOBAO_ONLY', text: 'taobao only' },
  ];
  const sdl = `${FEDERATION_LINK}
    type Query {
      records(platformId: String!): [Record] ${declared}
      everything: [Record] ${declared}
      recordsOf(uscc: ID!, platformId: String): [Record] ${declared}
    }
    type Record @key(fields: "id") { id: ID! ${declared} platformId: String ${declared} operatorUscc: String ${declared} text: String ${declared} }`;
  const schema = guardSubgraphSchema(
    buildSubgraphSchema({
      typeDefs: gql(sdl),
      resolvers: {
        Query: {
          // The resolvers here do not filter: the guard alone must keep other platforms' rows out.
          records: (_: unknown, args: { platformId: string }) => rows.filter((r) => r.platformId === args.platformId.trim()),
          everything: () => rows,
          recordsOf: (_: unknown, args: { uscc: string }) => rows.filter((r) => r.operatorUscc === args.uscc),
        },
      },
    }),
  ).schema;
  // jd's in-platform operators: SHARED trades on both platforms.
  const members: Record<string, string[]> = { jd: ['SHARED'], taobao: ['SHARED', 'TAOBAO_ONLY'] };
  const platform = (platformId: string): Caller => ({
    authenticated: true, role: 'platform', platformId, operators: [],
    scopes: new Set([Scope.platform(platformId), Scope.PLATFORM_IN_PLATFORM]),
  });
  const agency: Caller = { authenticated: true, role: 'agency', agency: 'commerce', operators: [], scopes: new Set([Scope.GOV_SHARED]) };
  const run = (caller: Caller, source: string, variableValues?: Record<string, unknown>) => {
    const contextValue: GuardedContext = {
      caller,
      rowAccess: {
        consent: async () => false,
        inPlatform: async (uscc) => (caller.platformId ? members[caller.platformId]?.includes(uscc) ?? false : false),
      },
    };
    return graphql({ schema, source, variableValues, contextValue }) as Promise<GraphQLResponse>;
  };

  it("a platform reads its own platform's list; another platform's is refused, aliased or through a variable", async () => {
    const own = await run(platform('jd'), '{ records(platformId: "jd") { id text } }');
    expect(own).toEqual({ data: { records: [{ id: '1', text: 'reported by jd' }] } });
    const aliased = await run(platform('jd'), '{ mine: records(platformId: "jd") { id } theirs: records(platformId: "taobao") { id } }');
    expect(aliased.data).toEqual({ mine: [{ id: '1' }], theirs: null });
    expect(codes(aliased)).toEqual([`theirs:${UNAUTHORIZED}`]);
    const variable = await run(platform('jd'), 'query ($p: String!) { records(platformId: $p) { id } }', { p: 'taobao' });
    expect(variable.data).toEqual({ records: null });
    expect(codes(variable)).toEqual([`records:${UNAUTHORIZED}`]);
  });

  it('a near-miss spelling the resolver would normalise is refused, not matched', async () => {
    for (const p of [' taobao', 'taobao ', 'TAOBAO', 'jd ', ' jd']) {
      const res = await run(platform('jd'), 'query ($p: String!) { records(platformId: $p) { id } }', { p });
      expect(res.data).toEqual({ records: null });
      expect(codes(res)).toEqual([`records:${UNAUTHORIZED}`]);
    }
  });

  it('a list without the argument, or the argument beside a uscc, does not pass as "own platform"', async () => {
    const all = await run(platform('jd'), '{ everything { id } }');
    expect(all.data).toEqual({ everything: null });
    const missing = await run(platform('jd'), '{ records { id } }');
    expect(missing.data).toBeUndefined();
    expect(missing.errors?.[0].message).toMatch(/argument "platformId" of type "String!" is required/);
    // With a uscc the operator's row rule applies: not in jd's platform → refused though platformId is jd's own.
    const outsider = await run(platform('jd'), '{ recordsOf(uscc: "TAOBAO_ONLY", platformId: "jd") { id } }');
    expect(outsider.data).toEqual({ recordsOf: null });
  });

  it("rows another platform reported are refused field by field, even about an operator trading on both", async () => {
    const res = await run(platform('jd'), '{ recordsOf(uscc: "SHARED") { platformId text } }');
    expect(res.data).toEqual({ recordsOf: [{ platformId: 'jd', text: 'reported by jd' }, { platformId: null, text: null }] });
    expect(codes(res)).toEqual([`recordsOf.1.platformId:${UNAUTHORIZED}`, `recordsOf.1.text:${UNAUTHORIZED}`]);
    // Agencies read every platform's rows.
    const gov = await run(agency, '{ recordsOf(uscc: "SHARED") { id } }');
    expect(gov).toEqual({ data: { recordsOf: [{ id: '1' }, { id: '2' }] } });
  });
});

describe("a hostile platform against market regulation's overduePlatformVerifications", () => {
  const OPERATORS = 20;
  const plan = seedPlan(OPERATORS);
  const victim = plan.operators[2].platformIds[0];
  const hostile = plan.platforms.map((p) => p.id).find((p) => p !== victim && plan.operators.some((o) => o.platformIds.includes(p)))!;
  /** An operator trading on the victim platform only, then given a shop on the hostile one too. */
  const shared = plan.operators.find((o) => o.platformIds.includes(victim) && !o.platformIds.includes(hostile))!;
  const OVERDUE = 'query ($p: String!) { overduePlatformVerifications(platformId: $p) { operatorUscc platformId } }';
  let h: SubgraphHarness;
  let commerce: SubgraphHarness;
  let asHostile: Record<string, string>;
  let asVictim: Record<string, string>;
  let victimRows: Op[];

  beforeAll(async () => {
    commerce = await startSubgraphForTest(commerceSubgraph, { seedOperators: OPERATORS, now: NOW });
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS, now: NOW, peerUrls: { commerce: commerce.subgraph.url } });
    asHostile = await h.as({ role: 'platform', platformId: hostile });
    asVictim = await h.as({ role: 'platform', platformId: victim });
    const res = await h.query(OVERDUE, { p: victim }, asVictim);
    expect(res.errors).toBeUndefined();
    victimRows = res.data!.overduePlatformVerifications;
    expect(victimRows.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await h?.stop();
    await commerce?.stop();
  });

  it('refuses the victim id inline, through a variable, aliased beside its own, and in near-miss spellings', async () => {
    const inline = await h.query(`{ overduePlatformVerifications(platformId: "${victim}") { operatorUscc } }`, {}, asHostile);
    expect(inline.data).toEqual({ overduePlatformVerifications: null });
    expect(codes(inline)).toEqual([`overduePlatformVerifications:${UNAUTHORIZED}`]);
    for (const p of [victim, ` ${victim}`, `${victim} `, victim.toUpperCase()]) {
      const res = await h.query(OVERDUE, { p }, asHostile);
      expect(res.data).toEqual({ overduePlatformVerifications: null });
      expect(codes(res)).toEqual([`overduePlatformVerifications:${UNAUTHORIZED}`]);
    }
    const aliased = await h.query(
      `query ($mine: String!, $theirs: String!) { mine: overduePlatformVerifications(platformId: $mine) { platformId }
        theirs: overduePlatformVerifications(platformId: $theirs) { platformId } }`,
      { mine: hostile, theirs: victim },
      asHostile,
    );
    expect(aliased.data!.theirs).toBeNull();
    expect(aliased.data!.mine.every((r: Op) => r.platformId === hostile)).toBe(true);
    expect(codes(aliased)).toEqual([`theirs:${UNAUTHORIZED}`]);
  });

  it('refuses the query without its argument, and to operators and the public', async () => {
    const missing = await h.query('{ overduePlatformVerifications { operatorUscc } }', {}, asHostile);
    expect(missing.data).toBeUndefined();
    expect(missing.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const operator = await h.query(OVERDUE, { p: victim }, await h.as({ role: 'operator', operators: [victimRows[0].operatorUscc] }));
    expect(operator.data).toEqual({ overduePlatformVerifications: null });
    const anonymous = await h.query(OVERDUE, { p: victim });
    expect(anonymous.data).toEqual({ overduePlatformVerifications: null });
  });

  it("an operator trading on both platforms: each platform reads its own verification reports, never the other's details", async () => {
    await openStorefront(commerce.subgraph.database.dataSource, shared.uscc, hostile);
    const reported = await h.query(
      `mutation ($input: RecordPlatformVerificationReportInput!) { recordPlatformVerificationReport(input: $input) { platformId } }`,
      { input: { platformId: hostile, reportingPeriod: '2026-H2', entries: [verifiedEntry(shared.uscc, '2026-10-20T02:00:00Z')] } },
      asHostile,
    );
    expect(reported.errors).toBeUndefined();
    const READ = `query ($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { platformRegistrations { platformId operatorName contactPhone shopAddress } } }`;
    const hostileView = await h.query(READ, { u: shared.uscc }, asHostile);
    expect(hostileView.errors).toBeUndefined();
    expect(hostileView.data!.operator.platformRegistrations.map((r: Op) => r.platformId)).toEqual([hostile]);
    const victimView = await h.query(READ, { u: shared.uscc }, asVictim);
    const platforms = victimView.data!.operator.platformRegistrations.map((r: Op) => r.platformId);
    expect(platforms.length).toBeGreaterThan(0);
    expect(platforms.every((p: string) => p === victim)).toBe(true);
  });
});
