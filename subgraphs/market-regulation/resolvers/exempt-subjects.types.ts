import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../../shared/graphql/scalars';
import { ConnectionType } from '../../../shared/pagination/connection';
import { ExemptSubject } from '../entities/exempt-subject.entity';
import { ExemptionGround } from '../enums';

@InputType({ description: 'A seller exempt from registration (E-Commerce Law art. 10) to record' })
export class RecordExemptSubjectInput {
  @Field({ description: 'Name of the shop or trade as displayed on the platform, at most 100 characters' }) name: string;
  @Field(() => ExemptionGround) exemptionGround: ExemptionGround;
  @Field({ description: "Platform identifier in commerce's registry, e.g. taobao" }) platformId: string;
  @Field({ description: "The platform's shop identifier; one record per shop" }) shopId: string;
  @Field({ description: 'Six-digit administrative division code of the supervising district, e.g. 440106' }) districtCode: string;
  @Field({ description: 'The natural person who sells (personal information)' }) personName: string;
  @Field({ description: "The person's citizen ID number, 18 characters with the GB 11643 check character (personal information)" })
  idNumber: string;
  @Field({ description: 'Mobile (11 digits starting with 1) or landline (020-12345678) (personal information)' }) contact: string;
  @Field(() => DateScalar, { nullable: true, description: 'Day of recording; today when omitted; not in the future' })
  recordedOn?: Date | null;
}

@InputType({ description: 'A finding that an exempt subject must register as a market subject' })
export class RequireExemptSubjectRegistrationInput {
  @Field(() => ID) subjectId: string;
  @Field({ description: 'Why the exemption no longer holds (e.g. the turnover found and its period), at most 500 characters' })
  reason: string;
  @Field(() => DateScalar, { description: 'Day of the finding; not in the future, not before the recording' }) decidedOn: Date;
}

@InputType({ description: 'Which exempt subjects to list' })
export class ExemptSubjectFilter {
  @Field(() => String, { nullable: true, description: 'Only storefronts on this platform' }) platformId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only subjects supervised by this district (six-digit code)' })
  districtCode?: string | null;
}

export const ExemptSubjectConnection = ConnectionType(ExemptSubject, 'ExemptSubject');
