import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar, DateTimeScalar } from '../../../shared/graphql/scalars';
import { SubjectType } from './operator.entity';
import { MarketRegulationRiskClass } from '../enums';

@Access(ShareClass.PUBLIC)
@ObjectType('InspectionDrawClassCount', { description: 'How many operators of a class were in the population and drawn' })
export class InspectionDrawClassCount {
  @Field(() => MarketRegulationRiskClass, { description: 'Sampling class (risk class raised by joint measures)' })
  riskClass: MarketRegulationRiskClass;
  @Field(() => Int) population: number;
  @Field(() => Int) drawn: number;
  @Field(() => Int, { description: 'Configured ratio in percent; drawn = ceil(population × percent / 100)' }) percent: number;
}

@Access(ShareClass.PUBLIC)
@ObjectType('InspectionDrawPopulation', { description: 'The population a draw was made from (absent filter: all)' })
export class InspectionDrawPopulation {
  @Field(() => String, { nullable: true }) districtCode: string | null;
  @Field(() => String, { nullable: true }) platformId: string | null;
  @Field(() => SubjectType, { nullable: true }) subjectType: SubjectType | null;
}

/** A "double random" sampling draw (双随机抽取), recorded for publication (一公开). */
@Access(ShareClass.PUBLIC)
@ObjectType({ description: 'A "double random, one public" sampling draw (双随机抽取), published' })
@Entity('inspection_draw')
export class InspectionDraw {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => DateScalar, { description: 'Day of the draw; the risk classes of its month apply' })
  @Index()
  @Column({ type: 'date' })
  drawnOn: string;

  @Column({ type: 'varchar', length: 6, nullable: true })
  districtCode: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  platformId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  subjectType: SubjectType | null;

  /** The seed: revealed to the public once every drawn operator is inspected (see the resolver). */
  @Column({ type: 'varchar', length: 128 })
  seed: string;

  @Field({ description: 'SHA-256 (hex) of the seed, published at the draw: commits to the seed before it is revealed' })
  @Column({ type: 'varchar', length: 64 })
  seedSha256: string;

  @Field({ description: 'Version of the sampling rules (ratios per class) the draw used' })
  @Column({ type: 'varchar', length: 40 })
  rulesVersion: string;

  @Field(() => [InspectionDrawClassCount], { description: 'Population, drawn count and ratio per sampling class' })
  @Column({ type: 'simple-json' })
  classCounts: InspectionDrawClassCount[];

  @Field(() => Int, { description: 'Operators in the population' })
  @Column({ type: 'int' })
  populationCount: number;

  @Field(() => Int, { description: 'Operators drawn' })
  @Column({ type: 'int' })
  drawnCount: number;

  @Access(ShareClass.GOV_SHARED)
  @Field(() => [String], { nullable: true, description: 'Inspectors the draw assigned from (执法检查人员名录); agencies only' })
  @Column({ type: 'simple-json' })
  roster: string[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Field({ description: 'Authority that made the draw' })
  @Column({ type: 'varchar', length: 100 })
  authority: string;

  @Field(() => DateTimeScalar)
  @CreateDateColumn()
  createdAt: Date;
}

/** One operator drawn, its sampling class and assigned inspector, and the inspection once recorded. */
@Access(ShareClass.GOV_SHARED)
@ObjectType({ description: 'An operator drawn for inspection and the inspector assigned (not public before the inspection)' })
@Entity('inspection_draw_selection')
@Index(['drawId', 'operatorUscc'], { unique: true })
export class InspectionDrawSelection {
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID)
  @Index()
  @Column({ type: 'int' })
  drawId: number;

  @Field()
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => MarketRegulationRiskClass)
  @Column({ type: 'varchar', length: 1 })
  samplingClass: MarketRegulationRiskClass;

  @Field({ description: 'Inspector assigned at random from the roster' })
  @Column({ type: 'varchar', length: 50 })
  inspector: string;

  @Field(() => ID, { nullable: true, description: 'The inspection recorded against this draw; null until recorded' })
  @Column({ type: 'int', nullable: true })
  inspectionId: number | null;
}
