import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import type { ReferralKind } from '../../../shared/events/contract';
import { ReferralKindEnum } from '../../../shared/events/graphql-enums';

export { ReferralKindEnum };
import { DateScalar, DateTimeScalar } from '../../../shared/graphql/scalars';

/** Forward only: each status is reached from the one before it. */
export enum ReferralStatus {
  RECEIVED = 'RECEIVED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  ASSIGNED = 'ASSIGNED',
  CLOSED = 'CLOSED',
}
registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: 'Handling of a referred case: received (接收), acknowledged (受理), assigned to an inspector (指派), closed (办结)',
});

export enum ReferralOutcome {
  PENALIZED = 'PENALIZED',
  VIOLATION_RECTIFIED = 'VIOLATION_RECTIFIED',
  NO_VIOLATION_FOUND = 'NO_VIOLATION_FOUND',
}
registerEnumType(ReferralOutcome, {
  name: 'ReferralOutcome',
  description: 'How a referred case was closed; each outcome links to the inspection or penalty it rests on',
  valuesConfig: {
    PENALIZED: { description: 'An administrative penalty was imposed (立案处罚); links to the penalty decision' },
    VIOLATION_RECTIFIED: { description: 'A violation was found and rectified on order (责令改正); links to the inspection' },
    NO_VIOLATION_FOUND: { description: 'Inspection found no violation (未发现违法); links to the inspection' },
  },
});

@Access(ShareClass.GOV_SHARED)
@ObjectType({ description: "The referring agency's record a referral rests on" })
export class ReferralReference {
  /** The operator (not a GraphQL field): the row-level rules need it. */
  operatorUscc: string;

  @Field({ description: 'Record kind, e.g. EMPTY_PARCEL_SIGNAL' }) kind: string;
  @Field(() => ID, { description: "Record id in the referring agency's data" }) id: string;
}

/**
 * A matter another agency referred to market regulation (移送案件), received through the Referral event. One row per
 * referring agency and source record, so a referral delivered twice is one case. Written by the consumer and by the
 * case's handling mutations; never deleted.
 */
@Access(ShareClass.GOV_SHARED)
@ObjectType('Referral', { description: 'A case another agency referred to market regulation (移送案件) and its handling' })
@Entity('referral_case')
@Index(['fromAgency', 'referenceKind', 'referenceId'], { unique: true })
export class ReferralCase {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Referring agency (移送机关)' })
  @Column({ type: 'varchar', length: 40 })
  fromAgency: string;

  @Field(() => String, {
    nullable: true,
    description: 'The platform that reported the lead (E-Commerce Law art. 29), forwarded by commerce; null for agency referrals',
  })
  @Column({ type: 'varchar', length: 40, nullable: true })
  fromPlatform: string | null;

  @Field(() => ReferralKindEnum)
  @Column({ type: 'varchar', length: 40 })
  kind: ReferralKind;

  @Column({ type: 'varchar', length: 40 })
  referenceKind: string;

  @Column({ type: 'varchar', length: 80 })
  referenceId: string;

  @Field({ description: "Referring agency's findings" })
  @Column({ type: 'varchar', length: 1000 })
  summary: string;

  @Field(() => DateScalar, { description: 'Date of the referral' })
  @Column({ type: 'date' })
  referredOn: string;

  @Field(() => DateTimeScalar, { description: 'When the referring agency committed the referral (its event time)' })
  @Column({ type: Date })
  receivedAt: Date;

  /** Id of the Referral event that opened the case (traceability to the bus). */
  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  @Field(() => ReferralStatus)
  @Column({ type: 'varchar', length: 20 })
  status: ReferralStatus;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: Date, nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Inspector in charge (承办人)' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  assignedTo: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: Date, nullable: true })
  assignedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: Date, nullable: true })
  closedAt: Date | null;

  @Field(() => ReferralOutcome, { nullable: true, description: 'Outcome; null until closed' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  outcome: ReferralOutcome | null;

  @Column({ type: 'integer', nullable: true })
  outcomeInspectionId: number | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  outcomePenaltyDecisionNumber: string | null;
}
