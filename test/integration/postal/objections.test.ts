import { chinaToday } from '../../../shared/calendar/dates';
import { EmptyParcelSignal, EmptyParcelSignalStatus } from '../../../subgraphs/postal/entities/empty-parcel-signal.entity';
import { ExpressPermit } from '../../../subgraphs/postal/entities/express-permit.entity';
import { postalSubgraph } from '../../../subgraphs/postal';
import { deliverObjection, objection } from '../../support/objections';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/**
 * Postal as the owner of records named in objections (issue 10): an empty-parcel signal is disputed while the
 * objection is open; withdrawn, it is kept with its date and reason and no longer counted in the postal signal.
 */
let h: SubgraphHarness;
let postal: Record<string, string>;
const today = chinaToday(new Date());

beforeAll(async () => {
  h = await startSubgraphForTest(postalSubgraph, { seedOperators: 60 });
  postal = await h.as({ role: 'agency', agency: 'postal' });
});
afterAll(async () => {
  await h?.stop();
});

const VIEW = `query ($reps: [_Any!]!, $id: ID!) { _entities(representations: $reps) { ... on Operator {
  emptyParcelSignals { id disputed withdrawnOn withdrawalReason }
  postalCreditSignal { factors { code value evidence { kind id } } }
  postalRecordForObjection(recordKind: "EMPTY_PARCEL_SIGNAL", recordId: $id) } } }`;

describe('postal consumes ObjectionChange', () => {
  it('disputes, then withdraws an empty-parcel signal: kept, answered WITHDRAWN, out of the postal signal', async () => {
    const signals = await h.subgraph.database.dataSource.getRepository(EmptyParcelSignal).find({ order: { id: 'ASC' } });
    const signal = signals.find((s) => s.status === EmptyParcelSignalStatus.SUSPECTED)!;
    expect(signal).toBeDefined();
    const id = String(signal.id);
    const view = async () => {
      const res = await h.query(VIEW, { reps: [{ __typename: 'Operator', uscc: signal.operatorUscc }], id }, postal);
      expect(res.errors).toBeUndefined();
      const op = res.data!._entities[0];
      return {
        record: (op.emptyParcelSignals as { id: string }[]).find((s) => s.id === id),
        evidence: (op.postalCreditSignal.factors as { evidence: { kind: string; id: string }[] }[]).flatMap((f) => f.evidence),
        state: op.postalRecordForObjection as string | null,
      };
    };
    const before = await view();
    expect(before.state).toBe('STANDING');
    expect(before.evidence).toContainEqual({ kind: 'EMPTY_PARCEL_SIGNAL', id });

    const o = objection('postal', 'EMPTY_PARCEL_SIGNAL', id, signal.operatorUscc);
    await deliverObjection(h, postalSubgraph, o.filed());
    expect((await view()).record).toMatchObject({ disputed: true, withdrawnOn: null });
    await deliverObjection(h, postalSubgraph, o.withdrawn(today, '包裹重量数据采集错误'));
    const after = await view();
    expect(after.record).toEqual({ id, disputed: false, withdrawnOn: today, withdrawalReason: '包裹重量数据采集错误' });
    expect(after.evidence).not.toContainEqual({ kind: 'EMPTY_PARCEL_SIGNAL', id });
    expect(after.state).toBe('WITHDRAWN');
  });

  it('withdraws a permit revocation: the permit is valid again, publicly marked, and the revocation no longer counts', async () => {
    const permits = await h.subgraph.database.dataSource.getRepository(ExpressPermit).find({ order: { id: 'ASC' } });
    const permit = permits.find((p) => p.revokedOn !== null && p.revokedOn <= today && p.validFrom <= today && today <= p.validUntil)!;
    expect(permit).toBeDefined();
    const id = String(permit.id);
    const reps = [{ __typename: 'Operator', uscc: permit.holderUscc }];
    const PUBLIC_VIEW = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
      holdsValidExpressPermit expressPermit { id disputed status withdrawnOn } } } }`;
    const SIGNAL = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
      postalCreditSignal { factors { code value evidence { kind id } } } } } }`;
    const revokedFactor = async () => ((await h.query(SIGNAL, { reps }, postal)).data!._entities[0].postalCreditSignal.factors as
      { code: string; value: number; evidence: { kind: string; id: string }[] }[]).find((f) => f.code === 'POS_EXPRESS_PERMIT_REVOKED')!;
    expect((await revokedFactor()).evidence).toContainEqual({ kind: 'EXPRESS_PERMIT', id });
    expect((await h.query(PUBLIC_VIEW, { reps })).data!._entities[0]).toMatchObject({ holdsValidExpressPermit: false });

    const o = objection('postal', 'EXPRESS_PERMIT', id, permit.holderUscc);
    await deliverObjection(h, postalSubgraph, o.filed());
    const emitted = await deliverObjection(h, postalSubgraph, o.withdrawn(today, '吊销决定已被复议撤销'));
    // Customs' cross-border check learns the permit stands again.
    expect(emitted.filter((e) => e.type === 'QualificationChange').map((e) => e.payload)).toEqual([{
      operatorUscc: permit.holderUscc, qualification: 'EXPRESS_PERMIT', number: permit.permitNumber, status: 'IN_FORCE', statusFrom: null,
      validFrom: permit.validFrom, validUntil: permit.validUntil,
    }]);
    const after = await h.query(PUBLIC_VIEW, { reps });
    expect(after.errors).toBeUndefined();
    expect(after.data!._entities[0]).toEqual({ holdsValidExpressPermit: true, expressPermit: { id, disputed: false, status: 'VALID', withdrawnOn: today } });
    expect((await revokedFactor()).evidence).not.toContainEqual({ kind: 'EXPRESS_PERMIT', id });
  });
});
