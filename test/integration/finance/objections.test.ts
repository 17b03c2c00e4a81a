import { chinaToday } from '../../../shared/calendar/dates';
import { FinancingExposure } from '../../../subgraphs/finance/entities/financing-exposure.entity';
import { financeSubgraph } from '../../../subgraphs/finance';
import { deliver, listChange } from '../../support/credit-events';
import { deliverObjection, objection } from '../../support/objections';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/**
 * Finance as the owner of records named in objections (issue 10): market regulation's ObjectionChange marks a
 * financing measure disputed, clears the mark on REJECTED, withdraws it on ACCEPTED + WITHDRAW (kept, with the date
 * and reason, no longer counted in FIN_FINANCING_MEASURES) and records a correction on ACCEPTED + CORRECT.
 */
let h: SubgraphHarness;
let finance: Record<string, string>;
const today = chinaToday(new Date());

beforeAll(async () => {
  h = await startSubgraphForTest(financeSubgraph, { seedOperators: 10 });
  finance = await h.as({ role: 'agency', agency: 'finance' });
});
afterAll(async () => {
  await h?.stop();
});

const OPERATOR = `query ($reps: [_Any!]!, $kind: String!, $id: ID!) { _entities(representations: $reps) { ... on Operator {
  financingMeasures { id disputed withdrawnOn withdrawalReason correction correctedOn }
  financeCreditSignal { factors { code value evidence { kind id } } }
  financeRecordForObjection(recordKind: $kind, recordId: $id) } } }`;

interface Seen {
  financingMeasures: { id: string; disputed: boolean; withdrawnOn: string | null; withdrawalReason: string | null; correction: string | null; correctedOn: string | null }[];
  financeCreditSignal: { factors: { code: string; value: number; evidence: { kind: string; id: string }[] }[] };
  financeRecordForObjection: string | null;
}
async function seen(uscc: string, id: string, headers = finance, kind = 'FINANCING_MEASURE'): Promise<Seen> {
  const res = await h.query(OPERATOR, { reps: [{ __typename: 'Operator', uscc }], kind, id }, headers);
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0] as Seen;
}
const measure = (s: Seen, id: string) => s.financingMeasures.find((m) => m.id === id)!;
const factor = (s: Seen) => s.financeCreditSignal.factors.find((f) => f.code === 'FIN_FINANCING_MEASURES')!;

/** A financing measure in force today on `uscc`, as a serious-dishonest listing imposes it. */
async function measureOn(uscc: string, n: number): Promise<string> {
  const decisionNumber = `穗市监严违失〔2026〕OBJ-${n}号`;
  await deliver(h, financeSubgraph, listChange({ operatorUscc: uscc, decisionNumber, effectiveOn: today }));
  const res = await h.query(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
    financingMeasures { id active basis { reference } } } } }`, { reps: [{ __typename: 'Operator', uscc }] }, finance);
  const m = (res.data!._entities[0].financingMeasures as { id: string; active: boolean; basis: { reference: string } }[])
    .find((x) => x.basis.reference === decisionNumber && x.active);
  return m!.id;
}

const usccOf = async (index: number) => {
  const rows = await h.subgraph.database.dataSource.query(`SELECT DISTINCT "operatorUscc" FROM financing_exposure ORDER BY 1`);
  return (rows as { operatorUscc: string }[])[index].operatorUscc;
};

describe('finance consumes ObjectionChange', () => {
  it('FILED marks the measure disputed, REJECTED clears it; the record stands', async () => {
    const uscc = await usccOf(0);
    const id = await measureOn(uscc, 1);
    const o = objection('finance', 'FINANCING_MEASURE', id, uscc);
    await deliverObjection(h, financeSubgraph, o.filed());
    expect(measure(await seen(uscc, id), id)).toMatchObject({ disputed: true, withdrawnOn: null });
    // Redelivered: still one mark.
    await deliverObjection(h, financeSubgraph, o.filed());
    await deliverObjection(h, financeSubgraph, o.rejected(today));
    const after = await seen(uscc, id);
    expect(measure(after, id)).toMatchObject({ disputed: false, withdrawnOn: null, correction: null });
    expect(factor(after).evidence).toContainEqual({ kind: 'FINANCING_MEASURE', id });
    expect(after.financeRecordForObjection).toBe('STANDING');
  });

  it('ACCEPTED + WITHDRAW keeps the measure with its date and reason and stops counting it in the signal', async () => {
    const uscc = await usccOf(1);
    const id = await measureOn(uscc, 2);
    const before = factor(await seen(uscc, id));
    expect(before.evidence).toContainEqual({ kind: 'FINANCING_MEASURE', id });
    const o = objection('finance', 'FINANCING_MEASURE', id, uscc);
    await deliverObjection(h, financeSubgraph, o.filed());
    const emitted = await deliverObjection(h, financeSubgraph, o.withdrawn(today, '列入依据已撤销'));
    // Lifted that day too: the listing agency hears of it as of any lift.
    expect(emitted).toEqual([{ type: 'JointMeasureChange', payload: expect.objectContaining({
      agency: 'finance', operatorUscc: uscc, action: 'LIFTED', basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber: expect.stringContaining('OBJ-2') },
    }) }]);
    const status = await h.query(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
      financingMeasures { id active liftedOn } } } }`, { reps: [{ __typename: 'Operator', uscc }] }, finance);
    expect(status.data!._entities[0].financingMeasures).toContainEqual({ id, active: false, liftedOn: today });
    const after = await seen(uscc, id);
    expect(measure(after, id)).toEqual({ id, disputed: false, withdrawnOn: today, withdrawalReason: '列入依据已撤销', correction: null, correctedOn: null });
    expect(factor(after).value).toBe(before.value - 1);
    expect(factor(after).evidence).not.toContainEqual({ kind: 'FINANCING_MEASURE', id });
    expect(after.financeRecordForObjection).toBe('WITHDRAWN');
    // Redelivered decision: the first withdrawal stands, nothing is reported again.
    expect(await deliverObjection(h, financeSubgraph, o.withdrawn('2099-01-01', 'again'))).toEqual([]);
    expect(measure(await seen(uscc, id), id)).toMatchObject({ withdrawnOn: today, withdrawalReason: '列入依据已撤销' });
  });

  it('ACCEPTED + CORRECT records the corrected facts on an exposure report', async () => {
    const exposure = await h.subgraph.database.dataSource.getRepository(FinancingExposure).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    const o = objection('finance', 'FINANCING_EXPOSURE', exposure.id, exposure.operatorUscc);
    await deliverObjection(h, financeSubgraph, o.filed());
    await deliverObjection(h, financeSubgraph, o.corrected(today, '逾期天数应为0天'));
    const row = await h.subgraph.database.dataSource.getRepository(FinancingExposure).findOneByOrFail({ id: exposure.id });
    expect(row).toMatchObject({ correction: '逾期天数应为0天', correctedOn: today, withdrawnOn: null });
  });

  it("answers market regulation's check: null for another operator's record, an unknown kind or id", async () => {
    const [a, b] = [await usccOf(2), await usccOf(3)];
    const id = await measureOn(a, 3);
    expect((await seen(a, id)).financeRecordForObjection).toBe('STANDING');
    expect((await seen(b, id)).financeRecordForObjection).toBeNull();
    expect((await seen(a, '999999')).financeRecordForObjection).toBeNull();
    expect((await seen(a, id, finance, 'CUSTOMS_PENALTY')).financeRecordForObjection).toBeNull();
    // The operator itself may ask about its own records; the public may not.
    const own = await h.query(OPERATOR, { reps: [{ __typename: 'Operator', uscc: a }], kind: 'FINANCING_MEASURE', id }, await h.as({ role: 'operator', operators: [a] }));
    expect(own.data!._entities[0].financeRecordForObjection).toBe('STANDING');
    const anonymous = await h.query(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
      financeRecordForObjection(recordKind: "FINANCING_MEASURE", recordId: "${id}") } } }`, { reps: [{ __typename: 'Operator', uscc: a }] });
    expect(anonymous.data?._entities?.[0]?.financeRecordForObjection ?? null).toBeNull();
    expect(anonymous.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED|UNAUTHORIZED_FIELD_OR_TYPE/);
  });
});
