import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { CreditListChange } from '../../shared/events/contract';
import { insertSeededCreditListChanges } from '../../shared/events/seed-outbox';
import { citizenIdCheck } from '../../shared/seed/citizen-id';
import { GIVEN_NAMES, SURNAMES } from '../../shared/seed/guangzhou';
import { insertInChunks } from '../../shared/seed/insert';
import type { Rng } from '../../shared/seed/random';
import { isoDate, SeedOperator, SeedPlan } from '../../shared/seed/seed-plan';
import { seededStorefronts } from '../../shared/seed/storefronts';
import { abnormalListed, abnormalRemoved, seriousListed, seriousRemoved } from './credit-events';
import { AbnormalOperationListing } from './entities/abnormal-operation-listing.entity';
import { AdministrativeLicense, LicenseApprovalRoute } from './entities/administrative-license.entity';
import { AdministrativePenalty } from './entities/administrative-penalty.entity';
import { DoubleRandomInspection } from './entities/double-random-inspection.entity';
import { ExemptSubject } from './entities/exempt-subject.entity';
import { Operator, RegistrationStatus, SubjectType } from './entities/operator.entity';
import { PlatformRegistration } from './entities/platform-registration.entity';
import { QualitySpotCheck } from './entities/quality-spot-check.entity';
import { RegulatoryAction } from './entities/regulatory-action.entity';
import { marketRegulationCreditSignals } from './credit-signal';
import { SeriousDishonestListing } from './entities/serious-dishonest-listing.entity';
import { StorefrontDisclosureCheck } from './entities/storefront-disclosure-check.entity';
import {
  AbnormalOperationReason as Reason, DoubleRandomInspectionResult as Inspect, ExemptionGround, MarketRegulationActionKind as Action,
  MarketRegulationLawField as LawField, MarketRegulationLicenseCategory, MarketRegulationLicenseStatus,
  MarketRegulationPenaltyCategory as C, MarketRegulationPenaltySeverity as Severity,
  QualitySpotCheckResult,
  SeriousDishonestGround as Ground, SeriousDishonestRemovalKind,
} from './enums';
import { abnormalListDates } from './rules/abnormal-list';
import { exemptSubjectIdOf } from './rules/exempt-subjects';
import { addDays, addMonths, addYears } from '../../shared/calendar/dates';
import { penaltyPublicity } from './rules/penalty-publicity';
import { reportingPeriodOf, reportingPeriodRange } from './rules/platform-verification';
import { earlyRemovalUnmet } from './rules/list-decisions';
import { seriousListDates } from './rules/serious-list';

const STREETS = ['天河路', '中山大道', '黄埔大道', '广州大道', '江南大道', '解放路', '东风路', '新港路', '白云大道', '番禺大道'];
const FOOD_INDUSTRIES = ['食品', '茶叶', '保健品'];

interface Violation {
  type: string;
  facts: (op: SeedOperator) => string;
  basis: string;
  ground: Ground | null;
  lawField: LawField;
}

const V: Record<string, Violation> = {
  falseAdvertising: {
    type: '发布虚假广告',
    facts: (op) => `在网店商品详情页对${op.goods}的功效、质量作虚假或者引人误解的宣传`,
    basis: '《中华人民共和国广告法》第五十五条第一款',
    ground: Ground.FALSE_ADVERTISING,
    lawField: LawField.GENERAL,
  },
  food: {
    type: '经营不符合食品安全标准的食品',
    facts: (op) => `通过网店销售经抽样检验不符合食品安全标准的${op.goods}`,
    basis: '《中华人民共和国食品安全法》第一百二十四条第一款',
    ground: Ground.FOOD,
    lawField: LawField.FOOD,
  },
  fakeTransactions: {
    type: '组织虚假交易（刷单）',
    facts: () => '通过组织刷单、虚构交易等方式为网店商品作虚假销量和好评',
    basis: '《中华人民共和国反不正当竞争法》第二十条第一款',
    ground: Ground.FAIR_COMPETITION,
    lawField: LawField.GENERAL,
  },
  substandard: {
    type: '销售不合格产品',
    facts: (op) => `销售经监督抽查判定为不合格的${op.goods}`,
    basis: '《中华人民共和国产品质量法》第五十条',
    ground: Ground.QUALITY_SAFETY,
    lawField: LawField.GENERAL,
  },
  consumer: {
    type: '侵害消费者权益',
    facts: () => '故意拖延、无理拒绝消费者七日无理由退货要求',
    basis: '《中华人民共和国消费者权益保护法》第五十六条第一款第八项',
    ground: Ground.CONSUMER_RIGHTS,
    lawField: LawField.GENERAL,
  },
  cosmetic: {
    type: '经营不符合强制性国家标准的化妆品',
    facts: (op) => `通过网店经营不符合强制性国家标准的${op.goods}`,
    basis: '《化妆品监督管理条例》第六十条第一款',
    ground: Ground.DRUG_DEVICE_COSMETIC,
    lawField: LawField.DRUG,
  },
  disclosure: {
    type: '未依法公示营业执照信息',
    facts: () => '未在网店首页显著位置持续公示营业执照信息',
    basis: '《中华人民共和国电子商务法》第七十六条第一款第一项',
    ground: null,
    lawField: LawField.GENERAL,
  },
};

const INSPECTION_TASKS = ['网络交易经营者双随机抽查', '广告发布行为双随机抽查', '产品质量双随机抽查', '企业公示信息双随机抽查'];

type Row<E> = Omit<E, 'id'>;
/** Seeded records carry no objection outcome: objections are filed and decided through the mutations. */
const NOT_OBJECTED = { withdrawnOn: null, withdrawalReason: null, correction: null, correctedOn: null } as const;

/** Market regulation's part of the deterministic seed: registrations and the agency's records, by credit profile. */
export async function seedMarketRegulation(db: DataSource, plan: SeedPlan): Promise<void> {
  const today = isoDate(plan.today);
  const ago = (days: number) => addDays(today, -days);
  const operators: Operator[] = [];
  const penalties: Row<AdministrativePenalty>[] = [];
  const licenses: Row<AdministrativeLicense>[] = [];
  const abnormal: Row<AbnormalOperationListing>[] = [];
  const serious: Row<SeriousDishonestListing>[] = [];
  const checks: Row<StorefrontDisclosureCheck>[] = [];
  const registrations: Row<PlatformRegistration>[] = [];
  const inspections: Row<DoubleRandomInspection>[] = [];
  const spotChecks: Row<QualitySpotCheck>[] = [];
  const actions: Row<RegulatoryAction>[] = [];

  // The two latest complete reporting half-years.
  const currentPeriod = reportingPeriodOf(today);
  const lastPeriodEnd = addDays(reportingPeriodRange(currentPeriod)!.start, -1);
  const periods = [reportingPeriodOf(lastPeriodEnd), reportingPeriodOf(addMonths(lastPeriodEnd, -6))];

  for (const op of plan.operators) {
    const rng = plan.rng('market-regulation', op.index);
    const status =
      op.profile === 'DISHONEST' && op.index !== 0 && rng.chance(0.15) ? RegistrationStatus.REVOKED
        : op.index > 1 && rng.chance(0.03) ? RegistrationStatus.CANCELLED : RegistrationStatus.EXISTING;
    const authority = `广州市${op.districtName}市场监督管理局`;
    operators.push(
      db.getRepository(Operator).create({
        uscc: op.uscc,
        name: op.name,
        subjectType: op.subjectType as SubjectType,
        legalRepresentativeName: op.legalRepresentative.name,
        legalRepresentativeIdNumber: op.legalRepresentative.idNumber,
        legalRepresentativePhone: op.legalRepresentative.phone,
        registeredCapitalFen: op.registeredCapitalFen,
        address: `广州市${op.districtName}${rng.pick(STREETS)}${rng.int(1, 999)}号${rng.int(1, 30)}0${rng.int(1, 9)}房`,
        districtCode: op.districtCode,
        status,
        establishedOn: op.establishedOn,
        registrationAuthority: authority,
      }),
    );
    // Records never predate the operator.
    const since = (days: number) => {
      const d = ago(days);
      return d < op.establishedOn ? addDays(op.establishedOn, rng.int(1, 30)) : d;
    };
    const abbr = op.districtName.slice(0, 1);
    const foodLike = FOOD_INDUSTRIES.includes(op.industry);
    const ctx: SeedContext = { op, rng, today, authority, abbr, since };
    // Draws for the decisions' numbers and procedure come from their own stream: the records' draws stay as they were.
    const decisions = plan.rng('market-regulation-decisions', op.index);

    addLicenses(ctx, licenses, foodLike);
    addPlatformRecords(ctx, registrations, checks, periods, verifiedIdentityOf(plan, op, operators[operators.length - 1]));

    if (op.profile === 'DISHONEST') {
      const pool = [V.falseAdvertising, V.fakeTransactions, V.substandard, V.consumer];
      if (foodLike) pool.push(V.food, V.food);
      if (op.industry === '化妆品') pool.push(V.cosmetic);
      const count = rng.int(2, 4);
      const own: Row<AdministrativePenalty>[] = [];
      for (let k = 0; k < count; k++) {
        // Index 0 always has a recent heavy penalty that is within its publicity period and basis of a serious listing.
        const recent = op.index === 0 && k === 0;
        const violation = recent ? (foodLike ? V.food : V.falseAdvertising) : rng.pick(pool);
        const small = !recent && k === count - 1 && rng.chance(0.3);
        own.push(
          penalty(ctx, k, small ? V.disclosure : violation, since(recent ? rng.int(40, 150) : rng.int(30, 1700)), small ? 'small' : 'heavy'),
        );
      }
      penalties.push(...own);
      // Serious list on the ground of a heavy penalty: always for index 0, often for the others.
      const heavy = own.filter((p) => V[keyOf(p.violationType)]?.ground && !publicity(p).shortPublicity);
      // The candidate basis was aggravated (order 44 art. 2); the operator's other large fines may be ordinary.
      heavy.slice(1).forEach((p) => {
        if (p.severity === Severity.AGGRAVATED_FINE && decisions.chance(0.5)) p.severity = Severity.ORDINARY;
      });
      if (heavy.length > 0 && (op.index === 0 || rng.chance(0.55))) {
        const basis = heavy[0];
        const listedOn = minDate(addDays(basis.decidedOn, rng.int(10, 45)), today);
        const entry: Row<SeriousDishonestListing> = {
          ...seriousDecision(ctx, decisions, 1, listedOn),
          ground: V[keyOf(basis.violationType)].ground as Ground,
          basisDecisionNumbers: [basis.decisionNumber],
          facts: `因${basis.violationType}受到较重行政处罚（${basis.decisionNumber}），情节严重、社会影响恶劣`,
        };
        const dates = seriousListDates(listedOn);
        if (op.index !== 0 && basis.performed && dates.earlyRemovalEligibleOn < today && rng.chance(0.3)) {
          const removedOn = minDate(addDays(maxDate(dates.earlyRemovalEligibleOn, basis.performedOn!), rng.int(0, 60)), today);
          const harmRemoval = '已主动消除危害后果和不良影响，并作出信用承诺';
          // Removed early only when every condition the mutation checks holds.
          const unmet = earlyRemovalUnmet({ listing: entry, removedOn, harmRemoval, operatorPenalties: own, abnormal: [] });
          if (unmet.length === 0) {
            Object.assign(entry, {
              removedOn,
              removalKind: SeriousDishonestRemovalKind.EARLY_REPAIR,
              removalReason: '已履行行政处罚、消除危害后果并作出信用承诺，申请提前移出',
              removalDecisionNumber: `穗${abbr}市监移严〔${removedOn.slice(0, 4)}〕${op.index * 10 + 1}号`,
              removalDecidingAuthority: authority,
              harmRemoval,
            });
          }
        }
        serious.push(entry);
      }
      // Abnormal operations: index 0 is currently listed; others often.
      if (op.index === 0 || rng.chance(0.7)) {
        const listedOn = since(op.index === 0 ? rng.int(200, 700) : rng.int(60, 1000));
        const removed = op.index !== 0 && rng.chance(0.35);
        abnormal.push(abnormalDecision(ctx, 1, {
          reason: rng.pick([Reason.UNREACHABLE, Reason.ANNUAL_REPORT_NOT_FILED, Reason.INSTANT_INFO_NOT_DISCLOSED, Reason.FALSE_INFO]),
          listedOn,
          removedOn: removed ? minDate(addDays(listedOn, rng.int(30, 300)), today) : null,
          removalReason: removed ? '已补报年度报告并公示' : null,
        }));
      }
      // Long-standing listings escalate to the serious list after 3 years.
      if (op.index !== 0 && rng.chance(0.15)) {
        const listedOn = since(rng.int(1130, 1500));
        const eligible = abnormalListDates(listedOn).seriousListEligibleOn;
        // One standing listing per reason (a unique index holds it): the recent listing above gets another reason.
        const recent = abnormal[abnormal.length - 1];
        if (recent?.operatorUscc === op.uscc && recent.reason === Reason.UNREACHABLE && recent.removedOn === null) {
          recent.reason = Reason.ANNUAL_REPORT_NOT_FILED;
        }
        abnormal.push(abnormalDecision(ctx, 2, { reason: Reason.UNREACHABLE, listedOn, removedOn: null, removalReason: null }));
        if (eligible <= today) {
          serious.push({
            ...seriousDecision(ctx, decisions, 2, minDate(addDays(eligible, rng.int(0, 20)), today)),
            ground: Ground.ABNORMAL_LIST_3_YEARS,
            basisDecisionNumbers: [],
            facts: '被列入经营异常名录届满三年仍未履行相关义务',
          });
        }
      }
      // Escalation around the most recent penalty: interview → notice → penalty.
      const latest = own.reduce((a, b) => (b.decidedOn > a.decidedOn ? b : a));
      actions.push(
        action(ctx, Action.INTERVIEW, maxDate(addDays(latest.decidedOn, -rng.int(60, 120)), op.establishedOn), `就${latest.violationType}问题约谈经营者负责人，责令限期整改`),
        action(ctx, Action.NOTICE, maxDate(addDays(latest.decidedOn, -rng.int(10, 50)), op.establishedOn), `整改不到位，对${latest.violationType}问题予以通报`),
        { ...action(ctx, Action.PENALTY, latest.decidedOn, `立案查处并作出行政处罚：${latest.violationType}`), decisionNumber: latest.decisionNumber },
      );
      for (let k = rng.int(1, 3); k > 0; k--) {
        spotChecks.push(spotCheck(ctx, rng.chance(0.75) ? QualitySpotCheckResult.UNQUALIFIED : QualitySpotCheckResult.QUALIFIED));
      }
      for (let k = rng.int(1, 3); k > 0; k--) {
        inspections.push(inspection(ctx, true, rng.pick([Inspect.ISSUES_PENDING, Inspect.FALSE_PUBLIC_INFO, Inspect.UNREACHABLE_AT_ADDRESS, Inspect.ISSUES_CORRECTED, Inspect.REFUSED_INSPECTION])));
      }
    } else if (op.profile === 'ORDINARY') {
      if (rng.chance(0.25)) {
        const kind = rng.weighted([['warning', 3], ['small', 4], ['heavy', 3]] as const);
        const p = penalty(ctx, 0, kind === 'heavy' ? rng.pick([V.substandard, V.consumer]) : V.disclosure, since(rng.int(30, 1500)), kind);
        if (p.severity === Severity.AGGRAVATED_FINE && decisions.chance(0.5)) p.severity = Severity.ORDINARY;
        penalties.push(p);
      }
      if (rng.chance(0.15)) {
        const listedOn = since(rng.int(60, 1000));
        const removed = rng.chance(0.7);
        abnormal.push(abnormalDecision(ctx, 3, {
          reason: Reason.ANNUAL_REPORT_NOT_FILED,
          listedOn,
          removedOn: removed ? minDate(addDays(listedOn, rng.int(20, 200)), today) : null,
          removalReason: removed ? '已补报年度报告并公示' : null,
        }));
      }
      if (rng.chance(0.1)) actions.push(action(ctx, Action.INTERVIEW, since(rng.int(30, 700)), '就消费者投诉集中问题进行行政约谈'));
      for (let k = rng.int(0, 2); k > 0; k--) {
        inspections.push(inspection(ctx, rng.chance(0.3), rng.chance(0.85) ? Inspect.NO_ISSUES : Inspect.ISSUES_CORRECTED));
      }
      if (rng.chance(0.4)) {
        spotChecks.push(spotCheck(ctx, rng.chance(0.85) ? QualitySpotCheckResult.QUALIFIED : QualitySpotCheckResult.UNQUALIFIED));
      }
    } else {
      if (rng.chance(0.5)) inspections.push(inspection(ctx, false, Inspect.NO_ISSUES));
      if (rng.chance(0.4)) spotChecks.push(spotCheck(ctx, QualitySpotCheckResult.QUALIFIED));
    }
  }

  // The listings and removals are decisions: their CreditListChange events commit with them, and the relay publishes
  // them on start so every agency (this one included) derives its measures the way it does for live decisions.
  // Sample numbers and publication dates without drawing from the generators, so the rest of the seed stays as it was.
  spotChecks.forEach((c, i) => {
    c.sampleNumber = `SJ${c.checkedOn.slice(0, 4)}-${String(i + 1).padStart(6, '0')}`;
    c.publishedOn = c.published ? minDate(addDays(c.checkedOn, 30), today) : null;
  });
  await db.transaction(async (m) => {
    await insertAll(m, Operator, operators);
    await insertAll(m, AdministrativePenalty, penalties);
    await insertAll(m, AdministrativeLicense, licenses);
    await insertAll(m, AbnormalOperationListing, abnormal);
    await insertAll(m, SeriousDishonestListing, serious);
    await insertAll(m, StorefrontDisclosureCheck, checks);
    await insertAll(m, PlatformRegistration, registrations);
    await insertAll(m, DoubleRandomInspection, inspections);
    await insertAll(m, QualitySpotCheck, spotChecks);
    await insertAll(m, RegulatoryAction, actions);
    await insertAll(m, ExemptSubject, seededExemptSubjects(plan));
    // A listing whose term has run out is ended by the expiry sweep on start (events/list-expiry.ts), as in live data.
    await insertSeededCreditListChanges(m, 'market-regulation', listDecisionEvents(serious, abnormal));
    // Risk classes are not seeded: every operator's signal leaves like a live one, and the assessment and the class
    // follow from it (credit-assessment.ts), exactly as for an operator registered through the API.
    await marketRegulationCreditSignals.seed(m, operators.map((o) => o.uscc), new Date());
  });
}

/**
 * The events of the seeded list decisions, built like the mutations' (credit-events.ts): every listing and every
 * recorded removal. Automatic ends are the expiry sweep's to record, with their own event, as for live listings.
 */
export function listDecisionEvents(serious: Row<SeriousDishonestListing>[], abnormal: Row<AbnormalOperationListing>[]): CreditListChange[] {
  const events: CreditListChange[] = [];
  for (const row of serious) {
    const listing = row as SeriousDishonestListing;
    events.push(seriousListed(listing));
    if (listing.removedOn && listing.removalKind && listing.removalDecisionNumber && listing.removalDecidingAuthority) {
      events.push(seriousRemoved(listing, {
        removedOn: listing.removedOn, kind: listing.removalKind,
        decisionNumber: listing.removalDecisionNumber, decidingAuthority: listing.removalDecidingAuthority,
      }));
    }
  }
  for (const row of abnormal) {
    const listing = row as AbnormalOperationListing;
    events.push(abnormalListed(listing));
    if (listing.removedOn && listing.removalDecisionNumber && listing.removalDecidingAuthority) {
      events.push(abnormalRemoved(listing, {
        removedOn: listing.removedOn, decisionNumber: listing.removalDecisionNumber, decidingAuthority: listing.removalDecidingAuthority,
      }));
    }
  }
  return events;
}

/** Seeded sellers exempt from registration (issue 10 part 5): one per exemption ground and district pattern. */
const EXEMPT_SELLERS: readonly { name: string; ground: ExemptionGround; districtCode: string; requiredReason?: string }[] = [
  { name: '从化自家荔枝园', ground: ExemptionGround.OWN_FARM_PRODUCTS, districtCode: '440117' },
  { name: '增城丝苗米农家', ground: ExemptionGround.OWN_FARM_PRODUCTS, districtCode: '440118' },
  { name: '西关广绣手作', ground: ExemptionGround.OWN_HANDICRAFTS, districtCode: '440103' },
  { name: '天河上门家电清洗', ground: ExemptionGround.CONVENIENCE_SERVICES, districtCode: '440106' },
  {
    name: '天河闲置好物转让',
    ground: ExemptionGround.SPORADIC_SMALL_TRANSACTIONS,
    districtCode: '440106',
    // Beyond 100,000 yuan a year across all shops (网络交易监督管理办法 art. 8 para. 2): no longer 零星小额.
    requiredReason: '近十二个月各平台店铺交易额合计约13.2万元，超过年交易额10万元（网络交易监督管理办法第八条第二款），应当办理市场主体登记',
  },
];

/**
 * The exempt sellers as recordExemptSubject would record them: valid citizen ID numbers, a storefront on a seeded
 * platform that no other record holds, identifiers numbered per district in recording order.
 */
export function seededExemptSubjects(plan: SeedPlan): Row<ExemptSubject>[] {
  const today = isoDate(plan.today);
  const sequences = new Map<string, number>();
  return EXEMPT_SELLERS.map((seller, i) => {
    const rng = plan.rng('market-regulation-exempt', i);
    const sequence = (sequences.get(seller.districtCode) ?? 0) + 1;
    sequences.set(seller.districtCode, sequence);
    const platform = plan.platforms[i % plan.platforms.length];
    const birth = `${rng.int(1960, 2000)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
    const id17 = `${seller.districtCode}${birth}${String(rng.int(0, 999)).padStart(3, '0')}`;
    // Recorded in list order, a month apart, so the sequence follows the recording date.
    const recordedOn = addDays(today, -30 * (EXEMPT_SELLERS.length - i) - 60);
    return {
      subjectId: exemptSubjectIdOf(seller.districtCode, sequence),
      name: seller.name,
      exemptionGround: seller.ground,
      platformId: platform.id,
      shopId: `EX${seller.districtCode}${String(sequence).padStart(3, '0')}`,
      districtCode: seller.districtCode,
      sequence,
      personName: rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES),
      idNumber: id17 + citizenIdCheck(id17),
      contact: `13${rng.int(5, 9)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      recordedOn,
      registrationRequiredOn: seller.requiredReason ? addDays(today, -20) : null,
      registrationRequiredReason: seller.requiredReason ?? null,
    } as Row<ExemptSubject>;
  });
}

interface SeedContext {
  op: SeedOperator;
  rng: Rng;
  today: string;
  authority: string;
  abbr: string;
  since(days: number): string;
}

/** Chunks as large as the bound-parameter limits allow (SQLite 32,766; PostgreSQL 65,535): fewer round trips at 100,000 operators. */
function insertAll<E extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<E>, rows: Row<E>[]) {
  const columns = m.connection.getMetadata(entity).columns.length;
  return insertInChunks(m, entity, rows as unknown as E[], Math.max(1, Math.min(2000, Math.floor(30_000 / columns))));
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const keyOf = (violationType: string) => Object.keys(V).find((k) => V[k].type === violationType) ?? 'disclosure';
const publicity = (p: Row<AdministrativePenalty>) => penaltyPublicity({ ...p });

/**
 * A serious-list decision as the mutation would record it: numbered, decided by the district bureau after prior
 * notice and the statement period (or the hearing of the defence). `slot` keeps numbers unique per operator.
 */
function seriousDecision(
  { op, authority, abbr }: SeedContext,
  decisions: Rng,
  slot: number,
  listedOn: string,
): Omit<Row<SeriousDishonestListing>, 'ground' | 'basisDecisionNumbers' | 'facts'> {
  const priorNoticeOn = addDays(listedOn, -decisions.int(12, 30));
  const statementOfDefenceDeadline = addDays(priorNoticeOn, decisions.int(3, 7));
  const defenceHeardOn = decisions.chance(0.4) ? addDays(priorNoticeOn, decisions.int(1, 3)) : null;
  return {
    operatorUscc: op.uscc,
    ...NOT_OBJECTED,
    decisionNumber: `穗${abbr}市监列严〔${listedOn.slice(0, 4)}〕${op.index * 10 + slot}号`,
    listedOn,
    listingAuthority: authority,
    priorNoticeOn,
    statementOfDefenceDeadline,
    defenceHeardOn,
    removedOn: null,
    removalKind: null,
    removalReason: null,
    removalDecisionNumber: null,
    removalDecidingAuthority: null,
    harmRemoval: null,
  };
}

/** An abnormal operations listing with its listing decision and, when removed, its removal decision. */
function abnormalDecision(
  { op, authority, abbr }: SeedContext,
  slot: number,
  d: Pick<Row<AbnormalOperationListing>, 'reason' | 'listedOn' | 'removedOn' | 'removalReason'>,
): Row<AbnormalOperationListing> {
  return {
    operatorUscc: op.uscc,
    ...NOT_OBJECTED,
    ...d,
    decisionNumber: `穗${abbr}市监列异〔${d.listedOn.slice(0, 4)}〕${op.index * 10 + slot}号`,
    listingAuthority: authority,
    removalDecisionNumber: d.removedOn ? `穗${abbr}市监移异〔${d.removedOn.slice(0, 4)}〕${op.index * 10 + slot}号` : null,
    removalDecidingAuthority: d.removedOn ? authority : null,
  };
}

function penalty(
  { op, rng, today, authority, abbr }: SeedContext,
  k: number,
  violation: Violation,
  decidedOn: string,
  kind: 'warning' | 'small' | 'heavy',
): Row<AdministrativePenalty> {
  let categories: C[];
  let fineFen: number | null = null;
  let confiscatedFen: number | null = null;
  let restrictionUntil: string | null = null;
  if (kind === 'warning') {
    categories = [C.WARNING];
  } else if (kind === 'small') {
    categories = rng.chance(0.5) ? [C.WARNING, C.FINE] : [C.FINE];
    fineFen = rng.int(5, 100) * 100_00; // ¥500 - ¥10,000
  } else {
    categories = [C.FINE];
    fineFen = rng.int(2, 50) * 10_000_00; // ¥20,000 - ¥500,000
    if (rng.chance(0.5)) {
      categories.push(C.CONFISCATION_OF_ILLEGAL_GAINS);
      confiscatedFen = rng.int(5, 2000) * 100_00;
    }
    if (k > 0 && rng.chance(0.1)) {
      categories.push(C.EMPLOYMENT_RESTRICTION);
      restrictionUntil = addYears(decidedOn, 5);
    }
  }
  // Heavy cases are aggravated fines (the dishonest operators' loop may reclassify some as ordinary); a restriction
  // of employment makes a penalty heavier by itself.
  const severity = restrictionUntil ? Severity.BUSINESS_RESTRICTION : kind === 'heavy' ? Severity.AGGRAVATED_FINE : Severity.ORDINARY;
  const performed = decidedOn < addDays(today, -120) && rng.chance(kind === 'heavy' ? 0.6 : 0.9);
  return {
    operatorUscc: op.uscc,
    ...NOT_OBJECTED,
    decisionNumber: `穗${abbr}市监处罚〔${decidedOn.slice(0, 4)}〕${op.index * 10 + k + 1}号`,
    violationType: violation.type,
    facts: violation.facts(op),
    legalBasis: violation.basis,
    categories,
    severity,
    fineFen,
    confiscatedFen,
    decidedOn,
    decidingAuthority: authority,
    lawField: violation.lawField,
    restrictionUntil,
    performed,
    performedOn: performed ? addDays(decidedOn, rng.int(10, 90)) : null,
    repairedOn: null, // the seed has no repair applications
    // An individual business is run by a natural person, whom the decision names (PII, masked for most callers).
    responsiblePersonName: op.subjectType === 'INDIVIDUAL_BUSINESS' ? op.legalRepresentative.name : null,
    // Internal notes on heavy cases only (no extra random draws: the rest of the seed stays as it was).
    caseHandlerNote:
      kind === 'heavy'
        ? `承办人备注：当事人${performed ? '已按期缴纳罚没款，整改到位' : '罚没款尚未缴纳，拟依法申请强制执行'}；案卷编号${op.index * 10 + k + 1}`
        : null,
  };
}

function addLicenses({ op, rng, today, authority, abbr, since }: SeedContext, out: Row<AdministrativeLicense>[], foodLike: boolean) {
  const dishonest = op.profile === 'DISHONEST';
  const count = op.profile === 'TRUSTWORTHY' ? rng.int(1, 2) : rng.int(foodLike ? 1 : 0, 1);
  for (let k = 0; k < count; k++) {
    const food = foodLike ? k === 0 : rng.chance(0.3);
    // Trustworthy operators' licences are current; others' may have lapsed or been revoked.
    const validFrom = op.profile === 'TRUSTWORTHY' ? since(rng.int(30, 1500)) : since(rng.int(30, 2400));
    let validUntil = addYears(validFrom, 5);
    if (op.profile === 'TRUSTWORTHY' && validUntil <= today) validUntil = addYears(today, 1);
    const revoked = dishonest && rng.chance(0.25);
    out.push({
      operatorUscc: op.uscc,
      documentNumber: `穗${abbr}市监许〔${validFrom.slice(0, 4)}〕${op.index * 10 + k + 1}号`,
      category: food ? MarketRegulationLicenseCategory.GENERAL : MarketRegulationLicenseCategory.REGISTRATION,
      certificateName: food ? '食品经营许可证' : '第二类医疗器械经营备案凭证',
      licenseNumber: food
        ? `JY1${op.districtCode}${String(op.index * 10 + k).padStart(7, '0')}`
        : `粤穗食药监械经营备${validFrom.slice(0, 4)}${String(op.index * 10 + k).padStart(6, '0')}号`,
      content: food ? `预包装食品销售（含${op.goods}），网络经营` : '第二类医疗器械零售（网络销售）',
      approvalRoute: LicenseApprovalRoute.STANDARD,
      validFrom,
      validUntil: food ? validUntil : null,
      authority,
      recordedStatus: revoked ? MarketRegulationLicenseStatus.REVOKED : MarketRegulationLicenseStatus.VALID,
    });
  }
}

/**
 * What the platforms verified of the operator (E-Commerce Law art. 27), as the seeded reports carry it: the name and
 * registered address from the register, the legal representative's telephone in full (masked only when read), the
 * business licence number, which for a registered subject is its credit code (三证合一, 国办发〔2015〕50号), and the
 * shop's address from commerce's storefront registry (the same seeded draws, see shared/seed/storefronts.ts).
 */
function verifiedIdentityOf(plan: SeedPlan, op: SeedOperator, registered: Operator) {
  const shops = new Map(seededStorefronts(plan, op, plan.rng('commerce', op.index)).map((s) => [s.platformId, s.url]));
  return (platformId: string) => ({
    operatorName: registered.name,
    registeredAddress: registered.address,
    contactPhone: op.legalRepresentative.phone,
    licenceNumber: op.uscc,
    shopAddress: shops.get(platformId)!,
  });
}

function addPlatformRecords(
  { op, rng, today }: SeedContext,
  registrations: Row<PlatformRegistration>[],
  checks: Row<StorefrontDisclosureCheck>[],
  periods: string[],
  verified: (platformId: string) => Pick<PlatformRegistration, 'operatorName' | 'registeredAddress' | 'contactPhone' | 'licenceNumber' | 'shopAddress'>,
) {
  for (const platformId of op.platformIds) {
    for (const period of periods) {
      const range = reportingPeriodRange(period)!;
      const from = maxDate(range.start, op.establishedOn);
      if (from > range.end) continue;
      const span = Math.max(0, (Date.parse(range.end) - Date.parse(from)) / 86_400_000);
      const verifiedOn = addDays(from, rng.int(0, span));
      registrations.push({
        operatorUscc: op.uscc,
        platformId,
        verifiedAt: new Date(`${verifiedOn}T${String(rng.int(1, 9)).padStart(2, '0')}:${rng.int(10, 59)}:00.000Z`),
        reportingPeriod: period,
        // Reports are due in January (for H2) and July (for H1).
        reportedAt: new Date(`${addDays(range.end, rng.int(1, 15))}T02:00:00.000Z`),
        // Seeded reports obey the same rule as reported ones: they carry what was verified.
        ...verified(platformId),
      });
    }
    const compliant =
      op.profile === 'TRUSTWORTHY' ? true : op.profile === 'ORDINARY' ? rng.chance(0.8) : rng.chance(0.3);
    const licenseShown = compliant || rng.chance(0.4);
    checks.push({
      operatorUscc: op.uscc,
      exemptSubjectId: null,
      platformId,
      // The seeded pages predate shop identifiers in the check record.
      shopId: null,
      url: `https://shop.${platformId}.example/${platformId.slice(0, 2).toUpperCase()}${op.index}`,
      licenseShown,
      checkedAt: new Date(`${maxDate(addDays(today, -rng.int(5, 300)), op.establishedOn)}T03:${rng.int(10, 59)}:00.000Z`),
      compliant,
      findings: compliant ? null : licenseShown ? '未公示食品经营许可证等行政许可信息' : '未在首页显著位置公示营业执照信息',
    });
  }
}

function action({ op, authority }: SeedContext, kind: Action, takenOn: string, summary: string): Row<RegulatoryAction> {
  return {
    operatorUscc: op.uscc, platformId: null, platformOperatingCompanyUscc: null, exemptSubjectId: null, kind, takenOn, summary, authority,
    decisionNumber: null, documentNumber: null,
  };
}

function spotCheck({ op, rng, authority, since }: SeedContext, result: QualitySpotCheckResult): Row<QualitySpotCheck> {
  const checkedOn = since(rng.int(20, 900));
  return {
    operatorUscc: op.uscc,
    ...NOT_OBJECTED,
    product: `${op.goods}（网购样品）`,
    batch: `${checkedOn.replace(/-/g, '').slice(0, 6)}${String(rng.int(1, 99)).padStart(2, '0')}`,
    result,
    unqualifiedItems:
      result === QualitySpotCheckResult.UNQUALIFIED
        ? rng.pick(FOOD_INDUSTRIES.includes(op.industry) ? ['菌落总数', '标签标识', '防腐剂（山梨酸）'] : ['标签标识', '纤维含量', '重金属含量', '电气安全'])
        : null,
    published: result === QualitySpotCheckResult.UNQUALIFIED || rng.chance(0.5),
    publishedOn: null,
    sampleNumber: null,
    checkedOn,
    authority,
  };
}

function inspection({ op, rng, authority, since }: SeedContext, onSite: boolean, result: Inspect): Row<DoubleRandomInspection> {
  return {
    operatorUscc: op.uscc,
    task: rng.pick(INSPECTION_TASKS),
    inspectedOn: since(rng.int(15, 900)),
    onSite,
    result,
    findings: result === Inspect.NO_ISSUES ? null : `检查发现：${result === Inspect.UNREACHABLE_AT_ADDRESS ? '登记住所无法联系' : '存在违法违规问题，已依法处理'}`,
    authority,
    drawId: null,
  };
}
