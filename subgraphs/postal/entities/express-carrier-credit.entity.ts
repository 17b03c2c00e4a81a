import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';

/**
 * The credit evaluation score of an express company for one year. The grade is not stored: it is
 * read from the grade scale in force for that year (rules/postal-rules.ts).
 */
@ObjectType({
  description:
    'Express company credit grade (快递企业信用等级) for one year; the grade comes from the versioned grade scale',
})
@Entity('express_carrier_credit')
@Index(['carrierCode', 'year'], { unique: true })
@Access(ShareClass.PUBLIC)
export class ExpressCarrierCreditGrade {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  carrierCode: string;

  @Field(() => Int, { description: 'Evaluation year' })
  @Index()
  @Column({ type: 'int' })
  year: number;

  @Field(() => Int, { description: 'Credit evaluation score, 0-100' })
  @Column({ type: 'int' })
  score: number;

  @Field(() => DateScalar, { description: 'Date the evaluation was published' })
  @Column({ type: 'date' })
  evaluatedOn: string;
}
