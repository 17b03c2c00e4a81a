import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SignalFactor } from '../../../shared/credit-signal/signal';

/**
 * The latest credit signal each agency published about an operator (CreditSignalChange events, market regulation's own
 * included): the inputs of the assessment. Not a copy of any agency's records: only what the agency itself derived and
 * sent, kept so the assessment can be recomputed while that agency is unreachable.
 */
@Entity('received_credit_signal')
@Index(['operatorUscc', 'agency'], { unique: true })
export class ReceivedCreditSignal {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Column({ type: 'varchar', length: 40 })
  agency: string;

  /** Outbox sequence of the event at its source: an older signal delivered late never replaces a newer one. */
  @Column({ type: 'integer' })
  sourceSequence: number;

  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  /** ISO date-time the agency derived it. */
  @Column({ type: 'varchar', length: 30 })
  asOf: string;

  @Column({ type: 'simple-json' })
  factors: SignalFactor[];
}
