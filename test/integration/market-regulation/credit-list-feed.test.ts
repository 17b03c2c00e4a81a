import { randomUUID } from 'node:crypto';
import type { AgencyId } from '../../../shared/config/agencies';
import type { CreditListChange, EventEnvelope, JointMeasureChange } from '../../../shared/events/contract';
import { createApplyContext } from '../../../shared/events/consumer';
import { OutboxEvent } from '../../../shared/events/entities';
import { toEnvelope } from '../../../shared/events/outbox';
import { encodeCursor } from '../../../shared/pagination/connection';
import { commerceSubgraph } from '../../../subgraphs/commerce';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { CreditListChangeRecord } from '../../../subgraphs/market-regulation/entities/credit-list-change.entity';
import { PlatformRestriction } from '../../../subgraphs/market-regulation/entities/platform-restriction.entity';
import { platformRestrictionAsJointMeasure } from '../../../subgraphs/market-regulation/events/feed';
import { openStorefront } from '../../support/storefronts';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, seedPlan } from './fixtures';

const OPERATORS = 8;
const plan = seedPlan(OPERATORS);
const [A, B, C] = plan.operators;
/** A platform of the test alone: A trades on it, B does not. */
const PLATFORM = 'feedshop';
const UNAUTHORIZED = 'UNAUTHORIZED_FIELD_OR_TYPE';
type Headers = Record<string, string>;
type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FEED = `query ($after: String, $first: Int) { creditListChanges(after: $after, first: $first) {
  totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  edges { cursor node { id } }
  nodes { id kind action operatorUscc decisionNumber listingDecisionNumber effectiveOn sourceAgency sequence occurredAt } } }`;
const ACK = `mutation ($upTo: String!) { acknowledgeCreditListChanges(upTo: $upTo) { recipient upTo acknowledgedAt pendingCount } }`;
const ONE = `query ($id: ID!) { creditListChange(id: $id) { id decisionNumber deliveries { recipient acknowledgedAt } } }`;
const REPORT = `mutation ($input: ReportPlatformRestrictionInput!) { reportPlatformRestriction(input: $input) {
  platformId operatorUscc restriction basisListKind basisDecisionNumber appliedOn liftedOn } }`;

const sequences = new Map<AgencyId, number>();
function envelope(sourceAgency: AgencyId, payload: Partial<CreditListChange> & Pick<CreditListChange, 'operatorUscc' | 'decisionNumber'>): EventEnvelope<'CreditListChange'> {
  const sequence = (sequences.get(sourceAgency) ?? 0) + 1;
  sequences.set(sourceAgency, sequence);
  return {
    id: randomUUID(),
    type: 'CreditListChange',
    sourceAgency,
    sequence,
    occurredAt: '2026-10-20T02:00:00.000Z',
    payload: {
      kind: 'SERIOUS_DISHONEST',
      action: 'LISTED',
      listingDecisionNumber: payload.decisionNumber,
      effectiveOn: '2026-10-20',
      ...payload,
    },
  };
}

describe('market-regulation subgraph: the credit-list feed (issue 8, part 6)', () => {
  let h: SubgraphHarness;
  let commerce: SubgraphHarness;
  const as: Record<string, Headers> = {};
  const delivered: EventEnvelope<'CreditListChange'>[] = [];

  /** Delivers an event as the transport does: the subgraph's own handler inside one transaction. */
  async function deliver(event: EventEnvelope<'CreditListChange'>): Promise<void> {
    const handler = marketRegulationSubgraph.eventHandlers?.CreditListChange;
    if (!handler) throw new Error('market regulation has no CreditListChange handler');
    await h.subgraph.database.dataSource.transaction(async (m) => {
      const { context, flush } = createApplyContext();
      await handler(event, m, async () => undefined, context);
      await flush();
    });
  }
  const feed = async (headers: Headers, variables: Record<string, unknown> = {}) => h.query(FEED, variables, headers);

  // Changes from three sources; A's serious listing is later removed, C is listed by customs.
  const listingA = envelope('market-regulation', { operatorUscc: A.uscc, decisionNumber: '穗市监信〔2026〕1号', ground: 'FALSE_ADVERTISING', decidingAuthority: '广州市市场监督管理局' });
  const listingB = envelope('market-regulation', { operatorUscc: B.uscc, decisionNumber: '穗市监信〔2026〕2号' });
  const listingC = envelope('customs', { operatorUscc: C.uscc, kind: 'CUSTOMS_DISHONEST', decisionNumber: '黄埔关失信〔2026〕7号', effectiveOn: '2026-10-01' });
  const abnormalA = envelope('market-regulation', { operatorUscc: A.uscc, kind: 'ABNORMAL_OPERATIONS', decisionNumber: '穗市监异〔2026〕3号', effectiveOn: '2026-09-01' });
  const removalA = envelope('market-regulation', {
    operatorUscc: A.uscc, kind: 'ABNORMAL_OPERATIONS', action: 'REMOVED', decisionNumber: '穗市监异移〔2026〕4号',
    listingDecisionNumber: '穗市监异〔2026〕3号', effectiveOn: '2026-10-10',
  });

  beforeAll(async () => {
    commerce = await startSubgraphForTest(commerceSubgraph, { seedOperators: OPERATORS, now: NOW });
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS, now: NOW, peerUrls: { commerce: commerce.subgraph.url } });
    await openStorefront(commerce.subgraph.database.dataSource, A.uscc, PLATFORM);
    // The seed's own listing decisions reached the feed on start; this test counts and pages the changes it delivers.
    await h.subgraph.database.dataSource.getRepository(CreditListChangeRecord).clear();
    as.market = await h.as({ role: 'agency', agency: 'market-regulation' });
    as.customs = await h.as({ role: 'agency', agency: 'customs' });
    as.finance = await h.as({ role: 'agency', agency: 'finance' });
    as.platform = await h.as({ role: 'platform', platformId: PLATFORM });
    as.otherPlatform = await h.as({ role: 'platform', platformId: 'othershop' });
    as.evaluator = await h.as({ role: 'evaluator', subject: 'evaluator:bank-1' });
    as.operator = await h.as({ role: 'operator', operators: [A.uscc] });
    as.admin = await h.as({ role: 'admin' });
    for (const event of [listingA, listingB, listingC, abnormalA, removalA]) {
      await deliver(event);
      delivered.push(event);
    }
  });
  afterAll(async () => {
    await h?.stop();
    await commerce?.stop();
  });

  it('stores every change it consumes, from every source, once per event id, in arrival order', async () => {
    await deliver(listingC); // redelivered: changes nothing
    const res = await feed(as.market, { first: 50 });
    expect(res.errors).toBeUndefined();
    const page = res.data!.creditListChanges;
    expect(page.totalCount).toBe(5);
    expect(page.nodes.map((n: Node) => n.id)).toEqual(delivered.map((e) => e.id));
    expect(page.nodes[2]).toEqual({
      id: listingC.id, kind: 'CUSTOMS_DISHONEST', action: 'LISTED', operatorUscc: C.uscc, decisionNumber: '黄埔关失信〔2026〕7号',
      listingDecisionNumber: '黄埔关失信〔2026〕7号', effectiveOn: '2026-10-01', sourceAgency: 'customs', sequence: 1,
      occurredAt: '2026-10-20T02:00:00.000Z',
    });
    expect(page.nodes[4]).toMatchObject({ action: 'REMOVED', listingDecisionNumber: '穗市监异〔2026〕3号', sourceAgency: 'market-regulation', sequence: 4 });
  });

  it('refuses a malformed event instead of storing it', async () => {
    const bad = envelope('market-regulation', { operatorUscc: 'TOO-SHORT', decisionNumber: '穗市监信〔2026〕99号' });
    await expect(deliver(bad)).rejects.toThrow(/operatorUscc/);
    expect((await feed(as.market)).data!.creditListChanges.totalCount).toBe(5);
  });

  it('pages with cursors: each page continues after the previous endCursor', async () => {
    const first = (await feed(as.market, { first: 2 })).data!.creditListChanges;
    expect(first.nodes.map((n: Node) => n.id)).toEqual([listingA.id, listingB.id]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: first.edges[1].cursor });
    const second = (await feed(as.market, { first: 2, after: first.pageInfo.endCursor })).data!.creditListChanges;
    expect(second.nodes.map((n: Node) => n.id)).toEqual([listingC.id, abnormalA.id]);
    const last = (await feed(as.market, { first: 2, after: second.pageInfo.endCursor })).data!.creditListChanges;
    expect(last.nodes.map((n: Node) => n.id)).toEqual([removalA.id]);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    // Caught up: the next pull after the last cursor is empty until something new arrives.
    const caughtUp = (await feed(as.market, { after: last.pageInfo.endCursor })).data!.creditListChanges;
    expect(caughtUp.nodes).toEqual([]);

    const bad = await feed(as.market, { after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('`after`');
    expect((await feed(as.market, { first: 10_000 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is read by agencies, platforms (every operator, not only their own) and admins; not by the public, evaluators or operators', async () => {
    for (const headers of [as.customs, as.platform, as.otherPlatform, as.admin]) {
      const res = await feed(headers, { first: 50 });
      expect(res.errors).toBeUndefined();
      expect(res.data!.creditListChanges.nodes.map((n: Node) => n.operatorUscc)).toEqual([A.uscc, B.uscc, C.uscc, A.uscc, A.uscc]);
    }
    for (const headers of [{}, as.evaluator, as.operator]) {
      const res = await feed(headers);
      expect(res.data?.creditListChanges ?? null).toBeNull();
      expect(res.errors?.map((e) => e.extensions?.code)).toContain(UNAUTHORIZED);
      const one = await h.query(ONE, { id: listingA.id }, headers);
      expect(one.data?.creditListChange ?? null).toBeNull();
    }
  });

  it('records acknowledgements per organisation, monotonically; an unknown cursor is BAD_USER_INPUT', async () => {
    const cursors = (await feed(as.market, { first: 50 })).data!.creditListChanges.edges.map((e: Node) => e.cursor);
    const ack = (headers: Headers, upTo: string) => h.query(ACK, { upTo }, headers);

    const customs = await ack(as.customs, cursors[2]);
    expect(customs.errors).toBeUndefined();
    expect(customs.data!.acknowledgeCreditListChanges).toEqual({
      recipient: 'customs', upTo: cursors[2], acknowledgedAt: NOW.toISOString(), pendingCount: 2,
    });
    // A lower cursor (a replayed or late acknowledgement) changes nothing.
    expect((await ack(as.customs, cursors[0])).data!.acknowledgeCreditListChanges).toEqual(customs.data!.acknowledgeCreditListChanges);
    expect((await ack(as.customs, cursors[2])).data!.acknowledgeCreditListChanges).toEqual(customs.data!.acknowledgeCreditListChanges);
    // Each organisation has its own position: the platform's acknowledgement leaves customs' alone.
    const platform = await ack(as.platform, cursors[0]);
    expect(platform.data!.acknowledgeCreditListChanges).toMatchObject({ recipient: `platform:${PLATFORM}`, upTo: cursors[0], pendingCount: 4 });
    const forward = await ack(as.customs, cursors[4]);
    expect(forward.data!.acknowledgeCreditListChanges).toMatchObject({ recipient: 'customs', upTo: cursors[4], pendingCount: 0 });

    for (const upTo of [encodeCursor(999_999), 'garbage', encodeCursor('x')]) {
      const res = await ack(as.finance, upTo);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toContain('`upTo`');
    }
    // No organisation to record for: an admin is refused; evaluators and operators are not let in at all.
    expect((await ack(as.admin, cursors[0])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const headers of [{}, as.evaluator, as.operator]) {
      expect((await ack(headers, cursors[0])).errors?.[0]?.extensions?.code).toBe(UNAUTHORIZED);
    }
  });

  it('shows market regulation who has not acknowledged a change; platforms do not see deliveries', async () => {
    const registered = await h.subgraph.database.dataSource.query('SELECT DISTINCT "platformId" FROM platform_registration');
    const registeredPlatforms = registered.map((r: { platformId: string }) => `platform:${r.platformId}`);
    expect(registeredPlatforms.length).toBeGreaterThan(0);

    const res = await h.query(ONE, { id: listingB.id }, as.market);
    expect(res.errors).toBeUndefined();
    const deliveries: Node[] = res.data!.creditListChange.deliveries;
    const at = Object.fromEntries(deliveries.map((d) => [d.recipient, d.acknowledgedAt]));
    expect(deliveries.map((d) => d.recipient).sort()).toEqual(
      ['market-regulation', 'commerce', 'customs', 'finance', 'postal', ...registeredPlatforms, `platform:${PLATFORM}`].sort(),
    );
    // customs acknowledged past it, the platform only up to the change before it; nobody else acknowledged.
    expect(at.customs).toBe(NOW.toISOString());
    expect(at[`platform:${PLATFORM}`]).toBeNull();
    for (const recipient of ['market-regulation', 'commerce', 'finance', 'postal', ...registeredPlatforms]) expect(at[recipient]).toBeNull();
    const first = (await h.query(ONE, { id: listingA.id }, as.market)).data!.creditListChange.deliveries;
    expect(first.find((d: Node) => d.recipient === `platform:${PLATFORM}`).acknowledgedAt).toBe(NOW.toISOString());

    // Deliveries of a whole page in one go: as many statements for five changes as for one.
    const PAGE = `query ($first: Int) { creditListChanges(first: $first) { nodes { deliveries { recipient acknowledgedAt } } } }`;
    h.resetSqlCount();
    expect((await h.query(PAGE, { first: 1 }, as.customs)).errors).toBeUndefined();
    const forOne = h.sqlCount();
    h.resetSqlCount();
    const page = await h.query(PAGE, { first: 5 }, as.customs);
    expect(page.errors).toBeUndefined();
    expect(h.sqlCount()).toBe(forOne);
    expect(page.data!.creditListChanges.nodes.map((n: Node) => n.deliveries.find((d: Node) => d.recipient === 'customs').acknowledgedAt))
      .toEqual(Array(5).fill(NOW.toISOString()));

    const asPlatform = await h.query(ONE, { id: listingB.id }, as.platform);
    expect(asPlatform.data!.creditListChange).toEqual({ id: listingB.id, decisionNumber: '穗市监信〔2026〕2号', deliveries: null });
    expect(asPlatform.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['creditListChange.deliveries', UNAUTHORIZED]]);
    expect((await h.query(ONE, { id: 'no-such-event' }, as.market)).data!.creditListChange).toBeNull();
  });

  describe('reportPlatformRestriction', () => {
    const input = (overrides: Record<string, unknown> = {}) => ({
      input: {
        platformId: PLATFORM, operatorUscc: A.uscc, restriction: 'RESTRICTED_ONBOARDING',
        basisDecisionNumber: listingA.payload.decisionNumber, appliedOn: '2026-10-21', ...overrides,
      },
    });
    const count = () => h.subgraph.database.dataSource.getRepository(PlatformRestriction).count();
    const VIEW = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) {
      jointMeasures { agency kind basis { listKind decisionNumber } appliedAt liftedAt active }
      onboarding: restrictions(matter: PLATFORM_ONBOARDING) { restricted measures { agency kind basis { listKind decisionNumber } } } } }`;
    /** A's view for market regulation once the relay and consumer have caught up (`done`), or after 10 s. */
    async function platformView(done: (view: Node) => boolean): Promise<Node> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const res = await h.query(VIEW, { uscc: A.uscc }, as.market);
        expect(res.errors).toBeUndefined();
        const view = res.data!.operator as Node;
        if (done(view) || Date.now() > deadline) return view;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    /** Actions of the platform's JointMeasureChange events in market regulation's outbox, in order. */
    async function platformEvents(): Promise<string[]> {
      const rows = await h.subgraph.database.dataSource.getRepository(OutboxEvent).find({ where: { type: 'JointMeasureChange' }, order: { sequence: 'ASC' } });
      return rows.map((r) => toEnvelope(r).payload as JointMeasureChange)
        .filter((p) => p.agency === `platform:${PLATFORM}` && p.kind === 'PLATFORM_ONBOARDING_RESTRICTED').map((p) => p.action);
    }

    it('is refused for another platform, an operator without a storefront there, or a basis that is not its listing; nothing recorded', async () => {
      const foreign = await h.query(REPORT, input(), as.otherPlatform);
      expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // Market regulation records its own measures elsewhere; an admin holds neither a platform nor a write scope.
      expect((await h.query(REPORT, input(), as.market)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await h.query(REPORT, input(), as.admin)).errors?.[0]?.extensions?.code).toBe(UNAUTHORIZED);

      const noStorefront = await h.query(REPORT, input({ operatorUscc: B.uscc, basisDecisionNumber: listingB.payload.decisionNumber }), as.platform);
      expect(noStorefront.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(noStorefront.errors?.[0]?.message).toContain(`No storefront on platform ${PLATFORM}`);

      for (const basis of ['穗市监信〔2026〕404号', listingB.payload.decisionNumber, removalA.payload.decisionNumber]) {
        const res = await h.query(REPORT, input({ basisDecisionNumber: basis }), as.platform);
        expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0]?.message).toContain('`basisDecisionNumber`');
      }
      // A listing that had ended before the restriction applied.
      const ended = await h.query(REPORT, input({ basisDecisionNumber: abnormalA.payload.decisionNumber, appliedOn: '2026-10-15' }), as.platform);
      expect(ended.errors?.[0]?.message).toContain('ended on 2026-10-10');
      const early = await h.query(REPORT, input({ appliedOn: '2026-10-01' }), as.platform);
      expect(early.errors?.[0]?.message).toContain('before the listing');
      const future = await h.query(REPORT, input({ appliedOn: '2026-12-01' }), as.platform);
      expect(future.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      for (const headers of [{}, as.evaluator, as.operator, as.customs]) {
        expect((await h.query(REPORT, input(), headers)).errors?.[0]?.extensions?.code).toBe(UNAUTHORIZED);
      }
      expect(await count()).toBe(0);
    });

    it('records a restriction of a listed operator trading on the platform, then its lift; a repeat is CONFLICT', async () => {
      const applied = await h.query(REPORT, input(), as.platform);
      expect(applied.errors).toBeUndefined();
      expect(applied.data!.reportPlatformRestriction).toEqual({
        platformId: PLATFORM, operatorUscc: A.uscc, restriction: 'RESTRICTED_ONBOARDING', basisListKind: 'SERIOUS_DISHONEST',
        basisDecisionNumber: listingA.payload.decisionNumber, appliedOn: '2026-10-21', liftedOn: null,
      });
      const again = await h.query(REPORT, input(), as.platform);
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', duplicate: { platformId: PLATFORM, operatorUscc: A.uscc } });

      // On the bus: the platform's measure shows in jointMeasures and answers restrictions(matter: PLATFORM_ONBOARDING).
      const platformMeasure = { agency: `platform:${PLATFORM}`, kind: 'PLATFORM_ONBOARDING_RESTRICTED', basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber: listingA.payload.decisionNumber } };
      const inForce = await platformView((v) => v.jointMeasures.some((j: Node) => j.agency === platformMeasure.agency && j.active));
      expect(inForce.jointMeasures).toContainEqual({ ...platformMeasure, appliedAt: '2026-10-20T16:00:00.000Z', liftedAt: null, active: true });
      expect(inForce.onboarding).toEqual({ restricted: true, measures: [platformMeasure] });
      expect(await platformEvents()).toEqual(['APPLIED']);

      const lifted = await h.query(REPORT, input({ liftedOn: '2026-11-01' }), as.platform);
      expect(lifted.errors).toBeUndefined();
      expect(lifted.data!.reportPlatformRestriction).toMatchObject({ appliedOn: '2026-10-21', liftedOn: '2026-11-01' });
      expect((await h.query(REPORT, input({ liftedOn: '2026-11-02' }), as.platform)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(await count()).toBe(1);
      const liftedView = await platformView((v) => v.jointMeasures.some((j: Node) => j.agency === platformMeasure.agency && !j.active));
      expect(liftedView.jointMeasures).toContainEqual({ ...platformMeasure, appliedAt: '2026-10-20T16:00:00.000Z', liftedAt: '2026-10-31T16:00:00.000Z', active: false });
      expect(liftedView.onboarding).toEqual({ restricted: false, measures: [] });
      // Each report emitted once; the refused repeats emitted nothing.
      expect(await platformEvents()).toEqual(['APPLIED', 'LIFTED']);

      // What it feeds into jointMeasures: a JointMeasureChange of the platform, applied and lifted.
      const row = await h.subgraph.database.dataSource.getRepository(PlatformRestriction).findOneByOrFail({ platformId: PLATFORM });
      expect(platformRestrictionAsJointMeasure(row, 'APPLIED')).toEqual({
        agency: `platform:${PLATFORM}`, operatorUscc: A.uscc, kind: 'PLATFORM_ONBOARDING_RESTRICTED', matters: ['PLATFORM_ONBOARDING'],
        basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber: listingA.payload.decisionNumber }, action: 'APPLIED',
        at: '2026-10-20T16:00:00.000Z',
      });
      expect(platformRestrictionAsJointMeasure(row, 'LIFTED')).toMatchObject({ action: 'LIFTED', at: '2026-10-31T16:00:00.000Z' });

      // A listing restriction on the same basis is a separate measure; it restricts no RestrictedMatter.
      const listing = await h.query(REPORT, input({ restriction: 'RESTRICTED_LISTING' }), as.platform);
      expect(listing.errors).toBeUndefined();
      const listingRow = await h.subgraph.database.dataSource.getRepository(PlatformRestriction)
        .findOneByOrFail({ platformId: PLATFORM, restriction: 'RESTRICTED_LISTING' as never });
      expect(platformRestrictionAsJointMeasure(listingRow, 'APPLIED')).toMatchObject({ kind: 'PLATFORM_LISTING_RESTRICTED', matters: [] });
    });
  });
});
