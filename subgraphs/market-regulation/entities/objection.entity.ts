import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import type { AgencyId } from '../../../shared/config/agencies';
import { DateScalar, DateTimeScalar } from '../../../shared/graphql/scalars';

export enum ObjectionStatus {
  FILED = 'FILED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ObjectionStatus, {
  name: 'ObjectionStatus',
  description: 'FILED while open (异议处理中); ACCEPTED (异议成立) or REJECTED (异议不成立) once the owning agency decided',
});

export enum ObjectionDecision {
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ObjectionDecision, { name: 'ObjectionDecision', description: "The owning agency's decision on an objection" });

export enum ObjectionCorrection {
  WITHDRAW = 'WITHDRAW',
  CORRECT = 'CORRECT',
}
registerEnumType(ObjectionCorrection, {
  name: 'ObjectionCorrection',
  description: 'What an accepted objection does to the record',
  valuesConfig: {
    WITHDRAW: { description: 'The record is withdrawn (撤销): kept, no longer public, no longer counted in the credit signal' },
    CORRECT: { description: 'The record stands with a correction of its facts (更正)' },
  },
});

/**
 * An objection (异议) against one record of an agency, filed by the operator itself or by agency staff. Market
 * regulation keeps the register for the whole graph; the owning agency decides. At most one open objection per record
 * (partial unique index), so two concurrent filings cannot both succeed. Never deleted: it is the history.
 */
@Access(ShareClass.GOV_SHARED)
@ObjectType('Objection', { description: "An objection (异议) against an agency's record and the owning agency's decision" })
@Entity('objection')
@Index(['agency', 'recordKind', 'recordId'], { unique: true, where: `"status" = 'FILED'` })
export class Objection {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'The operator the record is about' })
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => String, { description: 'The agency that owns the record and decides the objection' })
  @Column({ type: 'varchar', length: 40 })
  agency: AgencyId;

  @Field({ description: 'Kind of record, as in the credit signals (e.g. ADMINISTRATIVE_PENALTY)' })
  @Column({ type: 'varchar', length: 40 })
  recordKind: string;

  @Field(() => ID, { description: "Record id in the owning agency's data" })
  @Column({ type: 'varchar', length: 40 })
  recordId: string;

  @Field({ description: 'Grounds of the objection (异议理由)' })
  @Column({ type: 'varchar', length: 2000 })
  grounds: string;

  @Field(() => String, { nullable: true, description: 'The correction the filer asks for' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  requestedCorrection: string | null;

  @Field(() => DateTimeScalar)
  @Column({ type: Date })
  filedAt: Date;

  @Field(() => DateScalar, { description: 'Day of filing (China time); the deadline runs from it' })
  @Column({ type: 'date' })
  filedOn: string;

  @Field({ description: 'Who filed: "operator" (the operator itself), an agency id, or "admin"' })
  @Column({ type: 'varchar', length: 40 })
  filedBy: string;

  @Field(() => ObjectionStatus)
  @Column({ type: 'varchar', length: 20 })
  status: ObjectionStatus;

  @Field(() => DateScalar, { description: 'Last day for the owning agency to decide (working days, holiday calendar)' })
  @Column({ type: 'date' })
  dueOn: string;

  @Field({ description: 'Rule version the deadline was computed under' })
  @Column({ type: 'varchar', length: 40 })
  rulesVersion: string;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: Date, nullable: true })
  decidedAt: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Day of the decision (China time)' })
  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Agency (or admin) that decided' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  decidedBy: string | null;

  @Field(() => ObjectionCorrection, { nullable: true, description: 'ACCEPTED only: withdraw or correct the record' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  correction: ObjectionCorrection | null;

  @Field(() => String, { nullable: true, description: 'Reason of the decision (处理理由)' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'ACCEPTED + CORRECT: the facts as corrected' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  correctedFacts: string | null;
}
