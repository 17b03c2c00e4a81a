import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar, DateTimeScalar } from '../../../shared/graphql/scalars';
import type { CreditRepairCondition } from '../rules/credit-repair';

export enum CreditRepairRecordKind {
  ADMINISTRATIVE_PENALTY = 'ADMINISTRATIVE_PENALTY',
  SERIOUS_DISHONEST_LISTING = 'SERIOUS_DISHONEST_LISTING',
  ABNORMAL_OPERATION_LISTING = 'ABNORMAL_OPERATION_LISTING',
  CUSTOMS_DISHONESTY_FINDING = 'CUSTOMS_DISHONESTY_FINDING',
}
registerEnumType(CreditRepairRecordKind, {
  name: 'CreditRepairRecordKind',
  description: 'Record a credit repair application is about: a market-regulation record or a customs dishonesty finding',
  valuesConfig: {
    ADMINISTRATIVE_PENALTY: { description: "Ends the penalty's publicity early (提前停止公示)" },
    SERIOUS_DISHONEST_LISTING: { description: 'Early removal from the serious illegal and dishonest list (提前移出)' },
    ABNORMAL_OPERATION_LISTING: { description: 'Removal from the abnormal operations list on repair (移出经营异常名录)' },
    CUSTOMS_DISHONESTY_FINDING: {
      description: "Credit repair of a customs dishonesty finding (CUSTOMS_DISHONEST list), judged by customs' rules and decided by customs",
    },
  },
});

export enum CreditRepairStatus {
  APPLIED = 'APPLIED',
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
  INELIGIBLE = 'INELIGIBLE',
}
registerEnumType(CreditRepairStatus, {
  name: 'CreditRepairStatus',
  description: 'State of a credit repair application',
  valuesConfig: {
    APPLIED: { description: 'Eligible and awaiting the decision of the agency that owns the record (受理)' },
    APPROVED: { description: 'Repaired: publicity ended or listing removed (准予修复)' },
    REFUSED: { description: 'Refused by the agency that owns the record, with its reason (不予修复)' },
    INELIGIBLE: { description: 'Refused on application: a condition was not met; `reason` names the rule and the date' },
  },
});

export enum CreditRepairDecision {
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
}
registerEnumType(CreditRepairDecision, { name: 'CreditRepairDecision', description: 'Decision on a credit repair application' });

export enum CreditRepairApplicant {
  OPERATOR = 'OPERATOR',
  MARKET_REGULATION = 'MARKET_REGULATION',
}
registerEnumType(CreditRepairApplicant, {
  name: 'CreditRepairApplicant',
  description: 'Who filed the application: the operator itself, or market regulation staff on its behalf',
});

@Access(ShareClass.GOV_SHARED)
@ObjectType({ description: 'One condition of a credit repair application, as judged on the day of the application or decision' })
export class CreditRepairConditionResult {
  /** The operator (not a GraphQL field): the row-level rules need it. */
  operatorUscc: string;

  @Field(() => String, { description: 'Condition, e.g. PUBLICITY_PERIOD_SERVED, PENALTY_PERFORMED, ONE_YEAR_ON_LIST' })
  condition: CreditRepairCondition;

  @Field({ description: 'Rule version and what it requires, e.g. "SAMR-PENALTY-PUBLICITY-2021.1: 12 months after the decision for FOOD"' })
  rule: string;

  @Field()
  met: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'First day the condition is or will be met; null when no date will meet it' })
  metFrom: string | null;

  @Field(() => String, { nullable: true, description: 'Why an unmet condition is unmet' })
  detail: string | null;
}

/**
 * An application for credit repair (信用修复申请) of one market-regulation record. Ineligible applications are kept
 * with their reason so the operator sees why; at most one application per record awaits a decision.
 */
@Access(ShareClass.GOV_SHARED)
@ObjectType({ description: 'A credit repair application (信用修复申请) and its outcome' })
@Entity('credit_repair_application')
@Index(['recordKind', 'recordId'], { unique: true, where: `"status" = 'APPLIED'` })
export class CreditRepairApplication {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => CreditRepairRecordKind)
  @Column({ type: 'varchar', length: 40 })
  recordKind: CreditRepairRecordKind;

  @Field(() => ID, { description: 'Id of the penalty or listing' })
  @Column({ type: 'integer' })
  recordId: number;

  @Field({ description: 'Decision number (文号) of the penalty or listing' })
  @Column({ type: 'varchar', length: 80 })
  recordDecisionNumber: string;

  @Field(() => DateTimeScalar)
  @Column({ type: Date })
  appliedAt: Date;

  @Field(() => CreditRepairApplicant)
  @Column({ type: 'varchar', length: 20 })
  appliedBy: CreditRepairApplicant;

  @Field({ description: 'The written public credit commitment (信用承诺书)' })
  @Column({ type: 'varchar', length: 2000 })
  commitment: string;

  @Field(() => String, { nullable: true, description: 'How the penalty was performed, the harm removed or the fault cured' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  performanceEvidence: string | null;

  @Field(() => CreditRepairStatus)
  @Column({ type: 'varchar', length: 20 })
  status: CreditRepairStatus;

  @Field({ description: "Version of the credit repair rules the conditions were judged by (customs' for a customs finding)" })
  @Column({ type: 'varchar', length: 40 })
  rulesVersion: string;

  /** Conditions as judged on application, replaced by those judged on approval. */
  @Column({ type: 'simple-json' })
  conditionResults: Omit<CreditRepairConditionResult, 'operatorUscc'>[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the owning agency decided; for INELIGIBLE, the application time' })
  @Column({ type: Date, nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Reason of the decision; for INELIGIBLE, the unmet rules and dates' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Removal or repair decision number (移出/信用修复决定书文号) of an approved listing or finding repair',
  })
  @Column({ type: 'varchar', length: 80, nullable: true })
  removalDecisionNumber: string | null;
}
