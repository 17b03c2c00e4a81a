import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../../shared/graphql/scalars';

export enum OperatorCreditEvaluatorKind {
  PLATFORM = 'PLATFORM',
  THIRD_PARTY = 'THIRD_PARTY',
  GOVERNMENT_COMPOSITE = 'GOVERNMENT_COMPOSITE',
}
registerEnumType(OperatorCreditEvaluatorKind, {
  name: 'OperatorCreditEvaluatorKind',
  description:
    'Who evaluated: the platform (平台评价), a third-party credit service agency (第三方信用服务机构), or, on older ' +
    'records only, the government comprehensive evaluation (政府综合评价)',
  valuesConfig: {
    GOVERNMENT_COMPOSITE: {
      description:
        'History only: the composite was typed in by hand; it is now derived by market regulation ' +
        '(Operator.creditAssessment) and can no longer be recorded',
    },
  },
});

export enum CreditEvaluationStandard {
  GB_T_36312_2018 = 'GB_T_36312_2018',
  GB_T_26842_2011 = 'GB_T_26842_2011',
}
registerEnumType(CreditEvaluationStandard, {
  name: 'CreditEvaluationStandard',
  description: 'National standard the evaluation follows',
  valuesConfig: {
    GB_T_36312_2018: {
      description: 'GB/T 36312-2018 Credit evaluation of enterprises on third-party e-commerce platforms (电子商务第三方平台企业信用评价规范)',
    },
    GB_T_26842_2011: {
      description: 'GB/T 26842-2011 Credit evaluation indicators of e-commerce transaction parties (基于电子商务活动的交易主体 企业信用评价指标与等级表示规范)',
    },
  },
});

export enum OperatorCreditGrade {
  AAA = 'AAA',
  AA = 'AA',
  A = 'A',
  BBB = 'BBB',
  BB = 'BB',
  B = 'B',
  CCC = 'CCC',
  CC = 'CC',
  C = 'C',
}
registerEnumType(OperatorCreditGrade, {
  name: 'OperatorCreditGrade',
  description: 'Credit grade (信用等级) from AAA (best) to C (worst), by the versioned grade thresholds',
});

/**
 * A credit evaluation of an operator. The four indicators are recorded; score and grade are derived from them
 * (OperatorCreditEvaluationResolver): a platform's evaluation by the platform's own credit evaluation rules in force on
 * the evaluation date, a third party's by the city's fallback table (rules/credit-evaluation.ts).
 */
@ObjectType({ description: 'An operator credit evaluation (经营者信用评价) with the four indicators' })
@Entity('operator_credit_evaluation')
@Access(ShareClass.AUTHORIZED_QUERY)
export class OperatorCreditEvaluation {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => String, { nullable: true, description: 'Platform whose operators are evaluated, if any' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  platformId: string | null;

  @Field(() => OperatorCreditEvaluatorKind)
  @Column({ type: 'varchar', length: 24 })
  evaluatorKind: OperatorCreditEvaluatorKind;

  @Field({ description: 'Name of the evaluating platform, agency or authority' })
  @Column({ type: 'varchar', length: 200 })
  evaluatorName: string;

  @Field(() => CreditEvaluationStandard)
  @Column({ type: 'varchar', length: 24 })
  standard: CreditEvaluationStandard;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  evaluatedOn: string;

  @Field(() => Int, { description: 'Overall satisfaction (综合满意度), 0-100' })
  @Column({ type: 'int' })
  overallSatisfaction: number;

  @Field(() => Int, { description: 'Product quality (商品质量), 0-100' })
  @Column({ type: 'int' })
  productQuality: number;

  @Field(() => Int, { description: 'Brand reputation (品牌信誉), 0-100' })
  @Column({ type: 'int' })
  brandReputation: number;

  @Field(() => Int, { description: 'After-sales service (售后服务), 0-100' })
  @Column({ type: 'int' })
  afterSalesService: number;
}
