import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';

export enum ExpressPermitScope {
  INTRA_PROVINCE = 'INTRA_PROVINCE',
  INTER_PROVINCE = 'INTER_PROVINCE',
  INTERNATIONAL = 'INTERNATIONAL',
  HK_MACAO_TAIWAN = 'HK_MACAO_TAIWAN',
}
registerEnumType(ExpressPermitScope, {
  name: 'ExpressPermitScope',
  description: 'Business scope of an express permit: intra-province (省内), inter-province (跨省), international (国际), Hong Kong / Macao / Taiwan (港澳台)',
});

export enum ExpressPermitStatus {
  VALID = 'VALID',
  NOT_YET_VALID = 'NOT_YET_VALID',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(ExpressPermitStatus, {
  name: 'ExpressPermitStatus',
  description: 'Status of an express permit at the time of the request: valid (有效), not yet valid, expired (过期), revoked (吊销/撤销)',
});

/** Express business permit (快递业务经营许可证). Revocation is a status change with a reason; no delete path. */
@ObjectType({ description: 'Express business permit (快递业务经营许可证)' })
@Entity('express_permit')
@Access(ShareClass.PUBLIC)
export class ExpressPermit {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Permit number (许可证编号)' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40 })
  permitNumber: string;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  holderUscc: string;

  @Field(() => [ExpressPermitScope], { description: 'Business scope (业务范围)' })
  @Column({ type: 'simple-array' })
  scope: ExpressPermitScope[];

  @Field(() => DateScalar, { description: 'Date of issue (发证日期)' })
  @Column({ type: 'date' })
  issuedOn: string;

  @Field(() => DateScalar, { description: 'First day of validity' })
  @Column({ type: 'date' })
  validFrom: string;

  @Field(() => DateScalar, { description: 'Last day of validity (有效期至); by default 5 years per the permit rules' })
  @Column({ type: 'date' })
  validUntil: string;

  @Field({ description: 'Issuing postal administration (发证机关)' })
  @Column({ type: 'varchar', length: 100 })
  authority: string;

  @Field({ description: 'Version of the permit rules that set the default validity' })
  @Column({ type: 'varchar', length: 32 })
  rulesVersion: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date the permit was revoked, if it was' })
  @Column({ type: 'date', nullable: true })
  revokedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Reason of the revocation' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  revocationReason: string | null;

  @CreateDateColumn()
  createdAt: Date;

  // Objections (异议), issue 10: set by the consumer of ObjectionChange (shared/objections/consumer.ts), never cleared.
  // The record an objection names is the revocation (evidence EXPRESS_PERMIT): withdrawn, the permit stands again, so
  // the public sees both (PUBLIC like the permit; the permit row has no operatorUscc for an own-record rule anyway).
  @WithdrawnOnColumn(
    undefined,
    'Day the revocation was withdrawn on an accepted objection (撤销); the permit is valid again within its period and the ' +
      'revocation no longer counts',
  )
  withdrawnOn: string | null;

  @WithdrawalReasonColumn(undefined, 'Why the revocation was withdrawn (the objection decision)')
  withdrawalReason: string | null;

  @CorrectionColumn()
  correction: string | null;

  @CorrectedOnColumn()
  correctedOn: string | null;
}

/** A branch (分支机构) registered under an express permit. */
@ObjectType('ExpressPermitBranch', { description: 'Branch registered under an express permit (分支机构)' })
@Entity('express_permit_branch')
@Access(ShareClass.PUBLIC)
export class ExpressPermitBranch {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  permitId: number;

  @Field({ description: 'Branch name' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'Business address of the branch' })
  @Column({ type: 'varchar', length: 300 })
  address: string;

  @Field({ description: 'Administrative division code of the district, e.g. 440106 (Tianhe)' })
  @Column({ type: 'varchar', length: 6 })
  districtCode: string;
}
