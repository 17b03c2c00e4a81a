import { IsNull } from 'typeorm';
import type { EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { completeUscc } from '../../shared/credit-code/uscc';
import { citizenIdCheck } from '../../shared/seed/citizen-id';
import { refuseDuplicates } from '../../shared/database/duplicates';
import { loadConfig } from '../../shared/config/config';
import { createSeedPlan } from '../../shared/seed/seed-plan';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import { commerceSubgraph } from '../../subgraphs/commerce';
import { AdvanceCompensationClaim } from '../../subgraphs/commerce/entities/advance-compensation-claim.entity';
import { CommerceListEntry } from '../../subgraphs/commerce/entities/commerce-list-entry.entity';
import { customsSubgraph } from '../../subgraphs/customs';
import { CustomsPenalty } from '../../subgraphs/customs/entities/customs-penalty.entity';
import { CustomsRegistration } from '../../subgraphs/customs/entities/customs-registration.entity';
import { financeSubgraph } from '../../subgraphs/finance';
import { PaymentLicence } from '../../subgraphs/finance/entities/payment-licence.entity';
import { marketRegulationSubgraph } from '../../subgraphs/market-regulation';
import { AbnormalOperationListing } from '../../subgraphs/market-regulation/entities/abnormal-operation-listing.entity';
import { AdministrativePenalty } from '../../subgraphs/market-regulation/entities/administrative-penalty.entity';
import { Operator } from '../../subgraphs/market-regulation/entities/operator.entity';
import { postalSubgraph } from '../../subgraphs/postal';
import { ExpressPermit } from '../../subgraphs/postal/entities/express-permit.entity';
import { ParcelStatistic } from '../../subgraphs/postal/entities/parcel-statistic.entity';
import type { MintOptions } from '../../shared/auth/tokens';
import { startStackForTest, StackHarness } from '../support/stack-harness';
import { SubgraphHarness, startSubgraphForTest } from '../support/subgraph-harness';
import { TEST_POSTGRES } from '../support/postgres';

/**
 * Attack replay: the same write fired many times at once (a double-clicked form, a retrying client, a
 * hostile caller). Exactly one succeeds; every other gets CONFLICT naming the duplicate, no SQL; the
 * database holds one row. On SQLite by default, on fresh PostgreSQL databases with OCG_TEST_POSTGRES.
 */

const NOW = new Date('2026-11-15T04:00:00Z');
const CONCURRENT = 10;
const SEED_OPERATORS = 10;
const plan = createSeedPlan({ seed: loadConfig().seed, operators: SEED_OPERATORS });
/** Valid credit codes the seed never uses (seeded bodies start with MA). */
const fresh = (n: number) => completeUscc('91', '440106', `MC${String(n).padStart(6, '0')}`);
/** What a duplicate's error must never show: statements, constraint or index names, driver messages. */
const INTERNALS = /insert|select|constraint|IDX_|duplicate key|SQLITE|23505|violates/i;

type Result = Awaited<ReturnType<SubgraphHarness['query']>>;

/** `variables` may differ per request (by its index), e.g. a decision number, so the race is on one key only. */
async function fireAtOnce(
  h: SubgraphHarness | StackHarness, auth: MintOptions, query: string,
  variables: Record<string, unknown> | ((i: number) => Record<string, unknown>),
): Promise<Result[]> {
  const headers = await h.as(auth);
  const vars = typeof variables === 'function' ? variables : () => variables;
  return Promise.all(Array.from({ length: CONCURRENT }, (_, i) => h.query(query, vars(i), headers)));
}

/** One request wrote; the others were refused with CONFLICT naming `duplicate`, and returned no data. */
function expectOneWinner(results: Result[], mutation: string, duplicate: Record<string, unknown>, message: RegExp): void {
  const outcomes = results.map((r) => (r.errors ? `${String(r.errors[0].extensions?.code)}: ${r.errors[0].message}` : 'written'));
  // Sorted, the refusals ("CONFLICT: …") come before the one write; a failure shows every answer.
  expect(outcomes.sort()).toEqual([...Array(CONCURRENT - 1).fill(expect.stringMatching(/^CONFLICT: /)), 'written']);
  const succeeded = results.filter((r) => !r.errors);
  expect((succeeded[0].data as Record<string, unknown>)[mutation]).toBeTruthy();
  for (const refused of results.filter((r) => r.errors)) {
    expect(refused.errors).toHaveLength(1);
    const [error] = refused.errors!;
    expect(error.extensions?.code).toBe('CONFLICT');
    expect(error.extensions?.duplicate).toEqual(duplicate);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(INTERNALS);
    expect(error.extensions?.stacktrace).toBeUndefined();
    expect((refused.data as Record<string, unknown> | null | undefined)?.[mutation] ?? null).toBeNull();
  }
}

function count<E extends ObjectLiteral>(h: SubgraphHarness, entity: EntityTarget<E>, where: FindOptionsWhere<E>): Promise<number> {
  return h.subgraph.database.dataSource.getRepository(entity).countBy(where);
}

function withSubgraph(definition: SubgraphDefinition, body: (get: () => SubgraphHarness) => void): void {
  describe(`${definition.agency} on ${TEST_POSTGRES ? 'PostgreSQL' : 'SQLite'}`, () => {
    let h: SubgraphHarness;
    beforeAll(async () => {
      h = await startSubgraphForTest(definition, { seedOperators: SEED_OPERATORS, now: NOW });
    }, 60_000);
    afterAll(async () => {
      await h?.stop();
    });
    body(() => h);
  });
}

describe('race-safe writes: concurrent identical mutations leave one row', () => {
  withSubgraph(marketRegulationSubgraph, (h) => {
    const staff: MintOptions = { role: 'agency', agency: 'market-regulation' };
    const uscc = fresh(1);
    const decisionNumber = '穗天市监处〔2026〕101号';

    it('registerOperator: one registration per credit code (primary key)', async () => {
      const results = await fireAtOnce(h(), staff, `mutation ($input: RegisterOperatorInput!) { registerOperator(input: $input) { uscc } }`, {
        input: {
          uscc, name: '广州竞速测试电子商务有限公司', subjectType: 'ENTERPRISE',
          legalRepresentative: { name: '陈伟', idNumber: `44010619900101123${citizenIdCheck('44010619900101123')}`, phone: '13800138000' },
          registeredCapital: '1000000.00', address: '广州市天河区天河路1号', districtCode: '440106',
          establishedOn: '2020-05-06', registrationAuthority: '广州市天河区市场监督管理局',
        },
      });
      expectOneWinner(results, 'registerOperator', { uscc }, new RegExp(`${uscc} is already registered`));
      expect(await count(h(), Operator, { uscc })).toBe(1);
    }, 15_000);

    it('recordPenalty: one penalty per decision number', async () => {
      const results = await fireAtOnce(h(), staff, `mutation ($input: RecordPenaltyInput!) { recordPenalty(input: $input) { decisionNumber } }`, {
        input: {
          operatorUscc: uscc, decisionNumber, violationType: '虚假宣传', facts: '在网店商品详情页作虚假宣传',
          legalBasis: '《中华人民共和国广告法》第五十五条', categories: ['FINE'], severity: 'ORDINARY', fineAmount: '50000.00', decidedOn: '2026-11-10',
          decidingAuthority: '广州市天河区市场监督管理局', lawField: 'GENERAL',
        },
      });
      expectOneWinner(results, 'recordPenalty', { decisionNumber }, /^A penalty with decision number 穗天市监处〔2026〕101号 already exists$/);
      expect(await count(h(), AdministrativePenalty, { decisionNumber })).toBe(1);
    }, 15_000);

    it('listOnAbnormalOperations: one standing listing per operator and reason', async () => {
      const results = await fireAtOnce(h(), staff, `mutation ($input: ListOnAbnormalOperationsInput!) { listOnAbnormalOperations(input: $input) { id } }`, (i) => ({
        input: {
          operatorUscc: uscc, reason: 'UNREACHABLE', decisionNumber: `穗天市监列异〔2026〕${900 + i}号`, listedOn: '2026-11-12',
          listingAuthority: '广州市天河区市场监督管理局',
        },
      }));
      expectOneWinner(results, 'listOnAbnormalOperations', { operatorUscc: uscc, reason: 'UNREACHABLE' }, /already listed for UNREACHABLE/);
      expect(await count(h(), AbnormalOperationListing, { operatorUscc: uscc, reason: 'UNREACHABLE' as never })).toBe(1);
    }, 15_000);

    it('listOnAbnormalOperations: one decision per decision number', async () => {
      // Distinct operator-and-reason pairs not listed yet: the requests share only the decision number.
      const standing = await h().subgraph.database.dataSource.getRepository(AbnormalOperationListing).findBy({ removedOn: IsNull() });
      const pairs = createSeedPlan({ seed: loadConfig().seed, operators: SEED_OPERATORS }).operators
        .flatMap((o) => ['INSTANT_INFO_NOT_DISCLOSED', 'FALSE_INFO', 'ANNUAL_REPORT_NOT_FILED'].map((reason) => ({ uscc: o.uscc, reason })))
        .filter((p) => !standing.some((a) => a.operatorUscc === p.uscc && a.reason === p.reason));
      expect(pairs.length).toBeGreaterThanOrEqual(CONCURRENT);
      const results = await fireAtOnce(h(), staff, `mutation ($input: ListOnAbnormalOperationsInput!) { listOnAbnormalOperations(input: $input) { id } }`, (i) => ({
        input: {
          operatorUscc: pairs[i].uscc,
          reason: pairs[i].reason,
          decisionNumber: '穗天市监列异〔2026〕999号', listedOn: '2026-11-12', listingAuthority: '广州市天河区市场监督管理局',
        },
      }));
      expectOneWinner(results, 'listOnAbnormalOperations', { decisionNumber: '穗天市监列异〔2026〕999号' }, /decision with number 穗天市监列异〔2026〕999号 already exists/);
      expect(await count(h(), AbnormalOperationListing, { decisionNumber: '穗天市监列异〔2026〕999号' })).toBe(1);
    }, 15_000);

    it('the unique index alone refuses a duplicate that passed no check, as CONFLICT, and keeps nothing of it', async () => {
      const ds = h().subgraph.database.dataSource;
      const existing = await ds.getRepository(AdministrativePenalty).findOneByOrFail({ decisionNumber });
      const { id: _id, ...copy } = existing;
      const key = { columns: ['decisionNumber'], duplicate: { decisionNumber }, message: `A penalty with decision number ${decisionNumber} already exists` };
      const attempt = refuseDuplicates([key], () =>
        ds.transaction(async (m) => {
          await m.getRepository(Operator).update({ uscc }, { name: '不应保存的名称' });
          await m.getRepository(AdministrativePenalty).insert({ ...copy, facts: 'second copy' });
        }),
      );
      await expect(attempt).rejects.toMatchObject({
        message: key.message,
        extensions: { code: 'CONFLICT', duplicate: { decisionNumber } },
      });
      expect(await count(h(), AdministrativePenalty, { decisionNumber })).toBe(1);
      expect((await ds.getRepository(Operator).findOneByOrFail({ uscc })).name).toBe('广州竞速测试电子商务有限公司');
    }, 15_000);
  });

  withSubgraph(commerceSubgraph, (h) => {
    const staff: MintOptions = { role: 'agency', agency: 'commerce' };
    const platformId = plan.platforms[0].id;
    const operatorUscc = plan.operators[2].uscc;

    it('fileAdvanceCompensationClaim: one claim per platform and claim reference', async () => {
      const results = await fireAtOnce(h(), staff, `mutation ($input: FileAdvanceCompensationClaimInput!) { fileAdvanceCompensationClaim(input: $input) { id } }`, {
        input: { platformId, operatorUscc, claimReference: 'RACE-CLAIM-1', reason: '商品与描述不符', claimedAmount: '199.00', claimedOn: '2026-11-10' },
      });
      expectOneWinner(results, 'fileAdvanceCompensationClaim', { platformId, claimReference: 'RACE-CLAIM-1' }, /RACE-CLAIM-1.*already exists/);
      expect(await count(h(), AdvanceCompensationClaim, { platformId, claimReference: 'RACE-CLAIM-1' })).toBe(1);
    }, 15_000);

    it('recordCommerceListEntry: one entry per operator, list and decision', async () => {
      const decisionNumber = '穗商信〔2026〕901号';
      const results = await fireAtOnce(h(), staff, `mutation ($input: RecordCommerceListEntryInput!) { recordCommerceListEntry(input: $input) { id } }`, {
        input: { operatorUscc, list: 'KEY_ATTENTION', reason: '多次拒不履行追偿义务', decisionNumber, decidingAuthority: '广州市商务局', listedOn: '2026-11-01' },
      });
      expectOneWinner(results, 'recordCommerceListEntry', { operatorUscc, list: 'KEY_ATTENTION', decisionNumber }, /already lists/);
      expect(await count(h(), CommerceListEntry, { operatorUscc, decisionNumber })).toBe(1);
    }, 15_000);
  });

  withSubgraph(customsSubgraph, (h) => {
    const staff: MintOptions = { role: 'agency', agency: 'customs' };

    it('registerCustomsEnterprise: one registration per operator', async () => {
      const uscc = fresh(2);
      const results = await fireAtOnce(h(), staff, `mutation ($input: RegisterCustomsEnterpriseInput!) { registerCustomsEnterprise(input: $input) { customsCode } }`, {
        input: { uscc, customsCode: '4401969077', registeredOn: '2025-06-01' },
      });
      expectOneWinner(results, 'registerCustomsEnterprise', { uscc }, /already registered with customs/);
      expect(await count(h(), CustomsRegistration, { operatorUscc: uscc })).toBe(1);
    }, 15_000);

    it('recordCustomsPenalty: one penalty per decision number', async () => {
      const decisionNumber = '穗关缉违字〔2026〕977号';
      const results = await fireAtOnce(h(), staff, `mutation ($input: RecordCustomsPenaltyInput!) { recordCustomsPenalty(input: $input) { id } }`, {
        input: { uscc: plan.operators[3].uscc, decisionNumber, caseKind: 'FALSE_DECLARATION', facts: '申报不实', fine: '100.00', decidedOn: '2026-09-10' },
      });
      expectOneWinner(results, 'recordCustomsPenalty', { decisionNumber }, /decision number 穗关缉违字〔2026〕977号 already exists/);
      expect(await count(h(), CustomsPenalty, { decisionNumber })).toBe(1);
    }, 15_000);
  });

  withSubgraph(financeSubgraph, (h) => {
    it('recordPaymentLicence: one licence per licence number', async () => {
      const licenceNumber = 'Z2026440000977';
      const results = await fireAtOnce(h(), { role: 'agency', agency: 'finance' }, `mutation ($input: RecordPaymentLicenceInput!) { recordPaymentLicence(input: $input) { licenceNumber } }`, {
        input: { uscc: fresh(3), licenceNumber, kinds: ['TRANSACTION_PROCESSING'], issuedOn: '2026-03-01' },
      });
      expectOneWinner(results, 'recordPaymentLicence', { licenceNumber }, /Z2026440000977/);
      expect(await count(h(), PaymentLicence, { licenceNumber })).toBe(1);
    }, 15_000);
  });

  withSubgraph(postalSubgraph, (h) => {
    const staff: MintOptions = { role: 'agency', agency: 'postal' };

    it('issueExpressPermit: one permit per permit number', async () => {
      const permitNumber = '粤快许RACE0001';
      const results = await fireAtOnce(h(), staff, `mutation ($input: IssueExpressPermitInput!) { issueExpressPermit(input: $input) { permitNumber } }`, {
        input: { permitNumber, holderUscc: fresh(4), scope: ['INTRA_PROVINCE'], issuedOn: '2026-01-10' },
      });
      expectOneWinner(results, 'issueExpressPermit', { permitNumber }, /粤快许RACE0001.*already exists/);
      expect(await count(h(), ExpressPermit, { permitNumber })).toBe(1);
    }, 15_000);

    it('reportParcelStatistics: concurrent repeats correct one row, one revision each', async () => {
      const operatorUscc = fresh(5);
      const results = await fireAtOnce(h(), staff, `mutation ($input: ReportParcelStatisticsInput!) { reportParcelStatistics(input: $input) { period } }`, {
        input: {
          carrierCode: 'STO', operatorUscc, period: '2026-10', parcels: 100, noPickupScanCount: 1, lowWeightCount: 2,
          bulkWaybillCount: 3, reusedRecipientCount: 4, instantSignOffCount: 5,
        },
      });
      expect(results.map((r) => r.errors)).toEqual(Array(CONCURRENT).fill(undefined));
      const rows = await h().subgraph.database.dataSource.getRepository(ParcelStatistic).findBy({ operatorUscc, period: '2026-10' });
      expect(rows.map((r) => r.revision)).toEqual([CONCURRENT]);
    }, 15_000);
  });

  describe('through the gateway', () => {
    let stack: StackHarness;
    beforeAll(async () => {
      stack = await startStackForTest({ seedOperators: 20 });
    }, 120_000);
    afterAll(async () => {
      await stack?.stop();
    });

    it('a client sees one write and CONFLICT naming the duplicate for the rest', async () => {
      const decisionNumber = '穗关缉违字〔2026〕978号';
      const results = await fireAtOnce(stack, { role: 'agency', agency: 'customs' }, `mutation ($input: RecordCustomsPenaltyInput!) { recordCustomsPenalty(input: $input) { decisionNumber } }`, {
        input: { uscc: fresh(6), decisionNumber, caseKind: 'FALSE_DECLARATION', facts: '申报不实', fine: '100.00', decidedOn: '2026-09-10' },
      });
      expectOneWinner(results, 'recordCustomsPenalty', { decisionNumber }, /already exists/);
      const customs = stack.stack.subgraphs.find((s) => s.agency === 'customs')!;
      expect(await customs.database.dataSource.getRepository(CustomsPenalty).countBy({ decisionNumber })).toBe(1);
    }, 15_000);
  });
});
