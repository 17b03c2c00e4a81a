import { IsNull } from 'typeorm';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DuplicateKey, duplicateConflict, refuseDuplicates, uniqueViolationColumns } from '../../../shared/database/duplicates';
import { badInput, conflict } from '../../../shared/errors/errors';
import { checkPageSize, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import { isValidCitizenId } from '../../../shared/seed/citizen-id';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { requiredText as text } from '../../../shared/validation/inputs';
import { ExemptSubject } from '../entities/exempt-subject.entity';
import { RegulatoryAction } from '../entities/regulatory-action.entity';
import { StorefrontDisclosureCheck } from '../entities/storefront-disclosure-check.entity';
import type { MarketRegulationLoaders } from '../loaders';
import { chinaToday, toIsoDate } from '../../../shared/calendar/dates';
import { EXEMPTION_RULES, exemptSubjectIdOf, MAX_EXEMPT_SEQUENCE, parseExemptSubjectId } from '../rules/exempt-subjects';
import { findPlatform } from '../storefront-registry';
import { AGENCY } from './access';
import {
  ExemptSubjectConnection, ExemptSubjectFilter, RecordExemptSubjectInput, RequireExemptSubjectRegistrationInput,
} from './exempt-subjects.types';
import { platformIdOf } from './supervision-records.resolver';
import { Platform } from './supervision-records.types';
import { notAfterToday } from '../../../shared/validation/dates';

type Ctx = SubgraphContext<MarketRegulationLoaders>;

const DISTRICT = /^\d{6}$/;
const TELEPHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
/** Recordings that lost the race for a district's next number try again this often (a technical bound, not a rule figure). */
const SEQUENCE_ATTEMPTS = 10;

/** The identifier argument `field`, or BAD_USER_INPUT naming the format (a credit code is not one). */
export function exemptSubjectIdArg(value: string, field: string): string {
  const id = parseExemptSubjectId(value);
  if (!id) throw badInput(`\`${field}\` "${value}" must be an exempt subject identifier EX-<district>-<sequence>, e.g. EX-440106-000001`);
  return id;
}

/** The recorded exempt subject, or BAD_USER_INPUT naming the identifier. */
export async function requireExemptSubject(ctx: Ctx, value: string, field: string): Promise<ExemptSubject> {
  const subjectId = exemptSubjectIdArg(value, field);
  const subject = await ctx.db.getRepository(ExemptSubject).findOneBy({ subjectId });
  if (!subject) throw badInput(`No subject exempt from registration is recorded as ${subjectId}`);
  return subject;
}

function districtOf(value: string, field: string): string {
  const code = value.trim();
  if (!DISTRICT.test(code)) throw badInput(`\`${field}\` "${value}" must be a six-digit administrative division code, e.g. 440106`);
  return code;
}

/** Subjects exempt from registration (E-Commerce Law art. 10): recorded, shown and supervised without a credit code. */
@Resolver(() => ExemptSubject)
export class ExemptSubjectResolver {
  @Access(ShareClass.PUBLIC)
  @Query(() => ExemptSubject, { nullable: true, description: 'One subject exempt from registration by its identifier (EX-<district>-<sequence>)' })
  exemptSubject(@Arg('subjectId', () => ID) subjectId: string, @Ctx() ctx: Ctx): Promise<ExemptSubject | null> {
    return ctx.loaders.exemptSubjectById.load(exemptSubjectIdArg(subjectId, 'subjectId'));
  }

  @Access(ShareClass.PUBLIC)
  @Query(() => ExemptSubjectConnection, { nullable: true, description: 'Subjects exempt from registration, in the order they were recorded' })
  async exemptSubjects(
    @Ctx() ctx: Ctx,
    @Arg('filter', () => ExemptSubjectFilter, { nullable: true }) filter?: ExemptSubjectFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(ExemptSubject).createQueryBuilder('e');
    if (filter?.platformId) qb.andWhere('e.platformId = :platformId', { platformId: platformIdOf(filter.platformId, 'filter.platformId') });
    if (filter?.districtCode) qb.andWhere('e.districtCode = :district', { district: districtOf(filter.districtCode, 'filter.districtCode') });
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) {
      const afterId = Number(decodeCursor(after));
      if (!Number.isInteger(afterId)) throw badInput(`Invalid cursor "${after}"`);
      qb.andWhere('e.id > :afterId', { afterId });
    }
    const rows = await qb.orderBy('e.id', 'ASC').limit(size + 1).getMany();
    rows.forEach((r) => ctx.loaders.exemptSubjectById.prime(r.subjectId, r));
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => ExemptSubject, {
    description:
      'Records a seller exempt from registration (E-Commerce Law art. 10) and gives it an identifier EX-<district>-<sequence>',
  })
  async recordExemptSubject(
    @Arg('input', () => RecordExemptSubjectInput) input: RecordExemptSubjectInput,
    @Ctx() ctx: Ctx,
  ): Promise<ExemptSubject> {
    const today = chinaToday(ctx.now);
    const recordedOn = input.recordedOn ? notAfterToday(input.recordedOn, 'recordedOn', today) : today;
    const name = text(input.name, 'name', 100);
    const platformId = platformIdOf(input.platformId, 'platformId');
    const shopId = text(input.shopId, 'shopId', 60);
    const districtCode = districtOf(input.districtCode, 'districtCode');
    const personName = text(input.personName, 'personName', 50);
    const idNumber = text(input.idNumber, 'idNumber', 18).toUpperCase();
    // The number itself is not repeated in the message: it is personal information and errors are logged.
    if (!isValidCitizenId(idNumber)) {
      throw badInput('`idNumber` is not a valid citizen ID number (18 characters, GB 11643 check character)', { field: 'idNumber' });
    }
    // Digits 7-14 are the birth date (GB 11643 §4.2): the check character alone does not catch an impossible date.
    const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
    if (Number.isNaN(Date.parse(`${birth}T00:00:00Z`)) || toIsoDate(new Date(`${birth}T00:00:00Z`)) !== birth || birth > today) {
      throw badInput('`idNumber` does not carry a real birth date in digits 7-14 (GB 11643)', { field: 'idNumber' });
    }
    const contact = text(input.contact, 'contact', 20);
    if (!TELEPHONE.test(contact)) throw badInput('`contact` is not a mobile (1xxxxxxxxxx) or landline (020-12345678) number', { field: 'contact' });
    // Platforms are commerce's: the storefront's platform must be in its registry, asked over GraphQL.
    if (!(await findPlatform(ctx, platformId))) throw badInput(`No platform "${platformId}" is registered with commerce`);

    const shopTaken: DuplicateKey = {
      columns: ['platformId', 'shopId'],
      duplicate: { platformId, shopId },
      message: `Shop ${platformId}/${shopId} is already recorded as an exempt subject`,
    };
    const raced = `Other exempt subjects of district ${districtCode} were being recorded at the same moment; nothing was recorded, try again`;
    const sequenceTaken: DuplicateKey[] = [
      { columns: ['districtCode', 'sequence'], duplicate: { districtCode }, message: raced },
      { columns: ['subjectId'], duplicate: { districtCode }, message: raced },
    ];
    const record = () =>
      ctx.db.transaction(async (m) => {
        const repo = m.getRepository(ExemptSubject);
        if (await repo.existsBy({ platformId, shopId })) throw duplicateConflict(shopTaken);
        const last = await repo.createQueryBuilder('e').select('MAX(e.sequence)', 'max')
          .where('e.districtCode = :districtCode', { districtCode }).getRawOne<{ max: number | string | null }>();
        const sequence = Number(last?.max ?? 0) + 1;
        if (sequence > MAX_EXEMPT_SEQUENCE) throw conflict(`District ${districtCode} has used every exempt subject number`);
        const saved = await repo.save(repo.create({
          subjectId: exemptSubjectIdOf(districtCode, sequence), name, exemptionGround: input.exemptionGround, platformId, shopId,
          districtCode, sequence, personName, idNumber, contact, recordedOn, registrationRequiredOn: null, registrationRequiredReason: null,
        }));
        return saved.id;
      });
    const id = await refuseDuplicates([shopTaken, ...sequenceTaken], async () => {
      // Two recordings in one district may take the same next number (PostgreSQL, READ COMMITTED): the unique index
      // refuses the later one, which takes the number after. Each round one recording wins, so the bound is reached
      // only under a burst; then the caller gets CONFLICT and may retry.
      for (let attempt = 1; ; attempt++) {
        try {
          return await record();
        } catch (err) {
          const columns = uniqueViolationColumns(err);
          const numberTaken = columns?.includes('sequence') || columns?.includes('subjectId');
          if (!numberTaken || attempt >= SEQUENCE_ATTEMPTS) throw err;
        }
      }
    });
    return ctx.db.getRepository(ExemptSubject).findOneByOrFail({ id });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => ExemptSubject, {
    description:
      'Records that an exempt subject must register: its trading exceeds the exemption (for 零星小额 an annual turnover above ' +
      `${EXEMPTION_RULES[EXEMPTION_RULES.length - 1].sporadicAnnualTurnoverYuan} yuan, all its shops added up, 网络交易监督管理办法 art. 8)`,
  })
  async requireExemptSubjectRegistration(
    @Arg('input', () => RequireExemptSubjectRegistrationInput) input: RequireExemptSubjectRegistrationInput,
    @Ctx() ctx: Ctx,
  ): Promise<ExemptSubject> {
    const subject = await requireExemptSubject(ctx, input.subjectId, 'subjectId');
    const reason = text(input.reason, 'reason', 500);
    const decidedOn = notAfterToday(input.decidedOn, 'decidedOn', chinaToday(ctx.now));
    if (decidedOn < subject.recordedOn) {
      throw badInput(`\`decidedOn\` (${decidedOn}) is before the subject was recorded (${subject.recordedOn})`);
    }
    const already = () => conflict(`${subject.subjectId} is already required to register (since ${subject.registrationRequiredOn})`);
    if (subject.registrationRequiredOn) throw already();
    await ctx.db.transaction(async (m) => {
      // Only while still exempt: of two concurrent findings, one wins.
      const result = await m.getRepository(ExemptSubject).update(
        { id: subject.id, registrationRequiredOn: IsNull() },
        { registrationRequiredOn: decidedOn, registrationRequiredReason: reason },
      );
      if (!result.affected) throw conflict(`${subject.subjectId} was found to require registration at the same time`);
    });
    return ctx.db.getRepository(ExemptSubject).findOneByOrFail({ id: subject.id });
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Platform, { nullable: true, description: 'The platform of the storefront (owned by commerce)' })
  platform(@Root() subject: ExemptSubject): Platform {
    return { id: subject.platformId };
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [RegulatoryAction], { nullable: true, description: 'Interviews (约谈), notices (通报) and penalty steps against the subject, newest first' })
  regulatoryActions(@Root() subject: ExemptSubject, @Ctx() ctx: Ctx): Promise<RegulatoryAction[]> {
    return ctx.loaders.actionsByExemptSubject.load(subject.subjectId);
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [StorefrontDisclosureCheck], {
    nullable: true,
    description: 'Checks that the storefront displays its exemption (E-Commerce Law art. 15), newest first',
  })
  storefrontDisclosureChecks(@Root() subject: ExemptSubject, @Ctx() ctx: Ctx): Promise<StorefrontDisclosureCheck[]> {
    return ctx.loaders.disclosureChecksByExemptSubject.load(subject.subjectId);
  }
}

@Resolver(() => RegulatoryAction)
export class RegulatoryActionExemptSubjectResolver {
  @Access(ShareClass.GOV_SHARED, { platforms: true })
  @FieldResolver(() => ExemptSubject, { nullable: true, description: 'The exempt subject that is the subject; null otherwise' })
  exemptSubject(@Root() action: RegulatoryAction, @Ctx() ctx: Ctx): Promise<ExemptSubject | null> | null {
    return action.exemptSubjectId ? ctx.loaders.exemptSubjectById.load(action.exemptSubjectId) : null;
  }
}
