import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';

export enum PaymentLicenceKind {
  STORED_VALUE = 'STORED_VALUE',
  TRANSACTION_PROCESSING = 'TRANSACTION_PROCESSING',
}
registerEnumType(PaymentLicenceKind, {
  name: 'PaymentLicenceKind',
  description: 'Payment business kind a licence covers (非银行支付机构业务类型)',
  valuesConfig: {
    STORED_VALUE: { description: 'Stored-value account operation (储值账户运营)' },
    TRANSACTION_PROCESSING: { description: 'Payment transaction processing (支付交易处理)' },
  },
});

export enum PaymentLicenceAdministrativeStatus {
  IN_FORCE = 'IN_FORCE',
  SUSPENDED = 'SUSPENDED',
  REVOKED = 'REVOKED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PaymentLicenceAdministrativeStatus, {
  name: 'PaymentLicenceAdministrativeStatus',
  description: 'Administrative decision on a payment licence, as recorded',
  valuesConfig: {
    IN_FORCE: { description: 'No decision against it' },
    SUSPENDED: { description: 'Business suspended (暂停业务)' },
    REVOKED: { description: 'Revoked (吊销)' },
    CANCELLED: { description: 'Cancelled, e.g. surrendered (注销)' },
  },
});

export enum PaymentLicenceStatus {
  VALID = 'VALID',
  EXPIRED = 'EXPIRED',
  SUSPENDED = 'SUSPENDED',
  REVOKED = 'REVOKED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PaymentLicenceStatus, {
  name: 'PaymentLicenceStatus',
  description: 'State of a payment licence on the request date (China time)',
  valuesConfig: {
    VALID: { description: 'Issued, in force and within its validity (有效)' },
    EXPIRED: { description: 'Past its valid-until date (已过期)' },
    SUSPENDED: { description: 'Business suspended (暂停)' },
    REVOKED: { description: 'Revoked (吊销)' },
    CANCELLED: { description: 'Cancelled (注销)' },
  },
});

/** A payment business licence (支付业务许可证) of a non-bank payment institution. */
@ObjectType({ description: 'A payment business licence (支付业务许可证) of a non-bank payment institution' })
@Entity('payment_licence')
@Access(ShareClass.PUBLIC)
export class PaymentLicence {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Licence number (许可证编号), e.g. Z2004944000013' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 20 })
  licenceNumber: string;

  @Field(() => [PaymentLicenceKind], { description: 'Payment business kinds the licence covers' })
  @Column({ type: 'simple-array' })
  kinds: PaymentLicenceKind[];

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  issuedOn: string;

  @Field(() => DateScalar, { description: 'Last day of validity (有效期至)' })
  @Column({ type: 'date' })
  validUntil: string;

  @Field(() => PaymentLicenceAdministrativeStatus)
  @Column({ type: 'varchar', length: 16 })
  administrativeStatus: PaymentLicenceAdministrativeStatus;

  @Field(() => String, { nullable: true, description: 'Reason of the latest administrative decision' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  statusReason: string | null;

  @Field({ description: 'Version of the licence rules its validity was computed or checked with' })
  @Column({ type: 'varchar', length: 40 })
  rulesVersion: string;

  @CreateDateColumn()
  createdAt: Date;
}
