import { CorrectedOnColumn, CorrectionColumn, WithdrawalReasonColumn, WithdrawnOnColumn } from '../../../shared/objections/record-columns';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../../shared/graphql/scalars';
import { ministryListRulesAt } from '../rules/ministry-lists';
import { addDays, addMonths } from '../../../shared/calendar/dates';

export enum CommerceListKind {
  JOINT_PUNISHMENT = 'JOINT_PUNISHMENT',
  KEY_ATTENTION = 'KEY_ATTENTION',
}
registerEnumType(CommerceListKind, {
  name: 'CommerceListKind',
  description: 'Commerce credit lists of the ministry of commerce system',
  valuesConfig: {
    JOINT_PUNISHMENT: { description: 'Joint-punishment objects list (联合惩戒对象名单), at most 3 years' },
    KEY_ATTENTION: { description: 'Key-attention list (重点关注名单), at most 2 years' },
  },
});

/** A listing decision on a commerce list; its expiry is computed from the versioned list rules. */
@ObjectType({ description: 'An entry on a commerce ministry credit list (商务领域信用名单)' })
@Entity('commerce_list_entry')
// One decision lists one operator on one list once.
@Index(['operatorUscc', 'listKind', 'decisionNumber'], { unique: true })
@Access(ShareClass.PUBLIC)
export class CommerceListEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => CommerceListKind, { name: 'list', description: 'Which list the operator is on' })
  @Column({ type: 'varchar', length: 24 })
  listKind: CommerceListKind;

  @Field({ description: 'Grounds of the listing' })
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Field({ description: 'Number of the listing decision document' })
  @Column({ type: 'varchar', length: 60 })
  decisionNumber: string;

  @Field({ description: 'Commerce authority that decided the listing' })
  @Column({ type: 'varchar', length: 100 })
  decidingAuthority: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  listedOn: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Listing period in months set by the decision; null means the maximum of the list rules',
  })
  @Column({ type: 'int', nullable: true })
  periodMonths: number | null;

  /** Months the entry stays listed: the decision's period, capped by the list rules on the listing date. */
  get effectiveMonths(): number {
    const maximum = ministryListRulesAt(this.listedOn).maximumMonths[this.listKind];
    return this.periodMonths === null ? maximum : Math.min(this.periodMonths, maximum);
  }

  @Field(() => DateScalar, { description: 'Last day on the list, computed from listedOn and the versioned list rules' })
  get expiresOn(): string {
    return addDays(addMonths(this.listedOn, this.effectiveMonths), -1);
  }

  /** Whether the operator is on the list on `day` (ISO date): from the listing day through expiresOn. */
  isListedOn(day: string): boolean {
    return this.listedOn <= day && this.expiresOn >= day;
  }

  @Field({ description: 'Version of the list rules that set the maximum period' })
  get rulesVersion(): string {
    return ministryListRulesAt(this.listedOn).version;
  }

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
