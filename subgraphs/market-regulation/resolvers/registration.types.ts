import { Field, ObjectType } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { DateScalar } from '../../../shared/graphql/scalars';
import { RegistrationStatus } from '../entities/operator.entity';

@Access(ShareClass.PUBLIC)
@ObjectType({ description: 'Legal representative (法定代表人 / 经营者)' })
export class LegalRepresentative {
  /** The operator the record belongs to (not a GraphQL field): masking lets the operator itself see its own. */
  operatorUscc: string;

  @Field({ description: 'Name; public, as on the national enterprise credit publicity system' })
  name: string;

  @Access(ShareClass.PII, { mask: 'ID_NUMBER' })
  @Field(() => String, {
    nullable: true,
    description: 'Citizen ID number (GB 11643); signed-in callers only, masked (440106********1234) without pii:read',
  })
  idNumber: string;

  @Access(ShareClass.PII, { mask: 'PHONE' })
  @Field(() => String, { nullable: true, description: 'Mobile phone; signed-in callers only, masked (138****5678) without pii:read' })
  phone: string;
}

@Access(ShareClass.PUBLIC)
@ObjectType({ description: 'Business registration (登记信息)' })
export class Registration {
  /** The operator the record belongs to (not a GraphQL field). */
  operatorUscc: string;

  @Field(() => LegalRepresentative)
  legalRepresentative: LegalRepresentative;

  @Field({ description: 'Registered capital in yuan, as a decimal string' })
  registeredCapital: string;

  @Field()
  address: string;

  @Field({ description: 'Administrative division code of the district (e.g. 440106 Tianhe)' })
  districtCode: string;

  @Field(() => RegistrationStatus)
  status: RegistrationStatus;

  @Field(() => DateScalar)
  establishedOn: string;

  @Field({ description: 'Registering authority (登记机关)' })
  registrationAuthority: string;
}
