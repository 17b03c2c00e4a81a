import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { CreditEvidence } from '../../../shared/credit-signal/graphql';
import { DateTimeScalar } from '../../../shared/graphql/scalars';
import type { CreditGrade } from '../rules/credit-assessment';

export const CreditAssessmentGrade = { A: 'A', B: 'B', C: 'C', D: 'D' } as const satisfies { [G in CreditGrade]: G };
registerEnumType(CreditAssessmentGrade, {
  name: 'CreditAssessmentGrade',
  description: 'Grade of the comprehensive credit assessment, A (best) to D; the risk class follows it',
  valuesConfig: {
    A: { description: 'Trustworthy (诚信)' },
    B: { description: 'Generally trustworthy (一般)' },
    C: { description: 'Less trustworthy (较差)' },
    D: { description: 'Dishonest (失信)' },
  },
});

@ObjectType({ description: 'One weighed factor of an assessment: an agency signal factor with the weight the model gave it' })
@Access(ShareClass.PUBLIC)
export class CreditAssessmentFactor {
  @Field({ description: 'The agency whose signal holds the factor' })
  agency: string;

  @Field()
  code: string;

  @Field()
  label: string;

  @Field(() => Float, { description: 'Points per unit of value in the model version used (0: shown, not weighed)' })
  weight: number;

  @Field(() => Float)
  value: number;

  @Field(() => Float, { description: 'value × weight, within the factor\'s floor or ceiling' })
  contribution: number;

  @Field(() => [CreditEvidence])
  evidence: CreditEvidence[];

  @Field(() => DateTimeScalar, { description: 'When the agency derived the signal holding it' })
  asOf: string;
}

@ObjectType({ description: 'A cap that limited the grade: e.g. on the serious list ⇒ grade D at best' })
@Access(ShareClass.PUBLIC)
export class CreditGradeCap {
  @Field({ description: 'Factor code that triggers the cap' })
  factor: string;

  @Field(() => CreditAssessmentGrade, { description: 'Best grade allowed' })
  grade: CreditGrade;
}

@ObjectType({ description: 'An agency signal an assessment used, and how recent it was' })
@Access(ShareClass.PUBLIC)
export class CreditAssessmentSignal {
  @Field()
  agency: string;

  @Field(() => DateTimeScalar)
  asOf: string;
}

/**
 * The comprehensive credit assessment of an operator (综合信用评价, issue 9 part 2), computed by market regulation from
 * the five agencies' signals under a versioned model. Append-only: a new row whenever the result changes; `current`
 * marks the one in force.
 */
@ObjectType({
  description:
    'Comprehensive credit assessment (综合信用评价) from every agency\'s signal. Score, grade, model and time are public; ' +
    'factors are for agencies, the operator itself and evaluators it consented to',
})
@Entity('credit_assessment')
@Index(['operatorUscc', 'current'])
export class CreditAssessment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Column({ type: 'boolean' })
  current: boolean;

  @Access(ShareClass.PUBLIC)
  @Field(() => Int, { description: '0-1000, higher is better; recomputable from the factors under modelVersion' })
  @Column({ type: 'int' })
  score: number;

  @Access(ShareClass.PUBLIC)
  @Field(() => CreditAssessmentGrade)
  @Column({ type: 'varchar', length: 1 })
  grade: CreditGrade;

  @Access(ShareClass.PUBLIC)
  @Field({ description: 'Version of the assessment model used (weights, thresholds, caps)' })
  @Column({ type: 'varchar', length: 40 })
  modelVersion: string;

  @Access(ShareClass.PUBLIC)
  @Field(() => DateTimeScalar)
  @Column({ type: 'varchar', length: 30 })
  assessedAt: string;

  @Access(ShareClass.AUTHORIZED_QUERY)
  @Field(() => [CreditAssessmentFactor], { nullable: true, description: 'Every factor of the signals used, with weight and contribution' })
  @Column({ type: 'simple-json' })
  factors: CreditAssessmentFactor[];

  @Access(ShareClass.AUTHORIZED_QUERY)
  @Field(() => [CreditGradeCap], { nullable: true, description: 'Caps that applied (the grade is the worst of the score\'s grade and these)' })
  @Column({ type: 'simple-json' })
  caps: CreditGradeCap[];

  @Access(ShareClass.AUTHORIZED_QUERY)
  @Field(() => [CreditAssessmentSignal], {
    nullable: true,
    description: 'Agency signals used; an agency with none has nothing on record about the operator (its factors count 0)',
  })
  @Column({ type: 'simple-json' })
  signals: CreditAssessmentSignal[];

  /** What caused the assessment (the event or sweep), for the audit of how a grade came about. */
  @Column({ type: 'varchar', length: 80 })
  trigger: string;
}
