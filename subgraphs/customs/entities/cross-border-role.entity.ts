import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';
import { CrossBorderRegime, CrossBorderRoleKind } from './enums';

@ObjectType({
  description: 'Registration of an enterprise in a cross-border e-commerce role (跨境电子商务企业注册登记)',
})
@Entity('cross_border_role')
@Access(ShareClass.PUBLIC)
@Index(['operatorUscc', 'kind'], { unique: true })
export class CrossBorderRole {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => CrossBorderRoleKind)
  @Index()
  @Column({ type: 'varchar', length: 24 })
  kind: CrossBorderRoleKind;

  @Field(() => [CrossBorderRegime], { description: 'Supervision regimes the enterprise operates under' })
  @Column({ type: 'simple-array' })
  regimes: CrossBorderRegime[];

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  registeredOn: string;

  /**
   * Not stored: set when the role is read through `Operator.crossBorderRoles`, from the permits and
   * licences postal and finance published to customs (ReceivedQualification).
   */
  qualificationHeld?: boolean | null;

  @CreateDateColumn()
  createdAt: Date;
}
