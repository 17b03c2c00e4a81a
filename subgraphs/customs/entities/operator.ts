import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';

/**
 * The operator entity as customs sees it: its key, plus two fields owned by other agencies that
 * customs needs (through `@requires`) to judge cross-border roles. Customs keeps no operator table.
 */
@ObjectType({ description: 'An e-commerce operator, keyed by its unified social credit code' })
@Directive('@key(fields: "uscc")')
@Access(ShareClass.PUBLIC) // the key and the two @external fields; customs' own fields are declared on their resolvers
export class Operator {
  @Field(() => ID)
  uscc: string;

  @Field({ nullable: true, description: 'Holds an express business permit valid today (owned by postal)' })
  @Directive('@external')
  holdsValidExpressPermit?: boolean;

  @Field({ nullable: true, description: 'Holds a payment business licence (owned by finance)' })
  @Directive('@external')
  holdsPaymentLicence?: boolean;
}

/** A reference to an operator, for record types that link back to the entity. */
export function operatorRef(uscc: string): Operator {
  return { uscc };
}
