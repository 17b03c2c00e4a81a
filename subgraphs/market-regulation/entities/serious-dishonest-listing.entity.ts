import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../../shared/graphql/scalars';
import { SeriousDishonestGround, SeriousDishonestRemovalKind } from '../enums';

@Access(ShareClass.PUBLIC)
@ObjectType({ description: 'An entry of the serious illegal and dishonest list (严重违法失信名单)' })
@Entity('serious_dishonest_listing')
export class SeriousDishonestListing {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field(() => SeriousDishonestGround)
  @Column({ type: 'varchar', length: 40 })
  ground: SeriousDishonestGround;

  @Field(() => [String], {
    description: 'Decision numbers of the administrative penalties the listing rests on (empty for ABNORMAL_LIST_3_YEARS)',
  })
  @Column({ type: 'simple-json' })
  basisDecisionNumbers: string[];

  @Field({ description: 'Facts of the listing decision' })
  @Column({ type: 'varchar', length: 500 })
  facts: string;

  @Field(() => DateScalar, { description: 'Date of listing (列入日期)' })
  @Index()
  @Column({ type: 'date' })
  listedOn: string;

  @Field({ description: 'Authority that decided the listing' })
  @Column({ type: 'varchar', length: 100 })
  listingAuthority: string;

  /** Recorded removal; the GraphQL `removedOn` also shows the automatic removal once its date has passed. */
  @Column({ type: 'date', nullable: true })
  removedOn: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  removalKind: SeriousDishonestRemovalKind | null;

  @Field(() => String, { nullable: true, description: 'Reason given for a recorded removal' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  removalReason: string | null;
}
