import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../../shared/graphql/scalars';
import { MarketRegulationLicenseCategory, MarketRegulationLicenseStatus } from '../enums';

/** How the licence was granted: full review, or on the applicant's written commitment (告知承诺制). */
export enum LicenseApprovalRoute {
  STANDARD = 'STANDARD',
  NOTIFICATION_COMMITMENT = 'NOTIFICATION_COMMITMENT',
}
registerEnumType(LicenseApprovalRoute, {
  name: 'LicenseApprovalRoute',
  description: 'Approval route of a licence: standard review (一般程序) or notification-commitment (告知承诺制)',
});

@Access(ShareClass.PUBLIC)
@ObjectType('MarketRegulationLicense', { description: 'An administrative licence granted by market regulation (行政许可)' })
@Entity('administrative_license')
@Index(['operatorUscc', 'documentNumber'], { unique: true })
export class AdministrativeLicense {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Licensing decision document number (许可文书号)' })
  @Column({ type: 'varchar', length: 80 })
  documentNumber: string;

  @Field(() => MarketRegulationLicenseCategory)
  @Column({ type: 'varchar', length: 20 })
  category: MarketRegulationLicenseCategory;

  @Field({ description: 'Name of the certificate, e.g. 食品经营许可证' })
  @Column({ type: 'varchar', length: 100 })
  certificateName: string;

  @Field({ description: 'Licence (certificate) number (许可证编号)' })
  @Index()
  @Column({ type: 'varchar', length: 60 })
  licenseNumber: string;

  @Field({ description: 'Licensed content / scope (许可内容)' })
  @Column({ type: 'varchar', length: 500 })
  content: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  validFrom: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of validity; null for a licence without end date' })
  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @Field({ description: 'Licensing authority (许可机关)' })
  @Column({ type: 'varchar', length: 100 })
  authority: string;

  @Field(() => LicenseApprovalRoute, { description: 'Approval route (审批方式); refused as NOTIFICATION_COMMITMENT for a listed operator' })
  @Column({ type: 'varchar', length: 30, default: LicenseApprovalRoute.STANDARD })
  approvalRoute: LicenseApprovalRoute;

  /** Recorded status; GraphQL `status` reports EXPIRED once validUntil has passed. */
  @Column({ type: 'varchar', length: 20 })
  recordedStatus: MarketRegulationLicenseStatus;
}
