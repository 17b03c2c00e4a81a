import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';

export enum FinancingMeasureKind {
  CREDIT_FINANCING_LIMITED = 'CREDIT_FINANCING_LIMITED',
  POLICY_GUARANTEE_EXCLUDED = 'POLICY_GUARANTEE_EXCLUDED',
  SUBSIDY_EXCLUDED = 'SUBSIDY_EXCLUDED',
  ENHANCED_DUE_DILIGENCE = 'ENHANCED_DUE_DILIGENCE',
}
registerEnumType(FinancingMeasureKind, {
  name: 'FinancingMeasureKind',
  description: 'Joint-punishment financing measure (联合惩戒融资措施)',
  valuesConfig: {
    CREDIT_FINANCING_LIMITED: { description: 'Credit financing limited (限制信贷融资)' },
    POLICY_GUARANTEE_EXCLUDED: { description: 'Excluded from government policy guarantees (不予政策性融资担保)' },
    SUBSIDY_EXCLUDED: { description: 'Excluded from financing subsidies and interest discounts (不予贴息补贴)' },
    ENHANCED_DUE_DILIGENCE: { description: 'Lenders apply enhanced due diligence (加强尽职调查)' },
  },
});

export enum FinancingBasisListKind {
  SERIOUS_DISHONEST_LIST = 'SERIOUS_DISHONEST_LIST',
  ABNORMAL_OPERATIONS_LIST = 'ABNORMAL_OPERATIONS_LIST',
  DISHONEST_JUDGMENT_DEBTOR = 'DISHONEST_JUDGMENT_DEBTOR',
  CUSTOMS_DISHONEST = 'CUSTOMS_DISHONEST',
  MINISTRY_JOINT_PUNISHMENT_LIST = 'MINISTRY_JOINT_PUNISHMENT_LIST',
  MAJOR_TAX_VIOLATION = 'MAJOR_TAX_VIOLATION',
}
registerEnumType(FinancingBasisListKind, {
  name: 'FinancingBasisListKind',
  description: 'The kind of list entry a financing measure rests on (惩戒依据名单)',
  valuesConfig: {
    SERIOUS_DISHONEST_LIST: { description: 'Serious illegal and dishonest list (严重违法失信名单), market regulation' },
    ABNORMAL_OPERATIONS_LIST: { description: 'Abnormal operations list (经营异常名录), market regulation' },
    DISHONEST_JUDGMENT_DEBTOR: { description: 'Dishonest judgment debtor (失信被执行人), courts' },
    CUSTOMS_DISHONEST: { description: 'Customs dishonest enterprise (海关失信企业)' },
    MINISTRY_JOINT_PUNISHMENT_LIST: { description: 'Commerce joint-punishment list (商务领域联合惩戒对象名单)' },
    MAJOR_TAX_VIOLATION: { description: 'Major tax violation and dishonesty (重大税收违法失信主体)' },
  },
});

export enum FinancingMeasureStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  LIFTED = 'LIFTED',
}
registerEnumType(FinancingMeasureStatus, {
  name: 'FinancingMeasureStatus',
  description: 'State of a financing measure on the request date (China time)',
  valuesConfig: {
    PENDING: { description: 'Starts on a later date' },
    ACTIVE: { description: 'In force (执行中)' },
    EXPIRED: { description: 'Its period has ended (期满)' },
    LIFTED: { description: 'Lifted before the end of its period, with a reason (提前解除)' },
  },
});

/** The list entry a measure rests on. */
@ObjectType({ description: 'The list entry a financing measure rests on (惩戒依据)' })
@Access(ShareClass.AUTHORIZED_QUERY)
export class FinancingMeasureBasis {
  @Field(() => FinancingBasisListKind)
  listKind: FinancingBasisListKind;

  @Field({ description: 'Reference of the list entry or decision, e.g. its document number (文号)' })
  reference: string;

  @Field(() => String, { nullable: true, description: 'The authority that listed the operator' })
  authority: string | null;

  /** The measure's operator, for the row-level checks (consent, own record); not a GraphQL field. */
  operatorUscc: string;
}

/**
 * A joint-punishment financing measure against an operator (联合惩戒融资措施). Never deleted: a measure
 * ends by its period or is lifted early with a reason.
 */
@ObjectType({ description: 'A joint-punishment financing measure against an operator (联合惩戒融资措施)' })
@Entity('financing_measure')
@Index(['operatorUscc', 'startsOn'])
@Access(ShareClass.AUTHORIZED_QUERY)
export class FinancingMeasure {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => FinancingMeasureKind)
  @Index()
  @Column({ type: 'varchar', length: 32 })
  kind: FinancingMeasureKind;

  @Column({ type: 'varchar', length: 40 })
  basisListKind: FinancingBasisListKind;

  @Column({ type: 'varchar', length: 100 })
  basisReference: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  basisAuthority: string | null;

  @Field(() => DateScalar, { description: 'First day the measure applies' })
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => DateScalar, { description: 'Last day the measure applies (computed from the rules when not given)' })
  @Column({ type: 'date' })
  endsOn: string;

  @Field({ description: 'Version of the measure rules the period was computed or checked with' })
  @Column({ type: 'varchar', length: 40 })
  rulesVersion: string;

  @Field({ description: 'True when the end date came from the rules, false when the basis gave it' })
  @Column({ type: 'boolean' })
  endsOnFromRules: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'Day the measure was lifted early (提前解除日期)' })
  @Column({ type: 'date', nullable: true })
  liftedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Why the measure was lifted (e.g. credit repaired)' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  liftReason: string | null;

  @Field(() => String, { nullable: true, description: 'Imposing authority (实施部门)' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  imposedBy: string | null;

  @CreateDateColumn()
  createdAt: Date;

  // Objections (异议), issue 10: set by the consumer of ObjectionChange (shared/objections/consumer.ts), never cleared.
  @WithdrawnOnColumn(ShareClass.GOV_SHARED)
  withdrawnOn: string | null;

  @WithdrawalReasonColumn(ShareClass.GOV_SHARED)
  withdrawalReason: string | null;

  @CorrectionColumn()
  correction: string | null;

  @CorrectedOnColumn()
  correctedOn: string | null;
}
