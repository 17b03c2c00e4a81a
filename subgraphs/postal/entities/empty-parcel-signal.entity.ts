import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';
import type { EmptyParcelFeatureName } from '../rules/postal-rules';

export enum EmptyParcelSignalStatus {
  SUSPECTED = 'SUSPECTED',
  CONFIRMED = 'CONFIRMED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(EmptyParcelSignalStatus, {
  name: 'EmptyParcelSignalStatus',
  description: 'Status of an empty-parcel signal: suspected (疑似), confirmed and referred to market regulation (确认并移送), dismissed (排除)',
});

export enum EmptyParcelFeature {
  NO_PICKUP_SCAN = 'NO_PICKUP_SCAN',
  LOW_WEIGHT = 'LOW_WEIGHT',
  BULK_WAYBILL = 'BULK_WAYBILL',
  REUSED_RECIPIENT = 'REUSED_RECIPIENT',
  INSTANT_SIGN_OFF = 'INSTANT_SIGN_OFF',
}
registerEnumType(EmptyParcelFeature, {
  name: 'EmptyParcelFeature',
  description: 'Feature of empty-parcel fake transactions (空包): no pickup scan, low weight, bulk-bought waybills, reused recipients, instant sign-off',
});

/** One feature's part of a signal's score. */
@ObjectType({ description: "One feature's contribution to an empty-parcel signal's score (raw evidence, postal only)" })
@Access(ShareClass.AGENCY_PRIVATE, { agency: 'postal' })
export class EmptyParcelSignalFeature {
  /** The operator of the signal (not a GraphQL field): set when served, for the field guard and the audit. */
  operatorUscc?: string;

  @Field(() => EmptyParcelFeature)
  feature: EmptyParcelFeatureName;

  @Field(() => Int, { description: 'Parcels showing the feature' })
  count: number;

  @Field(() => Float, { description: 'Share of the parcels showing the feature (0-1)' })
  ratio: number;

  @Field(() => Int, { description: 'Weight of the feature in the scoring rules' })
  weight: number;

  @Field(() => Float, { description: 'Points this feature adds to the score' })
  contribution: number;
}

/**
 * A suspicion of empty-parcel fake transactions (空包, a form of 刷单) raised from one carrier's monthly
 * statistics for one operator. Kept permanently; decisions are status changes with dates and reasons.
 */
@ObjectType({ description: 'Empty-parcel signal (空包): suspected fake transactions shipped as empty parcels' })
@Entity('empty_parcel_signal')
@Index(['operatorUscc', 'carrierCode', 'period'], { unique: true })
@Access(ShareClass.GOV_SHARED)
export class EmptyParcelSignal {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Calendar month of the statistics, e.g. 2026-10' })
  @Index()
  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ type: 'varchar', length: 16 })
  carrierCode: string;

  @Field(() => Int, { description: 'Parcels in the statistics the signal was computed from' })
  @Column({ type: 'int' })
  parcels: number;

  @Field(() => Int, { description: 'Score 0-100 from the versioned scoring rules' })
  @Column({ type: 'int' })
  score: number;

  /** Raw evidence: served by `EmptyParcelSignalResolver.features` (AGENCY_PRIVATE postal), each with the signal's operator. */
  @Column({ type: 'simple-json' })
  features: EmptyParcelSignalFeature[];

  @Field({ description: 'Version of the scoring rules used' })
  @Column({ type: 'varchar', length: 32 })
  rulesVersion: string;

  @Field(() => EmptyParcelSignalStatus)
  @Index()
  @Column({ type: 'varchar', length: 16 })
  status: EmptyParcelSignalStatus;

  @Field(() => DateScalar, { description: 'Date the signal was raised' })
  @Column({ type: 'date' })
  raisedOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the confirmation or dismissal' })
  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Date the confirmed signal was referred to market regulation (移送市场监管部门)',
  })
  @Column({ type: 'date', nullable: true })
  referredToMarketRegulationOn: string | null;

  @Field(() => String, { nullable: true, description: 'Reason of the confirmation or dismissal' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

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
