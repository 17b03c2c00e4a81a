import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../../shared/graphql/scalars';
import { SeriousDishonestGround, SeriousDishonestRemovalKind } from '../enums';

@Access(ShareClass.PUBLIC)
@ObjectType({ description: 'An entry of the serious illegal and dishonest list (严重违法失信名单)' })
@Entity('serious_dishonest_listing')
export class SeriousDishonestListing {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => SeriousDishonestGround)
  @Column({ type: 'varchar', length: 40 })
  ground: SeriousDishonestGround;

  // Public: order 44 has listing decisions published in the National Enterprise Credit Information Publicity System.
  @Field({ description: 'Document number of the listing decision (列入决定书文号), unique' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80 })
  decisionNumber: string;

  @Field(() => [String], {
    description: 'Decision numbers of the administrative penalties the listing rests on (empty for ABNORMAL_LIST_3_YEARS)',
  })
  @Column({ type: 'simple-json' })
  basisDecisionNumbers: string[];

  @Field({ description: 'Facts of the listing decision' })
  @Column({ type: 'varchar', length: 500 })
  facts: string;

  @Field(() => DateScalar, { description: 'Date of listing (列入日期)' })
  @Index()
  @Column({ type: 'date' })
  listedOn: string;

  @Field({ description: 'Authority that decided the listing (作出列入决定机关); also as `decidingAuthority`' })
  @Column({ type: 'varchar', length: 100 })
  listingAuthority: string;

  // Procedure of the decision: case details for agencies and the operator (GOV_SHARED); the publicity system shows
  // the decision, not its procedure. Null only on entries recorded before listings carried their procedure.
  @Access(ShareClass.GOV_SHARED)
  @Field(() => DateScalar, { nullable: true, description: 'Date the operator was given prior notice of the intended listing (事先告知)' })
  @Column({ type: 'date', nullable: true })
  priorNoticeOn: string | null;

  @Access(ShareClass.GOV_SHARED)
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day of the period for statements and defence (陈述申辩期限) the notice gave the operator',
  })
  @Column({ type: 'date', nullable: true })
  statementOfDefenceDeadline: string | null;

  @Access(ShareClass.GOV_SHARED)
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Date the operator\'s statements and defence were heard (陈述申辩听取); null when it made none in the period',
  })
  @Column({ type: 'date', nullable: true })
  defenceHeardOn: string | null;

  /** Recorded removal; the GraphQL `removedOn` also shows the automatic removal once its date has passed. */
  @Column({ type: 'date', nullable: true })
  removedOn: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  removalKind: SeriousDishonestRemovalKind | null;

  @Field(() => String, { nullable: true, description: 'Reason given for a recorded removal' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  removalReason: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Document number of the removal decision (移出决定书文号); null while listed. An automatic removal at expiry, once recorded, ' +
      'carries the listing\'s number followed by （期满移出）',
  })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80, nullable: true })
  removalDecisionNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Authority that decided the removal (作出移出决定机关)' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  removalDecidingAuthority: string | null;

  @Access(ShareClass.GOV_SHARED)
  @Field(() => String, {
    nullable: true,
    description: 'How the operator removed the harm and adverse effects (主动消除危害后果和不良影响), stated for early removal',
  })
  @Column({ type: 'varchar', length: 300, nullable: true })
  harmRemoval: string | null;

  @WithdrawnOnColumn(ShareClass.GOV_SHARED)
  withdrawnOn: string | null;

  @WithdrawalReasonColumn(ShareClass.GOV_SHARED)
  withdrawalReason: string | null;

  @CorrectionColumn()
  correction: string | null;

  @CorrectedOnColumn()
  correctedOn: string | null;
}
