import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../../shared/graphql/scalars';

@Access(ShareClass.GOV_SHARED, { platforms: true })
@ObjectType('MarketRegulationPlatformRegistration', {
  description:
    "An entry of a platform's report of its verified in-platform operators (平台内经营者身份核验登记, E-commerce Law art. 27-28)",
})
@Entity('platform_registration')
@Index(['platformId', 'operatorUscc', 'reportingPeriod'], { unique: true })
export class PlatformRegistration {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Credit code of the in-platform operator' })
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Identifier of the reporting platform (the commerce subgraph owns the platform itself)' })
  @Column({ type: 'varchar', length: 40 })
  platformId: string;

  @Field(() => DateTimeScalar, { description: "When the platform verified the operator's identity" })
  @Column({ type: Date })
  verifiedAt: Date;

  @Field({ description: 'Half-year reporting period, e.g. 2026-H1 (reported in July) or 2026-H2 (reported in January)' })
  @Index()
  @Column({ type: 'varchar', length: 7 })
  reportingPeriod: string;

  @Field(() => String, { nullable: true, description: 'Name of the operator as the platform verified it (null on older reports)' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  operatorName: string | null;

  @Field(() => String, { nullable: true, description: 'Registered address as verified (null on older reports)' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  registeredAddress: string | null;

  @Access(ShareClass.PII, { mask: 'PHONE' })
  @Field(() => String, { nullable: true, description: 'Contact telephone as verified (null on older reports)' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  contactPhone: string | null;

  @Field(() => String, { nullable: true, description: 'Business licence or permit number as verified (null on older reports)' })
  @Column({ type: 'varchar', length: 60, nullable: true })
  licenceNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Shop address (网店地址) as verified (null on older reports)' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  shopAddress: string | null;

  @Field(() => DateTimeScalar, { description: 'When market regulation received the report' })
  @Column({ type: Date })
  reportedAt: Date;
}
