import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { fenToYuan, fenTransformer } from '../../../shared/database/columns';

/** E-commerce statistics of one district in one month (电子商务统计), as reported to commerce. */
@ObjectType({ description: 'Monthly e-commerce statistics of one Guangzhou district (电子商务统计)' })
@Entity('ecommerce_monthly_statistic')
@Index(['districtCode', 'month'], { unique: true })
@Access(ShareClass.PUBLIC)
export class EcommerceMonthlyStatistic {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'District code, e.g. 440106 (Tianhe)' })
  @Column({ type: 'varchar', length: 6 })
  districtCode: string;

  @Field({ description: 'Month, `YYYY-MM`' })
  @Index()
  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Field(() => Int, { description: 'Operators with at least one order in the month' })
  @Column({ type: 'int' })
  activeOperatorCount: number;

  @Field(() => Int, { description: 'Number of orders' })
  @Column({ type: 'int' })
  orderCount: number;

  @Column({ type: 'bigint', transformer: fenTransformer })
  gmvFen: number;

  @Column({ type: 'bigint', transformer: fenTransformer })
  onlineRetailSalesFen: number;

  @Field({ description: 'Gross merchandise volume (网络交易额), yuan (decimal string)' })
  get gmv(): string {
    return fenToYuan(this.gmvFen) ?? '0.00';
  }

  @Field({ description: 'Online retail sales (网上零售额), yuan (decimal string)' })
  get onlineRetailSales(): string {
    return fenToYuan(this.onlineRetailSalesFen) ?? '0.00';
  }
}
