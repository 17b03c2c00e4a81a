import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';

/** An express delivery company (快递企业) supervised by the postal administration. */
@ObjectType({ description: 'Express delivery company (快递企业), identified by a short carrier code' })
@Entity('express_carrier')
@Access(ShareClass.PUBLIC)
export class ExpressCarrier {
  @Field({ description: 'Carrier code, e.g. SF, ZTO, EMS' })
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Field({ description: 'Registered name of the express company' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field({ description: "The company's unified social credit code (统一社会信用代码)" })
  @Column({ type: 'varchar', length: 18 })
  creditCode: string;
}
