import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateTimeScalar } from '../../../shared/graphql/scalars';

/**
 * Parcel volume of one carrier for one operator in one month, with the counts of the features of
 * empty-parcel fake transactions (空包) the carrier observed. A corrected report replaces the counts
 * and increments `revision`.
 */
@ObjectType('ParcelVolumeStatistic', {
  description: 'Parcel volume of one carrier for one operator in one month (寄递业务量), with empty-parcel (空包) features',
})
@Entity('parcel_statistic')
@Index(['operatorUscc', 'carrierCode', 'period'], { unique: true })
@Access(ShareClass.GOV_SHARED)
export class ParcelStatistic {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  carrierCode: string;

  @Field({ description: 'Calendar month, e.g. 2026-10' })
  @Index()
  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Field(() => Int, { description: 'Parcels shipped' })
  @Column({ type: 'int' })
  parcels: number;

  @Field(() => Int, { description: 'Parcels with no pickup scan (无揽收扫描)' })
  @Column({ type: 'int' })
  noPickupScanCount: number;

  @Field(() => Int, { description: 'Parcels of implausibly low weight (重量异常偏低)' })
  @Column({ type: 'int' })
  lowWeightCount: number;

  @Field(() => Int, { description: 'Parcels on bulk-bought waybill numbers (批量购买面单)' })
  @Column({ type: 'int' })
  bulkWaybillCount: number;

  @Field(() => Int, { description: 'Parcels to recipient addresses reused across shops (收件地址跨店重复)' })
  @Column({ type: 'int' })
  reusedRecipientCount: number;

  @Field(() => Int, { description: 'Parcels signed off implausibly soon after pickup (即时签收)' })
  @Column({ type: 'int' })
  instantSignOffCount: number;

  @Field(() => Int, { description: 'Number of reports for this carrier, operator and month (1 = never corrected)' })
  @Column({ type: 'int' })
  revision: number;

  @Field(() => DateTimeScalar, { description: 'When the latest report was received' })
  @Column({ type: Date })
  reportedAt: Date;
}
