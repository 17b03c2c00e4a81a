import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';

export enum PostalComplaintCategory {
  DELAY = 'DELAY',
  LOSS = 'LOSS',
  DAMAGE = 'DAMAGE',
  DELIVERY = 'DELIVERY',
  PICKUP = 'PICKUP',
  OVERCHARGE = 'OVERCHARGE',
  FALSE_SIGN_OFF = 'FALSE_SIGN_OFF',
  DATA_LEAK = 'DATA_LEAK',
}
registerEnumType(PostalComplaintCategory, {
  name: 'PostalComplaintCategory',
  description:
    'Category of a postal complaint: delay (延误), loss (丢失), damage (损毁), delivery service (投递服务), pickup (揽收), overcharge (收费), false sign-off (虚假签收), personal data leak (信息泄露)',
});

export enum PostalComplaintOutcome {
  SUBSTANTIATED = 'SUBSTANTIATED',
  PARTIALLY_SUBSTANTIATED = 'PARTIALLY_SUBSTANTIATED',
  UNSUBSTANTIATED = 'UNSUBSTANTIATED',
  MEDIATED = 'MEDIATED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(PostalComplaintOutcome, {
  name: 'PostalComplaintOutcome',
  description: 'Decision on a postal complaint: substantiated (有责), partially substantiated, unsubstantiated (无责), mediated (调解), withdrawn (撤诉)',
});

export enum PostalComplaintStatus {
  RECEIVED = 'RECEIVED',
  REPLIED = 'REPLIED',
  DECIDED = 'DECIDED',
}
registerEnumType(PostalComplaintStatus, {
  name: 'PostalComplaintStatus',
  description: 'Handling stage of a postal complaint: received (受理), carrier replied (企业答复), decided (处理完毕)',
});

/**
 * A consumer complaint (邮政业用户申诉) against an express company, related to the e-commerce seller
 * whose parcel it concerns. Deadlines are computed from the versioned complaint rules, not stored.
 */
@ObjectType({ description: 'Postal complaint (邮政业用户申诉) against an express company' })
@Entity('postal_complaint')
@Access(ShareClass.AUTHORIZED_QUERY)
export class PostalComplaint {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => PostalComplaintCategory)
  @Column({ type: 'varchar', length: 20 })
  category: PostalComplaintCategory;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  carrierCode: string;

  @Index()
  @Column({ type: 'varchar', length: 18, nullable: true })
  operatorUscc: string | null;

  @Access(ShareClass.PII, { mask: 'PERSON_NAME' })
  @Field({ description: "Complainant's name (a natural person; personal information, masked as 张* without pii:read)" })
  @Column({ type: 'varchar', length: 50 })
  complainantName: string;

  @Field(() => String, { nullable: true, description: 'Waybill number of the parcel concerned' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  waybillNumber: string | null;

  @Field(() => String, { nullable: true, description: 'What the complainant reports' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Field(() => DateScalar, { description: 'Date the complaint was received (受理日期)' })
  @Index()
  @Column({ type: 'date' })
  receivedOn: string;

  @Field(() => DateScalar, { nullable: true, description: "Date of the carrier's reply" })
  @Column({ type: 'date', nullable: true })
  repliedOn: string | null;

  @Field(() => String, { nullable: true, description: "The carrier's reply" })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reply: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the decision' })
  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Field(() => PostalComplaintOutcome, { nullable: true, description: 'Outcome of the decision' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  outcome: PostalComplaintOutcome | null;

  @Field(() => String, { nullable: true, description: 'Reasons of the decision' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  decisionNote: string | null;

  @Access(ShareClass.AGENCY_PRIVATE, { agency: 'postal' })
  @Field(() => String, { nullable: true, description: "The postal administration's internal handling note (内部处理备注)" })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  handlerNote: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
