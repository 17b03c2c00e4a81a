import { postalSubgraph } from '../../../subgraphs/postal';
import { COMPLAINT_DEADLINE_RULES, EMPTY_PARCEL_SCORING_RULES, EXPRESS_PERMIT_RULES, scoreEmptyParcels } from '../../../subgraphs/postal/rules/postal-rules';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';
import { NOW, TODAY, testUscc } from './helpers';
import { addDays } from '../../../shared/calendar/dates';
import { ruleInForce } from '../../../shared/rules/versioned';
import { Not } from 'typeorm';
import type { QualificationChange } from '../../../shared/events/contract';
import { OutboxEvent } from '../../../shared/events/entities';
import { expressPermitChange } from '../../../shared/qualifications/validity';
import { ExpressPermit } from '../../../subgraphs/postal/entities/express-permit.entity';

let h: SubgraphHarness;
/** The postal administration's token: its mutations need `postal:write`, its reads `gov:shared`. */
let postal: Record<string, string>;

beforeAll(async () => {
  h = await startSubgraphForTest(postalSubgraph, { seedOperators: 10, now: NOW });
  postal = await h.as({ role: 'agency', agency: 'postal' });
}, 120_000);

/** A request of the postal administration. */
const q = (query: string, variables?: Record<string, unknown>) => h.query(query, variables, postal);

afterAll(async () => {
  await h?.stop();
});

type Answer = { errors?: { extensions?: Record<string, unknown>; message: string }[]; data?: unknown };

function expectBadInput(res: Answer) {
  expect(res.errors).toBeDefined();
  expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
}

/** A duplicate of a record's natural identity: CONFLICT naming it. */
function expectDuplicate(res: Answer, duplicate: Record<string, unknown>) {
  expect(res.errors).toBeDefined();
  expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', duplicate });
}

const PERMIT_FIELDS = 'id permitNumber status scope issuedOn validFrom validUntil authority rulesVersion revokedOn revocationReason branches { name address districtCode } holder { uscc }';

describe('express permits', () => {
  const holder = testUscc(1);
  const issue = (input: Record<string, unknown>) =>
    q(`mutation ($input: IssueExpressPermitInput!) { issueExpressPermit(input: $input) { ${PERMIT_FIELDS} } }`, { input });
  const holderState = () =>
    q(
      `query ($r: [_Any!]!, $f: ExpressPermitFilter) {
        _entities(representations: $r) { ... on Operator { holdsValidExpressPermit expressPermit { permitNumber status } } }
        expressPermits(first: 10, filter: $f) { totalCount nodes { permitNumber status } } }`,
      { r: [{ __typename: 'Operator', uscc: holder }], f: { holderUscc: holder } },
    );

  it('refuses bad permits and records nothing', async () => {
    const base = { permitNumber: '粤快许TEST0001', holderUscc: holder, scope: ['INTRA_PROVINCE'], issuedOn: '2026-01-10' };
    expectBadInput(await issue({ ...base, scope: [] }));
    expectBadInput(await issue({ ...base, validFrom: '2026-03-01', validUntil: '2026-02-01' }));
    expectBadInput(await issue({ ...base, validFrom: '2026-01-01' })); // validity before issue
    expectBadInput(await issue({ ...base, issuedOn: '2026-12-01' })); // future
    expectBadInput(await issue({ ...base, holderUscc: '91350203M0001QAY9B' }));
    expectBadInput(await issue({ ...base, permitNumber: '   ' }));
    expectBadInput(await issue({ ...base, branches: [{ name: '天河营业部', address: '天河路1号', districtCode: 'TH' }] }));
    const state = await holderState();
    expect(state.errors).toBeUndefined();
    expect(state.data!.expressPermits.totalCount).toBe(0);
    expect(state.data!._entities[0]).toEqual({ holdsValidExpressPermit: false, expressPermit: null });
  });

  it('issues a permit valid for the years of the permit rules, with branches', async () => {
    const res = await issue({
      permitNumber: '粤快许TEST0001', holderUscc: holder, scope: ['INTRA_PROVINCE', 'INTERNATIONAL', 'INTRA_PROVINCE'],
      issuedOn: '2026-01-10', branches: [{ name: '天河营业部', address: '广州市天河区天河路1号', districtCode: '440106' }],
    });
    expect(res.errors).toBeUndefined();
    const permit = res.data!.issueExpressPermit;
    const rule = ruleInForce(EXPRESS_PERMIT_RULES, '2026-01-10');
    expect(permit).toMatchObject({
      status: 'VALID', scope: ['INTRA_PROVINCE', 'INTERNATIONAL'], validFrom: '2026-01-10',
      validUntil: addDays(`${2026 + rule.validityYears}-01-10`, -1), authority: rule.defaultAuthority,
      rulesVersion: rule.version, holder: { uscc: holder },
      branches: [{ name: '天河营业部', address: '广州市天河区天河路1号', districtCode: '440106' }],
    });
    const state = await holderState();
    expect(state.data!._entities[0]).toEqual({
      holdsValidExpressPermit: true, expressPermit: { permitNumber: '粤快许TEST0001', status: 'VALID' },
    });
  });

  it('refuses a duplicate number or an overlapping permit of the same holder', async () => {
    expectDuplicate(await issue({ permitNumber: '粤快许TEST0001', holderUscc: testUscc(2), scope: ['INTRA_PROVINCE'] }), { permitNumber: '粤快许TEST0001' });
    expectBadInput(await issue({ permitNumber: '粤快许TEST0002', holderUscc: holder, scope: ['INTER_PROVINCE'] }));
    expect((await holderState()).data!.expressPermits.totalCount).toBe(1);
  });

  it('revokes a permit with a reason, once, and the holder no longer holds a valid permit', async () => {
    const revoke = (v: Record<string, unknown>) =>
      q(`mutation ($n: String!, $r: String!, $d: Date) { revokeExpressPermit(permitNumber: $n, reason: $r, revokedOn: $d) { status revokedOn revocationReason } }`, v);
    expectBadInput(await revoke({ n: '粤快许TEST0001', r: '  ' }));
    expectBadInput(await revoke({ n: '粤快许TEST0001', r: '违规', d: '2025-12-31' })); // before issue
    expectBadInput(await revoke({ n: 'NO-SUCH', r: '违规' }));
    expect((await holderState()).data!._entities[0].holdsValidExpressPermit).toBe(true);
    const ok = await revoke({ n: '粤快许TEST0001', r: '违规收寄禁寄物品' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.revokeExpressPermit).toEqual({ status: 'REVOKED', revokedOn: TODAY, revocationReason: '违规收寄禁寄物品' });
    expectBadInput(await revoke({ n: '粤快许TEST0001', r: '再次' }));
    const state = await holderState();
    expect(state.data!._entities[0]).toEqual({
      holdsValidExpressPermit: false, expressPermit: { permitNumber: '粤快许TEST0001', status: 'REVOKED' },
    });
  });

  it('publishes the seeded permits and each issue and revocation as it stands (QualificationChange) for customs', async () => {
    const events = await h.subgraph.database.dataSource.getRepository(OutboxEvent).find({ where: { type: 'QualificationChange' }, order: { sequence: 'ASC' } });
    const payloads = events.map((e) => e.payload as QualificationChange);
    // The seed's permits, one event each, as the rows stand.
    const seeded = await h.subgraph.database.dataSource.getRepository(ExpressPermit).find({ where: { holderUscc: Not(holder) } });
    expect(seeded.length).toBeGreaterThan(0);
    for (const permit of seeded) expect(payloads).toContainEqual(expressPermitChange(permit));
    // The issue and the revocation above; the refused writes published nothing.
    expect(payloads.filter((p) => p.operatorUscc === holder)).toEqual([
      { operatorUscc: holder, qualification: 'EXPRESS_PERMIT', number: '粤快许TEST0001', status: 'IN_FORCE', statusFrom: null, validFrom: '2026-01-10', validUntil: expect.any(String) },
      { operatorUscc: holder, qualification: 'EXPRESS_PERMIT', number: '粤快许TEST0001', status: 'REVOKED', statusFrom: TODAY, validFrom: '2026-01-10', validUntil: expect.any(String) },
    ]);
    expect(events.every((e) => e.sourceAgency === 'postal')).toBe(true);
  });

  it('shows an expired permit as EXPIRED and not valid', async () => {
    const res = await issue({
      permitNumber: '粤快许TEST0003', holderUscc: testUscc(3), scope: ['INTER_PROVINCE'],
      issuedOn: '2020-03-01', validUntil: '2025-02-28',
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.issueExpressPermit.status).toBe('EXPIRED');
    const e = await q(`{ _entities(representations: [{ __typename: "Operator", uscc: "${testUscc(3)}" }]) { ... on Operator { holdsValidExpressPermit } } }`);
    expect(e.data!._entities[0].holdsValidExpressPermit).toBe(false);
  });
});

describe('postal complaints', () => {
  const operator = testUscc(10);
  const FIELDS = 'id status receivedOn replyDueOn decisionDueOn rulesVersion repliedOn reply decidedOn outcome replyOverdue decisionOverdue carrier { code } operator { uscc }';
  const file = (input: Record<string, unknown>) =>
    q(`mutation ($input: FilePostalComplaintInput!) { filePostalComplaint(input: $input) { ${FIELDS} } }`, { input });
  const count = async () =>
    (await q(`query ($f: PostalComplaintFilter) { postalComplaints(filter: $f) { totalCount } }`, { f: { operatorUscc: operator } }))
      .data!.postalComplaints.totalCount as number;
  const get = async (id: string) =>
    ((await q(`query ($f: PostalComplaintFilter) { postalComplaints(first: 100, filter: $f) { nodes { ${FIELDS} } } }`, { f: { operatorUscc: operator } }))
      .data!.postalComplaints.nodes as { id: string }[]).find((n) => n.id === id);
  let id: string;

  it('refuses bad complaints and records nothing', async () => {
    const base = { carrierCode: 'ZTO', operatorUscc: operator, category: 'FALSE_SIGN_OFF', complainantName: '陈伟', receivedOn: '2026-11-10' };
    expectBadInput(await file({ ...base, carrierCode: 'NOPE' }));
    expectBadInput(await file({ ...base, complainantName: ' ' }));
    expectBadInput(await file({ ...base, receivedOn: '2026-11-16' }));
    expectBadInput(await file({ ...base, operatorUscc: '91440101MA5CJQ4N58' }));
    expectBadInput(await file({ ...base, category: 'RUDENESS' }));
    expect(await count()).toBe(0);
  });

  it('files a complaint with reply and decision deadlines from the complaint rules', async () => {
    const res = await file({ carrierCode: 'zto', operatorUscc: operator, category: 'FALSE_SIGN_OFF', complainantName: '陈伟', receivedOn: '2026-11-10' });
    expect(res.errors).toBeUndefined();
    const rule = ruleInForce(COMPLAINT_DEADLINE_RULES, '2026-11-10');
    expect(res.data!.filePostalComplaint).toMatchObject({
      status: 'RECEIVED', carrier: { code: 'ZTO' }, operator: { uscc: operator }, rulesVersion: rule.version,
      replyDueOn: addDays('2026-11-10', rule.replyDays), decisionDueOn: addDays('2026-11-10', rule.decisionDays),
      replyOverdue: false, decisionOverdue: false,
    });
    expect(res.data!.filePostalComplaint.replyDueOn).toBe('2026-11-17');
    expect(res.data!.filePostalComplaint.decisionDueOn).toBe('2026-12-10');
    id = res.data!.filePostalComplaint.id;
    expect(await count()).toBe(1);
    const e = await q(`{ _entities(representations: [{ __typename: "Operator", uscc: "${operator}" }]) { ... on Operator { postalComplaints { id } } } }`);
    expect(e.data!._entities[0].postalComplaints).toEqual([{ id }]);
  });

  it('flags an unanswered complaint past its deadlines as overdue', async () => {
    const res = await file({ carrierCode: 'STO', operatorUscc: operator, category: 'DELAY', complainantName: '李敏', receivedOn: '2026-10-01' });
    expect(res.data!.filePostalComplaint).toMatchObject({ replyOverdue: true, decisionOverdue: true, status: 'RECEIVED' });
  });

  it('records a reply in date order, once', async () => {
    const reply = (v: Record<string, unknown>) =>
      q(`mutation ($id: ID!, $r: String!, $d: Date) { replyToPostalComplaint(id: $id, reply: $r, repliedOn: $d) { ${FIELDS} } }`, v);
    expectBadInput(await reply({ id, r: '已处理', d: '2026-11-09' })); // before receipt
    expectBadInput(await reply({ id, r: '已处理', d: '2026-11-20' })); // future
    expectBadInput(await reply({ id, r: '' }));
    expectBadInput(await reply({ id: '999999', r: '已处理' }));
    expect(await get(id)).toMatchObject({ status: 'RECEIVED', repliedOn: null });
    const ok = await reply({ id, r: '已联系收件人核实', d: '2026-11-12' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.replyToPostalComplaint).toMatchObject({ status: 'REPLIED', repliedOn: '2026-11-12', replyOverdue: false });
    expectBadInput(await reply({ id, r: '再次答复', d: '2026-11-13' }));
    expect(await get(id)).toMatchObject({ repliedOn: '2026-11-12', reply: '已联系收件人核实' });
  });

  it('records a decision in date order, once', async () => {
    const decide = (v: Record<string, unknown>) =>
      q(`mutation ($id: ID!, $o: PostalComplaintOutcome!, $d: Date) { decidePostalComplaint(id: $id, outcome: $o, decidedOn: $d) { ${FIELDS} } }`, v);
    expectBadInput(await decide({ id, o: 'SUBSTANTIATED', d: '2026-11-11' })); // before the reply
    expectBadInput(await decide({ id, o: 'SUBSTANTIATED', d: '2026-11-30' })); // future
    expect(await get(id)).toMatchObject({ status: 'REPLIED', decidedOn: null, outcome: null });
    const ok = await decide({ id, o: 'SUBSTANTIATED', d: '2026-11-14' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.decidePostalComplaint).toMatchObject({ status: 'DECIDED', decidedOn: '2026-11-14', outcome: 'SUBSTANTIATED', decisionOverdue: false });
    expectBadInput(await decide({ id, o: 'UNSUBSTANTIATED' }));
    expect(await get(id)).toMatchObject({ outcome: 'SUBSTANTIATED' });
  });
});

describe('parcel statistics and empty-parcel signals', () => {
  const shady = testUscc(20);
  const clean = testUscc(21);
  const report = (input: Record<string, unknown>) =>
    q(`mutation ($input: ReportParcelStatisticsInput!) { reportParcelStatistics(input: $input) {
      id period parcels noPickupScanCount lowWeightCount bulkWaybillCount reusedRecipientCount instantSignOffCount revision emptyParcelScore carrier { code } operator { uscc } } }`, { input });
  const statsOf = async (uscc: string) =>
    (await q(`query ($op: UnifiedSocialCreditCode) { parcelVolumeStatistics(operatorUscc: $op, first: 50) { totalCount nodes { period parcels noPickupScanCount revision } } }`, { op: uscc }))
      .data!.parcelVolumeStatistics;
  const highCounts = { parcels: 400, noPickupScanCount: 300, lowWeightCount: 120, bulkWaybillCount: 200, reusedRecipientCount: 90, instantSignOffCount: 150 };
  const lowCounts = { parcels: 400, noPickupScanCount: 4, lowWeightCount: 2, bulkWaybillCount: 0, reusedRecipientCount: 3, instantSignOffCount: 1 };
  const COMPUTE = `mutation ($p: String!) { computeEmptyParcelSignals(period: $p) {
    period rulesVersion threshold evaluated alreadyRaised raised { id score status period operator { uscc } carrier { code } features { feature count ratio weight contribution } } } }`;
  const signals = async (status?: string) =>
    (await q(`query ($f: EmptyParcelSignalFilter) { emptyParcelSignals(first: 100, filter: $f) { totalCount nodes { id status operator { uscc } decidedOn referredToMarketRegulationOn reason } } }`,
      { f: { period: '2026-11', ...(status ? { status } : {}) } })).data!.emptyParcelSignals;
  let signalId: string;

  it('refuses bad counts and periods and records nothing', async () => {
    const base = { carrierCode: 'YTO', operatorUscc: shady, period: '2026-11', ...highCounts };
    expectBadInput(await report({ ...base, parcels: -1 }));
    expectBadInput(await report({ ...base, lowWeightCount: -5 }));
    expectBadInput(await report({ ...base, noPickupScanCount: 401 })); // more than parcels
    expectBadInput(await report({ ...base, period: '2026-13' }));
    expectBadInput(await report({ ...base, period: '2026-12' })); // future month
    expectBadInput(await report({ ...base, carrierCode: 'XX' }));
    expectBadInput(await report({ ...base, operatorUscc: 'not-a-code' }));
    expect((await statsOf(shady)).totalCount).toBe(0);
  });

  it('records statistics, and a repeated report corrects them', async () => {
    const first = await report({ carrierCode: 'YTO', operatorUscc: shady, period: '2026-11', ...highCounts, noPickupScanCount: 10 });
    expect(first.errors).toBeUndefined();
    expect(first.data!.reportParcelStatistics).toMatchObject({ revision: 1, noPickupScanCount: 10, carrier: { code: 'YTO' }, operator: { uscc: shady } });
    const corrected = await report({ carrierCode: 'YTO', operatorUscc: shady, period: '2026-11', ...highCounts });
    expect(corrected.data!.reportParcelStatistics).toMatchObject({ revision: 2, noPickupScanCount: 300 });
    expect(corrected.data!.reportParcelStatistics.id).toBe(first.data!.reportParcelStatistics.id);
    expect((await report({ carrierCode: 'SF', operatorUscc: clean, period: '2026-11', ...lowCounts })).errors).toBeUndefined();
    const stats = await statsOf(shady);
    expect(stats.totalCount).toBe(1);
    expect(stats.nodes[0]).toMatchObject({ period: '2026-11', parcels: 400, noPickupScanCount: 300, revision: 2 });
    const e = await q(`{ _entities(representations: [{ __typename: "Operator", uscc: "${shady}" }]) { ... on Operator { parcelStats { period parcels } emptyParcelSignals { id } } } }`);
    expect(e.data!._entities[0]).toEqual({ parcelStats: [{ period: '2026-11', parcels: 400 }], emptyParcelSignals: [] });
  });

  it('raises a signal scored by the versioned rules, above the threshold only', async () => {
    expectBadInput(await q(COMPUTE, { p: '11/2026' }));
    expectBadInput(await q(COMPUTE, { p: '2027-01' }));
    expect((await signals()).totalCount).toBe(0);
    const res = await q(COMPUTE, { p: '2026-11' });
    expect(res.errors).toBeUndefined();
    const out = res.data!.computeEmptyParcelSignals;
    const rule = ruleInForce(EMPTY_PARCEL_SCORING_RULES, '2026-11-01');
    const expected = scoreEmptyParcels('2026-11', 400, {
      NO_PICKUP_SCAN: 300, LOW_WEIGHT: 120, BULK_WAYBILL: 200, REUSED_RECIPIENT: 90, INSTANT_SIGN_OFF: 150,
    });
    // 30·1 + 20·0.6 + 15·1 + 20·0.45 + 15·0.75 = 77.25 with the 2024 weights, saturation 0.5
    expect(expected.score).toBe(77);
    expect(out).toMatchObject({ period: '2026-11', rulesVersion: rule.version, threshold: rule.threshold, evaluated: 2, alreadyRaised: 0 });
    expect(out.raised).toHaveLength(1);
    expect(out.raised[0]).toMatchObject({ score: expected.score, status: 'SUSPECTED', operator: { uscc: shady }, carrier: { code: 'YTO' } });
    expect(out.raised[0].features).toEqual(expected.features);
    signalId = out.raised[0].id;
  });

  it('is idempotent: computing the period again raises nothing new', async () => {
    const again = await q(COMPUTE, { p: '2026-11' });
    expect(again.errors).toBeUndefined();
    expect(again.data!.computeEmptyParcelSignals).toMatchObject({ evaluated: 2, alreadyRaised: 1, raised: [] });
    const all = await signals();
    expect(all.totalCount).toBe(1);
    expect(all.nodes[0]).toMatchObject({ id: signalId, status: 'SUSPECTED', operator: { uscc: shady } });
  });

  it('confirms a suspected signal with its referral to market regulation, once', async () => {
    const confirm = (v: Record<string, unknown>) =>
      q(`mutation ($id: ID!, $c: Date, $r: Date, $why: String) { confirmEmptyParcelSignal(id: $id, confirmedOn: $c, referredOn: $r, reason: $why) {
        id status decidedOn referredToMarketRegulationOn reason } }`, v);
    expectBadInput(await confirm({ id: signalId, c: '2026-11-14' })); // before it was raised (today)
    expectBadInput(await confirm({ id: signalId, c: '2026-11-15', r: '2026-11-14' })); // referral before confirmation
    expectBadInput(await confirm({ id: '424242' }));
    expect((await signals('SUSPECTED')).totalCount).toBe(1);
    const ok = await confirm({ id: signalId, why: '回访收件人均称未收到实物' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.confirmEmptyParcelSignal).toEqual({
      id: signalId, status: 'CONFIRMED', decidedOn: TODAY, referredToMarketRegulationOn: TODAY, reason: '回访收件人均称未收到实物',
    });
    expectBadInput(await confirm({ id: signalId }));
    const dismiss = await q(`mutation { dismissEmptyParcelSignal(id: "${signalId}", reason: "误报") { status } }`);
    expectBadInput(dismiss);
    expect((await signals('CONFIRMED')).nodes).toEqual([
      { id: signalId, status: 'CONFIRMED', operator: { uscc: shady }, decidedOn: TODAY, referredToMarketRegulationOn: TODAY, reason: '回访收件人均称未收到实物' },
    ]);
  });

  it('dismisses a suspected signal only with a reason', async () => {
    const other = testUscc(22);
    expect((await report({ carrierCode: 'JD', operatorUscc: other, period: '2026-11', ...highCounts })).errors).toBeUndefined();
    const computed = await q(COMPUTE, { p: '2026-11' });
    expect(computed.data!.computeEmptyParcelSignals).toMatchObject({ evaluated: 3, alreadyRaised: 1 });
    expect(computed.data!.computeEmptyParcelSignals.raised).toHaveLength(1);
    const id = computed.data!.computeEmptyParcelSignals.raised[0].id;
    const dismiss = (reason: string) =>
      q(`mutation ($id: ID!, $r: String!) { dismissEmptyParcelSignal(id: $id, reason: $r) { status decidedOn reason referredToMarketRegulationOn } }`, { id, r: reason });
    expectBadInput(await dismiss('   '));
    expect((await signals('SUSPECTED')).nodes.map((n: { id: string }) => n.id)).toEqual([id]);
    const ok = await dismiss('大促期间真实赠品寄递');
    expect(ok.data!.dismissEmptyParcelSignal).toEqual({ status: 'DISMISSED', decidedOn: TODAY, reason: '大促期间真实赠品寄递', referredToMarketRegulationOn: null });
    expect((await signals('SUSPECTED')).totalCount).toBe(0);
    expect((await signals()).totalCount).toBe(2);
  });
});

describe('express carrier credit scores', () => {
  const record = (input: Record<string, unknown>) =>
    q(`mutation ($input: RecordExpressCarrierCreditScoreInput!) { recordExpressCarrierCreditScore(input: $input) { year score grade carrier { code } } }`, { input });
  const total = async () => (await q(`{ expressCarrierCreditGrades(carrierCode: "STO") { totalCount } }`)).data!.expressCarrierCreditGrades.totalCount;

  it('records a score whose grade comes from the scale, and refuses bad ones', async () => {
    const before = await total();
    expectBadInput(await record({ carrierCode: 'STO', year: 2026, score: 101 }));
    expectBadInput(await record({ carrierCode: 'STO', year: 2027, score: 80 }));
    expectBadInput(await record({ carrierCode: 'NOPE', year: 2026, score: 80 }));
    expectDuplicate(await record({ carrierCode: 'STO', year: 2025, score: 80 }), { carrierCode: 'STO', year: 2025 }); // seeded already
    expect(await total()).toBe(before);
    const ok = await record({ carrierCode: 'STO', year: 2026, score: 85 });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.recordExpressCarrierCreditScore).toEqual({ year: 2026, score: 85, grade: 'AA', carrier: { code: 'STO' } });
    expect(await total()).toBe(before + 1);
  });
});
