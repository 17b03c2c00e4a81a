import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';

export enum CreditAuthorizationPurpose {
  LOAN_APPLICATION = 'LOAN_APPLICATION',
  CREDIT_LINE_REVIEW = 'CREDIT_LINE_REVIEW',
  POST_LOAN_MONITORING = 'POST_LOAN_MONITORING',
  GUARANTEE = 'GUARANTEE',
}
registerEnumType(CreditAuthorizationPurpose, {
  name: 'CreditAuthorizationPurpose',
  description: 'Why a lender may query the operator (查询用途)',
  valuesConfig: {
    LOAN_APPLICATION: { description: 'Examining a loan application (贷款审批)' },
    CREDIT_LINE_REVIEW: { description: 'Granting or reviewing a credit line (授信审查)' },
    POST_LOAN_MONITORING: { description: 'Post-loan management (贷后管理)' },
    GUARANTEE: { description: 'Examining a guarantee (担保资格审查)' },
  },
});

export enum CreditDataCategory {
  REGISTRATION = 'REGISTRATION',
  LICENCES = 'LICENCES',
  PENALTIES_AND_LISTS = 'PENALTIES_AND_LISTS',
  FINANCING_MEASURES = 'FINANCING_MEASURES',
  FINANCING_APPLICATIONS = 'FINANCING_APPLICATIONS',
  FINANCING_EXPOSURE = 'FINANCING_EXPOSURE',
  CUSTOMS_CREDIT = 'CUSTOMS_CREDIT',
  PLATFORM_EVALUATIONS = 'PLATFORM_EVALUATIONS',
  POSTAL_RECORDS = 'POSTAL_RECORDS',
}
registerEnumType(CreditDataCategory, {
  name: 'CreditDataCategory',
  description: 'A category of credit information an authorization lets the grantee query (授权查询范围)',
  valuesConfig: {
    REGISTRATION: { description: 'Registration (登记信息)' },
    LICENCES: { description: 'Administrative licences (行政许可)' },
    PENALTIES_AND_LISTS: { description: 'Penalties and list entries (行政处罚与名单)' },
    FINANCING_MEASURES: { description: 'Joint-punishment financing measures (融资惩戒措施)' },
    FINANCING_APPLICATIONS: { description: 'Credit-financing applications and outcomes (融资申请)' },
    FINANCING_EXPOSURE: { description: 'Aggregated exposure and overdue flags (融资余额与逾期)' },
    CUSTOMS_CREDIT: { description: 'Customs credit level (海关信用等级)' },
    PLATFORM_EVALUATIONS: { description: 'Platform credit evaluations and reviews (平台信用评价)' },
    POSTAL_RECORDS: { description: 'Postal and express records (邮政快递信息)' },
  },
});

export enum CreditAuthorizationStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(CreditAuthorizationStatus, {
  name: 'CreditAuthorizationStatus',
  description: 'State of a credit-query authorization on the request date (China time)',
  valuesConfig: {
    ACTIVE: { description: 'The grantee may query (有效)' },
    EXPIRED: { description: 'Its expiry date has been reached (已过期)' },
    REVOKED: { description: 'The operator withdrew it (已撤销)' },
  },
});

/**
 * An authorization an operator gives a lender to query its credit information (信用信息查询授权书).
 * Kept permanently: revocation is a date and a reason on the row.
 */
@ObjectType({ description: 'An authorization an operator gives a lender to query its credit information (查询授权)' })
@Entity('credit_authorization')
// AUTHORIZED_QUERY throughout: the grantee's name and credit code are public identifiers elsewhere, but which
// lender the operator deals with is part of its financing record.
@Access(ShareClass.AUTHORIZED_QUERY)
export class CreditAuthorization {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Name of the lender or guarantor authorized (被授权机构)' })
  @Column({ type: 'varchar', length: 200 })
  granteeName: string;

  @Field({ description: 'Unified social credit code of the grantee' })
  @Index()
  @Column({ type: 'varchar', length: 18 })
  granteeUscc: string;

  @Field(() => CreditAuthorizationPurpose)
  @Column({ type: 'varchar', length: 32 })
  purpose: CreditAuthorizationPurpose;

  @Field(() => [CreditDataCategory], { description: 'The data categories the grantee may query' })
  @Column({ type: 'simple-array' })
  scope: CreditDataCategory[];

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  grantedOn: string;

  @Field(() => DateScalar, { description: 'First day the authorization no longer applies' })
  @Column({ type: 'date' })
  expiresOn: string;

  @Field({ description: 'Version of the authorization rules its validity was checked with' })
  @Column({ type: 'varchar', length: 40 })
  rulesVersion: string;

  @Field(() => DateScalar, { nullable: true, description: 'Day the operator revoked it (撤销日期)' })
  @Column({ type: 'date', nullable: true })
  revokedOn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  revokeReason: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
