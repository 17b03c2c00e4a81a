import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { fenTransformer } from '../../../shared/database/columns';

export enum LocalFinancialOrgType {
  MICRO_LOAN = 'MICRO_LOAN',
  GUARANTEE = 'GUARANTEE',
  FACTORING = 'FACTORING',
  FINANCIAL_LEASING = 'FINANCIAL_LEASING',
  PAWN = 'PAWN',
}
registerEnumType(LocalFinancialOrgType, {
  name: 'LocalFinancialOrgType',
  description: 'Local financial organization type supervised by local financial regulation (地方金融组织)',
  valuesConfig: {
    MICRO_LOAN: { description: 'Micro-loan companies (小额贷款公司)' },
    GUARANTEE: { description: 'Financing guarantee companies (融资担保公司)' },
    FACTORING: { description: 'Commercial factoring companies (商业保理公司)' },
    FINANCIAL_LEASING: { description: 'Financial leasing companies (融资租赁公司)' },
    PAWN: { description: 'Pawnshops (典当行)' },
  },
});

export enum FinancingOverdueBand {
  NONE = 'NONE',
  DAYS_1_30 = 'DAYS_1_30',
  DAYS_31_90 = 'DAYS_31_90',
  DAYS_91_180 = 'DAYS_91_180',
  OVER_180 = 'OVER_180',
}
registerEnumType(FinancingOverdueBand, {
  name: 'FinancingOverdueBand',
  description: 'Band of the longest overdue period (逾期天数区间), from the versioned exposure rules',
});

/**
 * One monthly aggregated report row: an operator's outstanding amount with all local financial
 * organizations of one type (no per-loan detail). A correction is a new revision of the same
 * month and type; the earlier revision stays, marked superseded.
 */
@ObjectType({
  description:
    'Aggregated monthly exposure of an operator to one type of local financial organization (地方金融组织融资余额)',
})
@Entity('financing_exposure')
@Index(['operatorUscc', 'orgType', 'reportedMonth', 'revision'], { unique: true })
@Access(ShareClass.GOV_SHARED)
export class FinancingExposure {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => LocalFinancialOrgType)
  @Column({ type: 'varchar', length: 24 })
  orgType: LocalFinancialOrgType;

  @Field({ description: 'Month reported, YYYY-MM' })
  @Index()
  @Column({ type: 'varchar', length: 7 })
  reportedMonth: string;

  @Field(() => Int, { description: 'Number of organizations of this type with an exposure' })
  @Column({ type: 'int' })
  organizationCount: number;

  @Column({ type: 'bigint', transformer: fenTransformer })
  outstandingFen: number;

  @Field(() => Int, { description: 'Longest overdue period at month end, in days (0 = none overdue)' })
  @Column({ type: 'int' })
  maxOverdueDays: number;

  @Field(() => Int, { description: '1 for the first report of this month and type; corrections count up' })
  @Column({ type: 'int' })
  revision: number;

  /** The reporting organization's explanation of a correction: an internal note of local financial regulation. */
  @Access(ShareClass.AGENCY_PRIVATE, { agency: 'finance' })
  @Field(() => String, { nullable: true, description: 'Why this revision corrects the previous one' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  correctionReason: string | null;

  @Field({ description: 'True when a later revision corrects this row' })
  @Column({ type: 'boolean' })
  superseded: boolean;

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
