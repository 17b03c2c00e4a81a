import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';

/**
 * The operator entity as local financial regulation sees it: only its key. Finance keeps no operator
 * table; its fields on Operator load their own rows through the request's DataLoaders.
 */
@ObjectType({ description: 'An e-commerce operator, keyed by its unified social credit code' })
@Directive('@key(fields: "uscc")')
@Access(ShareClass.PUBLIC)
export class Operator {
  @Field(() => ID)
  uscc: string;
}
