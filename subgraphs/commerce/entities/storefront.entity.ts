import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../../shared/graphql/scalars';

@ObjectType({ description: 'A shop an operator runs on an e-commerce platform (网店)' })
@Entity('storefront')
@Index(['platformId', 'shopId'], { unique: true })
@Access(ShareClass.PUBLIC)
export class Storefront {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Platform identifier, e.g. taobao' })
  @Column({ type: 'varchar', length: 40 })
  platformId: string;

  @Field({ description: "The platform's own shop identifier" })
  @Index()
  @Column({ type: 'varchar', length: 60 })
  shopId: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  shopName: string;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  url: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  openedOn: string;
}
