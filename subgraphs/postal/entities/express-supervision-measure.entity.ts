import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import type { CreditListKind } from '../../../shared/events/contract';
import { CreditListKindEnum } from '../../../shared/events/graphql-enums';
import { DateScalar } from '../../../shared/graphql/scalars';

@Access(ShareClass.GOV_SHARED)
@ObjectType('PostalMeasureBasis', { description: 'The listing decision a postal measure rests on' })
export class PostalMeasureBasis {
  operatorUscc: string;
  @Field(() => CreditListKindEnum) listKind: CreditListKind;
  @Field({ description: 'Decision number (文号) of the listing' }) decisionNumber: string;
}

/**
 * Stricter supervision of a listed operator's express business, applied only where it holds an express permit.
 * Written only by the CreditListChange consumer (so it cannot exist without its basis); lifted, never deleted.
 */
@Access(ShareClass.GOV_SHARED)
@ObjectType('PostalSupervisionMeasure', {
  description: "Stricter supervision of a listed operator's express business (快递业务重点监管), a joint disciplinary measure",
})
@Entity('express_supervision_measure')
@Index(['operatorUscc', 'kind', 'basisListKind', 'basisDecisionNumber'], { unique: true })
export class ExpressSupervisionMeasure {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Measure kind, e.g. STRICTER_EXPRESS_SUPERVISION' })
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Field({ description: 'The express business permit supervised more strictly' })
  @Column({ type: 'varchar', length: 40 })
  permitNumber: string;

  @Column({ type: 'varchar', length: 30 })
  basisListKind: CreditListKind;

  @Column({ type: 'varchar', length: 80 })
  basisDecisionNumber: string;

  @Field(() => DateScalar, { description: "The listing's effective date" })
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Effective date of the removal or repair that lifted it' })
  @Column({ type: 'date', nullable: true })
  liftedOn: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  liftDecisionNumber: string | null;

  @Field({ description: 'Version of the joint-measure rules that chose it' })
  @Column({ type: 'varchar', length: 40 })
  rulesVersion: string;
}
