import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import type { CreditListKind, RestrictedMatter } from '../../../shared/events/contract';
import { CreditListKindEnum, RestrictedMatterEnum } from '../../../shared/events/graphql-enums';
import { DateTimeScalar } from '../../../shared/graphql/scalars';

/** The listing a measure rests on. Platforms read it through `restrictions` for their own in-platform operators. */
@Access(ShareClass.GOV_SHARED, { platforms: true })
@ObjectType({ description: 'The listing decision a joint measure rests on' })
export class JointMeasureBasis {
  /** The operator (not a GraphQL field): the row-level rules need it. */
  operatorUscc: string;

  @Field(() => CreditListKindEnum)
  listKind: CreditListKind;

  @Field({ description: 'Decision number (文号) of the listing' })
  decisionNumber: string;
}

/**
 * A joint disciplinary measure some agency (or platform) reported applying or lifting because of a listing: the
 * feedback to the source (联合惩戒实施情况反馈). Written only by the JointMeasureChange consumer, one row per
 * agency, operator, kind and basis; lifting sets liftedAt, nothing is deleted.
 */
@Access(ShareClass.GOV_SHARED)
@ObjectType({ description: 'A joint disciplinary measure an agency or platform applied because of a listing (联合惩戒措施)' })
@Entity('joint_measure')
@Index(['agency', 'operatorUscc', 'kind', 'basisListKind', 'basisDecisionNumber'], { unique: true })
export class JointMeasure {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Agency that applies the measure (e.g. finance), or platform:<id> for a platform' })
  @Column({ type: 'varchar', length: 60 })
  agency: string;

  @Field({ description: 'Measure kind, e.g. CREDIT_FINANCING_LIMITED, NOTIFICATION_COMMITMENT_EXCLUDED' })
  @Column({ type: 'varchar', length: 60 })
  kind: string;

  @Field(() => [RestrictedMatterEnum], { description: 'Matters the measure restricts' })
  @Column({ type: 'simple-json' })
  matters: RestrictedMatter[];

  @Column({ type: 'varchar', length: 30 })
  basisListKind: CreditListKind;

  @Column({ type: 'varchar', length: 80 })
  basisDecisionNumber: string;

  @Field(() => DateTimeScalar, { description: 'When the measure took effect' })
  @Column({ type: Date })
  appliedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the measure was lifted; null while it stands' })
  @Column({ type: Date, nullable: true })
  liftedAt: Date | null;
}

/** In force at `now`: applied and not yet lifted. */
export function jointMeasureActive(m: JointMeasure, now: Date): boolean {
  return m.appliedAt.getTime() <= now.getTime() && (m.liftedAt === null || m.liftedAt.getTime() > now.getTime());
}
