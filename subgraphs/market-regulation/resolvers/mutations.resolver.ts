import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { EntityManager, In, IsNull } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { Scope } from '../../../shared/auth/caller';
import { ShareClass } from '../../../shared/auth/share-class';
import { optionalText, requiredText as text, yuanAmount } from '../../../shared/validation/inputs';
import { badInput, conflict } from '../../../shared/errors/errors';
import { DuplicateKey, duplicateConflict, lockForWrite, refuseDuplicates } from '../../../shared/database/duplicates';
import { DateScalar } from '../../../shared/graphql/scalars';
import { isValidCitizenId } from '../../../shared/seed/citizen-id';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { AbnormalOperationListing } from '../entities/abnormal-operation-listing.entity';
import { AdministrativeLicense, LicenseApprovalRoute } from '../entities/administrative-license.entity';
import { MarketRegulationMeasure } from '../entities/market-regulation-measure.entity';
import { AdministrativePenalty } from '../entities/administrative-penalty.entity';
import { marketRegulationCreditSignals } from '../credit-signal';
import { Operator, RegistrationStatus, SubjectType } from '../entities/operator.entity';
import { PlatformRegistration } from '../entities/platform-registration.entity';
import { SeriousDishonestListing } from '../entities/serious-dishonest-listing.entity';
import {
  MarketRegulationLicenseStatus, MarketRegulationPenaltyCategory as C, SeriousDishonestRemovalKind,
} from '../enums';
import type { MarketRegulationLoaders } from '../loaders';
import {
  abnormalListed, abnormalRemoved, emitMarketRegulationEvent as emit, seriousListed, seriousRemoved,
} from '../credit-events';
import { chinaToday, toIsoDate } from '../../../shared/calendar/dates';
import { PENALTY_PUBLICITY_RULES } from '../rules/penalty-publicity';
import { reportingPeriodRange } from '../rules/platform-verification';
import { operatorsWithStorefrontOn } from '../storefront-registry';
import { earlyRemovalUnmet, listingProcedureFaults, seriousBasisFaults } from '../rules/list-decisions';
import { severityChoices } from '../rules/serious-list';
import { ruleInForce } from '../../../shared/rules/versioned';
import { AGENCY, forbidden, restrictedByJointMeasure } from './access';
import { seriousState } from './derived';
import { isAutomaticRemovalNumber } from '../events/list-expiry';
import {
  ListOnAbnormalOperationsInput, ListOnSeriousDishonestListInput, PlatformVerificationEntryInput, PlatformVerificationReportInput, RecordLicenseInput,
  RecordPenaltyInput, RegisterOperatorInput, RemoveFromAbnormalOperationsInput, RemoveFromSeriousDishonestListInput,
} from './inputs';
import { measureInForce } from '../../../shared/joint-measures/measure-records';
import { notAfterToday } from '../../../shared/validation/dates';
import { recordIdInput } from '../../../shared/validation/record-ids';

type Ctx = SubgraphContext<MarketRegulationLoaders>;

/* ---- validation helpers: each throws BAD_USER_INPUT before anything is written ---- */

const IDENTITY_FIELDS = ['operatorName', 'registeredAddress', 'contactPhone', 'licenceNumber', 'shopAddress'] as const;
type VerifiedIdentity = Pick<PlatformRegistration, (typeof IDENTITY_FIELDS)[number]>;

/**
 * What a platform verified of an entry (E-Commerce Law art. 27: identity, address, contact, licence; the shop address
 * it shows): all five are required, and a blank one is named.
 */
function verifiedIdentity(e: PlatformVerificationEntryInput, i: number): VerifiedIdentity {
  const missing = IDENTITY_FIELDS.filter((f) => typeof e[f] !== 'string' || e[f].trim() === '');
  if (missing.length > 0) {
    throw badInput(
      `entries[${i}]: ${missing.map((f) => `\`${f}\``).join(', ')} missing; every verification entry gives the operator's name, ` +
        'registered address, contact phone, licence number and shop address (E-Commerce Law art. 27)',
      { field: `entries[${i}].${missing[0]}`, missing: [...missing] },
    );
  }
  const contactPhone = e.contactPhone.trim();
  // Format bounds (7-20 characters, at least 7 digits: a local number without area code has 7 or 8): local choice,
  // awaiting confirmation. A `*` (a masked number) is refused: the report keeps what was verified.
  if (!/^[0-9+\-() ]{7,20}$/.test(contactPhone) || contactPhone.replace(/[^0-9]/g, '').length < 7) {
    throw badInput(
      `entries[${i}]: \`contactPhone\` "${contactPhone}" must be the full telephone number as verified (digits, spaces, +, - or (), ` +
        '7 to 20 characters with at least 7 digits; not masked)',
      { field: `entries[${i}].contactPhone` },
    );
  }
  return {
    operatorName: text(e.operatorName, `entries[${i}].operatorName`, 100),
    registeredAddress: text(e.registeredAddress, `entries[${i}].registeredAddress`, 200),
    contactPhone,
    licenceNumber: text(e.licenceNumber, `entries[${i}].licenceNumber`, 60),
    shopAddress: text(e.shopAddress, `entries[${i}].shopAddress`, 200),
  };
}

function money(value: string | null | undefined, field: string): number | null {
  return value === null || value === undefined ? null : yuanAmount(value, field);
}

async function requireOperator(ctx: Ctx, uscc: string): Promise<Operator> {
  const op = await ctx.db.getRepository(Operator).findOneBy({ uscc });
  if (!op) throw badInput(`No operator is registered with unified social credit code ${uscc}`);
  return op;
}

/** A list decision's number names one decision: listing or removal, never both, never twice. */
function abnormalDecisionNumberTaken(decisionNumber: string, column: 'decisionNumber' | 'removalDecisionNumber'): DuplicateKey {
  return {
    columns: [column],
    duplicate: { decisionNumber },
    message: `An abnormal operations list decision with number ${decisionNumber} already exists`,
  };
}

function seriousDecisionNumberTaken(decisionNumber: string, column: 'decisionNumber' | 'removalDecisionNumber'): DuplicateKey {
  return {
    columns: [column],
    duplicate: { decisionNumber },
    message: `A serious illegal and dishonest list decision with number ${decisionNumber} already exists`,
  };
}

function abnormalNumberUsed(m: EntityManager, n: string): Promise<boolean> {
  return m.getRepository(AbnormalOperationListing).exists({ where: [{ decisionNumber: n }, { removalDecisionNumber: n }] });
}

function seriousNumberUsed(m: EntityManager, n: string): Promise<boolean> {
  return m.getRepository(SeriousDishonestListing).exists({ where: [{ decisionNumber: n }, { removalDecisionNumber: n }] });
}

const CONFISCATIONS = [C.CONFISCATION_OF_ILLEGAL_GAINS, C.CONFISCATION_OF_PROPERTY];
/** Subject type implied by the first two characters of the code (GB 32100 registration authority and category). */
const SUBJECT_BY_PREFIX: Record<string, SubjectType> = {
  '91': SubjectType.ENTERPRISE,
  '92': SubjectType.INDIVIDUAL_BUSINESS,
  '93': SubjectType.FARMERS_COOPERATIVE,
};

@Resolver()
export class MarketRegulationMutationResolver {
  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => Operator, { description: 'Registers a new market subject (设立登记)' })
  async registerOperator(@Arg('input', () => RegisterOperatorInput) input: RegisterOperatorInput, @Ctx() ctx: Ctx) {
    const today = chinaToday(ctx.now);
    const implied = SUBJECT_BY_PREFIX[input.uscc.slice(0, 2)];
    if (implied && implied !== input.subjectType) {
      throw badInput(`Code ${input.uscc} starts with ${input.uscc.slice(0, 2)}, which is a ${implied}, not ${input.subjectType}`);
    }
    const rep = input.legalRepresentative;
    const idNumber = text(rep.idNumber, 'legalRepresentative.idNumber', 18).toUpperCase();
    if (!isValidCitizenId(idNumber)) {
      throw badInput(
        `\`legalRepresentative.idNumber\` "${rep.idNumber}" is not a valid citizen ID number (18 characters, GB 11643 check character)`,
      );
    }
    const phone = text(rep.phone, 'legalRepresentative.phone', 20);
    if (!/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(phone)) {
      throw badInput(`\`legalRepresentative.phone\` "${phone}" is not a mobile (1xxxxxxxxxx) or landline (020-12345678) number`);
    }
    const capital = money(input.registeredCapital, 'registeredCapital') as number;
    const districtCode = text(input.districtCode, 'districtCode', 6);
    if (!/^\d{6}$/.test(districtCode)) throw badInput('`districtCode` must be a six-digit administrative division code');
    const establishedOn = notAfterToday(input.establishedOn, 'establishedOn', today);
    const operator = ctx.db.getRepository(Operator).create({
      uscc: input.uscc,
      name: text(input.name, 'name', 200),
      subjectType: input.subjectType,
      legalRepresentativeName: text(rep.name, 'legalRepresentative.name', 50),
      legalRepresentativeIdNumber: idNumber,
      legalRepresentativePhone: phone,
      registeredCapitalFen: capital,
      address: text(input.address, 'address', 300),
      districtCode,
      status: RegistrationStatus.EXISTING,
      establishedOn,
      registrationAuthority: text(input.registrationAuthority, 'registrationAuthority', 100),
    });
    const duplicate: DuplicateKey = {
      columns: ['uscc'],
      duplicate: { uscc: input.uscc },
      message: `An operator with unified social credit code ${input.uscc} is already registered`,
    };
    await refuseDuplicates([duplicate], () =>
      ctx.db.transaction(async (m) => {
        if (await m.getRepository(Operator).existsBy({ uscc: input.uscc })) throw duplicateConflict(duplicate);
        await m.getRepository(Operator).insert(operator);
        // A new registrant gets its first signal, hence an assessment and a risk class, with its registration.
        await marketRegulationCreditSignals.refresh(m, [operator.uscc], ctx.now);
      }),
    );
    return ctx.db.getRepository(Operator).findOneByOrFail({ uscc: input.uscc });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => AdministrativePenalty, { description: 'Records an administrative penalty decision (行政处罚决定)' })
  async recordPenalty(@Arg('input', () => RecordPenaltyInput) input: RecordPenaltyInput, @Ctx() ctx: Ctx) {
    const today = chinaToday(ctx.now);
    const operator = await requireOperator(ctx, input.operatorUscc);
    const decisionNumber = text(input.decisionNumber, 'decisionNumber', 80);
    const categories = [...new Set(input.categories)];
    if (categories.length === 0) throw badInput('`categories` must name at least one kind of penalty');
    if (categories.length !== input.categories.length) throw badInput('`categories` must not repeat a category');
    const decidedOn = notAfterToday(input.decidedOn, 'decidedOn', today);
    if (decidedOn < operator.establishedOn) {
      throw badInput(`\`decidedOn\` (${decidedOn}) is before the operator was established (${operator.establishedOn})`);
    }
    const { allowed, implied } = severityChoices(categories, decidedOn);
    const severity = input.severity ?? implied;
    if (!severity) {
      throw badInput(`\`severity\` is required for categories ${categories.join(', ')}: one of ${allowed.join(', ')}`);
    }
    if (!allowed.includes(severity)) {
      throw badInput(`\`severity\` ${severity} does not fit categories ${categories.join(', ')}: one of ${allowed.join(', ')}`);
    }
    const fineFen = money(input.fineAmount, 'fineAmount');
    if (categories.includes(C.FINE) && !fineFen) throw badInput('A penalty with FINE needs a positive `fineAmount`');
    if (!categories.includes(C.FINE) && fineFen !== null) throw badInput('`fineAmount` is only allowed with the FINE category');
    const confiscatedFen = money(input.confiscatedAmount, 'confiscatedAmount');
    if (confiscatedFen !== null && !categories.some((c) => CONFISCATIONS.includes(c))) {
      throw badInput('`confiscatedAmount` is only allowed with a confiscation category');
    }
    const restrictionUntil = input.restrictionUntil ? toIsoDate(input.restrictionUntil) : null;
    if (restrictionUntil) {
      const rules = ruleInForce(PENALTY_PUBLICITY_RULES, decidedOn);
      if (!categories.some((c) => rules.restrictionCategories.includes(c))) {
        throw badInput(`\`restrictionUntil\` needs one of the categories ${rules.restrictionCategories.join(', ')}`);
      }
      if (restrictionUntil <= decidedOn) throw badInput('`restrictionUntil` must be after `decidedOn`');
    }
    const penalty = ctx.db.getRepository(AdministrativePenalty).create({
      operatorUscc: operator.uscc,
      decisionNumber,
      violationType: text(input.violationType, 'violationType', 100),
      facts: text(input.facts, 'facts', 1000),
      legalBasis: text(input.legalBasis, 'legalBasis', 300),
      categories,
      severity,
      fineFen,
      confiscatedFen,
      decidedOn,
      decidingAuthority: text(input.decidingAuthority, 'decidingAuthority', 100),
      lawField: input.lawField,
      restrictionUntil,
      performed: false,
      performedOn: null,
      repairedOn: null,
      responsiblePersonName: optionalText(input.responsiblePersonName, 'responsiblePersonName', 50),
      caseHandlerNote: optionalText(input.caseHandlerNote, 'caseHandlerNote', 500),
    });
    const duplicate: DuplicateKey = {
      columns: ['decisionNumber'],
      duplicate: { decisionNumber },
      message: `A penalty with decision number ${decisionNumber} already exists`,
    };
    const id = await refuseDuplicates([duplicate], () =>
      ctx.db.transaction(async (m) => {
        if (await m.getRepository(AdministrativePenalty).existsBy({ decisionNumber })) throw duplicateConflict(duplicate);
        const saved = await m.getRepository(AdministrativePenalty).save(penalty);
        await marketRegulationCreditSignals.refresh(m, [saved.operatorUscc], ctx.now);
        return saved.id;
      }),
    );
    return ctx.db.getRepository(AdministrativePenalty).findOneByOrFail({ id });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => AdministrativePenalty, {
    description: 'Records that a penalty has been performed in full (履行完毕), a condition of credit repair',
  })
  async markPenaltyPerformed(
    @Arg('decisionNumber') decisionNumber: string,
    @Arg('performedOn', () => DateScalar) performedOnInput: Date,
    @Ctx() ctx: Ctx,
  ) {
    const repo = ctx.db.getRepository(AdministrativePenalty);
    const penalty = await repo.findOneBy({ decisionNumber: decisionNumber.trim() });
    if (!penalty) throw badInput(`No penalty with decision number ${decisionNumber} is recorded`);
    if (penalty.performed) throw badInput(`Penalty ${decisionNumber} is already marked performed (${penalty.performedOn})`);
    const performedOn = notAfterToday(performedOnInput, 'performedOn', chinaToday(ctx.now));
    if (performedOn < penalty.decidedOn) {
      throw badInput(`\`performedOn\` (${performedOn}) is before the decision (${penalty.decidedOn})`);
    }
    await ctx.db.transaction(async (m) => {
      // Only a penalty still unperformed: of two concurrent markings, one wins.
      const result = await m.getRepository(AdministrativePenalty).update({ id: penalty.id, performed: false }, { performed: true, performedOn });
      if (!result.affected) throw conflict(`Penalty ${decisionNumber} was marked performed at the same time`);
    });
    return repo.findOneByOrFail({ id: penalty.id });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => AbnormalOperationListing, { description: 'Lists an operator on the abnormal operations list (列入经营异常名录)' })
  async listOnAbnormalOperations(
    @Arg('input', () => ListOnAbnormalOperationsInput) input: ListOnAbnormalOperationsInput,
    @Ctx() ctx: Ctx,
  ) {
    const operator = await requireOperator(ctx, input.operatorUscc);
    const listedOn = notAfterToday(input.listedOn, 'listedOn', chinaToday(ctx.now));
    if (listedOn < operator.establishedOn) {
      throw badInput(`\`listedOn\` (${listedOn}) is before the operator was established (${operator.establishedOn})`);
    }
    const listingAuthority = text(input.listingAuthority, 'listingAuthority', 100);
    const decisionNumber = text(input.decisionNumber, 'decisionNumber', 80);
    const duplicate: DuplicateKey = {
      columns: ['operatorUscc', 'reason'],
      duplicate: { operatorUscc: operator.uscc, reason: input.reason },
      message: `Operator ${operator.uscc} is already listed for ${input.reason}`,
    };
    const sameNumber = abnormalDecisionNumberTaken(decisionNumber, 'decisionNumber');
    const id = await refuseDuplicates([duplicate, sameNumber], () =>
      ctx.db.transaction(async (m) => {
        const repo = m.getRepository(AbnormalOperationListing);
        if (await repo.existsBy({ operatorUscc: operator.uscc, reason: input.reason, removedOn: IsNull() })) {
          throw duplicateConflict(duplicate);
        }
        if (await abnormalNumberUsed(m, decisionNumber)) throw duplicateConflict(sameNumber);
        const saved = await repo.save(
          repo.create({
            operatorUscc: operator.uscc, reason: input.reason, decisionNumber, listedOn, listingAuthority,
            removedOn: null, removalReason: null, removalDecisionNumber: null, removalDecidingAuthority: null,
          }),
        );
        await emit(m, 'CreditListChange', abnormalListed(saved));
        await marketRegulationCreditSignals.refresh(m, [saved.operatorUscc], ctx.now);
        return saved.id;
      }),
    );
    return ctx.db.getRepository(AbnormalOperationListing).findOneByOrFail({ id });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => AbnormalOperationListing, {
    description: 'Removes a current abnormal operations listing after the fault was cured (移出经营异常名录)',
  })
  async removeFromAbnormalOperations(
    @Arg('input', () => RemoveFromAbnormalOperationsInput) input: RemoveFromAbnormalOperationsInput,
    @Ctx() ctx: Ctx,
  ) {
    const repo = ctx.db.getRepository(AbnormalOperationListing);
    const listing = await repo.findOneBy({ id: recordIdInput(input.listingId, 'listingId') });
    if (!listing) throw badInput(`No abnormal operations listing with id ${input.listingId}`);
    if (listing.removedOn) throw badInput(`Listing ${listing.id} was already removed on ${listing.removedOn}`);
    const removedOn = notAfterToday(input.removedOn, 'removedOn', chinaToday(ctx.now));
    if (removedOn < listing.listedOn) {
      throw badInput(`\`removedOn\` (${removedOn}) must not be before \`listedOn\` (${listing.listedOn})`);
    }
    const removalReason = text(input.removalReason, 'removalReason', 200);
    const removalDecisionNumber = text(input.decisionNumber, 'decisionNumber', 80);
    const removalDecidingAuthority = text(input.decidingAuthority, 'decidingAuthority', 100);
    const sameNumber = abnormalDecisionNumberTaken(removalDecisionNumber, 'removalDecisionNumber');
    await refuseDuplicates([sameNumber], () => ctx.db.transaction(async (m) => {
      if (await abnormalNumberUsed(m, removalDecisionNumber)) throw duplicateConflict(sameNumber);
      // Only a listing still standing: of two concurrent removals, one wins.
      const result = await m
        .getRepository(AbnormalOperationListing)
        .update({ id: listing.id, removedOn: IsNull() }, { removedOn, removalReason, removalDecisionNumber, removalDecidingAuthority });
      if (!result.affected) throw conflict(`Listing ${listing.id} was removed at the same time`);
      await emit(m, 'CreditListChange', abnormalRemoved(listing, { removedOn, decisionNumber: removalDecisionNumber, decidingAuthority: removalDecidingAuthority }));
      await marketRegulationCreditSignals.refresh(m, [listing.operatorUscc], ctx.now);
    }));
    return repo.findOneByOrFail({ id: listing.id });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => SeriousDishonestListing, {
    description: 'Lists an operator on the serious illegal and dishonest list (列入严重违法失信名单)',
  })
  async listOnSeriousDishonestList(
    @Arg('input', () => ListOnSeriousDishonestListInput) input: ListOnSeriousDishonestListInput,
    @Ctx() ctx: Ctx,
  ) {
    const today = chinaToday(ctx.now);
    const operator = await requireOperator(ctx, input.operatorUscc);
    const listedOn = notAfterToday(input.listedOn, 'listedOn', today);
    const facts = text(input.facts, 'facts', 500);
    const listingAuthority = text(input.listingAuthority, 'listingAuthority', 100);
    const decisionNumber = text(input.decisionNumber, 'decisionNumber', 80);
    const procedure = {
      priorNoticeOn: toIsoDate(input.priorNoticeOn),
      statementOfDefenceDeadline: toIsoDate(input.statementOfDefenceDeadline),
      defenceHeardOn: input.defenceHeardOn ? toIsoDate(input.defenceHeardOn) : null,
      listedOn,
    };
    const procedureFaults = listingProcedureFaults(procedure, today);
    if (procedureFaults.length > 0) throw badInput(procedureFaults.join('; '), { faults: procedureFaults });
    const numbers = [...new Set((input.basisDecisionNumbers ?? []).map((n) => n.trim()))];
    const basis = { operatorUscc: operator.uscc, ground: input.ground, basisDecisionNumbers: numbers, listedOn };
    const basisFaults = seriousBasisFaults(
      basis,
      numbers.length > 0 ? await ctx.db.getRepository(AdministrativePenalty).findBy({ decisionNumber: In(numbers) }) : [],
      await ctx.db.getRepository(AbnormalOperationListing).findBy({ operatorUscc: operator.uscc }),
    );
    if (basisFaults.length > 0) throw badInput(basisFaults.join('; '), { faults: basisFaults });
    const sameNumber = seriousDecisionNumberTaken(decisionNumber, 'decisionNumber');
    const id = await refuseDuplicates([sameNumber], () => ctx.db.transaction(async (m) => {
      // "Current" ends on a date, so no index can state it: listings of one operator and ground are serialized.
      await lockForWrite(m, `serious-dishonest-listing:${operator.uscc}:${input.ground}`);
      const repo = m.getRepository(SeriousDishonestListing);
      const existing = await repo.findBy({ operatorUscc: operator.uscc, ground: input.ground });
      if (existing.some((s) => seriousState(s, today).current)) {
        throw duplicateConflict({
          columns: ['operatorUscc', 'ground'],
          duplicate: { operatorUscc: operator.uscc, ground: input.ground },
          message: `Operator ${operator.uscc} is already on the serious illegal and dishonest list for ${input.ground}`,
        });
      }
      if (await seriousNumberUsed(m, decisionNumber)) throw duplicateConflict(sameNumber);
      const saved = await repo.save(
        repo.create({
          operatorUscc: operator.uscc, ground: input.ground, decisionNumber, basisDecisionNumbers: numbers, facts, listingAuthority,
          ...procedure, removedOn: null, removalKind: null, removalReason: null,
          removalDecisionNumber: null, removalDecidingAuthority: null, harmRemoval: null,
        }),
      );
      await emit(m, 'CreditListChange', seriousListed(saved));
      await marketRegulationCreditSignals.refresh(m, [saved.operatorUscc], ctx.now);
      return saved.id;
    }));
    return ctx.db.getRepository(SeriousDishonestListing).findOneByOrFail({ id });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => SeriousDishonestListing, {
    description:
      'Removes a current serious-list entry: EARLY_REPAIR from earlyRemovalEligibleOn once every basis penalty is performed, or CORRECTED',
  })
  async removeFromSeriousDishonestList(
    @Arg('input', () => RemoveFromSeriousDishonestListInput) input: RemoveFromSeriousDishonestListInput,
    @Ctx() ctx: Ctx,
  ) {
    const today = chinaToday(ctx.now);
    const repo = ctx.db.getRepository(SeriousDishonestListing);
    const listing = await repo.findOneBy({ id: recordIdInput(input.listingId, 'listingId') });
    if (!listing) throw badInput(`No serious illegal and dishonest listing with id ${input.listingId}`);
    const state = seriousState(listing, today);
    if (!state.current) throw badInput(`Listing ${listing.id} is no longer current: removed on ${state.removedOn} (${state.removalKind})`);
    if (input.kind === SeriousDishonestRemovalKind.AUTOMATIC) {
      throw badInput(`AUTOMATIC removal needs no record: the listing ends by itself on ${state.autoRemovalOn}`);
    }
    const removedOn = notAfterToday(input.removedOn, 'removedOn', today);
    if (removedOn < listing.listedOn) {
      throw badInput(`\`removedOn\` (${removedOn}) must not be before \`listedOn\` (${listing.listedOn})`);
    }
    const reason = text(input.reason, 'reason', 300);
    const removalDecisionNumber = text(input.decisionNumber, 'decisionNumber', 80);
    if (isAutomaticRemovalNumber(removalDecisionNumber)) {
      throw badInput(`\`decisionNumber\` "${removalDecisionNumber}" has the form of an automatic removal at expiry, which the system records itself`);
    }
    const removalDecidingAuthority = text(input.decidingAuthority, 'decidingAuthority', 100);
    const harmRemoval = optionalText(input.harmRemoval, 'harmRemoval', 300);
    if (input.kind === SeriousDishonestRemovalKind.EARLY_REPAIR) {
      const unmet = earlyRemovalUnmet({
        listing,
        removedOn,
        harmRemoval,
        operatorPenalties: await ctx.db.getRepository(AdministrativePenalty).findBy({ operatorUscc: listing.operatorUscc }),
        abnormal: await ctx.db.getRepository(AbnormalOperationListing).findBy({ operatorUscc: listing.operatorUscc }),
      });
      if (unmet.length > 0) {
        throw badInput(`Early removal refused; unmet conditions: ${unmet.map((u) => `${u.condition} (${u.detail})`).join('; ')}`, {
          unmetConditions: unmet.map((u) => u.condition),
        });
      }
    }
    const sameNumber = seriousDecisionNumberTaken(removalDecisionNumber, 'removalDecisionNumber');
    await refuseDuplicates([sameNumber], () => ctx.db.transaction(async (m) => {
      if (await seriousNumberUsed(m, removalDecisionNumber)) throw duplicateConflict(sameNumber);
      // Only a listing not yet removed: of two concurrent removals, one wins.
      const result = await m.getRepository(SeriousDishonestListing).update(
        { id: listing.id, removedOn: IsNull() },
        { removedOn, removalKind: input.kind, removalReason: reason, removalDecisionNumber, removalDecidingAuthority, harmRemoval },
      );
      if (!result.affected) throw conflict(`Listing ${listing.id} was removed at the same time`);
      await emit(m, 'CreditListChange', seriousRemoved(listing, { removedOn, kind: input.kind, decisionNumber: removalDecisionNumber, decidingAuthority: removalDecidingAuthority }));
      await marketRegulationCreditSignals.refresh(m, [listing.operatorUscc], ctx.now);
    }));
    return repo.findOneByOrFail({ id: listing.id });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => AdministrativeLicense, { description: 'Records an administrative licence (行政许可)' })
  async recordLicense(@Arg('input', () => RecordLicenseInput) input: RecordLicenseInput, @Ctx() ctx: Ctx) {
    const operator = await requireOperator(ctx, input.operatorUscc);
    const validFrom = toIsoDate(input.validFrom);
    const validUntil = input.validUntil ? toIsoDate(input.validUntil) : null;
    if (validUntil !== null && validUntil < validFrom) {
      throw badInput(`\`validUntil\` (${validUntil}) must not be before \`validFrom\` (${validFrom})`);
    }
    if (input.status === MarketRegulationLicenseStatus.EXPIRED) {
      throw badInput('`status` EXPIRED is computed from `validUntil`; record VALID, REVOKED or CANCELLED');
    }
    const documentNumber = text(input.documentNumber, 'documentNumber', 80);
    const license = ctx.db.getRepository(AdministrativeLicense).create({
      operatorUscc: operator.uscc,
      documentNumber,
      category: input.category,
      certificateName: text(input.certificateName, 'certificateName', 100),
      licenseNumber: text(input.licenseNumber, 'licenseNumber', 60),
      content: text(input.content, 'content', 500),
      validFrom,
      validUntil,
      authority: text(input.authority, 'authority', 100),
      recordedStatus: input.status,
      approvalRoute: input.approvalRoute,
    });
    const duplicate: DuplicateKey = {
      columns: ['operatorUscc', 'documentNumber'],
      duplicate: { operatorUscc: operator.uscc, documentNumber },
      message: `A licence with document number ${documentNumber} already exists for operator ${operator.uscc}`,
    };
    const id = await refuseDuplicates([duplicate], () =>
      ctx.db.transaction(async (m) => {
        if (await m.getRepository(AdministrativeLicense).existsBy({ operatorUscc: operator.uscc, documentNumber })) {
          throw duplicateConflict(duplicate);
        }
        if (input.approvalRoute === LicenseApprovalRoute.NOTIFICATION_COMMITMENT) {
          // Read in the licence's transaction, so a measure committed before it is seen.
          const today = chinaToday(ctx.now);
          const excluding = (await m.getRepository(MarketRegulationMeasure).findBy({ operatorUscc: operator.uscc }))
            .find((x) => x.matters.includes('NOTIFICATION_COMMITMENT') && measureInForce(x, today));
          if (excluding) {
            throw restrictedByJointMeasure(
              `Operator ${operator.uscc} may not be licensed through the notification-commitment route (告知承诺): ` +
                `joint measure ${excluding.kind} rests on ${excluding.basisListKind} listing ${excluding.basisDecisionNumber}; use STANDARD`,
              { agency: AGENCY, kind: excluding.kind, basis: { listKind: excluding.basisListKind, decisionNumber: excluding.basisDecisionNumber } },
            );
          }
        }
        return (await m.getRepository(AdministrativeLicense).save(license)).id;
      }),
    );
    return ctx.db.getRepository(AdministrativeLicense).findOneByOrFail({ id });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY, platforms: true })
  @Mutation(() => [PlatformRegistration], {
    description:
      "Records a platform's verification report of its in-platform operators for a half-year (all entries or none)",
  })
  async recordPlatformVerificationReport(
    @Arg('input', () => PlatformVerificationReportInput) input: PlatformVerificationReportInput,
    @Ctx() ctx: Ctx,
  ) {
    const today = chinaToday(ctx.now);
    const platformId = input.platformId.trim();
    // A platform reports its own in-platform operators only; market regulation may record any platform's report.
    const { caller } = ctx;
    if (caller.role === 'platform' || !caller.scopes.has(Scope.write(AGENCY))) {
      if (!caller.platformId || caller.platformId !== platformId || !caller.scopes.has(Scope.platform(platformId))) {
        throw forbidden(`A platform may only report its own in-platform operators, not those of platform "${platformId}"`);
      }
    }
    if (!/^[a-z][a-z0-9-]{1,39}$/.test(platformId)) {
      throw badInput(`\`platformId\` "${input.platformId}" must be a lower-case platform identifier such as "taobao"`);
    }
    const period = reportingPeriodRange(input.reportingPeriod);
    if (!period) throw badInput(`\`reportingPeriod\` "${input.reportingPeriod}" must be a half-year like 2026-H1`);
    if (period.start > today) throw badInput(`Reporting period ${input.reportingPeriod} has not started yet`);
    if (input.entries.length === 0) throw badInput('`entries` must list at least one operator');
    if (input.entries.length > 5000) throw badInput('`entries` must not exceed 5000 operators per report; split the report');
    const seen = new Set<string>();
    input.entries.forEach((e, i) => {
      if (seen.has(e.uscc)) throw badInput(`entries[${i}]: operator ${e.uscc} appears twice in the report`);
      seen.add(e.uscc);
      const day = chinaToday(e.verifiedAt);
      if (day < period.start || day > period.end) {
        throw badInput(`entries[${i}]: verifiedAt ${day} is outside reporting period ${input.reportingPeriod} (${period.start} to ${period.end})`);
      }
      if (e.verifiedAt.getTime() > ctx.now.getTime()) throw badInput(`entries[${i}]: verifiedAt is in the future`);
    });
    const identities = input.entries.map((e, i) => verifiedIdentity(e, i));
    const codes = [...seen];
    const known = new Set(
      (await ctx.db.getRepository(Operator).find({ select: { uscc: true }, where: { uscc: In(codes) } })).map((o) => o.uscc),
    );
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length > 0) throw badInput(`No operator is registered with code(s) ${unknown.join(', ')}; nothing was recorded`);
    // Membership must rest on a record the platform cannot write itself: commerce's storefront registry.
    const trading = await operatorsWithStorefrontOn(ctx, platformId, codes);
    const notTrading = codes.filter((c) => !trading.has(c));
    if (notTrading.length > 0) {
      const named = notTrading.length > 20 ? `${notTrading.slice(0, 20).join(', ')} and ${notTrading.length - 20} more` : notTrading.join(', ');
      throw badInput(
        `No storefront on platform ${platformId} is registered with commerce for operator(s) ${named}; ` +
          'a platform reports only operators that trade on it; nothing was recorded',
        { operators: notTrading.slice(0, 100) },
      );
    }
    const reportedAt = ctx.now;
    const alreadyReported = (operators: string[]): DuplicateKey => ({
      columns: ['platformId', 'operatorUscc', 'reportingPeriod'],
      duplicate: { platformId, reportingPeriod: input.reportingPeriod, operatorUscc: operators },
      message: `Already reported by ${platformId} for ${input.reportingPeriod}: ${operators.join(', ')}; nothing was recorded`,
    });
    const ids = await refuseDuplicates([alreadyReported(codes)], () => ctx.db.transaction(async (m) => {
      const repo = m.getRepository(PlatformRegistration);
      const already = await repo.find({
        select: { operatorUscc: true },
        where: { platformId, reportingPeriod: input.reportingPeriod, operatorUscc: In(codes) },
      });
      if (already.length > 0) throw duplicateConflict(alreadyReported(already.map((a) => a.operatorUscc)));
      const saved = await repo.save(
        input.entries.map((e, i) =>
          repo.create({
            operatorUscc: e.uscc, platformId, verifiedAt: e.verifiedAt, reportingPeriod: input.reportingPeriod, reportedAt, ...identities[i],
          }),
        ),
        { chunk: 200 },
      );
      return saved.map((s) => s.id);
    }));
    return ctx.db.getRepository(PlatformRegistration).find({ where: { id: In(ids) }, order: { operatorUscc: 'ASC' } });
  }
}
