import { Directive, getMetadataStorage } from 'type-graphql';
import { AccessOptions, directivesOf, requirementOf, ShareClass } from './share-class';

/* eslint-disable @typescript-eslint/no-unsafe-function-type */
const declaredFields = new WeakMap<Function, Set<string>>();

/**
 * The one access declaration of a field: `@Access(ShareClass.GOV_SHARED)`.
 * It writes the standard federation directives (`@requiresScopes`, `@policy`, `@authenticated`) and a
 * `@tag(name: "share:<CLASS>")` into the subgraph SDL; the gateway enforces the directives from the
 * supergraph and the subgraph's shield rules are generated from the same SDL, so the two cannot disagree.
 *
 * On a class it is the default for every field of that class not declared on its own. Fields added by
 * resolver classes (`@FieldResolver`, `@Query`, `@Mutation`) are declared on the method.
 */
export function Access(shareClass: ShareClass, options: AccessOptions = {}) {
  const directives = directivesOf(requirementOf(shareClass, options));
  return (target: object | Function, propertyKey?: string | symbol): void => {
    if (propertyKey !== undefined) {
      const owner = (target as { constructor: Function }).constructor;
      const declared = declaredFields.get(owner) ?? new Set<string>();
      declared.add(String(propertyKey));
      declaredFields.set(owner, declared);
      for (const directive of directives) Directive(directive)(target, String(propertyKey));
      return;
    }
    // Class decorators run after the property decorators of the class, so its fields are known here.
    // @external fields are declared by the subgraph that owns them (composition refuses tags on them here).
    const storage = getMetadataStorage();
    const declared = declaredFields.get(target as Function) ?? new Set<string>();
    const external = new Set(
      storage.fieldDirectives
        .filter((d) => d.target === target && d.directive.nameOrDefinition.trim().startsWith('@external'))
        .map((d) => d.fieldName),
    );
    const fields = storage.fields.filter((f) => f.target === target && !declared.has(f.name) && !external.has(f.name));
    for (const field of fields) {
      for (const directive of directives) Directive(directive)((target as Function).prototype, field.name);
    }
  };
}
