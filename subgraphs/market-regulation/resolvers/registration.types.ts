import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../shared/graphql/scalars';
import { RegistrationStatus } from '../entities/operator.entity';

@ObjectType({ description: 'Legal representative (法定代表人 / 经营者)' })
export class LegalRepresentative {
  @Field({ description: 'Name; public, as on the national enterprise credit publicity system' })
  name: string;

  @Field({ description: 'Citizen ID number (GB 11643)' })
  idNumber: string;

  @Field({ description: 'Mobile phone' })
  phone: string;
}

@ObjectType({ description: 'Business registration (登记信息)' })
export class Registration {
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
