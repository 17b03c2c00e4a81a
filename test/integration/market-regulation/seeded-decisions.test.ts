import { In } from 'typeorm';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { AbnormalOperationListing } from '../../../subgraphs/market-regulation/entities/abnormal-operation-listing.entity';
import { AdministrativePenalty } from '../../../subgraphs/market-regulation/entities/administrative-penalty.entity';
import { SeriousDishonestListing } from '../../../subgraphs/market-regulation/entities/serious-dishonest-listing.entity';
import { SeriousDishonestGround, SeriousDishonestRemovalKind } from '../../../subgraphs/market-regulation/enums';
import { earlyRemovalUnmet, listingProcedureFaults, seriousBasisFaults } from '../../../subgraphs/market-regulation/rules/list-decisions';
import { seriousListDates, severityChoices } from '../../../subgraphs/market-regulation/rules/serious-list';
import { automaticRemovalNumber } from '../../../subgraphs/market-regulation/events/list-expiry';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, TODAY } from './fixtures';

/** Enough operators that every kind of seeded decision occurs (asserted below, so the checks cannot pass vacuously). */
const OPERATORS = 400;

/** The seed writes list decisions that obey every rule the mutations enforce (the same checks, run over its rows). */
describe('market-regulation seed: list decisions obey the mutations\' rules', () => {
  let h: SubgraphHarness;
  let penalties: AdministrativePenalty[];
  let serious: SeriousDishonestListing[];
  let abnormal: AbnormalOperationListing[];

  beforeAll(async () => {
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS, now: NOW });
    const db = h.subgraph.database.dataSource;
    penalties = await db.getRepository(AdministrativePenalty).find();
    serious = await db.getRepository(SeriousDishonestListing).find();
    abnormal = await db.getRepository(AbnormalOperationListing).find();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const penaltiesOf = (uscc: string) => penalties.filter((p) => p.operatorUscc === uscc);
  const abnormalOf = (uscc: string) => abnormal.filter((a) => a.operatorUscc === uscc);

  it('records every penalty with a severity its categories allow, heavier ones among them', () => {
    const misfits = penalties.filter((p) => !severityChoices(p.categories, p.decidedOn).allowed.includes(p.severity));
    expect(misfits.map((p) => `${p.decisionNumber}: ${p.severity} for ${p.categories.join(',')}`)).toEqual([]);
    expect(new Set(penalties.map((p) => p.severity))).toEqual(new Set(['ORDINARY', 'AGGRAVATED_FINE', 'BUSINESS_RESTRICTION']));
  });

  it('lists on the serious list only by numbered decisions after notice and defence, on a basis that meets the rule', () => {
    const faults = serious.flatMap((s) => [
      ...(s.decisionNumber.trim() ? [] : ['no decision number']),
      ...listingProcedureFaults(
        { priorNoticeOn: s.priorNoticeOn!, statementOfDefenceDeadline: s.statementOfDefenceDeadline!, defenceHeardOn: s.defenceHeardOn, listedOn: s.listedOn },
        TODAY,
      ),
      ...seriousBasisFaults(s, penalties.filter((p) => s.basisDecisionNumbers.includes(p.decisionNumber)), abnormalOf(s.operatorUscc)),
    ].map((f) => `${s.decisionNumber}: ${f}`));
    expect(faults).toEqual([]);
    expect(serious.filter((s) => s.ground !== SeriousDishonestGround.ABNORMAL_LIST_3_YEARS).length).toBeGreaterThan(10);
    expect(serious.filter((s) => s.ground === SeriousDishonestGround.ABNORMAL_LIST_3_YEARS).length).toBeGreaterThan(0);
    expect(serious.filter((s) => s.defenceHeardOn !== null).length).toBeGreaterThan(0);
  });

  it('removes serious-list entries early only when every condition of the ground holds, by a numbered decision', () => {
    // Entries whose period has ended are removed by the expiry sweep on start (checked below), not by the seed.
    const removed = serious.filter((s) => s.removedOn !== null && s.removalKind !== SeriousDishonestRemovalKind.AUTOMATIC);
    const faults = removed.flatMap((s) => {
      const own: string[] = [];
      if (s.removalKind !== SeriousDishonestRemovalKind.EARLY_REPAIR) own.push(`unexpected removal kind ${s.removalKind}`);
      if (!s.removalDecisionNumber || !s.removalDecidingAuthority) own.push('removal without its decision number and authority');
      if (s.removedOn! < s.listedOn || s.removedOn! > TODAY) own.push(`removal date ${s.removedOn} out of range`);
      const unmet = earlyRemovalUnmet({
        listing: s, removedOn: s.removedOn!, harmRemoval: s.harmRemoval, operatorPenalties: penaltiesOf(s.operatorUscc), abnormal: abnormalOf(s.operatorUscc),
      });
      return [...own, ...unmet.map((u) => `${u.condition}: ${u.detail}`)].map((f) => `${s.decisionNumber}: ${f}`);
    });
    expect(faults).toEqual([]);
    expect(removed.length).toBeGreaterThan(0);
  });

  it('records the automatic removal of every entry whose period ended by today, on its end date, by the derived number', () => {
    const faults = serious.flatMap((s) => {
      const { autoRemovalOn } = seriousListDates(s.listedOn);
      const automatic = s.removalKind === SeriousDishonestRemovalKind.AUTOMATIC;
      const own: string[] = [];
      if (autoRemovalOn <= TODAY && (s.removedOn === null || s.removedOn > autoRemovalOn)) own.push(`period ended ${autoRemovalOn}, not removed by then`);
      if (automatic && s.removedOn !== autoRemovalOn) own.push(`automatic removal on ${s.removedOn}, not on ${autoRemovalOn}`);
      if (automatic && s.removalDecisionNumber !== automaticRemovalNumber(s)) own.push(`automatic removal numbered ${s.removalDecisionNumber}`);
      return own.map((f) => `${s.decisionNumber}: ${f}`);
    });
    expect(faults).toEqual([]);
    expect(serious.filter((s) => s.removalKind === SeriousDishonestRemovalKind.AUTOMATIC).length).toBeGreaterThan(0);
  });

  it('lists and removes abnormal operations by numbered decisions', () => {
    const faults = abnormal.flatMap((a) => {
      const own: string[] = [];
      if (!a.decisionNumber.trim() || !a.listingAuthority.trim()) own.push('listing without decision number or authority');
      if (a.removedOn !== null && (!a.removalDecisionNumber || !a.removalDecidingAuthority)) own.push('removal without its decision');
      if (a.removedOn === null && (a.removalDecisionNumber || a.removalDecidingAuthority)) own.push('removal decision on a standing listing');
      if (a.removedOn !== null && (a.removedOn < a.listedOn || a.removedOn > TODAY)) own.push(`removal date ${a.removedOn} out of range`);
      return own.map((f) => `${a.id}: ${f}`);
    });
    expect(faults).toEqual([]);
    expect(abnormal.filter((a) => a.removedOn !== null).length).toBeGreaterThan(0);
  });

  it('never uses a decision number twice', async () => {
    const numbers = [
      ...serious.flatMap((s) => [s.decisionNumber, s.removalDecisionNumber]),
      ...abnormal.flatMap((a) => [a.decisionNumber, a.removalDecisionNumber]),
    ].filter((n): n is string => n !== null);
    expect(numbers.length - new Set(numbers).size).toBe(0);
    // Nor does a list decision share its number with a penalty decision.
    const clashes = await h.subgraph.database.dataSource.getRepository(AdministrativePenalty).countBy({ decisionNumber: In(numbers) });
    expect(clashes).toBe(0);
  });
});
