import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { fenTransformer } from '../../../shared/database/columns';
import { DateScalar } from '../../../shared/graphql/scalars';

export enum FinancingLenderType {
  BANK = 'BANK',
  MICRO_LOAN = 'MICRO_LOAN',
  GUARANTEE = 'GUARANTEE',
  FACTORING = 'FACTORING',
  FINANCIAL_LEASING = 'FINANCIAL_LEASING',
  OTHER = 'OTHER',
}
registerEnumType(FinancingLenderType, {
  name: 'FinancingLenderType',
  description: 'Kind of institution an application was addressed to',
  valuesConfig: {
    BANK: { description: 'Bank (银行)' },
    MICRO_LOAN: { description: 'Micro-loan company (小额贷款公司)' },
    GUARANTEE: { description: 'Financing guarantee company (融资担保公司)' },
    FACTORING: { description: 'Commercial factoring company (商业保理公司)' },
    FINANCIAL_LEASING: { description: 'Financial leasing company (融资租赁公司)' },
    OTHER: { description: 'Other institution' },
  },
});

export enum FinancingOutcome {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(FinancingOutcome, {
  name: 'FinancingOutcome',
  description: 'Outcome of a credit-financing application',
  valuesConfig: {
    PENDING: { description: 'Not decided yet (审批中)' },
    APPROVED: { description: 'Approved, with the amount granted (已放款/已授信)' },
    REJECTED: { description: 'Rejected (未通过)' },
    WITHDRAWN: { description: 'Withdrawn by the applicant (已撤回)' },
  },
});

/**
 * A credit-financing application an operator made through a public credit-financing platform
 * (信用融资服务平台, e.g. 粤信融, 信易贷), and its outcome. Not a loan ledger: no repayments are kept.
 */
@ObjectType({ description: 'A credit-financing application through a public platform (信用融资申请), and its outcome' })
@Entity('financing_application')
@Index(['operatorUscc', 'appliedOn'])
@Access(ShareClass.AUTHORIZED_QUERY)
export class FinancingApplication {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Public financing platform, e.g. 粤信融, 信易贷, 中小融' })
  @Index()
  @Column({ type: 'varchar', length: 60 })
  platformName: string;

  @Field(() => FinancingLenderType)
  @Column({ type: 'varchar', length: 24 })
  lenderType: FinancingLenderType;

  @Field(() => String, { nullable: true, description: 'The lender the application went to, when known' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  lenderName: string | null;

  @Column({ type: 'bigint', transformer: fenTransformer })
  amountRequestedFen: number;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  appliedOn: string;

  @Field(() => FinancingOutcome)
  @Index()
  @Column({ type: 'varchar', length: 16 })
  outcome: FinancingOutcome;

  @Column({ type: 'bigint', transformer: fenTransformer, nullable: true })
  amountGrantedFen: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'Day of the decision or withdrawal' })
  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Reason given with the decision (e.g. why rejected)' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionReason: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
