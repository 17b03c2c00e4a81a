import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';

/** The operator entity as postal sees it: only its key; postal adds its own fields. */
@ObjectType({ description: 'An e-commerce operator, keyed by its unified social credit code' })
@Directive('@key(fields: "uscc")')
@Access(ShareClass.PUBLIC)
export class Operator {
  @Field(() => ID)
  uscc: string;
}
