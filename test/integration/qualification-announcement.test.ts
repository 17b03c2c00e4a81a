import { createLogger } from '../../shared/logging/logger';
import type { QualificationChange } from '../../shared/events/contract';
import { OutboxEvent } from '../../shared/events/entities';
import { expressPermitChange, paymentLicenceChange } from '../../shared/qualifications/validity';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import { financeSubgraph } from '../../subgraphs/finance';
import { PaymentLicence } from '../../subgraphs/finance/entities/payment-licence.entity';
import { postalSubgraph } from '../../subgraphs/postal';
import { ExpressPermit } from '../../subgraphs/postal/entities/express-permit.entity';
import { startSubgraphForTest, SubgraphHarness } from '../support/subgraph-harness';

/**
 * A postal or finance database written before QualificationChange existed (no such event in its outbox) announces
 * every permit or licence it holds on start, once: customs then holds what they hold, as after a fresh seed.
 */
describe.each([
  ['postal', postalSubgraph, async (h: SubgraphHarness) => (await h.subgraph.database.dataSource.getRepository(ExpressPermit).find()).map(expressPermitChange)],
  ['finance', financeSubgraph, async (h: SubgraphHarness) => (await h.subgraph.database.dataSource.getRepository(PaymentLicence).find()).map(paymentLicenceChange)],
] as const)('%s announces the qualifications of a database older than the event', (_agency, definition, documents) => {
  let h: SubgraphHarness;
  beforeAll(async () => {
    h = await startSubgraphForTest(definition as SubgraphDefinition, { seedOperators: 60 });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const announced = async () =>
    (await h.subgraph.database.dataSource.getRepository(OutboxEvent).find({ where: { type: 'QualificationChange' }, order: { sequence: 'ASC' } }))
      .map((e) => e.payload as QualificationChange);
  const start = async () => {
    const work = await definition.startBackgroundWork!({
      dataSource: h.subgraph.database.dataSource, config: h.config, log: createLogger('silent'), clock: () => new Date(),
    });
    await work.stop();
  };

  it('announces every document once when the outbox never carried one, and not again', async () => {
    const expected = await documents(h);
    expect(expected.length).toBeGreaterThan(0);
    // The seed announced them; a database from before the event had none of these rows.
    expect(await announced()).toEqual(expect.arrayContaining(expected));
    await h.subgraph.database.dataSource.getRepository(OutboxEvent).delete({ type: 'QualificationChange' });
    await start();
    const after = await announced();
    expect(after).toHaveLength(expected.length);
    expect(after).toEqual(expect.arrayContaining(expected));
    await start();
    expect(await announced()).toHaveLength(expected.length);
  });
});
