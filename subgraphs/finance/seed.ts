import type { DataSource } from 'typeorm';
import { completeUscc } from '../../shared/credit-code/uscc';
import { insertInChunks } from '../../shared/seed/insert';
import type { Rng } from '../../shared/seed/random';
import { daysBefore, isoDate, SeedOperator, SeedPlan } from '../../shared/seed/seed-plan';
import { financeCreditSignals } from './credit-signal';
import {
  CreditAuthorization, CreditAuthorizationPurpose, CreditDataCategory,
} from './entities/credit-authorization.entity';
import { FinancingApplication, FinancingLenderType, FinancingOutcome } from './entities/financing-application.entity';
import { FinancingExposure, LocalFinancialOrgType } from './entities/financing-exposure.entity';
import { FinancingBasisListKind, FinancingMeasure, FinancingMeasureKind } from './entities/financing-measure.entity';
import { PaymentLicence, PaymentLicenceAdministrativeStatus, PaymentLicenceKind } from './entities/payment-licence.entity';
import { CREDIT_AUTHORIZATION_RULES, FINANCING_MEASURE_RULES, measureEndsOn, PAYMENT_LICENCE_RULES } from './rules/finance-rules';
import { addMonths } from '../../shared/calendar/dates';
import { ruleInForce } from '../../shared/rules/versioned';
import { insertSeededEvents } from '../../shared/events/seed-outbox';
import { paymentLicenceChange } from '../../shared/qualifications/validity';

/** Public credit-financing platforms (信用融资服务平台). */
export const FINANCING_PLATFORMS = ['粤信融', '信易贷', '中小融'] as const;

const IMPOSED_BY = '广州市地方金融管理局';
const LIST_AUTHORITY = '广州市市场监督管理局';

/** Lenders and guarantors that ask operators for query authorizations (codes are valid, body `LD` + number). */
const LENDERS: readonly { name: string; type: FinancingLenderType; uscc: string }[] = [
  ['中国工商银行股份有限公司广州分行', FinancingLenderType.BANK],
  ['广州农村商业银行股份有限公司', FinancingLenderType.BANK],
  ['广州银行股份有限公司', FinancingLenderType.BANK],
  ['招商银行股份有限公司广州分行', FinancingLenderType.BANK],
  ['广州市越秀区穗丰小额贷款有限公司', FinancingLenderType.MICRO_LOAN],
  ['广州市融资担保中心有限责任公司', FinancingLenderType.GUARANTEE],
  ['广州南沙汇通商业保理有限公司', FinancingLenderType.FACTORING],
  ['广州越秀融资租赁有限公司', FinancingLenderType.FINANCIAL_LEASING],
].map(([name, type], i) => ({
  name: name as string,
  type: type as FinancingLenderType,
  uscc: completeUscc('91', '440104', `LD${String(100001 + i * 7).padStart(6, '0')}`),
}));

const ORG_TYPES = Object.values(LocalFinancialOrgType);
const ALL_CATEGORIES = Object.values(CreditDataCategory);

/** Local financial regulation's part of the deterministic seed, correlated with each operator's profile. */
export async function seedFinance(db: DataSource, plan: SeedPlan): Promise<void> {
  const today = isoDate(plan.today);
  const authorizations: Partial<CreditAuthorization>[] = [];
  const applications: Partial<FinancingApplication>[] = [];
  const exposures: Partial<FinancingExposure>[] = [];
  const licences: Partial<PaymentLicence>[] = [];
  for (const op of plan.operators) {
    const rng = plan.rng('finance', op.index);
    // Financing measures are not seeded: finance's consumer applies them from the seeded listings' events, as it does
    // for live ones (a measure whose basis is missing cannot exist). The draws of the measures this seed once wrote
    // are still made and discarded, so every other seeded value stays as it was.
    const measureStart = seedMeasures(op, rng, plan, []);
    seedApplications(op, rng, plan, measureStart, applications);
    seedAuthorizations(op, rng, plan, authorizations);
    seedExposure(op, rng, today, exposures);
    seedLicence(op, rng, plan, licences);
  }
  // One transaction: the seeded licences' events and the exposure's credit signals leave through the outbox with the rows they rest on.
  await db.transaction(async (m) => {
    await insertInChunks(m, CreditAuthorization, authorizations as CreditAuthorization[], 500);
    await insertInChunks(m, FinancingApplication, applications as FinancingApplication[], 500);
    await insertInChunks(m, FinancingExposure, exposures as FinancingExposure[], 500);
    await insertInChunks(m, PaymentLicence, licences as PaymentLicence[], 500);
    // As recorded ones do, the licences leave through the outbox: customs' cross-border check keeps them.
    const recordedAt = new Date().toISOString();
    await insertSeededEvents(m, 'finance', licences.map((licence) => ({
      type: 'QualificationChange' as const,
      payload: paymentLicenceChange(licence as PaymentLicence),
      occurredAt: recordedAt,
    })));
    // Measures come later, from the seeded listings' events: the consumer publishes what they change.
    await financeCreditSignals.seed(m, plan.operators.map((op) => op.uscc), new Date());
  });
}

function measure(
  op: SeedOperator,
  kind: FinancingMeasureKind,
  basisListKind: FinancingBasisListKind,
  basisReference: string,
  startsOn: string,
  lift?: { on: string; reason: string },
): Partial<FinancingMeasure> {
  const rule = ruleInForce(FINANCING_MEASURE_RULES, startsOn);
  return {
    operatorUscc: op.uscc,
    kind,
    basisListKind,
    basisReference,
    basisAuthority: basisListKind === FinancingBasisListKind.CUSTOMS_DISHONEST ? '广州海关' : LIST_AUTHORITY,
    startsOn,
    endsOn: measureEndsOn(startsOn, rule.durationMonths[kind]),
    endsOnFromRules: true,
    rulesVersion: rule.version,
    liftedOn: lift?.on ?? null,
    liftReason: lift?.reason ?? null,
    imposedBy: IMPOSED_BY,
  };
}

/** The retired seeded measures' draws; returns the date the first application of a dishonest operator follows. */
function seedMeasures(op: SeedOperator, rng: Rng, plan: SeedPlan, out: Partial<FinancingMeasure>[]): string | null {
  if (op.profile === 'DISHONEST') {
    const startsOn = isoDate(daysBefore(plan.today, rng.int(20, 500)));
    const reference = `穗市监严违失〔${startsOn.slice(0, 4)}〕${rng.int(1, 999)}号`;
    const list = FinancingBasisListKind.SERIOUS_DISHONEST_LIST;
    out.push(measure(op, FinancingMeasureKind.CREDIT_FINANCING_LIMITED, list, reference, startsOn));
    if (op.index === 0 || rng.chance(0.7)) {
      out.push(measure(op, FinancingMeasureKind.POLICY_GUARANTEE_EXCLUDED, list, reference, startsOn));
    }
    if (rng.chance(0.5)) out.push(measure(op, FinancingMeasureKind.SUBSIDY_EXCLUDED, list, reference, startsOn));
    if (rng.chance(0.4)) out.push(measure(op, FinancingMeasureKind.ENHANCED_DUE_DILIGENCE, list, reference, startsOn));
    if (op.crossBorder && rng.chance(0.3)) {
      const customsStart = isoDate(daysBefore(plan.today, rng.int(30, 300)));
      out.push(measure(op, FinancingMeasureKind.ENHANCED_DUE_DILIGENCE, FinancingBasisListKind.CUSTOMS_DISHONEST,
        `广州海关失信认定〔${customsStart.slice(0, 4)}〕${rng.int(1, 99)}号`, customsStart));
    }
    if (rng.chance(0.3)) {
      // An older, already expired measure: the history a lender sees.
      const oldStart = isoDate(daysBefore(plan.today, rng.int(800, 1400)));
      out.push(measure(op, FinancingMeasureKind.ENHANCED_DUE_DILIGENCE, FinancingBasisListKind.ABNORMAL_OPERATIONS_LIST,
        `穗市监异〔${oldStart.slice(0, 4)}〕${rng.int(1, 9999)}号`, oldStart));
    }
    return startsOn;
  }
  if (op.profile === 'ORDINARY' && rng.chance(0.12)) {
    const startsOn = isoDate(daysBefore(plan.today, rng.int(30, 900)));
    const lifted = rng.chance(0.4);
    const liftOn = isoDate(daysBefore(new Date(`${startsOn}T00:00:00Z`), -rng.int(20, 200)));
    out.push(measure(op, FinancingMeasureKind.ENHANCED_DUE_DILIGENCE, FinancingBasisListKind.ABNORMAL_OPERATIONS_LIST,
      `穗市监异〔${startsOn.slice(0, 4)}〕${rng.int(1, 9999)}号`, startsOn,
      lifted && liftOn < isoDate(plan.today) ? { on: liftOn, reason: '已移出经营异常名录，信用修复完成' } : undefined));
  }
  return null;
}

function seedApplications(
  op: SeedOperator,
  rng: Rng,
  plan: SeedPlan,
  measureStart: string | null,
  out: Partial<FinancingApplication>[],
) {
  const count = op.profile === 'DISHONEST' ? rng.int(1, 3) : op.profile === 'TRUSTWORTHY' ? rng.int(1, 3) : rng.int(0, 3);
  for (let i = 0; i < count; i++) {
    const lender = rng.pick(LENDERS);
    const requestedFen = rng.int(5, 300) * 10_000_00;
    const appliedDate = measureStart && i === 0
      ? daysBefore(new Date(`${measureStart}T00:00:00Z`), -rng.int(1, 15))
      : daysBefore(plan.today, rng.int(5, 700));
    const appliedOn = isoDate(appliedDate > plan.today ? daysBefore(plan.today, 1) : appliedDate);
    let outcome: FinancingOutcome;
    if (op.profile === 'DISHONEST') outcome = i === 0 || rng.chance(0.8) ? FinancingOutcome.REJECTED : FinancingOutcome.WITHDRAWN;
    else if (op.profile === 'TRUSTWORTHY') outcome = i === 0 || rng.chance(0.85) ? FinancingOutcome.APPROVED : FinancingOutcome.PENDING;
    else {
      outcome = rng.weighted([
        [FinancingOutcome.APPROVED, 55], [FinancingOutcome.REJECTED, 20],
        [FinancingOutcome.WITHDRAWN, 10], [FinancingOutcome.PENDING, 15],
      ] as const);
    }
    const decided = outcome !== FinancingOutcome.PENDING;
    let decidedOn = isoDate(daysBefore(new Date(`${appliedOn}T00:00:00Z`), -rng.int(3, 30)));
    if (decidedOn > isoDate(plan.today)) decidedOn = isoDate(plan.today);
    out.push({
      operatorUscc: op.uscc,
      platformName: rng.pick(FINANCING_PLATFORMS),
      lenderType: lender.type,
      lenderName: lender.name,
      amountRequestedFen: requestedFen,
      appliedOn,
      outcome,
      amountGrantedFen: outcome === FinancingOutcome.APPROVED ? Math.round((requestedFen * rng.int(50, 100)) / 100 / 100) * 100 : null,
      decidedOn: decided ? decidedOn : null,
      decisionReason:
        outcome === FinancingOutcome.REJECTED
          ? (op.profile === 'DISHONEST' ? '申请主体被列入严重违法失信名单，限制信贷融资' : rng.pick(['经营流水不足', '负债率偏高', '资料不全']))
          : outcome === FinancingOutcome.WITHDRAWN ? '申请人主动撤回' : null,
    });
  }
}

function seedAuthorizations(op: SeedOperator, rng: Rng, plan: SeedPlan, out: Partial<CreditAuthorization>[]) {
  const count = op.profile === 'TRUSTWORTHY' ? rng.int(1, 2) : op.profile === 'ORDINARY' ? rng.int(0, 2) : rng.int(0, 1);
  for (let i = 0; i < count; i++) {
    const lender = rng.pick(LENDERS);
    const purpose = rng.pick(Object.values(CreditAuthorizationPurpose));
    // Trustworthy operators' first authorization is recent and in force; the others spread over two years.
    const recent = op.profile === 'TRUSTWORTHY' && i === 0;
    const grantedOn = isoDate(daysBefore(plan.today, recent ? rng.int(1, 60) : rng.int(1, 700)));
    const rule = ruleInForce(CREDIT_AUTHORIZATION_RULES, grantedOn);
    const months = rule.maxMonths[purpose];
    const expiresOn = addMonths(grantedOn, recent ? months : rng.int(1, months));
    const revoke = !recent && rng.chance(op.profile === 'DISHONEST' ? 0.5 : 0.2);
    const revokedOn = isoDate(daysBefore(new Date(`${grantedOn}T00:00:00Z`), -rng.int(1, 20)));
    const scope = ALL_CATEGORIES.filter((c, j) => j < 3 || c.startsWith('FINANCING') || rng.chance(0.3));
    out.push({
      operatorUscc: op.uscc,
      granteeName: lender.name,
      granteeUscc: lender.uscc,
      purpose,
      scope,
      grantedOn,
      expiresOn,
      rulesVersion: rule.version,
      revokedOn: revoke && revokedOn < expiresOn && revokedOn <= isoDate(plan.today) ? revokedOn : null,
      revokeReason: revoke ? '经营者撤回授权' : null,
    });
  }
}

function seedExposure(op: SeedOperator, rng: Rng, today: string, out: Partial<FinancingExposure>[]) {
  const has = op.profile === 'DISHONEST' ? true : op.profile === 'TRUSTWORTHY' ? rng.chance(0.4) : rng.chance(0.5);
  if (!has) return;
  const typeCount = op.profile === 'DISHONEST' ? rng.int(2, 3) : rng.int(1, 2);
  const types = new Set<LocalFinancialOrgType>();
  while (types.size < typeCount) types.add(rng.pick(ORG_TYPES));
  const overdueType = op.profile === 'DISHONEST' ? [...types][0] : op.profile === 'ORDINARY' && rng.chance(0.15) ? [...types][0] : null;
  // The last three complete months before the seed's today.
  const months = [3, 2, 1].map((back) => addMonths(`${today.slice(0, 7)}-01`, -back).slice(0, 7));
  for (const type of types) {
    let outstanding = rng.int(5, 500) * 10_000_00;
    let overdueDays = type === overdueType ? rng.int(5, op.profile === 'DISHONEST' ? 60 : 20) : 0;
    months.forEach((month, i) => {
      out.push({
        operatorUscc: op.uscc,
        orgType: type,
        reportedMonth: month,
        organizationCount: rng.int(1, 3),
        outstandingFen: outstanding,
        maxOverdueDays: overdueDays,
        revision: 1,
        correctionReason: null,
        superseded: false,
      });
      outstanding = Math.max(0, outstanding + rng.int(-30, 20) * 10_000_00);
      if (outstanding === 0) outstanding = 10_000_00;
      if (overdueDays > 0 && i < months.length - 1) overdueDays += 30;
    });
  }
}

function seedLicence(op: SeedOperator, rng: Rng, plan: SeedPlan, out: Partial<PaymentLicence>[]) {
  if (!(op.crossBorder ? rng.chance(0.35) : rng.chance(0.01))) return;
  const issued = daysBefore(plan.today, rng.int(100, 2500));
  const issuedOn = isoDate(issued);
  const rule = ruleInForce(PAYMENT_LICENCE_RULES, issuedOn);
  const revoked = op.profile === 'DISHONEST' && rng.chance(0.5);
  out.push({
    operatorUscc: op.uscc,
    // Z + 13 digits: issue year, province code 44, a sequence unique per operator index.
    licenceNumber: `Z${issuedOn.slice(0, 4)}44${String(op.index).padStart(7, '0')}`,
    kinds: op.crossBorder && rng.chance(0.5)
      ? [PaymentLicenceKind.STORED_VALUE, PaymentLicenceKind.TRANSACTION_PROCESSING]
      : [PaymentLicenceKind.TRANSACTION_PROCESSING],
    issuedOn,
    validUntil: measureEndsOn(issuedOn, rule.validityYears * 12),
    administrativeStatus: revoked ? PaymentLicenceAdministrativeStatus.REVOKED : PaymentLicenceAdministrativeStatus.IN_FORCE,
    statusReason: revoked ? '违反反洗钱及备付金管理规定，吊销支付业务许可证' : null,
    rulesVersion: rule.version,
  });
}
