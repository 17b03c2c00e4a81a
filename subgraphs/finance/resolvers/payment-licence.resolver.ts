import {
  Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, Query, Resolver, Root,
} from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { createEmitEvent } from '../../../shared/events/outbox';
import { ShareClass } from '../../../shared/auth/share-class';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { badInput } from '../../../shared/errors/errors';
import { DuplicateKey, duplicateConflict, refuseDuplicates } from '../../../shared/database/duplicates';
import { DateScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import { Operator } from '../entities/operator';
import {
  PaymentLicence, PaymentLicenceAdministrativeStatus, PaymentLicenceKind, PaymentLicenceStatus,
} from '../entities/payment-licence.entity';
import { PAYMENT_LICENCE_RULES } from '../rules/finance-rules';
import { FinanceCtx, optionalUscc } from './common';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { addDays, addMonths, chinaToday } from '../../../shared/calendar/dates';
import { ruleInForce } from '../../../shared/rules/versioned';
import { paymentLicenceChange, paymentLicenceStatusOn } from '../../../shared/qualifications/validity';
import { optionalText } from '../../../shared/validation/inputs';
import { dateInput, notAfterToday } from '../../../shared/validation/dates';

export const PaymentLicenceConnection = ConnectionType(PaymentLicence, 'PaymentLicence');

/** Licence numbers as the People's Bank of China issues them: Z + 13 digits. */
const LICENCE_NUMBER = /^Z\d{13}$/;

const emitFinanceEvent = createEmitEvent('finance');

/** Publishes the licence as it now stands (customs' cross-border check keeps it), in the write's transaction. */
async function announce(manager: EntityManager, licence: PaymentLicence): Promise<PaymentLicence> {
  await emitFinanceEvent(manager, 'QualificationChange', paymentLicenceChange(licence));
  return licence;
}

/** Status on `today`, by the rule customs' cross-border check also applies (shared/qualifications). */
export function licenceStatus(l: PaymentLicence, today: string): PaymentLicenceStatus {
  return paymentLicenceStatusOn(l, today) as PaymentLicenceStatus;
}

/** The licence to show for an operator: the latest valid one, else the latest issued; null if none. */
export function currentLicence(licences: PaymentLicence[], today: string): PaymentLicence | null {
  return licences.find((l) => licenceStatus(l, today) === PaymentLicenceStatus.VALID) ?? licences[0] ?? null;
}

@InputType({ description: 'Filters of the payment licence list; all given filters must match' })
export class PaymentLicenceFilter {
  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true })
  uscc?: string;

  @Field(() => PaymentLicenceKind, { nullable: true, description: 'Licences covering this business kind' })
  kind?: PaymentLicenceKind;

  @Field(() => Boolean, { nullable: true, description: 'Only licences valid on the request date' })
  validOnly?: boolean;
}

@InputType({
  description:
    'A payment licence to record. Recording an existing licence number of the same operator updates its ' +
    'validity and administrative status (a renewal, suspension, revocation or cancellation) with a reason.',
})
export class RecordPaymentLicenceInput {
  @Field(() => UnifiedSocialCreditCodeScalar)
  uscc: string;

  @Field({ description: 'Licence number (许可证编号), Z followed by 13 digits' })
  licenceNumber: string;

  @Field(() => [PaymentLicenceKind], { description: 'Business kinds covered (at least one)' })
  kinds: PaymentLicenceKind[];

  @Field(() => DateScalar, { description: 'Issue date; not in the future' })
  issuedOn: Date;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of validity; default from the licence rules (5 years)' })
  validUntil?: Date;

  @Field(() => PaymentLicenceAdministrativeStatus, { nullable: true, description: 'Default IN_FORCE' })
  administrativeStatus?: PaymentLicenceAdministrativeStatus;

  @Field(() => String, { nullable: true, description: 'Required for an update or any status other than IN_FORCE' })
  statusReason?: string;
}

@Resolver(() => PaymentLicence)
export class PaymentLicenceResolver {
  @Access(ShareClass.PUBLIC)
  @Query(() => PaymentLicenceConnection, { nullable: true, description: 'Payment business licences (支付业务许可证), newest first by id' })
  async paymentLicences(
    @Ctx() ctx: FinanceCtx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => PaymentLicenceFilter, { nullable: true }) filter?: PaymentLicenceFilter,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const today = chinaToday(ctx.now);
    const qb = ctx.db.getRepository(PaymentLicence).createQueryBuilder('l');
    const uscc = optionalUscc(filter?.uscc);
    if (uscc) qb.andWhere('l.operatorUscc = :uscc', { uscc });
    // simple-array is a comma-joined string; kind names never contain one another.
    if (filter?.kind) qb.andWhere('l.kinds LIKE :kind', { kind: `%${filter.kind}%` });
    if (filter?.validOnly) {
      qb.andWhere('l.administrativeStatus = :inForce', { inForce: PaymentLicenceAdministrativeStatus.IN_FORCE })
        .andWhere('l.issuedOn <= :today AND l.validUntil >= :today', { today });
    }
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('l.id < :after', { after: Number(decodeCursor(after)) });
    const rows = await qb.orderBy('l.id', 'DESC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'finance' })
  @Mutation(() => PaymentLicence, { description: 'Records a payment licence, or a change to one already recorded' })
  async recordPaymentLicence(
    @Arg('input', () => RecordPaymentLicenceInput) input: RecordPaymentLicenceInput,
    @Ctx() ctx: FinanceCtx,
  ): Promise<PaymentLicence> {
    const uscc = assertUscc(input.uscc);
    const licenceNumber = String(input.licenceNumber ?? '').trim().toUpperCase();
    if (!LICENCE_NUMBER.test(licenceNumber)) {
      throw badInput(`\`licenceNumber\` must be Z followed by 13 digits, e.g. Z2004944000013; got "${input.licenceNumber}"`);
    }
    const kinds = [...new Set(input.kinds ?? [])];
    if (kinds.length === 0) throw badInput('`kinds` must name at least one payment business kind');
    const today = chinaToday(ctx.now);
    const issuedOn = notAfterToday(input.issuedOn, 'issuedOn', today);
    const rule = ruleInForce(PAYMENT_LICENCE_RULES, issuedOn);
    const validUntil = input.validUntil ? dateInput(input.validUntil, 'validUntil') : addDays(addMonths(issuedOn, rule.validityYears * 12), -1);
    if (validUntil <= issuedOn) throw badInput(`\`validUntil\` (${validUntil}) must be after \`issuedOn\` (${issuedOn})`);
    const status = input.administrativeStatus ?? PaymentLicenceAdministrativeStatus.IN_FORCE;
    const reason = optionalText(input.statusReason, 'statusReason', 500);
    if (status !== PaymentLicenceAdministrativeStatus.IN_FORCE && !reason) {
      throw badInput(`\`statusReason\` is required for status ${status}`);
    }
    const duplicate = (message: string): DuplicateKey => ({ columns: ['licenceNumber'], duplicate: { licenceNumber }, message });
    return refuseDuplicates([duplicate(`A payment licence numbered ${licenceNumber} already exists`)], () => ctx.db.transaction(async (m) => {
      const repo = m.getRepository(PaymentLicence);
      const existing = await repo.findOne({ where: { licenceNumber } });
      if (existing && existing.operatorUscc !== uscc) {
        throw duplicateConflict(duplicate(`Licence ${licenceNumber} is recorded for another operator (${existing.operatorUscc})`));
      }
      if (existing) {
        if (!reason) {
          throw duplicateConflict(duplicate(`Licence ${licenceNumber} is already recorded; give a \`statusReason\` for the change`));
        }
        if (existing.issuedOn !== issuedOn) {
          throw badInput(`Licence ${licenceNumber} was issued on ${existing.issuedOn}, not ${issuedOn}`);
        }
        Object.assign(existing, { kinds, validUntil, administrativeStatus: status, statusReason: reason, rulesVersion: rule.version });
        return announce(m, await repo.save(existing));
      }
      return announce(m, await repo.save(
        repo.create({
          operatorUscc: uscc,
          licenceNumber,
          kinds,
          issuedOn,
          validUntil,
          administrativeStatus: status,
          statusReason: reason,
          rulesVersion: rule.version,
        }),
      ));
    }));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => PaymentLicenceStatus, { description: 'State on the request date (China time)' })
  status(@Root() licence: PaymentLicence, @Ctx() ctx: FinanceCtx): PaymentLicenceStatus {
    return licenceStatus(licence, chinaToday(ctx.now));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Operator, { nullable: true, description: 'The licensed payment institution' })
  operator(@Root() licence: PaymentLicence): Operator {
    return { uscc: licence.operatorUscc };
  }
}
