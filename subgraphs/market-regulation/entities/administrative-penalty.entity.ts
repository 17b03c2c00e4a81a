import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../../shared/database/columns';
import { DateScalar } from '../../../shared/graphql/scalars';
import { MarketRegulationLawField, MarketRegulationPenaltyCategory, MarketRegulationPenaltySeverity } from '../enums';

@Access(ShareClass.PUBLIC)
@ObjectType('MarketRegulationPenalty', {
  description: 'An administrative penalty decided by market regulation (行政处罚, "double publicity" fields)',
})
@Entity('administrative_penalty')
export class AdministrativePenalty {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Decision document number (行政处罚决定书文号), unique' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80 })
  decisionNumber: string;

  @Field({ description: 'Type of violation (违法行为类型)' })
  @Column({ type: 'varchar', length: 100 })
  violationType: string;

  @Field({ description: 'Main facts of the violation (违法事实)' })
  @Column({ type: 'varchar', length: 1000 })
  facts: string;

  @Field({ description: 'Legal basis of the penalty (处罚依据)' })
  @Column({ type: 'varchar', length: 300 })
  legalBasis: string;

  @Field(() => [MarketRegulationPenaltyCategory], { description: 'Kinds of penalty imposed (处罚类别)' })
  @Column({ type: 'simple-array' })
  categories: MarketRegulationPenaltyCategory[];

  @Field(() => MarketRegulationPenaltySeverity, {
    description: 'Severity (处罚轻重); any value but ORDINARY is a heavier penalty (较重行政处罚, SAMR order 44 art. 2)',
  })
  @Column({ type: 'varchar', length: 30 })
  severity: MarketRegulationPenaltySeverity;

  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer })
  fineFen: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer })
  confiscatedFen: number | null;

  @Field(() => DateScalar, { description: 'Date of the decision (处罚决定日期); publicity is counted from it' })
  @Index()
  @Column({ type: 'date' })
  decidedOn: string;

  @Field({ description: 'Deciding authority (处罚机关)' })
  @Column({ type: 'varchar', length: 100 })
  decidingAuthority: string;

  @Field(() => MarketRegulationLawField, { description: 'Field of law; decides when credit repair is possible' })
  @Column({ type: 'varchar', length: 20 })
  lawField: MarketRegulationLawField;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'End of a production, business or employment restriction imposed, if any',
  })
  @Column({ type: 'date', nullable: true })
  restrictionUntil: string | null;

  @Field({ description: 'Whether the penalty has been performed (履行完毕), a condition of credit repair' })
  @Column({ type: 'boolean', default: false })
  performed: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'Date the penalty was performed' })
  @Column({ type: 'date', nullable: true })
  performedOn: string | null;

  // Public like the rest: the public no longer sees a repaired penalty at all, agencies and the operator see when.
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Date credit repair ended the publicity early (信用修复, 提前停止公示); publicUntil becomes this date',
  })
  @Column({ type: 'date', nullable: true })
  repairedOn: string | null;

  @Access(ShareClass.PII, { mask: 'PERSON_NAME' })
  @Field(() => String, {
    nullable: true,
    description:
      'Natural person named in the decision (the operator of an individual business, or the person responsible); masked without pii:read',
  })
  @Column({ type: 'varchar', length: 50, nullable: true })
  responsiblePersonName: string | null;

  @Access(ShareClass.AGENCY_PRIVATE, { agency: 'market-regulation' })
  @Field(() => String, { nullable: true, description: "Case handler's internal note (market regulation only)" })
  @Column({ type: 'varchar', length: 500, nullable: true })
  caseHandlerNote: string | null;

  @WithdrawnOnColumn(ShareClass.GOV_SHARED)
  withdrawnOn: string | null;

  @WithdrawalReasonColumn(ShareClass.GOV_SHARED)
  withdrawalReason: string | null;

  @CorrectionColumn()
  correction: string | null;

  @CorrectedOnColumn()
  correctedOn: string | null;
}
