import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CreditListAction, CreditListKind } from '../events/contract';

/**
 * One listing an agency has received on the credit-event bus (its basis register): the only bases its joint
 * measures may rest on. Each consuming agency keeps its own copy in its own database. A row is created by the first
 * event about the listing (normally LISTED; a REMOVED that overtakes its LISTED creates it already removed), so a
 * repeated or late event never applies a measure twice or after the end.
 */
@Entity('received_listing')
@Index(['operatorUscc', 'listKind', 'decisionNumber'], { unique: true })
export class ReceivedListing {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 24 })
  listKind: CreditListKind;

  /** Document number of the listing decision (文号). */
  @Index()
  @Column({ type: 'varchar', length: 100 })
  decisionNumber: string;

  // Indexed as the first column of the unique index above.
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  /** Effective date of the listing; null while only its removal has arrived. */
  @Column({ type: 'date', nullable: true })
  listedOn: string | null;

  /** Effective date of the removal or repair; null while listed. */
  @Column({ type: 'date', nullable: true })
  removedOn: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  removalAction: Exclude<CreditListAction, 'LISTED'> | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  removalDecisionNumber: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  ground: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  decidingAuthority: string | null;

  /** Source agency of the listing event. */
  @Column({ type: 'varchar', length: 40 })
  sourceAgency: string;

  @CreateDateColumn()
  receivedAt: Date;
}
