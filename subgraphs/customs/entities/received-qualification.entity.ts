import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { QualificationDecision, QualificationKind } from '../../../shared/events/contract';

/**
 * The latest state of each express permit (postal) and payment licence (finance) as its issuer published it
 * (QualificationChange events): what customs' cross-border check judges `qualificationHeld` by, on the request date,
 * with the issuer's own rule. Kept per document, not per operator: an operator may hold a renewed permit beside the
 * one it replaces. Kept here so the check needs no request to postal or finance (one customs fetch per query) and
 * answers while they are down.
 */
@Entity('received_qualification')
@Index(['qualification', 'number'], { unique: true })
export class ReceivedQualification {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Column({ type: 'varchar', length: 20 })
  qualification: QualificationKind;

  /** Permit or licence number (许可证编号). */
  @Column({ type: 'varchar', length: 40 })
  number: string;

  /** The decision standing against it as the issuer recorded it (IN_FORCE: none). */
  @Column({ type: 'varchar', length: 16 })
  status: QualificationDecision;

  @Column({ type: 'date', nullable: true })
  statusFrom: string | null;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date' })
  validUntil: string;

  /** Outbox sequence of the event at its source: an older state delivered late never replaces a newer one. */
  @Column({ type: 'integer' })
  sourceSequence: number;

  @Column({ type: 'varchar', length: 36 })
  eventId: string;
}
