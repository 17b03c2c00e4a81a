import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../../shared/graphql/scalars';
import { MarketRegulationActionKind } from '../enums';

@Access(ShareClass.GOV_SHARED, { platforms: true })
@ObjectType('MarketRegulationAction', {
  description: 'A step of regulatory escalation against an operator, a platform company or an exempt subject: interview (约谈) → notice (通报) → penalty',
})
@Entity('regulatory_action')
export class RegulatoryAction {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { nullable: true, description: 'Credit code of the operator subject; null when the subject is a platform or an exempt subject' })
  @Index()
  @Column({ type: 'varchar', length: 18, nullable: true })
  operatorUscc: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Identifier of the platform whose operating company (平台经营者) is the subject; null when the subject is an operator",
  })
  @Index()
  @Column({ type: 'varchar', length: 40, nullable: true })
  platformId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Credit code of the platform's operating company when the action was taken, from commerce's platform registry",
  })
  @Column({ type: 'varchar', length: 18, nullable: true })
  platformOperatingCompanyUscc: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Identifier (EX-<district>-<sequence>) of the subject exempt from registration that is the subject; null otherwise',
  })
  @Index()
  @Column({ type: 'varchar', length: 16, nullable: true })
  exemptSubjectId: string | null;

  @Field(() => String, { nullable: true, description: 'Document number of the interview notice or circular (文书编号), unique' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80, nullable: true })
  documentNumber: string | null;

  @Field(() => MarketRegulationActionKind)
  @Column({ type: 'varchar', length: 20 })
  kind: MarketRegulationActionKind;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  takenOn: string;

  @Field()
  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  authority: string;

  @Field(() => String, { nullable: true, description: 'Penalty decision number, for a PENALTY step' })
  @Column({ type: 'varchar', length: 80, nullable: true })
  decisionNumber: string | null;
}
