import { openAccessControlStore, type AccessControlStore } from '../../../shared/access-control';
import type { Caller } from '../../../shared/auth/caller';
import { postalSubgraph } from '../../../subgraphs/postal';
import type { GraphQLResponse } from '../../support/graphql-client';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';
import { reps, testUscc } from './helpers';

/**
 * Field-level access straight to the postal subgraph, with real tokens. Runs on the real clock: consent
 * grants are dated now, and the subgraph judges them against the request time.
 */

const A = testUscc(101);
const B = testUscc(102);
const UNAUTHORIZED = 'UNAUTHORIZED_FIELD_OR_TYPE';
const HANDLER_NOTE = '内部：申诉集中，已约谈网点负责人';
const ADMIN: Caller = { authenticated: true, role: 'admin', subject: 'admin-test', scopes: new Set(['admin']), operators: [] };

let h: SubgraphHarness;
let store: AccessControlStore;
type Headers = Record<string, string>;
let postal: Headers;
let customs: Headers;
let customsPii: Headers;
let admin: Headers;
let evaluator: Headers;
let otherEvaluator: Headers;
let operatorA: Headers;
const anonymous: Headers = {};
const complaintIds: Record<string, string> = {};

/** The previous calendar month (UTC): never later than the subgraph's current month. */
function previousMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}
const PERIOD = previousMonth();

async function ok(res: Promise<GraphQLResponse>) {
  const r = await res;
  expect(r.errors).toBeUndefined();
  return r.data!;
}

/** `path → code` of every error of a response. */
function errorsOf(res: GraphQLResponse): Record<string, unknown> {
  return Object.fromEntries((res.errors ?? []).map((e) => [(e.path ?? []).join('.'), e.extensions?.code]));
}

function expectUnauthorized(res: GraphQLResponse, paths: string[]) {
  expect(errorsOf(res)).toEqual(Object.fromEntries(paths.map((p) => [p, UNAUTHORIZED])));
  for (const e of res.errors ?? []) expect(e.message).toBe('Unauthorized field or type');
}

const OPERATORS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Operator {
      uscc holdsValidExpressPermit expressPermit { permitNumber status branches { name } }
      postalComplaints { id category complainantName status carrier { code } }
      parcelStats { period parcels emptyParcelScore }
      emptyParcelSignals { id score status }
    }
  }
}`;

const PRIVATE = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Operator { postalComplaints { id handlerNote } emptyParcelSignals { id features { feature contribution } } }
  }
}`;

const ROOTS = `{
  postalComplaints(first: 1) { totalCount }
  parcelVolumeStatistics(first: 1) { totalCount }
  emptyParcelSignals(first: 1) { totalCount }
  expressCarriers(first: 1) { totalCount }
}`;

const nameOf = (res: GraphQLResponse, i: number) =>
  (res.data as { _entities: { postalComplaints: { complainantName: string }[] }[] })._entities[i].postalComplaints[0].complainantName;

beforeAll(async () => {
  h = await startSubgraphForTest(postalSubgraph, { seedOperators: 10 });
  store = await openAccessControlStore(h.config.accessControl);
  postal = await h.as({ role: 'agency', agency: 'postal' });
  customs = await h.as({ role: 'agency', agency: 'customs' });
  customsPii = await h.as({ role: 'agency', agency: 'customs', scopes: ['pii:read'] });
  admin = await h.as({ role: 'admin' });
  evaluator = await h.as({ role: 'evaluator', subject: 'bank-1' });
  otherEvaluator = await h.as({ role: 'evaluator', subject: 'bank-2' });
  operatorA = await h.as({ role: 'operator', operators: [A] });

  // A and B each get a permit (A), a complaint, parcel statistics and an empty-parcel signal, recorded by postal.
  await ok(h.query(`mutation { issueExpressPermit(input: { permitNumber: "粤快许ACCESS1", holderUscc: "${A}", scope: [INTRA_PROVINCE],
    branches: [{ name: "天河营业部", address: "广州市天河区天河路1号", districtCode: "440106" }] }) { id } }`, undefined, postal));
  for (const [uscc, name] of [[A, '张伟'], [B, '李小明']]) {
    const filed = await ok(h.query(`mutation ($input: FilePostalComplaintInput!) { filePostalComplaint(input: $input) { id } }`,
      { input: { carrierCode: 'ZTO', operatorUscc: uscc, category: 'FALSE_SIGN_OFF', complainantName: name } }, postal));
    complaintIds[uscc] = (filed.filePostalComplaint as { id: string }).id;
    await ok(h.query(`mutation ($input: ReportParcelStatisticsInput!) { reportParcelStatistics(input: $input) { id } }`, {
      input: { carrierCode: 'YTO', operatorUscc: uscc, period: PERIOD, parcels: 400, noPickupScanCount: 300, lowWeightCount: 120,
        bulkWaybillCount: 200, reusedRecipientCount: 90, instantSignOffCount: 150 },
    }, postal));
  }
  await ok(h.query(`mutation ($id: ID!, $n: String) { decidePostalComplaint(id: $id, outcome: SUBSTANTIATED, handlerNote: $n) { id } }`,
    { id: complaintIds[A], n: HANDLER_NOTE }, postal));
  const computed = await ok(h.query(`mutation ($p: String!) { computeEmptyParcelSignals(period: $p) { raised { operator { uscc } } } }`,
    { p: PERIOD }, postal));
  const raisedFor = (computed.computeEmptyParcelSignals as { raised: { operator: { uscc: string } }[] }).raised.map((s) => s.operator.uscc);
  expect(raisedFor).toEqual(expect.arrayContaining([A, B]));
}, 120_000);

afterAll(async () => {
  await store?.close();
  await h?.stop();
});

describe('anonymous callers', () => {
  it('get the public fields through _entities, and null with an error for each non-public field', async () => {
    const res = await h.query(OPERATORS, reps([A]), anonymous);
    expect(res.data!._entities[0]).toEqual({
      uscc: A, holdsValidExpressPermit: true,
      expressPermit: { permitNumber: '粤快许ACCESS1', status: 'VALID', branches: [{ name: '天河营业部' }] },
      postalComplaints: null, parcelStats: null, emptyParcelSignals: null,
    });
    expectUnauthorized(res, ['_entities.0.postalComplaints', '_entities.0.parcelStats', '_entities.0.emptyParcelSignals']);
  });

  it('get the public root lists, and null with an error for the agency-only lists', async () => {
    const res = await h.query(ROOTS, undefined, anonymous);
    expect(res.data).toEqual({ postalComplaints: null, parcelVolumeStatistics: null, emptyParcelSignals: null, expressCarriers: { totalCount: 7 } });
    expectUnauthorized(res, ['postalComplaints', 'parcelVolumeStatistics', 'emptyParcelSignals']);
    const grades = await ok(h.query(`{ expressCarrierCreditGrades(first: 1, carrierCode: "SF") { nodes { grade carrier { name creditCode } } }
      expressPermits(first: 5, filter: { holderUscc: "${A}" }) { totalCount nodes { permitNumber holder { uscc } } } }`, undefined, anonymous));
    expect(grades.expressPermits).toEqual({ totalCount: 1, nodes: [{ permitNumber: '粤快许ACCESS1', holder: { uscc: A } }] });
  });
});

describe('agency callers', () => {
  it('of another agency read complaints, statistics and signals, with complainant names masked', async () => {
    const res = await h.query(OPERATORS, reps([A, B]), customs);
    expect(res.errors).toBeUndefined();
    const [a, b] = res.data!._entities;
    expect(a.postalComplaints).toEqual([{ id: complaintIds[A], category: 'FALSE_SIGN_OFF', complainantName: '张*', status: 'DECIDED', carrier: { code: 'ZTO' } }]);
    expect(b.postalComplaints[0].complainantName).toBe('李**');
    expect(a.parcelStats).toEqual([{ period: PERIOD, parcels: 400, emptyParcelScore: 77 }]);
    expect(a.emptyParcelSignals).toEqual([expect.objectContaining({ score: 77, status: 'SUSPECTED' })]);
    const roots = await ok(h.query(ROOTS, undefined, customs));
    expect((roots.postalComplaints as { totalCount: number }).totalCount).toBeGreaterThanOrEqual(2);
    expect((roots.emptyParcelSignals as { totalCount: number }).totalCount).toBeGreaterThanOrEqual(2);
  });

  it('of another agency get no handling notes and no raw evidence of signals', async () => {
    const res = await h.query(PRIVATE, reps([A]), customs);
    expect(res.data!._entities[0]).toEqual({
      postalComplaints: [{ id: complaintIds[A], handlerNote: null }],
      emptyParcelSignals: [{ id: expect.any(String), features: null }],
    });
    expectUnauthorized(res, ['_entities.0.postalComplaints.0.handlerNote', '_entities.0.emptyParcelSignals.0.features']);
  });

  it('of postal itself read its handling notes and the raw evidence', async () => {
    const res = await ok(h.query(PRIVATE, reps([A]), postal));
    const [a] = res._entities as { postalComplaints: { handlerNote: string }[]; emptyParcelSignals: { features: unknown[] }[] }[];
    expect(a.postalComplaints[0].handlerNote).toBe(HANDLER_NOTE);
    expect(a.emptyParcelSignals[0].features).toHaveLength(5);
    // Seeded complaints carry notes for some.
    const seeded = await ok(h.query(`{ postalComplaints(first: 100) { nodes { handlerNote } } }`, undefined, postal));
    const notes = (seeded.postalComplaints as { nodes: { handlerNote: string | null }[] }).nodes.map((n) => n.handlerNote);
    expect(notes.some((n) => n === null)).toBe(true);
    expect(notes.filter((n) => n !== null && n !== HANDLER_NOTE).length).toBeGreaterThan(0);
  });
});

describe('personal information', () => {
  it('is masked for agencies without pii:read (postal included), unmasked with pii:read and for admins', async () => {
    for (const [headers, a, b] of [
      [postal, '张*', '李**'], [customs, '张*', '李**'], [customsPii, '张伟', '李小明'], [admin, '张伟', '李小明'],
    ] as const) {
      const res = await h.query(OPERATORS, reps([A, B]), headers);
      expect(res.errors).toBeUndefined();
      expect([nameOf(res, 0), nameOf(res, 1)]).toEqual([a, b]);
    }
  });
});

describe('evaluators', () => {
  it('read complaint records only while the operator consents, on the next request after a grant or a revocation', async () => {
    const before = await h.query(OPERATORS, reps([A, B]), evaluator);
    expect(before.data!._entities.map((o: { uscc: string; postalComplaints: unknown }) => [o.uscc, o.postalComplaints])).toEqual([[A, null], [B, null]]);
    expectUnauthorized(before, [0, 1].flatMap((i) => ['postalComplaints', 'parcelStats', 'emptyParcelSignals'].map((f) => `_entities.${i}.${f}`)));

    const grant = await store.grantConsent(
      { operatorUscc: A, evaluatorSubject: 'bank-1', purpose: 'loan application', expiresAt: new Date(Date.now() + 86_400_000) },
      ADMIN,
    );
    const granted = await h.query(OPERATORS, reps([A, B]), { ...evaluator, 'x-purpose': 'loan application' });
    const [a, b] = granted.data!._entities;
    expect(a.postalComplaints).toEqual([expect.objectContaining({ id: complaintIds[A], complainantName: '张*', status: 'DECIDED' })]);
    expect(b.postalComplaints).toBeNull();
    // Statistics and signals are GOV_SHARED: consent does not open them.
    expect([a.parcelStats, a.emptyParcelSignals]).toEqual([null, null]);
    expectUnauthorized(granted, [
      '_entities.0.parcelStats', '_entities.0.emptyParcelSignals',
      '_entities.1.postalComplaints', '_entities.1.parcelStats', '_entities.1.emptyParcelSignals',
    ]);
    // The consent is to bank-1 only; and no evaluator reads the agency-wide lists.
    const other = await h.query(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Operator { uscc postalComplaints { id } } } }`,
      reps([A]), otherEvaluator);
    expect(other.data!._entities[0]).toEqual({ uscc: A, postalComplaints: null });
    expectUnauthorized(await h.query(`{ postalComplaints(first: 5) { totalCount } }`, undefined, evaluator), ['postalComplaints']);

    await store.revokeConsent(grant.id, ADMIN, 'loan decided');
    const revoked = await h.query(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Operator { uscc postalComplaints { id } } } }`,
      reps([A]), { ...evaluator, 'x-purpose': 'loan application' });
    expect(revoked.data!._entities[0]).toEqual({ uscc: A, postalComplaints: null });
    expectUnauthorized(revoked, ['_entities.0.postalComplaints']);
  });
});

describe('operators', () => {
  it('read their own complaints (names unmasked), statistics and signals, and not those of others', async () => {
    const res = await h.query(OPERATORS, reps([A, B]), operatorA);
    const [a, b] = res.data!._entities;
    expect(a.postalComplaints).toEqual([expect.objectContaining({ id: complaintIds[A], complainantName: '张伟' })]);
    expect(a.parcelStats).toEqual([{ period: PERIOD, parcels: 400, emptyParcelScore: 77 }]);
    expect(a.emptyParcelSignals).toHaveLength(1);
    expect(b).toMatchObject({ uscc: B, postalComplaints: null, parcelStats: null, emptyParcelSignals: null });
    expectUnauthorized(res, ['_entities.1.postalComplaints', '_entities.1.parcelStats', '_entities.1.emptyParcelSignals']);
  });

  it("get neither postal's internal notes and raw evidence nor the agency-wide lists", async () => {
    const res = await h.query(PRIVATE, reps([A]), operatorA);
    expect(res.data!._entities[0]).toEqual({
      postalComplaints: [{ id: complaintIds[A], handlerNote: null }],
      emptyParcelSignals: [{ id: expect.any(String), features: null }],
    });
    expectUnauthorized(res, ['_entities.0.postalComplaints.0.handlerNote', '_entities.0.emptyParcelSignals.0.features']);
    const roots = await h.query(`query ($f: PostalComplaintFilter) { postalComplaints(first: 5, filter: $f) { totalCount } }`,
      { f: { operatorUscc: A } }, operatorA);
    expect(roots.data).toEqual({ postalComplaints: null });
    expectUnauthorized(roots, ['postalComplaints']);
  });
});

describe('mutations', () => {
  const complaintOfB = async () => {
    const res = await ok(h.query(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Operator { postalComplaints { id status outcome handlerNote } } } }`,
      reps([B]), postal));
    return (res._entities as { postalComplaints: unknown[] }[])[0].postalComplaints;
  };
  const statsOfA = async () =>
    (await ok(h.query(`{ parcelVolumeStatistics(operatorUscc: "${A}") { nodes { period parcels revision } } }`, undefined, postal)))
      .parcelVolumeStatistics;

  it('need postal:write: other agencies, evaluators, operators and anonymous callers change nothing', async () => {
    const before = await complaintOfB();
    const statsBefore = await statsOfA();
    const decide = `mutation ($id: ID!) { decidePostalComplaint(id: $id, outcome: UNSUBSTANTIATED, handlerNote: "x") { id } }`;
    for (const headers of [customs, admin, evaluator, operatorA, anonymous]) {
      const res = await h.query(decide, { id: complaintIds[B] }, headers);
      expect(res.data).toBeNull();
      expectUnauthorized(res, ['decidePostalComplaint']);
    }
    const report = await h.query(`mutation { reportParcelStatistics(input: { carrierCode: "YTO", operatorUscc: "${A}", period: "${PERIOD}",
      parcels: 1, noPickupScanCount: 0, lowWeightCount: 0, bulkWaybillCount: 0, reusedRecipientCount: 0, instantSignOffCount: 0 }) { id } }`,
    undefined, operatorA);
    expectUnauthorized(report, ['reportParcelStatistics']);
    const file = await h.query(`mutation { filePostalComplaint(input: { carrierCode: "SF", operatorUscc: "${B}", category: DELAY, complainantName: "王芳" }) { id } }`,
      undefined, customs);
    expectUnauthorized(file, ['filePostalComplaint']);
    expect(await complaintOfB()).toEqual(before);
    expect(before).toEqual([{ id: complaintIds[B], status: 'RECEIVED', outcome: null, handlerNote: null }]);
    expect(await statsOfA()).toEqual(statsBefore);
  });
});
