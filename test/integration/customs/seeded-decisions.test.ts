import { customsSubgraph } from '../../../subgraphs/customs';
import { CustomsDishonestyFinding } from '../../../subgraphs/customs/entities/customs-dishonesty-finding.entity';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW } from './customs-fixtures';

/** Seeded dishonesty findings are decisions of the shape recordCustomsDishonestyFinding requires. */
describe('customs seed: dishonesty findings are numbered decisions', () => {
  let h: SubgraphHarness;

  beforeAll(async () => {
    h = await startSubgraphForTest(customsSubgraph, { seedOperators: 200, now: NOW });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('gives every finding a unique decision number and its deciding office, and none a half-recorded removal', async () => {
    const findings = await h.subgraph.database.dataSource.getRepository(CustomsDishonestyFinding).find();
    expect(findings.length).toBeGreaterThan(10);
    const faults = findings.flatMap((f) => {
      const own: string[] = [];
      if (!f.decisionNumber?.trim()) own.push('no decision number');
      if (!f.decidingAuthority?.trim()) own.push('no deciding office');
      if ((f.removedOn === null) !== (f.removalDecisionNumber === null)) own.push('removal without its decision');
      return own.map((x) => `${f.id}: ${x}`);
    });
    expect(faults).toEqual([]);
    const numbers = findings.flatMap((f) => [f.decisionNumber, f.removalDecisionNumber]).filter((n) => n !== null);
    expect(numbers.length - new Set(numbers).size).toBe(0);
  });
});
