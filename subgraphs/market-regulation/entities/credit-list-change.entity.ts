import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import type { AgencyId } from '../../../shared/config/agencies';
import type { CreditListAction, CreditListKind } from '../../../shared/events/contract';
import { CreditListActionEnum, CreditListKindEnum } from '../../../shared/events/graphql-enums';
import { DateScalar, DateTimeScalar } from '../../../shared/graphql/scalars';

/**
 * One CreditListChange event as market regulation received it, from any agency (its own included): the feed
 * that platforms and integrators pull. Rows are only ever appended; `position` is the feed's own order.
 */
@Access(ShareClass.CREDIT_LIST_FEED)
@ObjectType('CreditListChange', {
  description: 'A listing, removal or repair decision pushed to every agency and platform (名单推送)',
})
@Entity('credit_list_change')
export class CreditListChangeRecord {
  /** Feed position: arrival order in market regulation, what cursors and acknowledgements name. */
  @PrimaryGeneratedColumn()
  position: number;

  @Field(() => ID, { name: 'id', description: 'Event id, the same in every agency' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  eventId: string;

  @Field(() => String, { description: 'Agency that decided and published the change' })
  @Column({ type: 'varchar', length: 40 })
  sourceAgency: AgencyId;

  @Field(() => Int, { description: "Position in the source agency's own outbox (1, 2, ...)" })
  @Column({ type: 'integer' })
  sequence: number;

  @Field(() => CreditListKindEnum)
  @Column({ type: 'varchar', length: 30 })
  kind: CreditListKind;

  @Field(() => CreditListActionEnum)
  @Column({ type: 'varchar', length: 20 })
  action: CreditListAction;

  @Field()
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Document number (文号) of the decision that lists, removes or repairs' })
  @Column({ type: 'varchar', length: 80 })
  decisionNumber: string;

  @Field({ description: 'Decision number of the listing the change concerns (the same as decisionNumber for LISTED)' })
  @Index()
  @Column({ type: 'varchar', length: 80 })
  listingDecisionNumber: string;

  @Field(() => DateScalar, { description: 'First day the change takes effect (China time)' })
  @Column({ type: 'date' })
  effectiveOn: string;

  @Field(() => String, { nullable: true, description: 'Ground of a serious listing or reason of an abnormal listing, when given' })
  @Column({ type: 'varchar', length: 60, nullable: true })
  ground: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  decidingAuthority: string | null;

  @Field(() => DateTimeScalar, { description: 'When the source agency committed the decision' })
  @Column({ type: Date })
  occurredAt: Date;

  @Field(() => DateTimeScalar, { description: 'When market regulation received the change' })
  @Column({ type: Date })
  receivedAt: Date;
}
