import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';
import { CustomsDishonestyGround, CustomsDishonestyRemovalKind } from './enums';

@ObjectType({ description: 'A customs finding that an enterprise is dishonest (失信企业认定), with its ground' })
@Entity('customs_dishonesty_finding')
@Access(ShareClass.GOV_SHARED) // case details: agencies, admins and the operator itself
export class CustomsDishonestyFinding {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => CustomsDishonestyGround)
  @Index()
  @Column({ type: 'varchar', length: 24 })
  ground: CustomsDishonestyGround;

  @Field({ description: 'Facts found (认定事实)' })
  @Column({ type: 'varchar', length: 1000 })
  facts: string;

  @Field(() => DateScalar, { description: 'Date of the finding' })
  @Index()
  @Column({ type: 'date' })
  foundOn: string;

  @Field(() => String, {
    nullable: true,
    description: 'Document number of the finding decision (认定决定书文号), unique; null only on findings recorded before it was required',
  })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80, nullable: true })
  decisionNumber: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Customs office that decided the finding (作出认定决定的海关); null only on findings recorded before it was required',
  })
  @Column({ type: 'varchar', length: 100, nullable: true })
  decidingAuthority: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date the finding ended (移出/信用修复); null while it stands' })
  @Column({ type: 'date', nullable: true })
  removedOn: string | null;

  @Field(() => CustomsDishonestyRemovalKind, { nullable: true, description: 'How the finding ended' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  removalKind: CustomsDishonestyRemovalKind | null;

  @Field(() => String, { nullable: true, description: 'Document number of the removal decision (文号), unique' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80, nullable: true })
  removalDecisionNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Customs office that decided the removal' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  removalDecidingAuthority: string | null;

  @Field(() => String, { nullable: true, description: 'Reason given for the removal' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  removalReason: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Internal note of the investigating customs office (raw evidence, leads); customs and admins only',
  })
  @Access(ShareClass.AGENCY_PRIVATE, { agency: 'customs' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  internalNote: string | null;

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
