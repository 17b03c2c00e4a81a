import { CreditSignalState } from '../credit-signal/state.entity';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An event waiting in (or already sent from) the agency's outbox. Written in the decision's transaction, so an
 * event exists exactly when its decision was committed; the relay publishes it afterwards (at least once).
 * Rows are kept after publishing: the outbox is the agency's own record of what it told the others.
 */
@Entity('outbox_event')
@Index(['sequence'], { unique: true })
@Index(['publishedAt'])
export class OutboxEvent {
  /** Event id (UUID): the consumers' idempotency key and the JetStream message id. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** 1, 2, ... in commit order within this database (assigned under a lock, so without gaps). */
  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ type: 'varchar', length: 40 })
  sourceAgency: string;

  /** ISO date-time: kept as written, identical on SQLite and PostgreSQL. */
  @Column({ type: 'varchar', length: 30 })
  occurredAt: string;

  @Column({ type: 'simple-json' })
  payload: object;

  @Column({ type: 'varchar', length: 30, nullable: true })
  publishedAt: string | null;
}

/** An event a consumer has applied: the unique (consumer, eventId) makes a redelivery change nothing. */
@Entity('processed_event')
@Index(['consumer', 'eventId'], { unique: true })
export class ProcessedEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 60 })
  consumer: string;

  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  @Column({ type: 'varchar', length: 40 })
  eventType: string;

  @Column({ type: 'varchar', length: 40 })
  sourceAgency: string;

  @Column({ type: 'varchar', length: 30 })
  processedAt: string;
}

/**
 * Added to every subgraph's entities (and migrations): each agency has its own outbox, its own processed events and
 * the state of the credit signals it published.
 */
export const EVENT_ENTITIES = [OutboxEvent, ProcessedEvent, CreditSignalState];
