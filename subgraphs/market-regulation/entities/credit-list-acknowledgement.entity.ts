import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A recipient's acknowledgement that it has received the credit-list feed up to a position. Only acknowledgements
 * that move a recipient forward are stored, so a change at position p was acknowledged by a recipient at the time
 * of that recipient's first row with `upToPosition >= p`. Append-only: the history is the delivery record.
 */
@Entity('credit_list_acknowledgement')
@Index(['recipient', 'upToPosition'], { unique: true })
export class CreditListAcknowledgement {
  @PrimaryGeneratedColumn()
  id: number;

  /** An agency id (`customs`) or `platform:<id>`. */
  @Column({ type: 'varchar', length: 80 })
  recipient: string;

  @Index()
  @Column({ type: 'integer' })
  upToPosition: number;

  @Column({ type: Date })
  acknowledgedAt: Date;
}
