import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';
import { findingDecisionNumber } from '../credit-events';
import { CustomsDishonestyFinding } from '../entities/customs-dishonesty-finding.entity';
import { CustomsDishonestyGround } from '../entities/enums';
import { assessFindingRepair } from '../rules/credit-repair';
import { CustomsContext } from './support';
import { chinaToday } from '../../../shared/calendar/dates';
import { requiredText, optionalText } from '../../../shared/validation/inputs';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { recordIdInput } from '../../../shared/validation/record-ids';

@Access(ShareClass.GOV_SHARED)
@ObjectType({ description: 'One condition of the credit repair of a customs dishonesty finding, judged by customs' })
export class CustomsCreditRepairConditionResult {
  /** The operator (not a GraphQL field): the row-level rules need it. */
  operatorUscc: string;

  @Field({ description: 'MINIMUM_PERIOD_SERVED, DISHONEST_ACT_CORRECTED or WRITTEN_COMMITMENT' })
  condition: string;

  @Field({ description: 'Rule version and what it requires, with its source' })
  rule: string;

  @Field()
  met: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'First day the condition is or will be met; null when no date will meet it' })
  metFrom: string | null;

  @Field(() => String, { nullable: true, description: 'Why an unmet condition is unmet' })
  detail: string | null;
}

@Access(ShareClass.GOV_SHARED)
@ObjectType({ description: "Customs' judgement of a credit repair application (信用修复) for one of its dishonesty findings" })
export class CustomsCreditRepairAssessment {
  @Field(() => ID)
  findingId: string;

  @Field()
  operatorUscc: string;

  @Field({ description: 'Decision number of the finding (认定决定书文号)' })
  findingDecisionNumber: string;

  @Field(() => CustomsDishonestyGround)
  ground: CustomsDishonestyGround;

  @Field(() => DateScalar)
  foundOn: string;

  @Field({ description: 'The finding still stands; a removed finding cannot be repaired' })
  current: boolean;

  @Field(() => DateScalar, { nullable: true })
  removedOn: string | null;

  @Field({ description: 'Version of the customs credit repair rules, e.g. GACC-ORDER-282-REPAIR' })
  rulesVersion: string;

  @Field({ description: 'Every condition met and the finding standing' })
  eligible: boolean;

  @Field(() => [CustomsCreditRepairConditionResult])
  conditions: CustomsCreditRepairConditionResult[];

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether `removalDecisionNumber` already names a customs dishonesty decision; null when not asked',
  })
  removalDecisionNumberTaken: boolean | null;
}

@Resolver()
export class CustomsCreditRepairResolver {
  @Query(() => CustomsCreditRepairAssessment, {
    nullable: true,
    description:
      'Judges, by customs\' credit repair rules on today\'s date, an application to repair the dishonesty finding `findingId` ' +
      'of operator `uscc` (market regulation asks this on the applicant\'s behalf). Null when the operator has no such finding',
  })
  @Access(ShareClass.GOV_SHARED)
  async customsCreditRepairAssessment(
    @Ctx() ctx: CustomsContext,
    @Arg('uscc', () => ID) uscc: string,
    @Arg('findingId', () => ID) findingId: string,
    @Arg('commitment') commitment: string,
    @Arg('performanceEvidence', () => String, { nullable: true }) performanceEvidence?: string | null,
    @Arg('removalDecisionNumber', () => String, { nullable: true }) removalDecisionNumber?: string | null,
  ): Promise<CustomsCreditRepairAssessment | null> {
    const operatorUscc = assertUscc(uscc);
    const findingNumber = recordIdInput(findingId, 'findingId');
    const text = requiredText(commitment, 'commitment', 2000);
    const evidence = optionalText(performanceEvidence, 'performanceEvidence', 2000);
    const number = optionalText(removalDecisionNumber, 'removalDecisionNumber', 80);
    const repo = ctx.db.getRepository(CustomsDishonestyFinding);
    const finding = await repo.findOneBy({ id: findingNumber });
    if (!finding || finding.operatorUscc !== operatorUscc) return null;
    const today = chinaToday(ctx.now);
    const current = finding.removedOn === null || finding.removedOn > today;
    const result = assessFindingRepair(finding, { commitment: text, performanceEvidence: evidence }, today);
    return {
      findingId: String(finding.id),
      operatorUscc,
      findingDecisionNumber: findingDecisionNumber(finding),
      ground: finding.ground,
      foundOn: finding.foundOn,
      current,
      removedOn: finding.removedOn,
      rulesVersion: result.rulesVersion,
      eligible: current && result.eligible,
      conditions: result.conditions.map((c) => ({ ...c, operatorUscc })),
      removalDecisionNumberTaken: number === null
        ? null
        : await repo.exists({ where: [{ decisionNumber: number }, { removalDecisionNumber: number }] }),
    };
  }
}
