import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../../shared/graphql/scalars';
import { QualitySpotCheckResult } from '../enums';

@Access(ShareClass.PUBLIC)
@ObjectType({ description: 'A product quality spot check (产品质量监督抽查) of goods the operator sells online' })
@Entity('quality_spot_check')
export class QualitySpotCheck {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => String, { nullable: true, description: 'Sample or test report number (抽样单编号/检验报告编号), unique' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80, nullable: true })
  sampleNumber: string | null;

  @Field({ description: 'Product sampled' })
  @Column({ type: 'varchar', length: 200 })
  product: string;

  @Field({ description: 'Batch or production date of the sample' })
  @Column({ type: 'varchar', length: 60 })
  batch: string;

  @Field(() => QualitySpotCheckResult)
  @Column({ type: 'varchar', length: 20 })
  result: QualitySpotCheckResult;

  @Field(() => String, { nullable: true, description: 'Items that failed, when unqualified' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  unqualifiedItems: string | null;

  @Field({ description: 'Whether the result has been published' })
  @Column({ type: 'boolean' })
  published: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'Date the result was published (公布日期); null while unpublished or not recorded' })
  @Column({ type: 'date', nullable: true })
  publishedOn: string | null;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  checkedOn: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  authority: string;

  @WithdrawnOnColumn(ShareClass.GOV_SHARED)
  withdrawnOn: string | null;

  @WithdrawalReasonColumn(ShareClass.GOV_SHARED)
  withdrawalReason: string | null;

  @CorrectionColumn()
  correction: string | null;

  @CorrectedOnColumn()
  correctedOn: string | null;
}
