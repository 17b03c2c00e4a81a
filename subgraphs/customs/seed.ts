import type { DataSource } from 'typeorm';
import { insertSeededCreditListChanges } from '../../shared/events/seed-outbox';
import { insertInChunks } from '../../shared/seed/insert';
import type { Rng } from '../../shared/seed/random';
import { isoDate, SeedOperator, SeedPlan } from '../../shared/seed/seed-plan';
import { customsCreditSignals } from './credit-signal';
import { CrossBorderRole } from './entities/cross-border-role.entity';
import { CustomsCreditRating } from './entities/customs-credit-rating.entity';
import { CustomsDishonestyFinding } from './entities/customs-dishonesty-finding.entity';
import { findingListChange } from './credit-events';
import { CustomsPenalty } from './entities/customs-penalty.entity';
import { CustomsRegistration } from './entities/customs-registration.entity';
import {
  CrossBorderRegime, CrossBorderRoleKind, CustomsCreditLevel, CustomsDishonestyGround, CustomsPenaltyCaseKind,
  CustomsRegistrationStatus,
} from './entities/enums';
import { CUSTOMS_CREDIT_RULES, customsCreditRulesOn } from './rules/credit-rules';
import { GUANGZHOU_REGION } from './rules/customs-code';

const L = CustomsCreditLevel;
const R = CrossBorderRegime;

function addDays(iso: string, days: number): string {
  return isoDate(new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000));
}
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
function maxDate(...dates: string[]): string {
  return dates.reduce((a, b) => (a > b ? a : b));
}
/** A date in [from, to] (to when the range is empty). */
function dateBetween(rng: Rng, from: string, to: string): string {
  const span = daysBetween(from, to);
  return span <= 0 ? to : addDays(from, rng.int(0, span));
}

/** Start of the rules version that introduced the five levels (order 282). */
const ORDER_282_FROM = CUSTOMS_CREDIT_RULES[CUSTOMS_CREDIT_RULES.length - 1].effectiveFrom;
const FIRST_RULES_FROM = CUSTOMS_CREDIT_RULES[0].effectiveFrom;

const ZONE_DIGITS = [['9', 60], ['6', 15], ['2', 10], ['3', 10], ['4', 5]] as const;
const TYPE_DIGITS = [['6', 70], ['4', 10], ['3', 8], ['8', 5], ['1', 4], ['9', 3]] as const;
const ALL_ZONES = ['9', '6', '2', '3', '4', '1', '5', '7'];
const ALL_TYPES = ['6', '4', '3', '8', '1', '9', '2', '5', '7'];

/** Hands out unique customs codes in sequence per region/zone/type, spilling over when a prefix is full. */
class CustomsCodeAllocator {
  private next = new Map<string, number>();

  allocate(zone: string, type: string): string {
    const zones = [zone, ...ALL_ZONES.filter((z) => z !== zone)];
    const types = [type, ...ALL_TYPES.filter((t) => t !== type)];
    for (const t of types) {
      for (const z of zones) {
        const prefix = `${GUANGZHOU_REGION}${z}${t}`;
        const seq = this.next.get(prefix) ?? 1;
        if (seq <= 9999) {
          this.next.set(prefix, seq + 1);
          return `${prefix}${String(seq).padStart(4, '0')}`;
        }
      }
    }
    throw new Error('customs code space of the seed region is exhausted');
  }
}

const FINDING_FACTS: Record<CustomsDishonestyGround, string[]> = {
  SMUGGLING: ['以跨境电商零售进口名义伪报贸易方式，偷逃税款，经法院判决构成走私罪', '利用他人身份信息化整为零申报进口商品，被认定为走私行为'],
  VIOLATION_RATIO: ['上一年度违规次数超过报关单量千分之一，且被处罚金额累计超过100万元', '年度申报差错率及违规处罚金额超过失信认定标准'],
  UNPAID_TAX: ['拖欠应缴税款超过3个月，经海关催缴仍未缴纳', '保税货物内销补税逾期3个月未缴纳'],
  UNPAID_FINES: ['拖欠海关罚没款超过6个月未缴纳'],
  OBSTRUCTION: ['拒绝、阻碍海关稽查人员依法执行职务', '隐匿、销毁与进出口活动有关的账簿单证'],
  BRIBERY: ['向海关工作人员行贿，被依法追究刑事责任'],
  OTHER: ['提供虚假资料骗取海关注册登记'],
};

const PENALTY_FACTS: Record<CustomsPenaltyCaseKind, string[]> = {
  SMUGGLING: ['低报跨境电商进口商品价格，偷逃税款', '以“刷单”方式虚构跨境电商零售进口交易，逃避监管'],
  REGULATORY_VIOLATION: ['未按规定办理跨境电商退货监管手续', '擅自开拆、提取海关监管货物'],
  FALSE_DECLARATION: ['申报商品编码不实，影响海关统计准确性', '申报数量与实际不符'],
  IPR_INFRINGEMENT: ['出口侵犯注册商标专用权的货物'],
  QUARANTINE_VIOLATION: ['未经检疫擅自销售进口食品'],
  OTHER: ['未按规定期限向海关报告有关情况'],
};

/** Internal notes of the investigating office (raw evidence, leads): customs only. */
const INTERNAL_NOTES = [
  '线索来源：风险布控命中，查验发现实际货物与申报不符，现场照片及查验记录存档',
  '证据：企业财务账册显示同期另有未申报货款，已调取银行流水',
  '知情人举报，举报材料及询问笔录存档；涉案人员已配合调查',
  '稽查中企业拒不提供账簿，已制作现场笔录并录像',
];

const DISHONEST_GROUNDS = [
  [CustomsDishonestyGround.VIOLATION_RATIO, 30], [CustomsDishonestyGround.SMUGGLING, 25],
  [CustomsDishonestyGround.UNPAID_TAX, 20], [CustomsDishonestyGround.UNPAID_FINES, 10],
  [CustomsDishonestyGround.OBSTRUCTION, 8], [CustomsDishonestyGround.BRIBERY, 3], [CustomsDishonestyGround.OTHER, 4],
] as const;

const ROLE_KINDS = [
  [CrossBorderRoleKind.E_COMMERCE_ENTERPRISE, 55], [CrossBorderRoleKind.LOGISTICS, 15],
  [CrossBorderRoleKind.DOMESTIC_AGENT, 12], [CrossBorderRoleKind.PAYMENT, 10], [CrossBorderRoleKind.PLATFORM, 8],
] as const;

const ROLE_REGIMES: Record<CrossBorderRoleKind, CrossBorderRegime[]> = {
  E_COMMERCE_ENTERPRISE: [R.REGIME_9610, R.REGIME_1210, R.REGIME_9710, R.REGIME_9810],
  DOMESTIC_AGENT: [R.REGIME_9610, R.REGIME_1210, R.REGIME_1239],
  PLATFORM: [R.REGIME_9610, R.REGIME_1210, R.REGIME_1239],
  PAYMENT: [R.REGIME_9610, R.REGIME_1210],
  LOGISTICS: [R.REGIME_9610, R.REGIME_1210, R.REGIME_9710, R.REGIME_9810],
};

function officeOf(op: SeedOperator, rng: Rng): { name: string; short: string } {
  if (op.districtCode === '440112') return { name: '黄埔海关', short: '埔' };
  return rng.chance(0.8) ? { name: '广州海关', short: '穗' } : { name: '黄埔海关', short: '埔' };
}

interface SeedRows {
  registrations: CustomsRegistration[];
  ratings: CustomsCreditRating[];
  findings: CustomsDishonestyFinding[];
  roles: CrossBorderRole[];
  penalties: CustomsPenalty[];
}

/**
 * Customs' part of the deterministic seed. Cross-border operators (and indexes 0 and 1) are registered;
 * rating histories span the switch from order 251 to order 282; dishonest operators end DISHONEST or
 * SERIOUSLY_DISHONEST with findings and penalties, trustworthy ones CERTIFIED or ADVANCED_CERTIFIED.
 */
export async function seedCustoms(db: DataSource, plan: SeedPlan): Promise<void> {
  const rows: SeedRows = { registrations: [], ratings: [], findings: [], roles: [], penalties: [] };
  const codes = new CustomsCodeAllocator();
  const today = isoDate(plan.today);
  for (const op of plan.operators) seedOperator(db, plan, op, today, codes, rows);
  // Each finding is a listing decision: its CreditListChange commits with it (as the mutation's does), and the relay
  // publishes it on start so every agency derives its measures from it.
  await db.transaction(async (m) => {
    await insertInChunks(m, CustomsRegistration, rows.registrations);
    await insertInChunks(m, CustomsCreditRating, rows.ratings);
    await insertInChunks(m, CustomsDishonestyFinding, rows.findings);
    await insertInChunks(m, CrossBorderRole, rows.roles);
    await insertInChunks(m, CustomsPenalty, rows.penalties);
    await insertSeededCreditListChanges(m, 'customs', rows.findings.map((f) => findingListChange(f)));
    // Seeded operators' credit signals leave through the outbox as live ones would.
    await customsCreditSignals.seed(m, plan.operators.map((op) => op.uscc), new Date());
  });
}

function seedOperator(
  db: DataSource,
  plan: SeedPlan,
  op: SeedOperator,
  today: string,
  codes: CustomsCodeAllocator,
  rows: SeedRows,
): void {
  const rng = plan.rng('customs', op.index);
  const forced = op.index <= 1;
  const registered = forced || op.crossBorder || rng.chance(op.profile === 'DISHONEST' ? 0.1 : 0.04);
  if (!registered) return;
  const uscc = op.uscc;
  const office = officeOf(op, rng);

  // Registration: after establishment, usually years before today, so histories span 2026-04-01.
  const earliest = maxDate(addDays(op.establishedOn, 30), addDays(today, -2900));
  const latest = addDays(today, -60);
  const beforeSwitch = addDays(ORDER_282_FROM, -60);
  const registeredOn = dateBetween(rng, earliest, earliest < beforeSwitch ? beforeSwitch : latest);
  const typeDigit = op.subjectType === 'INDIVIDUAL_BUSINESS' ? '7' : rng.weighted(TYPE_DIGITS);
  const status = forced
    ? CustomsRegistrationStatus.ACTIVE
    : op.profile === 'DISHONEST' && rng.chance(0.1) ? CustomsRegistrationStatus.SUSPENDED
      : rng.chance(0.02) ? CustomsRegistrationStatus.CANCELLED : CustomsRegistrationStatus.ACTIVE;
  rows.registrations.push(
    db.getRepository(CustomsRegistration).create({
      operatorUscc: uscc,
      customsCode: codes.allocate(rng.weighted(ZONE_DIGITS), typeDigit),
      registeredOn,
      registeringOffice: office.name,
      status,
    }),
  );

  // Ratings: one under order 251 before the switch (when registered by then), one under order 282 after.
  const rating = (level: CustomsCreditLevel, effectiveOn: string, reason: string) => {
    const rules = customsCreditRulesOn(effectiveOn);
    if (!rules || !rules.levels.includes(level)) throw new Error(`seed: ${level} invalid on ${effectiveOn}`);
    rows.ratings.push(
      db.getRepository(CustomsCreditRating).create({ operatorUscc: uscc, level, effectiveOn, rulesVersion: rules.version, reason }),
    );
  };
  const dishonest = op.profile === 'DISHONEST';
  const trustworthy = op.profile === 'TRUSTWORTHY';
  let level251: CustomsCreditLevel | null = null;
  if (registeredOn < ORDER_282_FROM) {
    const on = dateBetween(rng, maxDate(registeredOn, FIRST_RULES_FROM), addDays(ORDER_282_FROM, -30));
    level251 = trustworthy && rng.chance(0.4) ? L.ADVANCED_CERTIFIED
      : !trustworthy && !dishonest && rng.chance(0.03) ? L.DISHONEST : L.REGULAR;
    rating(level251, on, level251 === L.ADVANCED_CERTIFIED ? '通过高级认证企业标准认证' : '注册登记企业信用等级认定');
  }
  const after = maxDate(ORDER_282_FROM, registeredOn);
  let level282: CustomsCreditLevel;
  let on282: string;
  if (dishonest) {
    level282 = rng.chance(0.35) ? L.SERIOUSLY_DISHONEST : L.DISHONEST;
    on282 = dateBetween(rng, addDays(after, 30), addDays(today, -10));
  } else {
    level282 = trustworthy
      ? (level251 === L.ADVANCED_CERTIFIED || rng.chance(0.3) ? L.ADVANCED_CERTIFIED : L.CERTIFIED)
      : rng.weighted([[L.REGULAR, 86], [L.CERTIFIED, 10], [L.DISHONEST, 4]] as const);
    on282 = after === ORDER_282_FROM ? ORDER_282_FROM : dateBetween(rng, after, addDays(today, -10));
  }
  if (dishonest) {
    // Adverse findings lead to the downgrade.
    const notes = plan.rng('customs-notes', op.index);
    const findings = op.index === 0 ? 2 : rng.int(1, 3);
    for (let k = 0; k < findings; k++) {
      const ground = k === 0 && op.index === 0 ? CustomsDishonestyGround.SMUGGLING : rng.weighted(DISHONEST_GROUNDS);
      const foundOn = dateBetween(rng, maxDate(registeredOn, addDays(on282, -150)), on282);
      // A stream of its own, so that adding notes changed none of the other seeded values.
      const internalNote = (op.index === 0 && k === 0) || notes.chance(0.5) ? notes.pick(INTERNAL_NOTES) : null;
      rng.chance(0.7); // the draw that once left some findings unnumbered stays, so the rest of the seed is unchanged
      rows.findings.push(
        db.getRepository(CustomsDishonestyFinding).create({
          operatorUscc: uscc,
          ground,
          facts: rng.pick(FINDING_FACTS[ground]),
          foundOn,
          // Every finding is a numbered decision of the registering office.
          decisionNumber: `${office.short}关信认字〔${foundOn.slice(0, 4)}〕${op.index + 1}0${k + 1}号`,
          decidingAuthority: office.name,
          removedOn: null,
          removalKind: null,
          removalDecisionNumber: null,
          removalDecidingAuthority: null,
          removalReason: null,
          internalNote,
        }),
      );
    }
  }
  rating(
    level282,
    on282,
    dishonest ? '经认定存在失信情形（海关总署令第282号）'
      : level282 === L.REGULAR ? '按海关总署令第282号重新认定信用等级' : '通过认证企业标准认证（海关总署令第282号）',
  );

  // Cross-border roles.
  if (op.crossBorder || op.index === 0) {
    const kinds = new Set<CrossBorderRoleKind>();
    if (op.index === 0) kinds.add(CrossBorderRoleKind.LOGISTICS);
    kinds.add(op.index === 1 ? CrossBorderRoleKind.E_COMMERCE_ENTERPRISE : rng.weighted(ROLE_KINDS));
    if (op.index > 1 && rng.chance(0.2)) kinds.add(rng.weighted(ROLE_KINDS));
    for (const kind of kinds) {
      const options = ROLE_REGIMES[kind];
      const regimes = options.filter((_, i) => i === 0 || rng.chance(0.45));
      rows.roles.push(
        db.getRepository(CrossBorderRole).create({
          operatorUscc: uscc,
          kind,
          regimes,
          registeredOn: dateBetween(rng, registeredOn, addDays(registeredOn, 400) < today ? addDays(registeredOn, 400) : today),
        }),
      );
    }
  }

  // Penalties: several for dishonest operators, occasionally a small one for ordinary ones.
  const penalties = dishonest ? (op.index === 0 ? 3 : rng.int(1, 4)) : trustworthy ? 0 : rng.chance(0.12) ? 1 : 0;
  for (let k = 0; k < penalties; k++) {
    const caseKind = dishonest
      ? rng.weighted([
        [CustomsPenaltyCaseKind.SMUGGLING, 30], [CustomsPenaltyCaseKind.FALSE_DECLARATION, 30],
        [CustomsPenaltyCaseKind.REGULATORY_VIOLATION, 20], [CustomsPenaltyCaseKind.IPR_INFRINGEMENT, 12],
        [CustomsPenaltyCaseKind.QUARANTINE_VIOLATION, 8],
      ] as const)
      : rng.pick([CustomsPenaltyCaseKind.FALSE_DECLARATION, CustomsPenaltyCaseKind.REGULATORY_VIOLATION, CustomsPenaltyCaseKind.OTHER]);
    const decidedOn = dateBetween(rng, registeredOn, addDays(today, -5));
    const fineYuan = dishonest ? rng.int(5, 2000) * 1000 : rng.int(1, 50) * 1000;
    rows.penalties.push(
      db.getRepository(CustomsPenalty).create({
        operatorUscc: uscc,
        decisionNumber: `${office.short}关${caseKind === CustomsPenaltyCaseKind.SMUGGLING ? '缉违' : '违'}字〔${decidedOn.slice(0, 4)}〕${op.index + 1}0${k + 1}号`,
        caseKind,
        facts: rng.pick(PENALTY_FACTS[caseKind]),
        fineFen: fineYuan * 100,
        decidedOn,
        decidingOffice: office.name,
      }),
    );
  }
}
