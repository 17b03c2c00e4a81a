import { loadConfig } from '../../../shared/config/config';
import { createSeedPlan } from '../../../shared/seed/seed-plan';
import { postalSubgraph } from '../../../subgraphs/postal';
import { ExpressPermit, ExpressPermitStatus } from '../../../subgraphs/postal/entities/express-permit.entity';
import { permitStatusOn } from '../../../subgraphs/postal/permit-status';
import { applyEvent, envelope, jointMeasureChanges, listed, removed } from '../../support/credit-events';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';
import { NOW, reps } from './helpers';

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OPERATORS = 30;
const plan = createSeedPlan({ seed: loadConfig().seed, operators: OPERATORS });
const handle = postalSubgraph.eventHandlers!.CreditListChange!;
const SUPERVISION = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Operator {
  uscc expressSupervision { stricter measures { kind permitNumber basis { listKind decisionNumber } startsOn liftedOn active rulesVersion } } } } }`;

describe('postal: stricter supervision of a listed operator\'s express business (issue 8 part 3)', () => {
  let h: SubgraphHarness;
  let postal: Record<string, string>;
  let holder: { uscc: string; permitNumber: string };
  let nonHolder: string;
  const db = () => h.subgraph.database.dataSource;

  beforeAll(async () => {
    h = await startSubgraphForTest(postalSubgraph, { seedOperators: OPERATORS, now: NOW });
    postal = await h.as({ role: 'agency', agency: 'postal' });
    const permits = await db().getRepository(ExpressPermit).find();
    const valid = permits.find((p) => permitStatusOn(p, '2026-10-20') === ExpressPermitStatus.VALID);
    if (!valid) throw new Error('the seed holds no permit valid on 2026-10-20');
    holder = { uscc: valid.holderUscc, permitNumber: valid.permitNumber };
    nonHolder = plan.operators.find((o) => !permits.some((p) => p.holderUscc === o.uscc))!.uscc;
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function supervision(uscc: string, headers = postal): Promise<Op> {
    const res = await h.query(SUPERVISION, reps([uscc]), headers);
    expect(res.errors).toBeUndefined();
    return res.data!._entities[0].expressSupervision;
  }

  const DECISION = '穗市监失信〔2026〕501号';

  it('a serious-dishonest listing puts a permit holder under stricter supervision and reports it back', async () => {
    expect(await supervision(holder.uscc)).toEqual({ stricter: false, measures: [] });
    const emitted = jointMeasureChanges(await applyEvent(db(), handle as never,
      envelope('CreditListChange', 'market-regulation', listed('SERIOUS_DISHONEST', holder.uscc, DECISION, '2026-10-20'))));
    expect(emitted).toEqual([{
      agency: 'postal', operatorUscc: holder.uscc, kind: 'STRICTER_EXPRESS_SUPERVISION', matters: [],
      basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber: DECISION }, action: 'APPLIED', at: '2026-10-19T16:00:00.000Z',
    }]);
    expect(await supervision(holder.uscc)).toEqual({
      stricter: true,
      measures: [{
        kind: 'STRICTER_EXPRESS_SUPERVISION', permitNumber: holder.permitNumber, basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber: DECISION },
        startsOn: '2026-10-20', liftedOn: null, active: true, rulesVersion: 'POSTAL-JOINT-MEASURES-2022',
      }],
    });
  });

  it('the same listing delivered again changes nothing; an abnormal listing and a non-holder get no measure', async () => {
    expect(await applyEvent(db(), handle as never,
      envelope('CreditListChange', 'market-regulation', listed('SERIOUS_DISHONEST', holder.uscc, DECISION, '2026-10-20')))).toEqual([]);
    expect(await applyEvent(db(), handle as never,
      envelope('CreditListChange', 'market-regulation', listed('ABNORMAL_OPERATIONS', holder.uscc, '穗天市监异〔2026〕9号', '2026-10-21')))).toEqual([]);
    expect(await applyEvent(db(), handle as never,
      envelope('CreditListChange', 'customs', listed('CUSTOMS_DISHONEST', nonHolder, '广州海关信〔2026〕8号', '2026-10-21')))).toEqual([]);
    expect((await supervision(holder.uscc)).measures).toHaveLength(1);
    expect(await supervision(nonHolder)).toEqual({ stricter: false, measures: [] });
  });

  it('is GOV_SHARED: agencies and the operator itself read it, the public and other operators do not', async () => {
    const self = await h.query(SUPERVISION, reps([holder.uscc]), await h.as({ role: 'operator', operators: [holder.uscc] }));
    expect(self.data!._entities[0].expressSupervision.stricter).toBe(true);
    const finance = await h.query(SUPERVISION, reps([holder.uscc]), await h.as({ role: 'agency', agency: 'finance' }));
    expect(finance.data!._entities[0].expressSupervision.stricter).toBe(true);
    for (const headers of [{}, await h.as({ role: 'operator', operators: [nonHolder] })]) {
      const res = await h.query(SUPERVISION, reps([holder.uscc]), headers);
      expect(res.data!._entities[0].expressSupervision).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    }
  });

  it('removal lifts it (liftedOn, active false) and reports LIFTED', async () => {
    const emitted = jointMeasureChanges(await applyEvent(db(), handle as never,
      envelope('CreditListChange', 'market-regulation', removed('SERIOUS_DISHONEST', holder.uscc, DECISION, '穗市监移〔2026〕9号', '2026-11-10', 'REPAIRED'))));
    expect(emitted.map((e) => [e.kind, e.action, e.at, e.basis.decisionNumber])).toEqual([
      ['STRICTER_EXPRESS_SUPERVISION', 'LIFTED', '2026-11-09T16:00:00.000Z', DECISION],
    ]);
    expect(await supervision(holder.uscc)).toMatchObject({ stricter: false, measures: [{ liftedOn: '2026-11-10', active: false }] });
  });

  it('reads the supervision of 20 operators with as many SQL statements as of 2', async () => {
    const count = async (n: number) => {
      h.resetSqlCount();
      const res = await h.query(SUPERVISION, reps(plan.operators.slice(0, n).map((o) => o.uscc)), postal);
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toHaveLength(n);
      return h.sqlCount();
    };
    expect(await count(20)).toBe(await count(2));
  });
});
