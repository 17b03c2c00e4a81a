import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar, DateTimeScalar } from '../../../shared/graphql/scalars';
import type { EvaluationFigures, PlatformEvaluationRulesVersion } from '../rules/credit-evaluation';
import { OperatorCreditGrade } from './operator-credit-evaluation.entity';

export enum PlatformRuleDocumentKind {
  SERVICE_AGREEMENT = 'SERVICE_AGREEMENT',
  TRANSACTION_RULES = 'TRANSACTION_RULES',
  CREDIT_EVALUATION_RULES = 'CREDIT_EVALUATION_RULES',
}
registerEnumType(PlatformRuleDocumentKind, {
  name: 'PlatformRuleDocumentKind',
  description:
    'Kind of platform rule document: platform service agreement (平台服务协议), transaction rules (交易规则), ' +
    'credit evaluation rules (信用评价规则)',
});

@ObjectType({ description: 'Weights of the four evaluation indicators, in percent adding up to 100' })
@Access(ShareClass.PUBLIC)
export class PlatformEvaluationWeights {
  @Field(() => Int) overallSatisfaction: number;
  @Field(() => Int) productQuality: number;
  @Field(() => Int) brandReputation: number;
  @Field(() => Int) afterSalesService: number;
}

@ObjectType({ description: 'The lowest score of a grade' })
@Access(ShareClass.PUBLIC)
export class PlatformGradeThreshold {
  @Field(() => OperatorCreditGrade) grade: OperatorCreditGrade;
  @Field(() => Float) minimumScore: number;
}

@ObjectType({
  description:
    "The figures of a platform's published credit evaluation rules (E-Commerce Law art. 39): the platform's evaluations " +
    'dated while the version is in force are graded by them',
})
@Access(ShareClass.PUBLIC)
export class PlatformEvaluationRules {
  @Field(() => PlatformEvaluationWeights) weightsPercent: PlatformEvaluationWeights;
  @Field(() => [PlatformGradeThreshold], { description: 'Best grade first' }) gradeThresholds: PlatformGradeThreshold[];
}

/**
 * One published version of a platform's service agreement, transaction rules or credit evaluation rules.
 * Versions are numbered per platform and kind; a version is never edited, a change is a new version.
 */
@ObjectType({
  description:
    'A version of a platform rule document (平台规则), published after public consultation and in force ' +
    'from its effective date (E-Commerce Law art. 33-34)',
})
@Entity('platform_rule_document')
@Index(['platformId', 'kind', 'version'], { unique: true })
@Access(ShareClass.PUBLIC)
export class PlatformRuleDocument {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Identifier of the platform that published the document' })
  @Column({ type: 'varchar', length: 40 })
  platformId: string;

  @Field(() => PlatformRuleDocumentKind)
  @Column({ type: 'varchar', length: 32 })
  kind: PlatformRuleDocumentKind;

  @Field(() => Int, { description: 'Version number, 1, 2, ... per platform and kind' })
  @Column({ type: 'int' })
  version: number;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => DateScalar, { description: 'Day the public consultation on this version started (公开征求意见)' })
  @Column({ type: 'date' })
  consultationStartsOn: string;

  @Field(() => DateScalar, { description: 'Day the final text was published on the platform home page' })
  @Column({ type: 'date' })
  publishedOn: string;

  @Field(() => DateScalar, {
    description: 'Day the version takes effect; at least the notice period (7 days) after publication',
  })
  @Column({ type: 'date' })
  effectiveOn: string;

  @Field({ description: 'Summary of the changes' })
  @Column({ type: 'varchar', length: 2000 })
  summary: string;

  @Field(() => PlatformEvaluationRules, {
    nullable: true,
    description: 'CREDIT_EVALUATION_RULES only: the weights and grade thresholds the document publishes; null for other kinds',
  })
  @Column({ type: 'simple-json', nullable: true })
  evaluationRules: EvaluationFigures | null;

  @Field(() => DateTimeScalar, { description: 'When commerce recorded the publication' })
  @CreateDateColumn()
  recordedAt: Date;
}

/** A platform's CREDIT_EVALUATION_RULES versions, as the grading of its evaluations reads them. */
export function platformEvaluationRules(documents: readonly PlatformRuleDocument[]): PlatformEvaluationRulesVersion[] {
  return documents
    .filter((d) => d.kind === PlatformRuleDocumentKind.CREDIT_EVALUATION_RULES)
    .map((d) => ({ platformId: d.platformId, version: d.version, effectiveOn: d.effectiveOn, figures: d.evaluationRules ?? null }));
}
