import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../../shared/graphql/scalars';
import { CustomsDishonestyGround } from './enums';

@ObjectType({ description: 'A customs finding that an enterprise is dishonest (失信企业认定), with its ground' })
@Entity('customs_dishonesty_finding')
export class CustomsDishonestyFinding {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => CustomsDishonestyGround)
  @Index()
  @Column({ type: 'varchar', length: 24 })
  ground: CustomsDishonestyGround;

  @Field({ description: 'Facts found (认定事实)' })
  @Column({ type: 'varchar', length: 1000 })
  facts: string;

  @Field(() => DateScalar, { description: 'Date of the finding' })
  @Index()
  @Column({ type: 'date' })
  foundOn: string;

  @Field(() => String, { nullable: true, description: 'Number of the finding decision, when issued' })
  @Column({ type: 'varchar', length: 80, nullable: true })
  decisionNumber: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
