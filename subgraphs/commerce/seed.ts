import type { DataSource } from 'typeorm';
import { completeUscc } from '../../shared/credit-code/uscc';
import { GUANGZHOU_DISTRICTS } from '../../shared/seed/guangzhou';
import { insertInChunks } from '../../shared/seed/insert';
import type { Rng } from '../../shared/seed/random';
import { daysBefore, isoDate, organizationBody, SeedOperator, SeedPlan } from '../../shared/seed/seed-plan';
import { seededStorefronts } from '../../shared/seed/storefronts';
import { AdvanceCompensationClaim, AdvanceCompensationStatus } from './entities/advance-compensation-claim.entity';
import { CommerceListEntry, CommerceListKind } from './entities/commerce-list-entry.entity';
import { ConsumerReview, ConsumerReviewStatus, ConsumerReviewStatusChange } from './entities/consumer-review.entity';
import { EcommerceMonthlyStatistic } from './entities/ecommerce-monthly-statistic.entity';
import {
  CreditEvaluationStandard, OperatorCreditEvaluation, OperatorCreditEvaluatorKind,
} from './entities/operator-credit-evaluation.entity';
import { PlatformRuleDocument, PlatformRuleDocumentKind } from './entities/platform-rule-document.entity';
import { CREDIT_EVALUATION_RULES, type EvaluationFigures } from './rules/credit-evaluation';
import { ruleInForce } from '../../shared/rules/versioned';
import { CommercePlatformKind, Platform } from './entities/platform.entity';
import { Storefront } from './entities/storefront.entity';
import {
  TransactionRiskAlert, TransactionRiskAlertKind, TransactionRiskLevel,
} from './entities/transaction-risk-alert.entity';
import { ruleDocumentNoticeRulesAt } from './rules/rule-document-notice';
import { riskAlertRulesAt } from './rules/risk-alerts';
import { addDays, addMonths } from '../../shared/calendar/dates';
import { commerceCreditSignals } from './credit-signal';

/**
 * Operating companies of the seeded platforms. The credit codes are synthetic (valid GB 32100 codes
 * built from the seed), never the companies' real codes.
 */
const PLATFORM_OPERATORS: Record<string, { company: string; division: string; kind: CommercePlatformKind }> = {
  taobao: { company: '浙江淘宝网络有限公司', division: '330110', kind: CommercePlatformKind.COMPREHENSIVE_MARKETPLACE },
  tmall: { company: '浙江天猫网络有限公司', division: '330110', kind: CommercePlatformKind.COMPREHENSIVE_MARKETPLACE },
  jd: { company: '北京京东叁佰陆拾度电子商务有限公司', division: '110115', kind: CommercePlatformKind.COMPREHENSIVE_MARKETPLACE },
  pinduoduo: { company: '上海寻梦信息技术有限公司', division: '310105', kind: CommercePlatformKind.GROUP_BUYING },
  douyin: { company: '北京抖音信息服务有限公司', division: '110108', kind: CommercePlatformKind.LIVE_STREAMING },
  kuaishou: { company: '北京快手科技有限公司', division: '110108', kind: CommercePlatformKind.LIVE_STREAMING },
  vipshop: { company: '广州唯品会电子商务有限公司', division: '440105', kind: CommercePlatformKind.FLASH_SALE },
  meituan: { company: '北京三快在线科技有限公司', division: '110108', kind: CommercePlatformKind.LOCAL_SERVICES },
  xiaohongshu: { company: '行吟信息科技（上海）有限公司', division: '310101', kind: CommercePlatformKind.SOCIAL_COMMERCE },
  shein: { company: '广州希音国际进出口有限公司', division: '440111', kind: CommercePlatformKind.CROSS_BORDER },
};

const RULE_TITLES: Record<PlatformRuleDocumentKind, string> = {
  [PlatformRuleDocumentKind.SERVICE_AGREEMENT]: '平台服务协议',
  [PlatformRuleDocumentKind.TRANSACTION_RULES]: '平台交易规则',
  [PlatformRuleDocumentKind.CREDIT_EVALUATION_RULES]: '信用评价规则',
};

const RULE_CHANGES = [
  '增加个人信息保护条款，明确平台内经营者的信息安全义务',
  '调整退换货及售后服务时限',
  '明确消费者评价展示规则，评价不得删除',
  '新增先行赔付流程及向商家追偿规定',
  '细化刷单炒信、虚假宣传的认定与处置措施',
  '调整信用评价指标权重，引入售后服务指标',
];

const GOOD_REVIEWS = ['质量很好，和描述一致', '物流快，包装完好', '客服态度好，会回购', '性价比高，推荐', '正品，放心'];
const MIXED_REVIEWS = ['一般般，还可以', '发货有点慢', '颜色和图片有差异', '用了几天还行', '包装简陋但东西不错'];
const BAD_REVIEWS = ['收到的是假货，与描述严重不符', '商品有质量问题，商家拒绝退货', '虚假宣传，效果完全没有', '客服不回复，售后无人处理', '收到空包裹'];
const FAKE_PRAISE = ['好评返现！五星好评', '非常好非常好非常好', '亲友推荐，好评'];
const HIDE_REASONS = ['含有商家认为不实的内容，平台暂时屏蔽', '商家申诉，平台审核中屏蔽', '含有敏感词，系统自动屏蔽'];
const FLAG_REASONS = ['疑似刷单好评（好评返现）', '同一收货地址批量评价，疑似虚假评价', '恶意差评，勒索商家'];
const CLAIM_REASONS = ['收到假冒商品', '商品质量不合格', '商家拒绝履行七天无理由退货', '食品过期', '虚假宣传导致损失'];
const LIST_REASONS: Record<CommerceListKind, string[]> = {
  [CommerceListKind.JOINT_PUNISHMENT]: ['组织刷单炒信，情节严重', '销售假冒伪劣商品，被处以较重行政处罚'],
  [CommerceListKind.KEY_ATTENTION]: ['多次拒不履行先行赔付追偿义务', '消费者投诉集中，经约谈未整改'],
};
const THIRD_PARTY_EVALUATORS = ['粤信评信用服务有限公司', '广州诚联信用评价有限公司', '穗信征信服务有限公司'];

/** Commerce's part of the deterministic seed: platforms and their rules, then per-operator records. */
export async function seedCommerce(db: DataSource, plan: SeedPlan): Promise<void> {
  const today = isoDate(plan.today);
  const platforms = plan.platforms.map((p, i) => ({
    id: p.id,
    name: p.name,
    operatingCompanyName: PLATFORM_OPERATORS[p.id]?.company ?? `${p.name}平台经营者`,
    operatingCompanyUscc: completeUscc(
      '91',
      PLATFORM_OPERATORS[p.id]?.division ?? '440106',
      organizationBody(1_000_000 + i, plan.seed),
    ),
    kind: PLATFORM_OPERATORS[p.id]?.kind ?? CommercePlatformKind.COMPREHENSIVE_MARKETPLACE,
  }));
  const ruleDocs = ruleDocuments(plan, today);

  const storefronts: Storefront[] = [];
  const reviews: ConsumerReview[] = [];
  /** Status changes of non-visible reviews, in the order those reviews are inserted. */
  const pendingChanges: Omit<ConsumerReviewStatusChange, 'id' | 'reviewId'>[] = [];
  const evaluations: OperatorCreditEvaluation[] = [];
  const alerts: TransactionRiskAlert[] = [];
  const claims: AdvanceCompensationClaim[] = [];
  const listEntries: CommerceListEntry[] = [];
  const platformName = new Map(plan.platforms.map((p) => [p.id, p.name]));

  for (const op of plan.operators) {
    const rng = plan.rng('commerce', op.index);
    const shops = seededStorefronts(plan, op, rng).map((shop) =>
      db.getRepository(Storefront).create({ operatorUscc: op.uscc, ...shop }),
    );
    storefronts.push(...shops);
    seedReviews(op, rng, plan, shops, platformName, reviews, pendingChanges);
    seedEvaluations(op, rng, plan, platformName, evaluations);
    seedAlerts(op, rng, plan, alerts);
    seedClaims(op, rng, plan, today, claims);
    seedListEntries(op, rng, plan, listEntries);
  }

  // One transaction: the records and the credit signals they give leave together (the signals through the outbox).
  await db.transaction(async (m) => {
    await insertInChunks(m, Platform, m.getRepository(Platform).create(platforms));
    await insertInChunks(m, PlatformRuleDocument, ruleDocs);
    await insertInChunks(m, Storefront, storefronts, 500);
    await insertInChunks(m, ConsumerReview, reviews, 500);
    // Reviews were inserted in order, so the non-visible ones come back in the order of their changes.
    const changed = await m
      .getRepository(ConsumerReview)
      .createQueryBuilder('r')
      .select('r.id', 'id')
      .where('r.status <> :visible', { visible: ConsumerReviewStatus.VISIBLE })
      .orderBy('r.id', 'ASC')
      .getRawMany<{ id: number | string }>();
    if (changed.length !== pendingChanges.length) {
      throw new Error(`commerce seed: ${changed.length} changed reviews, ${pendingChanges.length} status changes`);
    }
    const changeRepo = m.getRepository(ConsumerReviewStatusChange);
    await insertInChunks(
      m,
      ConsumerReviewStatusChange,
      pendingChanges.map((c, i) => changeRepo.create({ ...c, reviewId: Number(changed[i].id) })),
      500,
    );
    await insertInChunks(m, OperatorCreditEvaluation, evaluations, 500);
    await insertInChunks(m, TransactionRiskAlert, alerts, 500);
    await insertInChunks(m, AdvanceCompensationClaim, claims, 500);
    await insertInChunks(m, CommerceListEntry, listEntries, 500);
    // `isEmpty` looks at the statistics; the one transaction leaves no half-seeded database behind.
    await insertInChunks(m, EcommerceMonthlyStatistic, statistics(db, plan), 500);
    await commerceCreditSignals.seed(m, plan.operators.map((op) => op.uscc), new Date());
  });
}

/**
 * Figures a seeded platform publishes in its credit evaluation rules: those of the city table of the day (seed data,
 * drawn without the random stream so the rest of the seed stays as it was).
 */
function seededEvaluationFigures(effectiveOn: string): EvaluationFigures {
  const { weightsPercent, gradeThresholds } = ruleInForce(CREDIT_EVALUATION_RULES, effectiveOn);
  return { weightsPercent: { ...weightsPercent }, gradeThresholds: gradeThresholds.map((t) => ({ ...t })) };
}

/** Two to four versions per platform and kind, each published with at least the notice period. */
function ruleDocuments(plan: SeedPlan, today: string): PlatformRuleDocument[] {
  const docs: PlatformRuleDocument[] = [];
  plan.platforms.forEach((platform, i) => {
    const rng = plan.rng('commerce-platform', i);
    for (const kind of Object.values(PlatformRuleDocumentKind)) {
      const versions = rng.int(2, 4);
      let effectiveOn = addDays('2019-01-01', rng.int(0, 500));
      for (let version = 1; version <= versions; version++) {
        if (version > 1) effectiveOn = addDays(effectiveOn, rng.int(250, 700));
        // The last version of some documents is published but not yet in force.
        if (effectiveOn > today && version < versions) break;
        const notice = ruleDocumentNoticeRulesAt(effectiveOn).minimumNoticeDays;
        const publishedOn = addDays(effectiveOn, -rng.int(notice, notice + 23));
        if (publishedOn > today) break;
        docs.push({
          platformId: platform.id,
          kind,
          version,
          title: `${platform.name}${RULE_TITLES[kind]}（第${version}版）`,
          consultationStartsOn: addDays(publishedOn, -rng.int(7, 30)),
          publishedOn,
          effectiveOn,
          summary: version === 1 ? '首次公示' : rng.pick(RULE_CHANGES),
          evaluationRules: kind === PlatformRuleDocumentKind.CREDIT_EVALUATION_RULES ? seededEvaluationFigures(effectiveOn) : null,
        } as PlatformRuleDocument);
      }
    }
  });
  return docs;
}

function seedReviews(
  op: SeedOperator,
  rng: Rng,
  plan: SeedPlan,
  shops: Storefront[],
  platformName: Map<string, string>,
  reviews: ConsumerReview[],
  changes: Omit<ConsumerReviewStatusChange, 'id' | 'reviewId'>[],
): void {
  const count = op.profile === 'DISHONEST' ? rng.int(5, 8) : op.profile === 'TRUSTWORTHY' ? rng.int(2, 4) : rng.int(2, 5);
  for (let n = 0; n < count; n++) {
    const shop = rng.pick(shops);
    let rating: number;
    let status = ConsumerReviewStatus.VISIBLE;
    if (op.profile === 'TRUSTWORTHY') rating = rng.weighted([[5, 70], [4, 30]] as const);
    else if (op.profile === 'ORDINARY') rating = rng.weighted([[5, 30], [4, 35], [3, 20], [2, 10], [1, 5]] as const);
    else rating = rng.weighted([[1, 45], [2, 30], [3, 15], [5, 10]] as const);
    if (op.profile === 'DISHONEST') {
      // The dishonest operator's first reviews are always one hidden and one flagged (fake praise).
      if (n === 0) status = ConsumerReviewStatus.HIDDEN_BY_PLATFORM;
      else if (n === 1) status = ConsumerReviewStatus.FLAGGED_MALICIOUS;
      else if (rating <= 2 && rng.chance(0.4)) status = ConsumerReviewStatus.HIDDEN_BY_PLATFORM;
      else if (rng.chance(0.15)) status = ConsumerReviewStatus.FLAGGED_MALICIOUS;
      if (n === 0) rating = 1;
      if (status === ConsumerReviewStatus.FLAGGED_MALICIOUS) rating = 5;
    } else if (op.profile === 'ORDINARY') {
      if (rating <= 2 && rng.chance(0.2)) status = ConsumerReviewStatus.HIDDEN_BY_PLATFORM;
      else if (rng.chance(0.04)) status = ConsumerReviewStatus.FLAGGED_MALICIOUS;
    }
    const text =
      status === ConsumerReviewStatus.FLAGGED_MALICIOUS ? rng.pick(FAKE_PRAISE)
        : rating >= 4 ? rng.pick(GOOD_REVIEWS) : rating === 3 ? rng.pick(MIXED_REVIEWS) : rng.pick(BAD_REVIEWS);
    const postedAt = new Date(daysBefore(plan.today, rng.int(3, 700)).getTime() + rng.int(0, 86_399) * 1000);
    reviews.push({
      platformId: shop.platformId,
      operatorUscc: op.uscc,
      shopId: shop.shopId,
      rating,
      text,
      postedAt,
      status,
    } as ConsumerReview);
    if (status !== ConsumerReviewStatus.VISIBLE) {
      const hidden = status === ConsumerReviewStatus.HIDDEN_BY_PLATFORM;
      changes.push({
        fromStatus: ConsumerReviewStatus.VISIBLE,
        toStatus: status,
        reason: rng.pick(hidden ? HIDE_REASONS : FLAG_REASONS),
        actor: `${platformName.get(shop.platformId) ?? shop.platformId}${hidden ? '商家服务部' : '风控团队'}`,
        changedAt: new Date(Math.min(postedAt.getTime() + rng.int(1, 72) * 3_600_000, plan.today.getTime())),
      });
    }
  }
}

function indicator(rng: Rng, profile: SeedOperator['profile']): number {
  if (profile === 'TRUSTWORTHY') return rng.int(86, 100);
  if (profile === 'ORDINARY') return rng.int(58, 92);
  return rng.int(12, 52);
}

function seedEvaluations(
  op: SeedOperator,
  rng: Rng,
  plan: SeedPlan,
  platformName: Map<string, string>,
  evaluations: OperatorCreditEvaluation[],
): void {
  const drawn = () => ({
    evaluatedOn: isoDate(daysBefore(plan.today, rng.int(10, 400))),
    overallSatisfaction: indicator(rng, op.profile),
    productQuality: indicator(rng, op.profile),
    brandReputation: indicator(rng, op.profile),
    afterSalesService: indicator(rng, op.profile),
  });
  const add = (
    evaluatorKind: OperatorCreditEvaluatorKind,
    evaluatorName: string,
    platformId: string | null,
    standard: CreditEvaluationStandard,
  ) => evaluations.push({ operatorUscc: op.uscc, platformId, evaluatorKind, evaluatorName, standard, ...drawn() } as OperatorCreditEvaluation);
  for (const platformId of op.platformIds) {
    add(OperatorCreditEvaluatorKind.PLATFORM, platformName.get(platformId) ?? platformId, platformId,
      CreditEvaluationStandard.GB_T_36312_2018);
  }
  if (rng.chance(0.3)) {
    add(OperatorCreditEvaluatorKind.THIRD_PARTY, rng.pick(THIRD_PARTY_EVALUATORS), null, CreditEvaluationStandard.GB_T_26842_2011);
  }
  // The government composite evaluation is no longer typed in (market regulation derives it: Operator.creditAssessment).
  // Its draws are still made, so every record drawn after it stays as it was.
  if (op.profile === 'DISHONEST' || rng.chance(0.1)) drawn();
}

const ALERT_MESSAGES: Record<TransactionRiskAlertKind, string> = {
  [TransactionRiskAlertKind.COUNTERFEIT_GOODS]: '该店铺近期被查实销售假冒商品，请谨慎购买并保留凭证',
  [TransactionRiskAlertKind.FALSE_ADVERTISING]: '该店铺商品宣传存在虚假内容，请以实际检测报告为准',
  [TransactionRiskAlertKind.FAKE_TRANSACTIONS]: '该店铺存在刷单炒信行为，销量及好评可能不真实',
  [TransactionRiskAlertKind.AFTER_SALES_REFUSAL]: '该店铺多次拒绝履行售后义务，请谨慎交易',
  [TransactionRiskAlertKind.FRAUD_SUSPECTED]: '该店铺涉嫌消费欺诈，请勿私下转账交易',
  [TransactionRiskAlertKind.DISHONEST_LIST]: '该经营者已被列入失信名单，请注意交易风险',
};

/** Alert kinds the seed writes: one pick per alert, as before, so the draws after it stay aligned. */
const SEEDED_ALERT_KINDS = Object.values(TransactionRiskAlertKind).filter((k) => k !== TransactionRiskAlertKind.DISHONEST_LIST);

function seedAlerts(op: SeedOperator, rng: Rng, plan: SeedPlan, alerts: TransactionRiskAlert[]): void {
  const count = op.profile === 'DISHONEST' ? rng.int(1, 3) : op.profile === 'ORDINARY' && rng.chance(0.04) ? 1 : 0;
  for (let n = 0; n < count; n++) {
    // DISHONEST_LIST alerts come from commerce's consumer of the listings' events, never from the seed.
    const kind = rng.pick(SEEDED_ALERT_KINDS);
    const level =
      op.profile === 'DISHONEST'
        ? rng.weighted([[TransactionRiskLevel.HIGH, 60], [TransactionRiskLevel.MEDIUM, 40]] as const)
        : rng.weighted([[TransactionRiskLevel.LOW, 70], [TransactionRiskLevel.MEDIUM, 30]] as const);
    // The first alert of a dishonest operator is recent, so it is still shown.
    const issuedOn = isoDate(daysBefore(plan.today, n === 0 && op.profile === 'DISHONEST' ? rng.int(3, 25) : rng.int(5, 400)));
    alerts.push({
      operatorUscc: op.uscc,
      platformId: rng.pick(op.platformIds),
      kind,
      level,
      consumerMessage: ALERT_MESSAGES[kind],
      issuedOn,
      expiresOn: addDays(issuedOn, riskAlertRulesAt(issuedOn).defaultDays[level]),
    } as TransactionRiskAlert);
  }
}

function seedClaims(op: SeedOperator, rng: Rng, plan: SeedPlan, today: string, claims: AdvanceCompensationClaim[]): void {
  const count = op.profile === 'DISHONEST' ? rng.int(1, 3) : op.profile === 'ORDINARY' && rng.chance(0.03) ? 1 : 0;
  for (let n = 0; n < count; n++) {
    const platformId = rng.pick(op.platformIds);
    const status =
      n === 0 && op.profile === 'DISHONEST' ? AdvanceCompensationStatus.RECOVERED_FROM_SELLER
        : rng.weighted([
          [AdvanceCompensationStatus.RECOVERED_FROM_SELLER, 35], [AdvanceCompensationStatus.PAID_BY_PLATFORM, 30],
          [AdvanceCompensationStatus.CLAIMED, 15], [AdvanceCompensationStatus.REJECTED, 20],
        ] as const);
    const claimedFen = rng.int(50, 5000) * 100 + rng.pick([0, 50, 90]);
    const claimedOn = isoDate(daysBefore(plan.today, rng.int(130, 700)));
    const claim = {
      platformId,
      operatorUscc: op.uscc,
      claimReference: `${platformId.toUpperCase()}-XP-${op.index}-${n + 1}`,
      reason: rng.pick(CLAIM_REASONS),
      claimedAmountFen: claimedFen,
      claimedOn,
      status,
      paidAmountFen: null,
      paidOn: null,
      recoveredAmountFen: null,
      recoveredOn: null,
      rejectedOn: null,
      rejectionReason: null,
    } as Omit<AdvanceCompensationClaim, 'id' | 'recordedAt' | 'claimedAmount' | 'paidAmount' | 'recoveredAmount'>;
    if (status === AdvanceCompensationStatus.REJECTED) {
      claim.rejectedOn = addDays(claimedOn, rng.int(1, 10));
      claim.rejectionReason = '经核实，消费者诉求不属于先行赔付范围';
    } else if (status !== AdvanceCompensationStatus.CLAIMED) {
      claim.paidAmountFen = rng.chance(0.8) ? claimedFen : Math.round(claimedFen * 0.6);
      claim.paidOn = addDays(claimedOn, rng.int(1, 15));
      if (status === AdvanceCompensationStatus.RECOVERED_FROM_SELLER) {
        claim.recoveredAmountFen = rng.chance(0.75) ? claim.paidAmountFen : Math.round(claim.paidAmountFen * 0.5);
        const recoveredOn = addDays(claim.paidOn, rng.int(10, 100));
        claim.recoveredOn = recoveredOn > today ? today : recoveredOn;
      }
    }
    claims.push(claim as AdvanceCompensationClaim);
  }
}

function seedListEntries(op: SeedOperator, rng: Rng, plan: SeedPlan, entries: CommerceListEntry[]): void {
  if (op.profile !== 'DISHONEST' || (op.index !== 0 && !rng.chance(0.5))) return;
  const listKind =
    op.index === 0 ? CommerceListKind.JOINT_PUNISHMENT
      : rng.weighted([[CommerceListKind.JOINT_PUNISHMENT, 40], [CommerceListKind.KEY_ATTENTION, 60]] as const);
  const listedOn = isoDate(daysBefore(plan.today, op.index === 0 ? 200 : rng.int(30, 1400)));
  entries.push({
    operatorUscc: op.uscc,
    listKind,
    reason: rng.pick(LIST_REASONS[listKind]),
    decisionNumber: `穗商信〔${listedOn.slice(0, 4)}〕${rng.int(1, 300)}号`,
    decidingAuthority: '广州市商务局',
    listedOn,
    periodMonths: rng.chance(0.2) ? 12 : null,
  } as CommerceListEntry);
}

/** District × month statistics for the 24 months before the seed's today, scaled by seeded operators. */
function statistics(db: DataSource, plan: SeedPlan): EcommerceMonthlyStatistic[] {
  const perDistrict = new Map<string, number>();
  for (const op of plan.operators) perDistrict.set(op.districtCode, (perDistrict.get(op.districtCode) ?? 0) + 1);
  const repo = db.getRepository(EcommerceMonthlyStatistic);
  const firstOfMonth = `${isoDate(plan.today).slice(0, 7)}-01`;
  const rows: EcommerceMonthlyStatistic[] = [];
  for (let back = 24; back >= 1; back--) {
    const month = addMonths(firstOfMonth, -back).slice(0, 7);
    const season = month.endsWith('-11') ? 1.6 : month.endsWith('-06') ? 1.3 : month.endsWith('-02') ? 0.8 : 1;
    GUANGZHOU_DISTRICTS.forEach((district, d) => {
      const rng = plan.rng('commerce-stats', d * 100 + back);
      const operators = perDistrict.get(district.code) ?? 0;
      const activeOperatorCount = Math.round(operators * (0.8 + rng.next() * 0.2));
      const orderCount = Math.round(activeOperatorCount * rng.int(800, 1500) * season);
      const gmvFen = orderCount * rng.int(6000, 18000);
      rows.push(
        repo.create({
          districtCode: district.code,
          month,
          activeOperatorCount,
          orderCount,
          gmvFen,
          onlineRetailSalesFen: Math.round(gmvFen * (0.75 + rng.next() * 0.1)),
        }),
      );
    });
  }
  return rows;
}
