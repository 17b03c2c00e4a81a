import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A record of this agency with an open objection (异议处理中), as market regulation's ObjectionChange reported it:
 * FILED adds the row, the decision removes it. The register itself stays in market regulation; this copy lets the
 * owning agency answer `disputed` without a call per record.
 */
@Entity('disputed_record')
export class DisputedRecord {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  recordKind: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  recordId: string;

  @Index()
  @Column({ type: 'varchar', length: 40 })
  objectionId: string;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Column({ type: 'date', comment: 'Day the objection was filed (China time)' })
  since: string;
}
