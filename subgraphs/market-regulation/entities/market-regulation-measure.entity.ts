import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CreditListKind, RestrictedMatter } from '../../../shared/events/contract';

/**
 * A joint disciplinary measure market regulation itself applies because of a listing (its own licensing and
 * inspection measures). Written only by the CreditListChange consumer, so it cannot exist without its basis;
 * lifted, never deleted, when the listing ends.
 */
@Entity('market_regulation_measure')
@Index(['operatorUscc', 'kind', 'basisListKind', 'basisDecisionNumber'], { unique: true })
export class MarketRegulationMeasure {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'simple-json' })
  matters: RestrictedMatter[];

  @Column({ type: 'varchar', length: 30 })
  basisListKind: CreditListKind;

  /** Decision number (文号) of the listing the measure rests on. */
  @Column({ type: 'varchar', length: 80 })
  basisDecisionNumber: string;

  /** The listing's effective date. */
  @Column({ type: 'date' })
  startsOn: string;

  /** Effective date of the removal or repair that ended the listing. */
  @Column({ type: 'date', nullable: true })
  liftedOn: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  liftDecisionNumber: string | null;

  /** Version of the joint-measure rules that chose the measure. */
  @Column({ type: 'varchar', length: 40 })
  rulesVersion: string;
}
