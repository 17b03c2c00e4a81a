import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';

/**
 * The operator entity as customs sees it: its key. Customs keeps no operator table; the qualifications its
 * cross-border check needs arrive as events (ReceivedQualification), not as fields of other agencies.
 */
@ObjectType({ description: 'An e-commerce operator, keyed by its unified social credit code' })
@Directive('@key(fields: "uscc")')
@Access(ShareClass.PUBLIC) // the key; customs' own fields are declared on their resolvers
export class Operator {
  @Field(() => ID)
  uscc: string;
}
/** A reference to an operator, for record types that link back to the entity. */
export function operatorRef(uscc: string): Operator {
  return { uscc };
}
