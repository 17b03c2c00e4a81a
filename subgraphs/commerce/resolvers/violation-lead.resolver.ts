import { GraphQLError } from 'graphql';
import { Access } from '../../../shared/auth/access';
import { Scope } from '../../../shared/auth/caller';
import { ShareClass } from '../../../shared/auth/share-class';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Resolver, Root } from 'type-graphql';
import { chinaToday } from '../../../shared/calendar/dates';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { DuplicateKey, duplicateConflict, refuseDuplicates } from '../../../shared/database/duplicates';
import { ErrorCode } from '../../../shared/errors/errors';
import { REFERRAL_KINDS, type ReferralKind } from '../../../shared/events/contract';
import { ReferralKindEnum } from '../../../shared/events/graphql-enums';
import { createEmitEvent } from '../../../shared/events/outbox';
import { badInput } from '../../../shared/errors/errors';
import { Operator } from '../entities/operator';
import { Platform } from '../entities/platform.entity';
import { ViolationLead } from '../entities/violation-lead.entity';
import { CommerceContext, requireInPlatform, requirePlatform } from './common';
import { requiredText } from '../../../shared/validation/inputs';

/** Writes commerce's events into its outbox, inside the write's transaction. */
const emitCommerceEvent = createEmitEvent('commerce');

/** Kind of commerce record a platform's referral rests on (Referral.reference.kind). */
export const VIOLATION_LEAD_REFERENCE = 'PLATFORM_VIOLATION_LEAD';

const PLATFORMS = { platforms: true };

@InputType({ description: 'A violation lead a platform reports about one of its in-platform operators' })
export class ReportViolationLeadInput {
  @Field(() => ID, { description: 'Credit code of the operator; must have a storefront on the reporting platform' })
  operatorUscc: string;
  @Field(() => ReferralKindEnum) kind: ReferralKind;
  @Field({ description: "The platform's findings, at most 1000 characters" }) summary: string;
  @Field({ description: "The platform's reference of its evidence (case file number), unique per platform, at most 80 characters" })
  evidenceReference: string;
}

@Resolver(() => ViolationLead)
export class ViolationLeadResolver {
  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => Platform, { nullable: true })
  platform(@Root() lead: ViolationLead, @Ctx() ctx: CommerceContext): Promise<Platform | null> {
    return ctx.loaders.platformById.load(lead.platformId);
  }

  @Access(ShareClass.GOV_SHARED, PLATFORMS)
  @FieldResolver(() => Operator, { nullable: true, description: 'The operator reported' })
  operator(@Root() lead: ViolationLead): Operator {
    return { uscc: lead.operatorUscc };
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'commerce', platforms: true })
  @Mutation(() => ViolationLead, {
    description:
      'A platform reports a violation lead about one of its in-platform operators to market regulation (E-Commerce ' +
      'Law art. 29); it arrives there as a referral case (Operator.referrals, fromPlatform). Platform tokens only',
  })
  async reportViolationLead(
    @Arg('input', () => ReportViolationLeadInput) input: ReportViolationLeadInput,
    @Ctx() ctx: CommerceContext,
  ): Promise<ViolationLead> {
    const { caller } = ctx;
    const platformId = caller.platformId;
    if (caller.role !== 'platform' || !platformId || !caller.scopes.has(Scope.platform(platformId))) {
      throw new GraphQLError('Only a platform reports violation leads about its in-platform operators (a platform token)', {
        extensions: { code: ErrorCode.FORBIDDEN },
      });
    }
    const operatorUscc = assertUscc(input.operatorUscc);
    if (!REFERRAL_KINDS.includes(input.kind)) throw badInput(`Unknown violation kind "${String(input.kind)}"`, { field: 'kind' });
    const summary = requiredText(input.summary, 'summary', 1000, 10);
    const evidenceReference = requiredText(input.evidenceReference, 'evidenceReference', 80);
    const duplicate: DuplicateKey = {
      columns: ['platformId', 'evidenceReference'],
      duplicate: { platformId, evidenceReference },
      message: `Platform ${platformId} has already reported a lead with evidence reference "${evidenceReference}"`,
    };
    return refuseDuplicates([duplicate], () =>
      ctx.db.transaction(async (m) => {
        await requirePlatform(m, platformId);
        await requireInPlatform(m, platformId, operatorUscc);
        const repo = m.getRepository(ViolationLead);
        if (await repo.exists({ where: { platformId, evidenceReference } })) throw duplicateConflict(duplicate);
        const lead = await repo.save(
          repo.create({ platformId, operatorUscc, kind: input.kind, summary, evidenceReference, reportedAt: ctx.now }),
        );
        // The referral leaves with the lead or not at all: market regulation opens the case from it.
        await emitCommerceEvent(m, 'Referral', {
          fromAgency: 'commerce',
          fromPlatform: platformId,
          kind: lead.kind,
          operatorUscc,
          reference: { kind: VIOLATION_LEAD_REFERENCE, id: String(lead.id) },
          summary: `${platformId} 平台报告（证据 ${evidenceReference}）：${summary}`,
          referredOn: chinaToday(ctx.now),
        });
        return lead;
      }),
    );
  }
}
