import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';
import { CustomsDishonestyGround } from './enums';

@ObjectType({ description: 'A customs finding that an enterprise is dishonest (失信企业认定), with its ground' })
@Entity('customs_dishonesty_finding')
@Access(ShareClass.GOV_SHARED) // case details: agencies, admins and the operator itself
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

  @Field(() => String, {
    nullable: true,
    description: 'Internal note of the investigating customs office (raw evidence, leads); customs and admins only',
  })
  @Access(ShareClass.AGENCY_PRIVATE, { agency: 'customs' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  internalNote: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
