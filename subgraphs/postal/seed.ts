import { IsNull, Not, type DataSource } from 'typeorm';
import { insertSeededEvents } from '../../shared/events/seed-outbox';
import { completeUscc } from '../../shared/credit-code/uscc';
import { GIVEN_NAMES, GUANGZHOU_DISTRICTS, SURNAMES } from '../../shared/seed/guangzhou';
import { insertInChunks } from '../../shared/seed/insert';
import type { Rng } from '../../shared/seed/random';
import { isoDate, SeedOperator, SeedPlan } from '../../shared/seed/seed-plan';
import { postalCreditSignals } from './credit-signal';
import { signalFor } from './empty-parcel-scoring';
import { EmptyParcelSignal, EmptyParcelSignalStatus } from './entities/empty-parcel-signal.entity';
import { ExpressCarrier } from './entities/express-carrier.entity';
import { ExpressCarrierCreditGrade } from './entities/express-carrier-credit.entity';
import { ExpressPermit, ExpressPermitBranch, ExpressPermitScope } from './entities/express-permit.entity';
import { ParcelStatistic } from './entities/parcel-statistic.entity';
import { seededReferrals } from './referrals';
import {
  PostalComplaint, PostalComplaintCategory, PostalComplaintOutcome,
} from './entities/postal-complaint.entity';
import { EXPRESS_PERMIT_RULES, permitValidUntil } from './rules/postal-rules';
import { addDays } from '../../shared/calendar/dates';
import { ruleInForce } from '../../shared/rules/versioned';
import { expressPermitChange } from '../../shared/qualifications/validity';

/**
 * The express companies of the seed. Names are the companies'; the credit codes are synthetic (valid
 * GB 32100 codes built for the seed), not the companies' real codes.
 */
export const SEED_CARRIERS = [
  { code: 'EMS', name: '中国邮政速递物流股份有限公司', division: '110000', body: '71093110', quality: 88 },
  { code: 'SF', name: '顺丰速运有限公司', division: '440300', body: '27956580', quality: 93 },
  { code: 'ZTO', name: '中通快递股份有限公司', division: '310118', body: '66780920', quality: 84 },
  { code: 'YTO', name: '圆通速递有限公司', division: '310118', body: '63140770', quality: 82 },
  { code: 'STO', name: '申通快递有限公司', division: '310118', body: '13220350', quality: 74 },
  { code: 'YUNDA', name: '上海韵达货运有限公司', division: '310118', body: '25400470', quality: 77 },
  { code: 'JD', name: '北京京邦达贸易有限公司', division: '110302', body: '35189820', quality: 90 },
] as const;

/** Carriers e-commerce sellers ship with, weighted by their market share. */
const SHIPPING_WEIGHTS = [['ZTO', 22], ['YTO', 17], ['YUNDA', 16], ['STO', 12], ['SF', 11], ['JD', 9], ['EMS', 8]] as const;

const MONTHS_OF_STATISTICS = 4;

const DISHONEST_CATEGORIES = [
  [PostalComplaintCategory.FALSE_SIGN_OFF, 30], [PostalComplaintCategory.DELAY, 20], [PostalComplaintCategory.LOSS, 15],
  [PostalComplaintCategory.DATA_LEAK, 10], [PostalComplaintCategory.DELIVERY, 10], [PostalComplaintCategory.OVERCHARGE, 5],
  [PostalComplaintCategory.DAMAGE, 5], [PostalComplaintCategory.PICKUP, 5],
] as const;
const ORDINARY_CATEGORIES = [
  [PostalComplaintCategory.DELAY, 35], [PostalComplaintCategory.DAMAGE, 20], [PostalComplaintCategory.DELIVERY, 20],
  [PostalComplaintCategory.PICKUP, 10], [PostalComplaintCategory.LOSS, 10], [PostalComplaintCategory.OVERCHARGE, 5],
] as const;

const COMPLAINT_TEXT: Record<PostalComplaintCategory, string> = {
  DELAY: '快件超过承诺时限未送达',
  LOSS: '快件丢失，商家与快递公司互相推诿',
  DAMAGE: '快件外包装破损，内件损坏',
  DELIVERY: '未按约定地址投递，直接放置快递柜',
  PICKUP: '预约上门揽收未履约',
  OVERCHARGE: '实际收费高于报价',
  FALSE_SIGN_OFF: '本人未收到快件，物流信息显示已签收',
  DATA_LEAK: '下单后收到诈骗电话，疑似面单信息泄露',
};

const BRANCH_STREETS = ['科韵路', '广园东路', '石井大道', '沙太路', '迎宾路', '新港东路', '黄埔东路'];

/** The postal administration's internal note on a seeded complaint, for some of them. */
function handlerNoteOf(
  dishonest: boolean, category: PostalComplaintCategory, k: number, decided: boolean, replied: boolean,
): string | null {
  if (dishonest && category === PostalComplaintCategory.FALSE_SIGN_OFF) return '同一商家虚假签收投诉集中，已约谈快递网点负责人并列入重点监管';
  if (dishonest && decided) return '商家多次涉诉，建议与市场监管部门共享线索';
  if (replied && k === 0) return '电话回访申诉人，对企业答复基本满意';
  return null;
}

/** Calendar months before the plan's reference month, latest first: `2026-10`, `2026-09`, ... */
function recentPeriods(today: Date, count: number): string[] {
  const periods: string[] = [];
  for (let i = 1; i <= count; i++) {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    periods.push(d.toISOString().slice(0, 7));
  }
  return periods;
}

function shippingCarriers(rng: Rng, count: number): string[] {
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(rng.weighted(SHIPPING_WEIGHTS));
  return [...chosen];
}

/** A feature count as a share of parcels between lo and hi. */
function share(rng: Rng, parcels: number, lo: number, hi: number): number {
  return Math.min(parcels, Math.round(parcels * (lo + rng.next() * (hi - lo))));
}

function statistic(
  rng: Rng, op: SeedOperator, carrierCode: string, period: string, parcels: number, lo: number, hi: number,
  reportedAt: Date,
): ParcelStatistic {
  return {
    operatorUscc: op.uscc, carrierCode, period, parcels,
    noPickupScanCount: share(rng, parcels, lo, hi),
    lowWeightCount: share(rng, parcels, lo, hi),
    bulkWaybillCount: share(rng, parcels, lo * 0.8, hi * 0.8),
    reusedRecipientCount: share(rng, parcels, lo, hi),
    instantSignOffCount: share(rng, parcels, lo * 0.7, hi * 0.7),
    revision: 1,
    reportedAt,
  } as ParcelStatistic;
}

/** Postal's part of the deterministic seed. */
export async function seedPostal(db: DataSource, plan: SeedPlan): Promise<void> {
  const today = isoDate(plan.today);
  const periods = recentPeriods(plan.today, MONTHS_OF_STATISTICS);

  const carriers = SEED_CARRIERS.map((c) => ({
    code: c.code, name: c.name, creditCode: completeUscc('91', c.division, c.body),
  }));
  await insertInChunks(db, ExpressCarrier, carriers as ExpressCarrier[]);
  const grades: Partial<ExpressCarrierCreditGrade>[] = [];
  SEED_CARRIERS.forEach((c, i) => {
    const rng = plan.rng('postal-carrier', i);
    for (let year = plan.today.getUTCFullYear() - 3; year < plan.today.getUTCFullYear(); year++) {
      grades.push({
        carrierCode: c.code, year,
        score: Math.max(0, Math.min(100, c.quality + rng.int(-8, 6))),
        evaluatedOn: `${year + 1}-04-${String(rng.int(10, 28)).padStart(2, '0')}`,
      });
    }
  });
  await insertInChunks(db, ExpressCarrierCreditGrade, grades as ExpressCarrierCreditGrade[]);

  const permits: Partial<ExpressPermit>[] = [];
  const branchPlans: { permitNumber: string; branches: Omit<ExpressPermitBranch, 'id' | 'permitId'>[] }[] = [];
  const complaints: Partial<PostalComplaint>[] = [];
  const stats: ParcelStatistic[] = [];
  const signals: Omit<EmptyParcelSignal, 'id'>[] = [];

  for (const op of plan.operators) {
    const rng = plan.rng('postal', op.index);
    const dishonest = op.profile === 'DISHONEST';
    const trustworthy = op.profile === 'TRUSTWORTHY';

    // Express permits: about half of the cross-border operators run their own express business.
    if ((op.crossBorder && rng.chance(0.5)) || (!op.crossBorder && rng.chance(0.03))) {
      let validFrom = isoDate(new Date(plan.today.getTime() - rng.int(60, 2400) * 86_400_000));
      for (let n = 1; n <= 2; n++) {
        const rule = ruleInForce(EXPRESS_PERMIT_RULES, validFrom);
        const validUntil = permitValidUntil(validFrom, rule);
        const scope = [ExpressPermitScope.INTRA_PROVINCE];
        if (rng.chance(0.7)) scope.push(ExpressPermitScope.INTER_PROVINCE);
        if (op.crossBorder && rng.chance(0.8)) scope.push(ExpressPermitScope.INTERNATIONAL);
        if (op.crossBorder && rng.chance(0.4)) scope.push(ExpressPermitScope.HK_MACAO_TAIWAN);
        const permitNumber = `粤快许${validFrom.slice(0, 4)}${String(op.index).padStart(7, '0')}${n}`;
        const revoked = dishonest && validUntil >= today && rng.chance(0.25);
        const revokedOn = revoked ? addDays(validFrom, rng.int(30, 300)) : null;
        permits.push({
          permitNumber, holderUscc: op.uscc, scope, issuedOn: validFrom, validFrom, validUntil,
          authority: rule.defaultAuthority, rulesVersion: rule.version,
          revokedOn: revokedOn && revokedOn < today ? revokedOn : null,
          revocationReason: revokedOn && revokedOn < today ? '经营中存在虚假签收、违规收寄等严重违法行为' : null,
        });
        const branches = Array.from({ length: rng.int(0, 3) }, (_, b) => {
          const district = rng.pick(GUANGZHOU_DISTRICTS);
          return {
            name: `${op.name.replace(/有限公司|网店/, '')}${district.name}营业部${b + 1}`,
            address: `广州市${district.name}${rng.pick(BRANCH_STREETS)}${rng.int(1, 800)}号`,
            districtCode: district.code,
          };
        });
        if (branches.length > 0) branchPlans.push({ permitNumber, branches });
        // An expired permit is renewed about half of the time.
        if (validUntil >= today || revokedOn || !rng.chance(0.5)) break;
        validFrom = addDays(validUntil, 1);
      }
    }

    // Parcel statistics per carrier and month; dishonest operators ship empty parcels in recent months.
    const carrierCodes = shippingCarriers(rng, dishonest ? rng.int(2, 3) : rng.chance(0.3) ? 2 : 1);
    const anomalousPeriod = !dishonest && !trustworthy && rng.chance(0.04) ? rng.pick(periods) : null;
    for (const [c, carrierCode] of carrierCodes.entries()) {
      for (const [p, period] of periods.entries()) {
        const parcels = op.subjectType === 'INDIVIDUAL_BUSINESS' ? rng.int(40, 600) : rng.int(200, 4000);
        const reportedOn = Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), rng.int(3, 9));
        const reportedAt = new Date(Math.min(reportedOn, plan.today.getTime()));
        let stat: ParcelStatistic;
        if (dishonest && c === 0 && (p < 3 || rng.chance(0.4))) {
          stat = statistic(rng, op, carrierCode, period, parcels, 0.3, 0.8, reportedAt);
        } else if (dishonest) {
          stat = statistic(rng, op, carrierCode, period, parcels, 0.02, 0.12, reportedAt);
        } else if (trustworthy) {
          stat = statistic(rng, op, carrierCode, period, parcels, 0, 0.01, reportedAt);
        } else if (period === anomalousPeriod && c === 0) {
          stat = statistic(rng, op, carrierCode, period, parcels, 0.25, 0.4, reportedAt);
        } else {
          stat = statistic(rng, op, carrierCode, period, parcels, 0, 0.03, reportedAt);
        }
        stats.push(stat);
        const raisedOn = isoDate(reportedAt);
        const signal = signalFor(stat, raisedOn);
        if (!signal) continue;
        const decidable = addDays(raisedOn, 20) < today;
        if (decidable && !dishonest) {
          signal.status = EmptyParcelSignalStatus.DISMISSED;
          signal.decidedOn = addDays(raisedOn, rng.int(5, 19));
          signal.reason = '核查为大促期间样品及赠品寄递，收件人真实';
        } else if (decidable && (rng.chance(0.65) || (op.index === 0 && p >= 2))) {
          signal.status = EmptyParcelSignalStatus.CONFIRMED;
          signal.decidedOn = addDays(raisedOn, rng.int(5, 15));
          signal.referredToMarketRegulationOn = addDays(signal.decidedOn, rng.int(0, 4));
          signal.reason = '核查确认存在无实物寄递的虚假交易（空包），移送市场监管部门';
        } else if (decidable && rng.chance(0.15)) {
          signal.status = EmptyParcelSignalStatus.DISMISSED;
          signal.decidedOn = addDays(raisedOn, rng.int(5, 19));
          signal.reason = '收件人回访确认收到实物';
        }
        signals.push(signal);
      }
    }

    // Postal complaints about the operator's parcels.
    const complaintCount = dishonest ? rng.int(3, 8)
      : trustworthy ? (op.index !== 1 && rng.chance(0.08) ? 1 : 0)
        : rng.weighted([[0, 60], [1, 30], [2, 10]] as const);
    for (let k = 0; k < complaintCount; k++) {
      const category = rng.weighted(dishonest ? DISHONEST_CATEGORIES : ORDINARY_CATEGORIES);
      const carrierCode = rng.pick(carrierCodes);
      const receivedOn = addDays(today, -rng.int(1, 240));
      const age = Math.round((Date.parse(today) - Date.parse(receivedOn)) / 86_400_000);
      const replyAfter = dishonest && rng.chance(0.3) ? rng.int(8, 15) : rng.int(1, 7);
      const repliedOn = replyAfter < age ? addDays(receivedOn, replyAfter) : null;
      const decideAfter = rng.int(replyAfter + 1, dishonest && rng.chance(0.2) ? 40 : 29);
      const decidedOn = repliedOn && decideAfter < age ? addDays(receivedOn, decideAfter) : null;
      complaints.push({
        category, carrierCode, operatorUscc: op.uscc,
        complainantName: rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES),
        waybillNumber: `${carrierCode}${String(rng.int(0, 999_999_999)).padStart(12, '0')}`,
        description: COMPLAINT_TEXT[category], receivedOn,
        repliedOn, reply: repliedOn ? '已核实情况并与用户沟通处理' : null,
        decidedOn,
        outcome: decidedOn
          ? rng.weighted(dishonest
            ? [[PostalComplaintOutcome.SUBSTANTIATED, 60], [PostalComplaintOutcome.PARTIALLY_SUBSTANTIATED, 20], [PostalComplaintOutcome.MEDIATED, 20]] as const
            : [[PostalComplaintOutcome.MEDIATED, 40], [PostalComplaintOutcome.UNSUBSTANTIATED, 30], [PostalComplaintOutcome.SUBSTANTIATED, 20], [PostalComplaintOutcome.WITHDRAWN, 10]] as const)
          : null,
        decisionNote: decidedOn ? '依据《邮政业用户申诉处理办法》处理' : null,
        // Internal notes (postal only) on some complaints; derived without drawing from rng so the rest of the seed is unchanged.
        handlerNote: handlerNoteOf(dishonest, category, k, decidedOn !== null, repliedOn !== null),
      });
    }
  }

  // The permits leave through the outbox with their rows, as issued ones do: customs' cross-border check keeps them.
  await db.transaction(async (m) => {
    await insertInChunks(m, ExpressPermit, permits);
    await insertSeededEvents(m, 'postal', permits.map((permit) => ({
      type: 'QualificationChange' as const,
      payload: expressPermitChange(permit as ExpressPermit),
      occurredAt: new Date().toISOString(),
    })));
  });
  if (branchPlans.length > 0) {
    const ids = new Map<string, number>();
    const rows = await db.getRepository(ExpressPermit).find({ select: { id: true, permitNumber: true } });
    for (const row of rows) ids.set(row.permitNumber, row.id);
    const branches = branchPlans.flatMap((b) => b.branches.map((x) => ({ ...x, permitId: ids.get(b.permitNumber) as number })));
    await insertInChunks(db, ExpressPermitBranch, branches);
  }
  await insertInChunks(db, PostalComplaint, complaints);
  await insertInChunks(db, ParcelStatistic, stats);
  // Confirmed signals were referred to market regulation (移送): their Referral events commit with them, and the relay
  // publishes them on start so market regulation receives them as cases, as it does live referrals.
  await db.transaction(async (m) => {
    await insertInChunks(m, EmptyParcelSignal, signals as Partial<EmptyParcelSignal>[]);
    const referred = await m.getRepository(EmptyParcelSignal).find({ where: { referredToMarketRegulationOn: Not(IsNull()) } });
    await insertSeededEvents(m, 'postal', seededReferrals(referred));
    // The seeded operators' credit signals leave through the outbox like live ones (only non-empty ones).
    await postalCreditSignals.seed(m, plan.operators.map((op) => op.uscc), new Date());
  });
}
