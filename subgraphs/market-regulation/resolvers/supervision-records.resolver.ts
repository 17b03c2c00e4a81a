import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DuplicateKey, duplicateConflict, refuseDuplicates } from '../../../shared/database/duplicates';
import { badInput, conflict } from '../../../shared/errors/errors';
import { DateScalar } from '../../../shared/graphql/scalars';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { optionalText, requiredText as text } from '../../../shared/validation/inputs';
import { AdministrativePenalty } from '../entities/administrative-penalty.entity';
import { Operator } from '../entities/operator.entity';
import { marketRegulationCreditSignals } from '../credit-signal';
import { QualitySpotCheck } from '../entities/quality-spot-check.entity';
import { RegulatoryAction } from '../entities/regulatory-action.entity';
import { StorefrontDisclosureCheck } from '../entities/storefront-disclosure-check.entity';
import { MarketRegulationActionKind as Kind, QualitySpotCheckResult } from '../enums';
import type { MarketRegulationLoaders } from '../loaders';
import { chinaToday } from '../../../shared/calendar/dates';
import { findPlatform, findStorefront } from '../storefront-registry';
import { AGENCY } from './access';
import { requireExemptSubject } from './exempt-subjects.resolver';
import {
  Platform, RecordQualitySpotCheckInput, RecordRegulatoryActionInput, RecordStorefrontDisclosureCheckInput,
} from './supervision-records.types';
import { notAfterToday } from '../../../shared/validation/dates';
import { recordIdInput } from '../../../shared/validation/record-ids';

type Ctx = SubgraphContext<MarketRegulationLoaders>;

const PLATFORM_ID = /^[a-z][a-z0-9-]{1,39}$/;

async function requireOperator(ctx: Ctx, uscc: string): Promise<Operator> {
  const op = await ctx.db.getRepository(Operator).findOneBy({ uscc });
  if (!op) throw badInput(`No operator is registered with unified social credit code ${uscc}`);
  return op;
}

export function platformIdOf(value: string, field: string): string {
  const id = value.trim();
  if (!PLATFORM_ID.test(id)) throw badInput(`\`${field}\` "${value}" must be a lower-case platform identifier such as "taobao"`);
  return id;
}

interface CheckedStorefront {
  operatorUscc: string | null;
  exemptSubjectId: string | null;
  shopId: string;
  url: string;
}

type ShopNamed = { shopId: string | null; shopName: string | null };

/** An operator's storefront as commerce's registry keeps it; BAD_USER_INPUT when commerce knows no such storefront. */
async function operatorStorefront(
  ctx: Ctx, uscc: string, platformId: string, shop: ShopNamed, input: RecordStorefrontDisclosureCheckInput,
): Promise<CheckedStorefront> {
  const operator = await requireOperator(ctx, uscc);
  if (chinaToday(input.checkedAt) < operator.establishedOn) {
    throw badInput(`\`checkedAt\` is before the operator was established (${operator.establishedOn})`);
  }
  if (input.url) throw badInput("`url` is only given for an exempt subject: an operator's storefront address comes from commerce's registry");
  const storefront = await findStorefront(ctx, operator.uscc, platformId, shop);
  if (!storefront) {
    const named = shop.shopId ? `shop id "${shop.shopId}"` : `shop name "${shop.shopName}"`;
    throw badInput(`No storefront of operator ${operator.uscc} on platform ${platformId} with ${named} is registered with commerce; nothing was recorded`);
  }
  return { operatorUscc: operator.uscc, exemptSubjectId: null, shopId: storefront.shopId, url: storefront.url };
}

/** The storefront recorded with an exempt subject; the checked page's address is the inspector's. */
async function exemptStorefront(
  ctx: Ctx, subjectId: string, platformId: string, shop: ShopNamed, input: RecordStorefrontDisclosureCheckInput,
): Promise<CheckedStorefront> {
  const subject = await requireExemptSubject(ctx, subjectId, 'exemptSubjectId');
  const sameShop = shop.shopId ? shop.shopId === subject.shopId : shop.shopName === subject.name;
  if (subject.platformId !== platformId || !sameShop) {
    throw badInput(`${subject.subjectId} was recorded with storefront ${subject.platformId}/${subject.shopId}, not the one named; nothing was recorded`);
  }
  if (chinaToday(input.checkedAt) < subject.recordedOn) {
    throw badInput(`\`checkedAt\` is before the exempt subject was recorded (${subject.recordedOn})`);
  }
  const url = optionalText(input.url, 'url', 300);
  if (!url) throw badInput("An exempt subject's check needs `url`: the address of the checked page");
  if (!/^https?:\/\/\S+$/.test(url)) throw badInput(`\`url\` "${url}" must be an http(s) address`);
  return { operatorUscc: null, exemptSubjectId: subject.subjectId, shopId: subject.shopId, url };
}

/** Quality spot checks, regulatory actions (约谈 / 通报 / penalty) and storefront licence-display checks (issue 9 part 6). */
@Resolver()
export class SupervisionRecordsResolver {
  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => QualitySpotCheck, {
    description: 'Records a product quality spot check (产品质量监督抽查); unpublished until publishQualitySpotCheck',
  })
  async recordQualitySpotCheck(
    @Arg('input', () => RecordQualitySpotCheckInput) input: RecordQualitySpotCheckInput,
    @Ctx() ctx: Ctx,
  ): Promise<QualitySpotCheck> {
    const operator = await requireOperator(ctx, input.operatorUscc);
    const checkedOn = notAfterToday(input.checkedOn, 'checkedOn', chinaToday(ctx.now));
    if (checkedOn < operator.establishedOn) {
      throw badInput(`\`checkedOn\` (${checkedOn}) is before the operator was established (${operator.establishedOn})`);
    }
    const sampleNumber = text(input.sampleNumber, 'sampleNumber', 80);
    const unqualifiedItems = optionalText(input.unqualifiedItems, 'unqualifiedItems', 300);
    if (input.result === QualitySpotCheckResult.UNQUALIFIED && !unqualifiedItems) {
      throw badInput('An UNQUALIFIED result needs `unqualifiedItems`: the items that failed');
    }
    if (input.result === QualitySpotCheckResult.QUALIFIED && unqualifiedItems) {
      throw badInput('`unqualifiedItems` is only allowed with an UNQUALIFIED result');
    }
    const row = ctx.db.getRepository(QualitySpotCheck).create({
      operatorUscc: operator.uscc,
      sampleNumber,
      product: text(input.product, 'product', 200),
      batch: text(input.batch, 'batch', 60),
      result: input.result,
      unqualifiedItems,
      published: false,
      publishedOn: null,
      checkedOn,
      authority: text(input.authority, 'authority', 100),
    });
    const duplicate: DuplicateKey = {
      columns: ['sampleNumber'],
      duplicate: { sampleNumber },
      message: `A quality spot check with sample number ${sampleNumber} already exists`,
    };
    const id = await refuseDuplicates([duplicate], () =>
      ctx.db.transaction(async (m) => {
        if (await m.getRepository(QualitySpotCheck).existsBy({ sampleNumber })) throw duplicateConflict(duplicate);
        const saved = await m.getRepository(QualitySpotCheck).save(row);
        await marketRegulationCreditSignals.refresh(m, [saved.operatorUscc], ctx.now);
        return saved.id;
      }),
    );
    return ctx.db.getRepository(QualitySpotCheck).findOneByOrFail({ id });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => QualitySpotCheck, {
    description: 'Publishes a spot check result (抽查结果公布): from then on it is public',
  })
  async publishQualitySpotCheck(
    @Arg('id', () => ID) idInput: string,
    @Arg('publishedOn', () => DateScalar) publishedOnInput: Date,
    @Ctx() ctx: Ctx,
  ): Promise<QualitySpotCheck> {
    const repo = ctx.db.getRepository(QualitySpotCheck);
    const check = await repo.findOneBy({ id: recordIdInput(idInput, 'id') });
    if (!check) throw badInput(`No quality spot check with id ${idInput} is recorded`);
    if (check.published) {
      throw badInput(`Quality spot check ${idInput} is already published${check.publishedOn ? ` (${check.publishedOn})` : ''}`);
    }
    const publishedOn = notAfterToday(publishedOnInput, 'publishedOn', chinaToday(ctx.now));
    if (publishedOn < check.checkedOn) {
      throw badInput(`\`publishedOn\` (${publishedOn}) is before the check (${check.checkedOn})`);
    }
    await ctx.db.transaction(async (m) => {
      // Only a check still unpublished: of two concurrent publications, one wins.
      const result = await m.getRepository(QualitySpotCheck).update({ id: check.id, published: false }, { published: true, publishedOn });
      if (!result.affected) throw conflict(`Quality spot check ${idInput} was published at the same time`);
    });
    return repo.findOneByOrFail({ id: check.id });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => RegulatoryAction, {
    description:
      "Records an interview (约谈), notice (通报) or penalty case step against an operator or a platform's operating company",
  })
  async recordRegulatoryAction(
    @Arg('input', () => RecordRegulatoryActionInput) input: RecordRegulatoryActionInput,
    @Ctx() ctx: Ctx,
  ): Promise<RegulatoryAction> {
    const today = chinaToday(ctx.now);
    const { operatorUscc, platformId: platformInput, exemptSubjectId } = input.subject;
    if ([operatorUscc, platformInput, exemptSubjectId].filter(Boolean).length !== 1) {
      throw badInput('`subject` must name exactly one of `operatorUscc`, `platformId` and `exemptSubjectId`');
    }
    const takenOn = notAfterToday(input.takenOn, 'takenOn', today);
    const summary = text(input.summary, 'summary', 500);
    const authority = text(input.authority, 'authority', 100);
    const documentNumber = optionalText(input.documentNumber, 'documentNumber', 80);
    const decisionNumber = optionalText(input.decisionNumber, 'decisionNumber', 80);
    if (input.kind === Kind.PENALTY) {
      if (!decisionNumber) throw badInput('A PENALTY step needs the `decisionNumber` of the penalty decision');
    } else {
      if (!documentNumber) throw badInput(`An ${input.kind} step needs the \`documentNumber\` of its notice`);
      if (decisionNumber) throw badInput('`decisionNumber` is only allowed with a PENALTY step');
    }
    let subject: Pick<RegulatoryAction, 'operatorUscc' | 'platformId' | 'platformOperatingCompanyUscc' | 'exemptSubjectId'>;
    if (operatorUscc) {
      const operator = await requireOperator(ctx, operatorUscc);
      if (takenOn < operator.establishedOn) {
        throw badInput(`\`takenOn\` (${takenOn}) is before the operator was established (${operator.establishedOn})`);
      }
      subject = { operatorUscc: operator.uscc, platformId: null, platformOperatingCompanyUscc: null, exemptSubjectId: null };
    } else if (exemptSubjectId) {
      const exempt = await requireExemptSubject(ctx, exemptSubjectId, 'subject.exemptSubjectId');
      if (takenOn < exempt.recordedOn) {
        throw badInput(`\`takenOn\` (${takenOn}) is before the exempt subject was recorded (${exempt.recordedOn})`);
      }
      subject = { operatorUscc: null, platformId: null, platformOperatingCompanyUscc: null, exemptSubjectId: exempt.subjectId };
    } else {
      const platformId = platformIdOf(platformInput as string, 'subject.platformId');
      // Platforms are commerce's: the subject must be in its registry, asked over GraphQL.
      const platform = await findPlatform(ctx, platformId);
      if (!platform) throw badInput(`No platform "${platformId}" is registered with commerce`);
      subject = { operatorUscc: null, platformId, platformOperatingCompanyUscc: platform.operatingCompanyUscc, exemptSubjectId: null };
    }
    if (decisionNumber) {
      const penalty = await ctx.db.getRepository(AdministrativePenalty).findOneBy({ decisionNumber });
      const subjectUscc = subject.operatorUscc ?? subject.platformOperatingCompanyUscc;
      // An operator's penalties are all recorded here; a platform company's may have been decided elsewhere, and an
      // exempt subject's are not in the register of penalties (it is keyed by credit code), so a recorded one is another's.
      if (!penalty && subject.operatorUscc) {
        throw badInput(`No penalty with decision number ${decisionNumber} is recorded for operator ${subject.operatorUscc}`);
      }
      if (penalty && penalty.operatorUscc !== subjectUscc) {
        throw badInput(`Penalty ${decisionNumber} was decided against another subject, not ${subjectUscc ?? subject.exemptSubjectId}`);
      }
    }
    const duplicates: DuplicateKey[] = documentNumber
      ? [{ columns: ['documentNumber'], duplicate: { documentNumber }, message: `A regulatory action with document number ${documentNumber} already exists` }]
      : [];
    const penaltyStepTaken: DuplicateKey = {
      columns: ['decisionNumber'],
      duplicate: { decisionNumber },
      message: `A PENALTY step for decision ${decisionNumber} is already recorded`,
    };
    const id = await refuseDuplicates(duplicates, () =>
      ctx.db.transaction(async (m) => {
        const repo = m.getRepository(RegulatoryAction);
        if (documentNumber && (await repo.existsBy({ documentNumber }))) throw duplicateConflict(duplicates[0]);
        if (decisionNumber && (await repo.existsBy({ kind: Kind.PENALTY, decisionNumber }))) throw duplicateConflict(penaltyStepTaken);
        const saved = await repo.save(repo.create({ ...subject, kind: input.kind, takenOn, summary, authority, documentNumber, decisionNumber }));
        if (saved.operatorUscc) await marketRegulationCreditSignals.refresh(m, [saved.operatorUscc], ctx.now);
        return saved.id;
      }),
    );
    return ctx.db.getRepository(RegulatoryAction).findOneByOrFail({ id });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => StorefrontDisclosureCheck, {
    description: "Records a licence-display check (亮照亮证检查) of a storefront in commerce's storefront registry",
  })
  async recordStorefrontDisclosureCheck(
    @Arg('input', () => RecordStorefrontDisclosureCheckInput) input: RecordStorefrontDisclosureCheckInput,
    @Ctx() ctx: Ctx,
  ): Promise<StorefrontDisclosureCheck> {
    if ((input.operatorUscc ? 1 : 0) + (input.exemptSubjectId ? 1 : 0) !== 1) {
      throw badInput('Name exactly one of `operatorUscc` and `exemptSubjectId`: the checked operator or exempt subject');
    }
    const platformId = platformIdOf(input.platformId, 'platformId');
    const shopId = optionalText(input.shopId, 'shopId', 60);
    const shopName = optionalText(input.shopName, 'shopName', 200);
    if (!shopId && !shopName) throw badInput('Name the storefront by `shopId` or `shopName`');
    if (input.checkedAt.getTime() > ctx.now.getTime()) throw badInput('`checkedAt` must not be in the future');
    if (input.compliant && !input.licenseShown) throw badInput('A storefront that does not show its licence cannot be `compliant`');
    const findings = optionalText(input.findings, 'findings', 300);
    if (!input.compliant && !findings) throw badInput('A non-compliant check needs `findings`: what was missing');
    if (input.compliant && findings) throw badInput('`findings` is only allowed when the storefront is not compliant');
    const checked = input.exemptSubjectId
      ? await exemptStorefront(ctx, input.exemptSubjectId, platformId, { shopId, shopName }, input)
      : await operatorStorefront(ctx, input.operatorUscc as string, platformId, { shopId, shopName }, input);
    const duplicate: DuplicateKey = {
      columns: ['platformId', 'shopId', 'checkedAt'],
      duplicate: { platformId, shopId: checked.shopId, checkedAt: input.checkedAt.toISOString() },
      message: `A check of storefront ${platformId}/${checked.shopId} at ${input.checkedAt.toISOString()} is already recorded`,
    };
    const id = await refuseDuplicates([duplicate], () =>
      ctx.db.transaction(async (m) => {
        const repo = m.getRepository(StorefrontDisclosureCheck);
        if (await repo.existsBy({ platformId, shopId: checked.shopId, checkedAt: input.checkedAt })) throw duplicateConflict(duplicate);
        const saved = await repo.save(repo.create({
          operatorUscc: checked.operatorUscc, exemptSubjectId: checked.exemptSubjectId, platformId, shopId: checked.shopId, url: checked.url,
          licenseShown: input.licenseShown, compliant: input.compliant, findings, checkedAt: input.checkedAt,
        }));
        // Only an operator has a credit signal; an exempt subject has no credit code to carry one.
        if (checked.operatorUscc) await marketRegulationCreditSignals.refresh(m, [checked.operatorUscc], ctx.now);
        return saved.id;
      }),
    );
    return ctx.db.getRepository(StorefrontDisclosureCheck).findOneByOrFail({ id });
  }

  @Access(ShareClass.GOV_SHARED)
  @Query(() => [RegulatoryAction], {
    nullable: true,
    description: "Interviews, notices and penalty steps against a platform's operating company, newest first",
  })
  platformRegulatoryActions(@Arg('platformId', () => ID) platformId: string, @Ctx() ctx: Ctx): Promise<RegulatoryAction[]> {
    return ctx.loaders.actionsByPlatform.load(platformIdOf(platformId, 'platformId'));
  }
}

@Resolver(() => Platform)
export class PlatformRegulatoryActionsResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [RegulatoryAction], {
    nullable: true,
    description: "Interviews (约谈), notices (通报) and penalty steps against the platform's operating company, newest first",
  })
  regulatoryActions(@Root() platform: Platform, @Ctx() ctx: Ctx): Promise<RegulatoryAction[]> {
    return ctx.loaders.actionsByPlatform.load(platform.id);
  }
}

@Resolver(() => RegulatoryAction)
export class RegulatoryActionPlatformResolver {
  @Access(ShareClass.GOV_SHARED, { platforms: true })
  @FieldResolver(() => Platform, { nullable: true, description: "The platform whose operating company is the subject; null for an operator" })
  platform(@Root() action: RegulatoryAction): Platform | null {
    return action.platformId ? { id: action.platformId } : null;
  }
}
