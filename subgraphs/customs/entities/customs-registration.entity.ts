import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';
import { CustomsRegistrationStatus } from './enums';

/** Registration of an operator with customs (海关注册登记 / 备案), identified by its 10-digit customs code. */
@ObjectType({ description: 'Customs registration (海关注册登记) of an enterprise, with its 10-digit customs code' })
@Entity('customs_registration')
@Access(ShareClass.PUBLIC) // as on the customs credit publicity platform
export class CustomsRegistration {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({
    description:
      'Customs code (海关编码), 10 digits: 1-4 region (4401 Guangzhou), 5 economic zone, 6 enterprise type, 7-10 sequence',
  })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 10 })
  customsCode: string;

  @Field(() => DateScalar, { description: 'Date of registration with customs' })
  @Column({ type: 'date' })
  registeredOn: string;

  @Field({ description: 'Customs office that registered the enterprise, e.g. 广州海关' })
  @Column({ type: 'varchar', length: 60 })
  registeringOffice: string;

  @Field(() => CustomsRegistrationStatus)
  @Index()
  @Column({ type: 'varchar', length: 16 })
  status: CustomsRegistrationStatus;

  @CreateDateColumn()
  createdAt: Date;
}
