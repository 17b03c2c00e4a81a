import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';
import { ExemptionGround, ExemptSubjectStatus } from '../enums';

/**
 * A seller the law exempts from registration (E-Commerce Law art. 10), recorded by market regulation. Its own
 * entity, keyed by its own identifier: an Operator is keyed by a credit code, which an exempt subject does not have.
 * The shop is public (art. 15 makes the exemption a fact the seller displays); the natural person behind it is not.
 */
@Access(ShareClass.PUBLIC)
@Directive('@key(fields: "subjectId")')
@ObjectType({
  description:
    'A seller exempt from market-subject registration (不需要进行登记的经营者, E-Commerce Law art. 10), without a credit code',
})
@Entity('exempt_subject')
// One record per storefront: a second record of the same shop is a duplicate.
@Index(['platformId', 'shopId'], { unique: true })
// The sequence of the identifier counts per district; the index holds when two recordings race.
@Index(['districtCode', 'sequence'], { unique: true })
export class ExemptSubject {
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID, { description: 'Identifier of the record, EX-<district>-<sequence> (e.g. EX-440106-000001); never a credit code' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  subjectId: string;

  @Field({ description: 'Name of the shop or trade (店铺名称), as displayed on the platform' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => ExemptionGround)
  @Column({ type: 'varchar', length: 30 })
  exemptionGround: ExemptionGround;

  @Field({ description: "Platform of the storefront, by commerce's platform registry (e.g. taobao)" })
  @Column({ type: 'varchar', length: 40 })
  platformId: string;

  @Field({ description: "The platform's shop identifier" })
  @Column({ type: 'varchar', length: 60 })
  shopId: string;

  @Field({ description: 'Six-digit administrative division code of the district whose bureau supervises the subject' })
  @Index()
  @Column({ type: 'varchar', length: 6 })
  districtCode: string;

  /** Position in the district's count, the last part of subjectId. */
  @Column({ type: 'int' })
  sequence: number;

  @Access(ShareClass.PII, { mask: 'PERSON_NAME' })
  @Field(() => String, {
    nullable: true,
    description: 'The natural person who sells; signed-in callers only, masked (张*) without pii:read',
  })
  @Column({ type: 'varchar', length: 50 })
  personName: string;

  @Access(ShareClass.PII, { mask: 'ID_NUMBER' })
  @Field(() => String, {
    nullable: true,
    description: "The person's citizen ID number (GB 11643); signed-in callers only, masked (440106********1234) without pii:read",
  })
  @Column({ type: 'varchar', length: 18 })
  idNumber: string;

  @Access(ShareClass.PII, { mask: 'PHONE' })
  @Field(() => String, { nullable: true, description: 'Contact telephone; signed-in callers only, masked (138****5678) without pii:read' })
  @Column({ type: 'varchar', length: 20 })
  contact: string;

  @Field(() => DateScalar, { description: 'Day market regulation recorded the subject' })
  @Column({ type: 'date' })
  recordedOn: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Day staff found that the exemption no longer holds and the subject must register; null while exempt',
  })
  @Column({ type: 'date', nullable: true })
  registrationRequiredOn: string | null;

  @Access(ShareClass.GOV_SHARED)
  @Field(() => String, {
    nullable: true,
    description: 'Why the subject must register (e.g. the turnover found), for agencies; null while exempt',
  })
  @Column({ type: 'varchar', length: 500, nullable: true })
  registrationRequiredReason: string | null;

  @Field({ description: 'Whether staff found that the subject must register as a market subject' })
  get registrationRequired(): boolean {
    return this.registrationRequiredOn !== null;
  }

  @Field(() => ExemptSubjectStatus)
  get status(): ExemptSubjectStatus {
    return this.registrationRequired ? ExemptSubjectStatus.REGISTRATION_REQUIRED : ExemptSubjectStatus.EXEMPT;
  }
}
