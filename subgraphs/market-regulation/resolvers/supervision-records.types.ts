import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { DateScalar, DateTimeScalar } from '../../../shared/graphql/scalars';
import { MarketRegulationActionKind, QualitySpotCheckResult } from '../enums';

/**
 * The e-commerce platform, owned by commerce (`Platform @key(fields: "id")`): market regulation contributes the
 * regulatory actions against the platform's operating company, so platform companies are subjects of the graph.
 */
@ObjectType({ description: 'An e-commerce platform (电子商务平台), keyed by its identifier such as `taobao`' })
@Directive('@key(fields: "id")')
@Access(ShareClass.PUBLIC)
export class Platform {
  @Field(() => ID)
  id: string;
}

@InputType({ description: 'A product quality spot check (产品质量监督抽查) to record' })
export class RecordQualitySpotCheckInput {
  @Field(() => UnifiedSocialCreditCodeScalar) operatorUscc: string;
  @Field({ description: 'Sample or test report number (抽样单编号/检验报告编号), unique' }) sampleNumber: string;
  @Field({ description: 'Product sampled' }) product: string;
  @Field({ description: 'Batch or production date of the sample' }) batch: string;
  @Field(() => QualitySpotCheckResult) result: QualitySpotCheckResult;
  @Field(() => String, { nullable: true, description: 'Items that failed; required when UNQUALIFIED, not allowed otherwise' })
  unqualifiedItems?: string | null;
  @Field(() => DateScalar, { description: 'Date of the check; not in the future' }) checkedOn: Date;
  @Field({ description: 'Authority that ran the check' }) authority: string;
}

@InputType({
  description:
    'The subject of a regulatory action: an operator (operatorUscc), the operating company of a platform (platformId) or a ' +
    'subject exempt from registration (exemptSubjectId); exactly one',
})
export class RegulatoryActionSubjectInput {
  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true }) operatorUscc?: string | null;
  @Field(() => String, { nullable: true, description: "Platform identifier in commerce's registry, e.g. taobao" })
  platformId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Identifier of a recorded subject exempt from registration, EX-<district>-<sequence>' })
  exemptSubjectId?: string | null;
}

@InputType({ description: 'An interview (约谈), notice (通报) or penalty case step to record' })
export class RecordRegulatoryActionInput {
  @Field(() => RegulatoryActionSubjectInput) subject: RegulatoryActionSubjectInput;
  @Field(() => MarketRegulationActionKind) kind: MarketRegulationActionKind;
  @Field(() => DateScalar, { description: 'Date the step was taken; not in the future' }) takenOn: Date;
  @Field() summary: string;
  @Field() authority: string;
  @Field(() => String, {
    nullable: true,
    description: 'Document number of the interview notice or circular (文书编号), unique; required for INTERVIEW and NOTICE',
  })
  documentNumber?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Penalty decision number; required for PENALTY (for an operator: one of its recorded penalties)",
  })
  decisionNumber?: string | null;
}

@InputType({
  description:
    "A licence-display check (亮照亮证检查) of an operator's storefront registered with commerce, or of the storefront of a " +
    'subject exempt from registration (display of its exemption, E-Commerce Law art. 15)',
})
export class RecordStorefrontDisclosureCheckInput {
  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true, description: 'The checked operator; give it or exemptSubjectId' })
  operatorUscc?: string | null;
  @Field(() => ID, { nullable: true, description: 'The checked subject exempt from registration (EX-<district>-<sequence>)' })
  exemptSubjectId?: string | null;
  @Field({ description: 'Platform identifier, e.g. taobao' }) platformId: string;
  @Field(() => String, { nullable: true, description: "The platform's shop identifier; give it or shopName" })
  shopId?: string | null;
  @Field(() => String, { nullable: true, description: 'Shop name, when the shop identifier is not known' })
  shopName?: string | null;
  @Field() licenseShown: boolean;
  @Field({ description: 'Whether the storefront met all disclosure duties' }) compliant: boolean;
  @Field(() => String, { nullable: true, description: 'What was missing; required when not compliant' })
  findings?: string | null;
  @Field(() => DateTimeScalar, { description: 'When the page was checked; not in the future' }) checkedAt: Date;
  @Field(() => String, {
    nullable: true,
    description: "Address of the checked page: required for an exempt subject (commerce's registry holds operators' storefronts only)",
  })
  url?: string | null;
}
