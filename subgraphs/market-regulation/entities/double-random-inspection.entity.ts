import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../../shared/graphql/scalars';
import { DoubleRandomInspectionResult } from '../enums';

@Access(ShareClass.GOV_SHARED)
@ObjectType({ description: 'A "double random, one public" inspection (双随机、一公开 抽查检查)' })
@Entity('double_random_inspection')
export class DoubleRandomInspection {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Inspection task (抽查任务)' })
  @Column({ type: 'varchar', length: 200 })
  task: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  inspectedOn: string;

  @Field({ description: 'Whether inspectors checked on site (实地检查)' })
  @Column({ type: 'boolean' })
  onSite: boolean;

  @Field(() => DoubleRandomInspectionResult)
  @Column({ type: 'varchar', length: 30 })
  result: DoubleRandomInspectionResult;

  /** Raw findings of the inspectors (evidence): market regulation's own. */
  @Access(ShareClass.AGENCY_PRIVATE, { agency: 'market-regulation' })
  @Field(() => String, { nullable: true, description: "Inspectors' raw findings (market regulation only)" })
  @Column({ type: 'varchar', length: 500, nullable: true })
  findings: string | null;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  authority: string;

  @Field(() => ID, { nullable: true, description: 'The sampling draw the inspection was made under (inspectionDraws)' })
  @Index()
  @Column({ type: 'int', nullable: true })
  drawId: number | null;
}
