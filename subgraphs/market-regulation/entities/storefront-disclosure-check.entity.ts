import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../../shared/graphql/scalars';

@Access(ShareClass.GOV_SHARED)
@ObjectType({
  description: 'A check that a storefront displays the business licence and permits (亮照亮证检查, E-commerce Law art. 15)',
})
@Entity('storefront_disclosure_check')
// One check of a storefront at one moment: a repeated submission is a duplicate.
@Index(['platformId', 'shopId', 'checkedAt'], { unique: true })
export class StorefrontDisclosureCheck {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { nullable: true, description: 'Credit code of the checked operator; null for an exempt subject' })
  @Index()
  @Column({ type: 'varchar', length: 18, nullable: true })
  operatorUscc: string | null;

  // Art. 15 asks exempt subjects to display their exemption as operators display their licence: the same check.
  @Field(() => String, {
    nullable: true,
    description: 'Identifier (EX-<district>-<sequence>) of the checked subject exempt from registration; null for an operator',
  })
  @Index()
  @Column({ type: 'varchar', length: 16, nullable: true })
  exemptSubjectId: string | null;

  @Field(() => String, { nullable: true, description: "Platform of the checked storefront, by commerce's storefront registry" })
  @Column({ type: 'varchar', length: 40, nullable: true })
  platformId: string | null;

  @Field(() => String, { nullable: true, description: "The platform's shop identifier of the checked storefront" })
  @Column({ type: 'varchar', length: 60, nullable: true })
  shopId: string | null;

  @Field({ description: 'Address of the checked storefront page' })
  @Column({ type: 'varchar', length: 300 })
  url: string;

  @Field({
    description:
      'Whether the business licence information (for an exempt subject: its exemption, 不需要办理市场主体登记) was displayed prominently on the storefront',
  })
  @Column({ type: 'boolean' })
  licenseShown: boolean;

  @Field(() => DateTimeScalar)
  @Column({ type: Date })
  checkedAt: Date;

  @Field({ description: 'Whether the storefront met all disclosure duties (licence, permits, changes, exit notice)' })
  @Column({ type: 'boolean' })
  compliant: boolean;

  @Field(() => String, { nullable: true, description: 'What was missing, when not compliant' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  findings: string | null;
}
