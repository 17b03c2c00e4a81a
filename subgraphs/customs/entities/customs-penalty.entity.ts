import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../../shared/database/columns';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';
import { CustomsPenaltyCaseKind } from './enums';

/** A customs administrative penalty decision (海关行政处罚决定). Never deleted. */
@ObjectType({ description: 'A customs administrative penalty decision (海关行政处罚决定书)' })
@Entity('customs_penalty')
// Public while within the publicity period; `Operator.customsPenalties` returns the others only to agencies,
// admins and the operator itself, and the full root list is GOV_SHARED. No field holds a natural person's name.
@Access(ShareClass.PUBLIC)
export class CustomsPenalty {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Decision number (决定书文号), e.g. 穗关缉违字〔2025〕101号' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80 })
  decisionNumber: string;

  @Field(() => CustomsPenaltyCaseKind)
  @Index()
  @Column({ type: 'varchar', length: 24 })
  caseKind: CustomsPenaltyCaseKind;

  @Field({ description: 'Facts of the violation' })
  @Column({ type: 'varchar', length: 1000 })
  facts: string;

  @Column({ type: 'bigint', transformer: fenTransformer })
  fineFen: number;

  @Field(() => DateScalar)
  @Index()
  @Column({ type: 'date' })
  decidedOn: string;

  @Field({ description: 'Deciding customs office, e.g. 广州海关' })
  @Column({ type: 'varchar', length: 60 })
  decidingOffice: string;

  @CreateDateColumn()
  createdAt: Date;

  // Objections (异议), issue 10: set by the consumer of ObjectionChange (shared/objections/consumer.ts), never cleared.
  @WithdrawnOnColumn(ShareClass.GOV_SHARED)
  withdrawnOn: string | null;

  @WithdrawalReasonColumn(ShareClass.GOV_SHARED)
  withdrawalReason: string | null;

  @CorrectionColumn()
  correction: string | null;

  @CorrectedOnColumn()
  correctedOn: string | null;
}
