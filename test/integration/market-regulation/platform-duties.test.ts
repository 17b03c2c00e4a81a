import { OutboxEvent } from '../../../shared/events/entities';
import { toEnvelope } from '../../../shared/events/outbox';
import type { EventEnvelope } from '../../../shared/events/contract';
import { commerceSubgraph } from '../../../subgraphs/commerce';
import { Storefront } from '../../../subgraphs/commerce/entities/storefront.entity';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { PlatformRegistration } from '../../../subgraphs/market-regulation/entities/platform-registration.entity';
import { chinaToday } from '../../../shared/calendar/dates';
import { nextVerificationDue } from '../../../subgraphs/market-regulation/rules/platform-verification';
import { applyEvent } from '../../support/credit-events';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { verifiedEntry } from '../../support/verification';
import { NOW, seedPlan, TODAY } from './fixtures';

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Headers = Record<string, string>;

/**
 * Issue 10 part 4 in market regulation: a platform's violation lead arriving as a referral case that names the
 * platform, the overdue state of the platforms' periodic re-verification (per registration and as a platform's own
 * list), and what a verification report carries (E-Commerce Law art. 27), with the contact phone masked for callers
 * without `pii:read`. The clock is 2026-11-02 (China day).
 */
const OPERATORS = 20;
const plan = seedPlan(OPERATORS);
/** A platform with seeded operators, an operator trading on it, and a second platform that operator does not trade on. */
const platformId = plan.operators[2].platformIds[0];
const member = plan.operators[2];
const otherPlatform = plan.platforms.map((p) => p.id).find((p) => !member.platformIds.includes(p) && plan.operators.some((o) => o.platformIds.includes(p)))!;
const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

const OVERDUE = `query ($p: String!) { overduePlatformVerifications(platformId: $p) {
  operatorUscc platformId verifiedAt nextVerificationDue overdue } }`;
const REGISTRATIONS = `query ($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { platformRegistrations {
  platformId reportingPeriod verifiedAt overdue operatorName registeredAddress contactPhone licenceNumber shopAddress } } }`;
const REPORT = `mutation ($input: RecordPlatformVerificationReportInput!) { recordPlatformVerificationReport(input: $input) {
  operatorUscc platformId reportingPeriod overdue operatorName registeredAddress contactPhone licenceNumber shopAddress } }`;

describe('market regulation: platform duties (issue 10 part 4)', () => {
  let h: SubgraphHarness;
  let commerce: SubgraphHarness;
  const as: Record<string, Headers> = {};
  const mrDb = () => h.subgraph.database.dataSource;

  beforeAll(async () => {
    commerce = await startSubgraphForTest(commerceSubgraph, { seedOperators: OPERATORS, now: NOW });
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS, now: NOW, peerUrls: { commerce: commerce.subgraph.url } });
    as.market = await h.as({ role: 'agency', agency: 'market-regulation' });
    as.marketPii = await h.as({ role: 'agency', agency: 'market-regulation', scopes: ['pii:read'] });
    as.platform = await h.as({ role: 'platform', platformId });
    as.other = await h.as({ role: 'platform', platformId: otherPlatform });
    as.self = await h.as({ role: 'operator', operators: [member.uscc] });
  });
  afterAll(async () => {
    await h?.stop();
    await commerce?.stop();
  });

  /** The operators whose latest verification by `platform` is past due today, oldest due first, from the rows. */
  async function expectedOverdue(platform: string): Promise<string[]> {
    const rows = await mrDb().getRepository(PlatformRegistration).find({ where: { platformId: platform } });
    const latest = new Map<string, PlatformRegistration>();
    for (const r of rows) {
      const seen = latest.get(r.operatorUscc);
      if (!seen || r.verifiedAt > seen.verifiedAt) latest.set(r.operatorUscc, r);
    }
    const due = (r: PlatformRegistration) => nextVerificationDue(chinaToday(r.verifiedAt)).due;
    return [...latest.values()]
      .filter((r) => due(r) < TODAY)
      .sort((a, b) => due(a).localeCompare(due(b)) || a.operatorUscc.localeCompare(b.operatorUscc))
      .map((r) => r.operatorUscc);
  }

  describe('a violation lead a platform reports arrives as a referral case naming the platform', () => {
    it('reportViolationLead in commerce → Referral event → a RECEIVED case with fromPlatform', async () => {
      const platformAtCommerce = await commerce.as({ role: 'platform', platformId });
      const lead = await commerce.query(
        `mutation ($input: ReportViolationLeadInput!) { reportViolationLead(input: $input) { id platformId } }`,
        { input: { operatorUscc: member.uscc, kind: 'FALSE_ADVERTISING', summary: '商品详情页宣称"国家级认证"，无相应证书', evidenceReference: 'MR-EV-1' } },
        platformAtCommerce,
      );
      expect(lead.errors).toBeUndefined();
      const rows = await commerce.subgraph.database.dataSource.getRepository(OutboxEvent).find({ where: { type: 'Referral' } });
      expect(rows).toHaveLength(1);
      await applyEvent(mrDb(), marketRegulationSubgraph.eventHandlers!.Referral, toEnvelope(rows[0]) as EventEnvelope<'Referral'>);

      const res = await h.query(
        `query ($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { referrals { fromAgency fromPlatform kind summary referredOn status reference { kind id } } } }`,
        { u: member.uscc },
        as.market,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.operator.referrals).toEqual([{
        fromAgency: 'commerce', fromPlatform: platformId, kind: 'FALSE_ADVERTISING',
        summary: `${platformId} 平台报告（证据 MR-EV-1）：商品详情页宣称"国家级认证"，无相应证书`, referredOn: TODAY, status: 'RECEIVED',
        reference: { kind: 'PLATFORM_VIOLATION_LEAD', id: lead.data!.reportViolationLead.id },
      }]);
    });
  });

  describe('overdue re-verification', () => {
    it("lists a platform's overdue operators to itself and to agencies, oldest due first, each row overdue", async () => {
      const expected = await expectedOverdue(platformId);
      expect(expected.length).toBeGreaterThan(0);
      for (const headers of [as.platform, as.market]) {
        const res = await h.query(OVERDUE, { p: platformId }, headers);
        expect(res.errors).toBeUndefined();
        const rows: Op[] = res.data!.overduePlatformVerifications;
        expect(rows.map((r) => r.operatorUscc)).toEqual(expected);
        expect(rows.every((r) => r.platformId === platformId && r.overdue === true && r.nextVerificationDue < TODAY)).toBe(true);
      }
    });

    it('another platform gets UNAUTHORIZED_FIELD_OR_TYPE for it and only its own list for itself', async () => {
      const res = await h.query(OVERDUE, { p: platformId }, as.other);
      expect(res.data).toEqual({ overduePlatformVerifications: null });
      expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['overduePlatformVerifications', 'UNAUTHORIZED_FIELD_OR_TYPE']]);
      const own = await h.query(OVERDUE, { p: otherPlatform }, as.other);
      expect(own.errors).toBeUndefined();
      expect(own.data!.overduePlatformVerifications.map((r: Op) => r.operatorUscc)).toEqual(await expectedOverdue(otherPlatform));
      expect(own.data!.overduePlatformVerifications.every((r: Op) => r.platformId === otherPlatform)).toBe(true);
    });

    it('a new verification takes the operator off the list; its older registrations are no longer overdue', async () => {
      const [first] = await expectedOverdue(platformId);
      const report = await h.query(REPORT, {
        input: { platformId, reportingPeriod: '2026-H2', entries: [verifiedEntry(first, '2026-10-20T02:00:00Z')] },
      }, as.platform);
      expect(report.errors).toBeUndefined();
      expect(report.data!.recordPlatformVerificationReport).toMatchObject([{ operatorUscc: first, overdue: false }]);
      const list = await h.query(OVERDUE, { p: platformId }, as.platform);
      expect(list.data!.overduePlatformVerifications.map((r: Op) => r.operatorUscc)).not.toContain(first);
      const regs = await h.query(REGISTRATIONS, { u: first }, as.market);
      const onPlatform = regs.data!.operator.platformRegistrations.filter((r: Op) => r.platformId === platformId);
      expect(onPlatform.length).toBeGreaterThan(1);
      expect(onPlatform.map((r: Op) => r.overdue)).toEqual(onPlatform.map(() => false));
    });

    it('refuses a malformed platform id with BAD_USER_INPUT naming it', async () => {
      const res = await h.query(OVERDUE, { p: 'Not A Platform' }, as.market);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/`platformId` "Not A Platform"/);
    });
  });

  describe('what a verification report carries (E-Commerce Law art. 27)', () => {
    it('stores the five details; contactPhone is masked without pii:read, in full with it and for the operator itself', async () => {
      const details = {
        operatorName: member.name, registeredAddress: '广州市天河区珠江新城华夏路8号', contactPhone: '020-38881234',
        licenceNumber: member.uscc, shopAddress: `https://shop.${platformId}.example/verified-${member.index}`,
      };
      const report = await h.query(REPORT, {
        input: { platformId, reportingPeriod: '2026-H2', entries: [verifiedEntry(member.uscc, '2026-10-21T02:00:00Z', details)] },
      }, as.platform);
      expect(report.errors).toBeUndefined();
      // The reporting platform holds no pii:read: it sees the number masked, like other callers without it.
      expect(report.data!.recordPlatformVerificationReport).toEqual([{
        operatorUscc: member.uscc, platformId, reportingPeriod: '2026-H2', overdue: false, ...details, contactPhone: maskPhone('020-38881234'),
      }]);
      const stored = await mrDb().getRepository(PlatformRegistration).findOneByOrFail({ platformId, operatorUscc: member.uscc, reportingPeriod: '2026-H2' });
      expect(stored).toMatchObject(details);

      const read = async (headers: Headers) => {
        const res = await h.query(REGISTRATIONS, { u: member.uscc }, headers);
        expect(res.errors).toBeUndefined();
        return res.data!.operator.platformRegistrations.find((r: Op) => r.platformId === platformId && r.reportingPeriod === '2026-H2');
      };
      expect(await read(as.market)).toMatchObject({ ...details, contactPhone: maskPhone('020-38881234') });
      expect(await read(as.platform)).toMatchObject({ ...details, contactPhone: maskPhone('020-38881234') });
      expect(await read(as.marketPii)).toMatchObject(details);
      expect(await read(as.self)).toMatchObject(details);
    });

    it("seeded reports carry the operator's registered name and address, its phone, its code as licence and the storefront's address", async () => {
      const res = await h.query(
        `query ($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { name registration { address } } }`, { u: member.uscc }, as.marketPii,
      );
      const registered = res.data!.operator;
      const shops = await commerce.subgraph.database.dataSource.getRepository(Storefront).find({ where: { operatorUscc: member.uscc } });
      const seeded = (await h.query(REGISTRATIONS, { u: member.uscc }, as.marketPii)).data!.operator.platformRegistrations
        .filter((r: Op) => r.reportingPeriod !== '2026-H2');
      expect(seeded.length).toBeGreaterThan(0);
      for (const r of seeded) {
        expect(r).toMatchObject({
          operatorName: registered.name, registeredAddress: registered.registration.address, contactPhone: member.legalRepresentative.phone,
          licenceNumber: member.uscc, shopAddress: shops.find((s) => s.platformId === r.platformId)!.url,
        });
      }
      // Every seeded registration carries all five.
      const blank = await mrDb().getRepository(PlatformRegistration).createQueryBuilder('r')
        .where('r.operatorName IS NULL OR r.registeredAddress IS NULL OR r.contactPhone IS NULL OR r.licenceNumber IS NULL OR r.shopAddress IS NULL')
        .getCount();
      expect(blank).toBe(0);
    });
  });
});
