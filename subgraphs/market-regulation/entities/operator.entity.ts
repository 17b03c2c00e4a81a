import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { fenTransformer } from '../../../shared/database/columns';

export enum SubjectType {
  ENTERPRISE = 'ENTERPRISE',
  INDIVIDUAL_BUSINESS = 'INDIVIDUAL_BUSINESS',
  FARMERS_COOPERATIVE = 'FARMERS_COOPERATIVE',
  OTHER = 'OTHER',
}
registerEnumType(SubjectType, { name: 'SubjectType', description: 'Market subject type (市场主体类型)' });

export enum RegistrationStatus {
  EXISTING = 'EXISTING',
  REVOKED = 'REVOKED',
  CANCELLED = 'CANCELLED',
  MOVED_OUT = 'MOVED_OUT',
}
registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: 'Registration status: existing (存续), licence revoked (吊销), cancelled (注销), moved out (迁出)',
});

/**
 * An e-commerce operator as registered with market regulation. The GraphQL `Operator` entity is keyed
 * by its unified social credit code; every other subgraph contributes fields to the same entity.
 */
@Access(ShareClass.PUBLIC)
@ObjectType({ description: 'An e-commerce operator (电子商务经营者), keyed by its unified social credit code' })
@Directive('@key(fields: "uscc")')
@Entity('operator')
export class Operator {
  @Field(() => ID, { description: 'Unified social credit code (统一社会信用代码)' })
  @PrimaryColumn({ type: 'varchar', length: 18 })
  uscc: string;

  @Field({ description: 'Registered name (名称)' })
  @Index()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => SubjectType)
  @Column({ type: 'varchar', length: 32 })
  subjectType: SubjectType;

  @Column({ type: 'varchar', length: 50 })
  legalRepresentativeName: string;

  @Column({ type: 'varchar', length: 18 })
  legalRepresentativeIdNumber: string;

  @Column({ type: 'varchar', length: 20 })
  legalRepresentativePhone: string;

  @Column({ type: 'bigint', transformer: fenTransformer })
  registeredCapitalFen: number;

  @Column({ type: 'varchar', length: 300 })
  address: string;

  @Index()
  @Column({ type: 'varchar', length: 6 })
  districtCode: string;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  status: RegistrationStatus;

  @Column({ type: 'date' })
  establishedOn: string;

  /** Registering authority (登记机关). */
  @Column({ type: 'varchar', length: 100 })
  registrationAuthority: string;

  @CreateDateColumn()
  createdAt: Date;
}
