import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../../shared/graphql/scalars';
import { AbnormalOperationReason } from '../enums';

@Access(ShareClass.PUBLIC)
@ObjectType({ description: 'An entry of the abnormal operations list (经营异常名录)' })
@Entity('abnormal_operation_listing')
// One standing listing per operator and reason; removed listings stay as history.
@Index(['operatorUscc', 'reason'], { unique: true, where: '"removedOn" IS NULL' })
export class AbnormalOperationListing {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => AbnormalOperationReason)
  @Column({ type: 'varchar', length: 40 })
  reason: AbnormalOperationReason;

  @Field(() => DateScalar, { description: 'Date of listing (列入日期), the date of the listing decision' })
  @Column({ type: 'date' })
  listedOn: string;

  @Field({ description: 'Document number of the listing decision (列入决定书文号), unique' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80 })
  decisionNumber: string;

  @Field({ description: 'Authority that decided the listing (作出决定机关)' })
  @Column({ type: 'varchar', length: 100 })
  listingAuthority: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date of removal after the fault was cured (移出日期); null while listed' })
  @Column({ type: 'date', nullable: true })
  removedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Reason for removal (移出事由)' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  removalReason: string | null;

  @Field(() => String, { nullable: true, description: 'Document number of the removal decision (移出决定书文号); null while listed' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80, nullable: true })
  removalDecisionNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Authority that decided the removal (作出移出决定机关)' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  removalDecidingAuthority: string | null;

  @WithdrawnOnColumn(ShareClass.GOV_SHARED)
  withdrawnOn: string | null;

  @WithdrawalReasonColumn(ShareClass.GOV_SHARED)
  withdrawalReason: string | null;

  @CorrectionColumn()
  correction: string | null;

  @CorrectedOnColumn()
  correctedOn: string | null;
}
