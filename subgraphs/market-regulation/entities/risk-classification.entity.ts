import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../../shared/graphql/scalars';
import { MarketRegulationRiskClass } from '../enums';

@Access(ShareClass.GOV_SHARED, { platforms: true })
@ObjectType('MarketRegulationRiskClassification', {
  description:
    'Credit risk classification of an operator for a month (企业信用风险分类结果), derived from its credit assessment; ' +
    'a class stands until the next',
})
@Entity('risk_classification')
@Index(['operatorUscc', 'month'], { unique: true })
export class RiskClassification {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => MarketRegulationRiskClass)
  @Column({ type: 'varchar', length: 1 })
  class: MarketRegulationRiskClass;

  @Field({ description: 'Month of the classification, e.g. 2026-10' })
  @Index()
  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Field({ description: 'Version of the credit assessment model whose result it derives from' })
  @Column({ type: 'varchar', length: 40 })
  modelVersion: string;

  @Field(() => Int, { description: 'Score of the credit assessment it derives from, 0-1000 (higher is better)' })
  @Column({ type: 'int' })
  score: number;

  @Field(() => String, { nullable: true, description: 'Version of the classification rule (assessment grade → class) applied' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  classificationVersion: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the class was last determined in that month' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  classifiedAt: string | null;

  /** The assessment it derives from (credit_assessment.id). */
  @Column({ type: 'integer', nullable: true })
  assessmentId: number | null;
}
