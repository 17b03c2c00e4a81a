import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The last credit signal an agency published for an operator: its fingerprint (so an unchanged signal is not sent
 * again) and when it must be derived again because time alone changes it. One table in every agency's database.
 */
@Entity('credit_signal_state')
@Index(['reviewAt'])
export class CreditSignalState {
  @PrimaryColumn({ type: 'varchar', length: 18 })
  operatorUscc: string;

  /** SHA-256 of the factors (codes, values, evidence), hex. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  /** ISO date-time of the last publication. */
  @Column({ type: 'varchar', length: 30 })
  publishedAt: string;

  /** ISO date-time when time alone changes the signal (null: never). */
  @Column({ type: 'varchar', length: 30, nullable: true })
  reviewAt: string | null;
}
