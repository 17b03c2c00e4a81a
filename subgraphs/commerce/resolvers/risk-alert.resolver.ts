import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Resolver, Root } from 'type-graphql';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { badInput } from '../../../shared/errors/errors';
import { DateScalar } from '../../../shared/graphql/scalars';
import { CommerceMeasureBasis } from '../entities/government-restriction.entity';
import { Platform } from '../entities/platform.entity';
import {
  TransactionRiskAlert, TransactionRiskAlertKind, TransactionRiskLevel,
} from '../entities/transaction-risk-alert.entity';
import { riskAlertRulesAt } from '../rules/risk-alerts';
import { addDays, daysBetween, chinaToday } from '../../../shared/calendar/dates';
import { CommerceContext, inOrder, requirePlatform } from './common';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { requiredText } from '../../../shared/validation/inputs';
import { dateInput, notAfterToday } from '../../../shared/validation/dates';

@InputType({ description: 'A transaction credit-risk alert to show to consumers' })
export class IssueTransactionRiskAlertInput {
  @Field(() => UnifiedSocialCreditCodeScalar)
  operatorUscc: string;

  @Field(() => ID, { description: 'Platform that shows the alert' })
  platformId: string;

  @Field(() => TransactionRiskAlertKind)
  kind: TransactionRiskAlertKind;

  @Field(() => TransactionRiskLevel)
  level: TransactionRiskLevel;

  @Field({ description: 'Message shown to consumers, at most 500 characters' })
  consumerMessage: string;

  @Field(() => DateScalar, { nullable: true, description: 'Issue date; default today; not in the future' })
  issuedOn?: Date | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day shown; default by level from the versioned alert rules; at most their maximum',
  })
  expiresOn?: Date | null;
}

@Resolver(() => TransactionRiskAlert)
export class TransactionRiskAlertResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Platform, { nullable: true })
  platform(@Root() alert: TransactionRiskAlert, @Ctx() ctx: CommerceContext): Promise<Platform | null> {
    return ctx.loaders.platformById.load(alert.platformId);
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Boolean, { description: 'Whether consumers see the alert today' })
  active(@Root() alert: TransactionRiskAlert, @Ctx() ctx: CommerceContext): boolean {
    const today = chinaToday(ctx.now);
    return alert.issuedOn <= today && alert.expiresOn >= today;
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => CommerceMeasureBasis, {
    nullable: true,
    description: 'The listing a DISHONEST_LIST alert follows (shown until its removal); null for alerts issued by hand',
  })
  basis(@Root() alert: TransactionRiskAlert): CommerceMeasureBasis | null {
    return alert.basisListKind && alert.basisDecisionNumber
      ? { listKind: alert.basisListKind, decisionNumber: alert.basisDecisionNumber }
      : null;
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'commerce' })
  @Mutation(() => TransactionRiskAlert, { description: 'Issues a transaction credit-risk alert about an operator' })
  async issueTransactionRiskAlert(
    @Arg('input', () => IssueTransactionRiskAlertInput) input: IssueTransactionRiskAlertInput,
    @Ctx() ctx: CommerceContext,
  ): Promise<TransactionRiskAlert> {
    const operatorUscc = assertUscc(input.operatorUscc);
    const consumerMessage = requiredText(input.consumerMessage, 'consumerMessage', 500);
    const issuedOn = input.issuedOn ? notAfterToday(input.issuedOn, 'issuedOn', chinaToday(ctx.now)) : chinaToday(ctx.now);
    const rules = riskAlertRulesAt(issuedOn);
    const expiresOn = input.expiresOn ? dateInput(input.expiresOn, 'expiresOn') : addDays(issuedOn, rules.defaultDays[input.level]);
    inOrder(issuedOn, 'issuedOn', expiresOn, 'expiresOn');
    if (daysBetween(issuedOn, expiresOn) > rules.maximumDays) {
      throw badInput(`An alert may be shown for at most ${rules.maximumDays} days (rules ${rules.version})`, {
        field: 'expiresOn',
      });
    }
    return ctx.db.transaction(async (m) => {
      await requirePlatform(m, input.platformId);
      const repo = m.getRepository(TransactionRiskAlert);
      return repo.save(
        repo.create({
          operatorUscc,
          platformId: input.platformId,
          kind: input.kind,
          level: input.level,
          consumerMessage,
          issuedOn,
          expiresOn,
        }),
      );
    });
  }
}
