import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The operator entity as commerce sees it: only its key; commerce adds its own fields. */
@ObjectType({ description: 'An e-commerce operator, keyed by its unified social credit code' })
@Directive('@key(fields: "uscc")')
@Access(ShareClass.PUBLIC)
export class Operator {
  @Field(() => ID)
  uscc: string;
}
