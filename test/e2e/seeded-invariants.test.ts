import type { DataSource, ObjectLiteral } from 'typeorm';
import { addMonths, chinaToday } from '../../shared/calendar/dates';
import type { CreditListKind } from '../../shared/events/contract';
import { Storefront } from '../../subgraphs/commerce/entities/storefront.entity';
import { GovernmentRestriction } from '../../subgraphs/commerce/entities/government-restriction.entity';
import { TransactionRiskAlert, TransactionRiskAlertKind } from '../../subgraphs/commerce/entities/transaction-risk-alert.entity';
import { commerceJointRulesAt } from '../../subgraphs/commerce/rules/joint-measures';
import { CustomsDishonestyFinding } from '../../subgraphs/customs/entities/customs-dishonesty-finding.entity';
import { CustomsJointMeasure } from '../../subgraphs/customs/entities/customs-joint-measure.entity';
import { customsJointRulesOn } from '../../subgraphs/customs/rules/joint-measures';
import { FinancingMeasure } from '../../subgraphs/finance/entities/financing-measure.entity';
import { creditListKindOf, FINANCE_JOINT_MEASURE_RULES } from '../../subgraphs/finance/rules/joint-measures';
import { ruleInForce } from '../../shared/rules/versioned';
import { AbnormalOperationListing } from '../../subgraphs/market-regulation/entities/abnormal-operation-listing.entity';
import { MarketRegulationMeasure } from '../../subgraphs/market-regulation/entities/market-regulation-measure.entity';
import { SeriousDishonestListing } from '../../subgraphs/market-regulation/entities/serious-dishonest-listing.entity';
import { seriousState } from '../../subgraphs/market-regulation/resolvers/derived';
import { measuresFor } from '../../subgraphs/market-regulation/rules/joint-measures';
import { ExpressPermit, ExpressPermitStatus } from '../../subgraphs/postal/entities/express-permit.entity';
import { ExpressSupervisionMeasure } from '../../subgraphs/postal/entities/express-supervision-measure.entity';
import { permitStatusOn } from '../../subgraphs/postal/permit-status';
import { postalMeasureFor, STRICTER_EXPRESS_SUPERVISION } from '../../subgraphs/postal/rules/joint-measures';
import type { GraphQLResponse } from '../support/graphql-client';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * Issue 8's acceptance over the whole seeded data set: the seed writes listings and removals as decisions and the
 * consumers derive every measure from their events, so once the stack reports ready, every active measure in every
 * agency rests on a listing that stands, and every standing listing has, in every agency, the measures that agency's
 * rules give it, all reported back to market regulation's `jointMeasures`. Agencies' own tables are read from
 * their databases (the measures a rule says exist, however an agency shows them); `jointMeasures` through the
 * gateway, as an admin pages through every operator.
 */
jest.setTimeout(120_000);

const OPERATORS = `query ($after: String) { operators(first: 100, after: $after) {
  pageInfo { hasNextPage endCursor }
  nodes { uscc jointMeasures { agency kind basis { listKind decisionNumber } active } }
} }`;

interface Listing {
  kind: CreditListKind;
  decisionNumber: string;
  operatorUscc: string;
  effectiveOn: string;
}

interface ActiveMeasure {
  agency: string;
  kind: string;
  operatorUscc: string;
  basis: { listKind: CreditListKind | null; decisionNumber: string };
}

interface OperatorsPage {
  operators: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { uscc: string; jointMeasures: { agency: string; kind: string; basis: ActiveMeasure['basis']; active: boolean }[] }[];
  };
}

const key = (uscc: string, listKind: string | null, decisionNumber: string) => `${uscc}|${listKind}|${decisionNumber}`;
const measureKey = (m: ActiveMeasure) => `${m.agency}|${m.kind}|${key(m.operatorUscc, m.basis.listKind, m.basis.decisionNumber)}`;

describe('the seeded data set obeys the credit loop invariants', () => {
  let h: StackHarness;
  let today: string;
  const db: Record<string, DataSource> = {};
  const rows = <E extends ObjectLiteral>(agency: string, entity: new () => E) => db[agency].getRepository(entity).find();
  const listings = new Map<string, Listing>();
  const activeMeasures: ActiveMeasure[] = [];
  const jointMeasures: ActiveMeasure[] = [];
  let operatorCount = 0;

  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 300 });
    today = chinaToday(new Date());
    for (const s of h.stack.subgraphs) db[s.agency] = s.database.dataSource;

    // Standing listings, as market regulation and customs show them today.
    for (const s of await rows('market-regulation', SeriousDishonestListing)) {
      if (seriousState(s, today).current) {
        listings.set(key(s.operatorUscc, 'SERIOUS_DISHONEST', s.decisionNumber), {
          kind: 'SERIOUS_DISHONEST', decisionNumber: s.decisionNumber, operatorUscc: s.operatorUscc, effectiveOn: s.listedOn,
        });
      }
    }
    for (const a of await rows('market-regulation', AbnormalOperationListing)) {
      if (a.removedOn === null || a.removedOn > today) {
        listings.set(key(a.operatorUscc, 'ABNORMAL_OPERATIONS', a.decisionNumber), {
          kind: 'ABNORMAL_OPERATIONS', decisionNumber: a.decisionNumber, operatorUscc: a.operatorUscc, effectiveOn: a.listedOn,
        });
      }
    }
    for (const f of await rows('customs', CustomsDishonestyFinding)) {
      if (f.decisionNumber && (f.removedOn === null || f.removedOn > today)) {
        listings.set(key(f.operatorUscc, 'CUSTOMS_DISHONEST', f.decisionNumber), {
          kind: 'CUSTOMS_DISHONEST', decisionNumber: f.decisionNumber, operatorUscc: f.operatorUscc, effectiveOn: f.foundOn,
        });
      }
    }

    // Measures in force today in every agency's own records.
    const inForce = (m: { startsOn: string; liftedOn: string | null }) => m.startsOn <= today && (m.liftedOn === null || m.liftedOn > today);
    const add = (agency: string, list: { kind: string; operatorUscc: string; basisListKind: CreditListKind | null; basisDecisionNumber: string }[]) =>
      activeMeasures.push(...list.map((m) => ({
        agency, kind: m.kind, operatorUscc: m.operatorUscc, basis: { listKind: m.basisListKind, decisionNumber: m.basisDecisionNumber },
      })));
    add('market-regulation', (await rows('market-regulation', MarketRegulationMeasure)).filter(inForce));
    add('commerce', (await rows('commerce', GovernmentRestriction)).filter(inForce));
    add('customs', (await rows('customs', CustomsJointMeasure)).filter(inForce));
    add('postal', (await rows('postal', ExpressSupervisionMeasure)).filter(inForce));
    add('finance', (await rows('finance', FinancingMeasure)).filter((m) => inForce(m) && m.endsOn >= today).map((m) => ({
      ...m, basisListKind: creditListKindOf(m.basisListKind), basisDecisionNumber: m.basisReference,
    })));
    add('commerce', (await rows('commerce', TransactionRiskAlert))
      .filter((a) => a.kind === TransactionRiskAlertKind.DISHONEST_LIST && a.issuedOn <= today && a.expiresOn >= today)
      .map((a) => ({ ...a, kind: 'DISHONEST_LIST_RISK_ALERT', basisDecisionNumber: a.basisDecisionNumber ?? '(none)' })));

    // Market regulation's jointMeasures, page by page through the gateway.
    const admin = await h.as({ role: 'admin' });
    let after: string | null = null;
    do {
      const res: GraphQLResponse<OperatorsPage> = await h.query<OperatorsPage>(OPERATORS, { after }, admin);
      expect(res.errors).toBeUndefined();
      const page: OperatorsPage['operators'] = res.data!.operators;
      operatorCount += page.nodes.length;
      for (const op of page.nodes) {
        for (const m of op.jointMeasures.filter((j) => j.active)) jointMeasures.push({ ...m, operatorUscc: op.uscc });
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
  }, 300_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('has listings of every kind and measures derived from them (the data set is not vacuous)', () => {
    expect(operatorCount).toBe(300);
    const kinds = new Set([...listings.values()].map((l) => l.kind));
    expect([...kinds].sort()).toEqual(['ABNORMAL_OPERATIONS', 'CUSTOMS_DISHONEST', 'SERIOUS_DISHONEST']);
    expect(new Set(activeMeasures.map((m) => m.agency))).toEqual(new Set(['market-regulation', 'commerce', 'customs', 'finance', 'postal']));
  });

  it('every active measure in every agency rests on a standing listing with its decision number', () => {
    const orphans = [...activeMeasures, ...jointMeasures].filter(
      (m) => !listings.has(key(m.operatorUscc, m.basis.listKind, m.basis.decisionNumber)),
    );
    expect(orphans).toEqual([]);
  });

  it('every standing listing has, in every agency, the measures its rules give that listing', () => {
    const have = new Set(activeMeasures.map(measureKey));
    const missing: string[] = [];
    const expectMeasure = (agency: string, kind: string, l: Listing) => {
      const m: ActiveMeasure = { agency, kind, operatorUscc: l.operatorUscc, basis: { listKind: l.kind, decisionNumber: l.decisionNumber } };
      if (!have.has(measureKey(m))) missing.push(measureKey(m));
    };
    return (async () => {
      const storefronts = new Set((await rows('commerce', Storefront)).map((s) => s.operatorUscc));
      const permits = await rows('postal', ExpressPermit);
      for (const l of listings.values()) {
        for (const rule of measuresFor(l.kind, l.effectiveOn).measures) expectMeasure('market-regulation', rule.kind, l);
        const commerce = commerceJointRulesAt(l.effectiveOn);
        for (const rule of commerce.measures[l.kind]) expectMeasure('commerce', rule.kind, l);
        const alertMonths = commerce.dishonestAlertMonths[l.kind];
        if (alertMonths && storefronts.has(l.operatorUscc) && addMonths(l.effectiveOn, alertMonths) > today) {
          expectMeasure('commerce', 'DISHONEST_LIST_RISK_ALERT', l);
        }
        for (const rule of customsJointRulesOn(l.effectiveOn).measures[l.kind]) expectMeasure('customs', rule.kind, l);
        for (const rule of ruleInForce(FINANCE_JOINT_MEASURE_RULES, l.effectiveOn).measures[l.kind]) {
          // A financing measure lasts the rules' period: one that ran out before the listing ended is not in force.
          const record = (await db.finance.getRepository(FinancingMeasure).findOneBy({
            operatorUscc: l.operatorUscc, kind: rule.kind, basisReference: l.decisionNumber,
          }));
          if (!record || record.endsOn >= today) expectMeasure('finance', rule.kind, l);
        }
        const holdsPermit = permits.some(
          (p) => p.holderUscc === l.operatorUscc && permitStatusOn(p, l.effectiveOn) === ExpressPermitStatus.VALID,
        );
        if (postalMeasureFor(l.kind, l.effectiveOn).warranted && holdsPermit) expectMeasure('postal', STRICTER_EXPRESS_SUPERVISION, l);
      }
      expect(missing).toEqual([]);
    })();
  });

  it('market regulation\'s jointMeasures shows exactly the measures the agencies apply', () => {
    const reported = new Set(jointMeasures.map(measureKey));
    const applied = new Set(activeMeasures.map(measureKey));
    expect([...applied].filter((k) => !reported.has(k))).toEqual([]);
    expect([...reported].filter((k) => !applied.has(k))).toEqual([]);
  });

  it('the README\'s plainly dishonest operator (seed index 0) shows active measures from every agency that acts on its listings', async () => {
    const uscc = '91440113MAX412H18G';
    const agencies = new Set(jointMeasures.filter((m) => m.operatorUscc === uscc).map((m) => m.agency));
    // Postal supervises express business only: it acts where the operator holds an express permit.
    const permits = (await rows('postal', ExpressPermit)).filter((p) => p.holderUscc === uscc);
    const supervised = [...listings.values()].some((l) => l.operatorUscc === uscc && postalMeasureFor(l.kind, l.effectiveOn).warranted &&
      permits.some((p) => permitStatusOn(p, l.effectiveOn) === ExpressPermitStatus.VALID));
    const expected = ['commerce', 'customs', 'finance', 'market-regulation', ...(supervised ? ['postal'] : [])];
    expect([...agencies].sort()).toEqual(expected.sort());
  });
});
