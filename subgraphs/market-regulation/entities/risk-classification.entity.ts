import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MarketRegulationRiskClass } from '../enums';

@Access(ShareClass.GOV_SHARED, { platforms: true })
@ObjectType('MarketRegulationRiskClassification', {
  description: 'Monthly credit risk classification of an operator (企业信用风险分类结果)',
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

  @Field({ description: 'Version of the classification model that produced it' })
  @Column({ type: 'varchar', length: 40 })
  modelVersion: string;

  @Field(() => Int, { description: 'Model score 0-1000 (higher is riskier)' })
  @Column({ type: 'int' })
  score: number;
}
