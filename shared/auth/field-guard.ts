import { GraphQLError, GraphQLResolveInfo, GraphQLSchema, isObjectType } from 'graphql';
import { applyMiddleware, IMiddlewareFunction } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRuleTypeMap, ShieldRule } from 'graphql-shield/typings/types';
import { Caller, isOperatorSelf, Scope } from './caller';
import { requirementOfDirectives } from './directive-requirements';
import { mask, MaskKind } from './masking';
import { callerMayRead, RowAccess, rowAllows, rowOperator, ShareClass } from './share-class';

/** What the guard reads from every request's context. */
export interface GuardedContext {
  caller: Caller;
  rowAccess: RowAccess;
  /** Records reads of non-public data for the audit log. */
  audit?: { record(uscc: string, coordinate: string): void };
}

export interface FieldDeclaration {
  coordinate: string;
  shareClass: ShareClass;
  authenticated: boolean;
  scopes?: string[][];
  policies?: string[][];
  mask?: MaskKind;
}

export const UNAUTHORIZED_MESSAGE = 'Unauthorized field or type';
export function unauthorizedError(): GraphQLError {
  return new GraphQLError(UNAUTHORIZED_MESSAGE, { extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } });
}

/** Federation plumbing every caller may use: the gateway's SDL and entity fetches (their fields are guarded). */
const FEDERATION_FIELDS = new Set(['Query._service', 'Query._entities', '_Service.sdl']);

/**
 * Reads each object field's access declaration back from the schema's SDL directives (their standard names: a
 * subgraph imports them unrenamed). Throws, naming each fault, on a malformed declaration.
 */
export function readDeclarations(schema: GraphQLSchema): { declarations: FieldDeclaration[]; undeclared: string[]; external: string[] } {
  const declarations: FieldDeclaration[] = [];
  const undeclared: string[] = [];
  // @external fields are owned (and declared) by another subgraph; here they only echo a representation.
  const external: string[] = [];
  const faults: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      if (FEDERATION_FIELDS.has(coordinate)) continue;
      if (field.astNode?.directives?.some((d) => d.name.value === 'external')) {
        external.push(coordinate);
        continue;
      }
      const requirement = requirementOfDirectives(field.astNode?.directives, coordinate, faults);
      if (!requirement?.shareClass) {
        undeclared.push(coordinate);
        continue;
      }
      // directivesOf leaves `@authenticated` out beside `@requiresScopes`: the declaration it printed is authenticated.
      const authenticated = requirement.authenticated || requirement.scopes !== undefined;
      declarations.push({ ...requirement, coordinate, shareClass: requirement.shareClass, authenticated });
    }
  }
  if (faults.length > 0) throw new Error(`Malformed access declarations:\n${faults.map((f) => `- ${f}`).join('\n')}`);
  return { declarations, undeclared, external };
}

function ruleFor(declaration: FieldDeclaration): ShieldRule {
  if (declaration.shareClass === ShareClass.PUBLIC) return allow;
  return rule(`access:${declaration.coordinate}`, { cache: 'no_cache' })(
    async (parent, args: Record<string, unknown>, ctx: GuardedContext, info: GraphQLResolveInfo) => {
      const caller = ctx.caller;
      if (!callerMayRead(declaration, caller)) return false;
      if (!declaration.scopes) return true;
      // Mutations have no row yet: their resolvers check what the caller may change (e.g. its own platform).
      if (info.parentType.name === 'Mutation') return true;
      const uscc = rowOperator(parent, args, info);
      // The argument as the resolver receives it (variables applied, per aliased field); absent means no.
      const ownPlatformList =
        info.parentType.name === 'Query' &&
        caller.platformId !== undefined &&
        args.platformId === caller.platformId &&
        caller.scopes.has(Scope.platform(caller.platformId));
      for (const scopeSet of declaration.scopes) {
        if (!scopeSet.every((s) => caller.scopes.has(s))) continue;
        if (await rowAllows(scopeSet, declaration, caller, uscc, ctx.rowAccess, { parent, ownPlatformList })) return true;
      }
      return false;
    },
  );
}

/** Masks PII for callers without `pii:read` (an operator sees its own unmasked) and audits non-public reads. */
function valueMiddleware(declarations: FieldDeclaration[]) {
  const byCoordinate = new Map(declarations.map((d) => [d.coordinate, d]));
  const middleware: IMiddlewareFunction = async (resolve, parent, args, ctx: GuardedContext, info) => {
    const value = await resolve(parent, args, ctx, info);
    const declaration = byCoordinate.get(`${info.parentType.name}.${info.fieldName}`);
    if (!declaration || declaration.shareClass === ShareClass.PUBLIC) return value;
    const uscc = rowOperator(parent, args, info);
    if (uscc && info.parentType.name !== 'Mutation') ctx.audit?.record(uscc, declaration.coordinate);
    if (declaration.mask && !ctx.caller.scopes.has(Scope.PII_READ) && !isOperatorSelf(ctx.caller, uscc)) {
      return mask(declaration.mask, value);
    }
    return value;
  };
  const map: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const d of declarations) {
    if (d.shareClass === ShareClass.PUBLIC) continue;
    const [type, field] = d.coordinate.split('.');
    (map[type] ??= {})[field] = middleware;
  }
  return map;
}

/**
 * Applies the declarations to a subgraph schema: graphql-shield rules (deny by default, federation
 * plumbing allowed, real errors not masked) plus masking and auditing of non-public values.
 */
export function guardSubgraphSchema(schema: GraphQLSchema): { schema: GraphQLSchema; undeclared: string[] } {
  const { declarations, undeclared, external } = readDeclarations(schema);
  const rules: IRuleTypeMap = { Query: { _service: allow, _entities: allow }, _Service: { sdl: allow } };
  for (const coordinate of external) {
    const [type, field] = coordinate.split('.');
    ((rules[type] ??= {}) as Record<string, ShieldRule>)[field] = allow;
  }
  for (const declaration of declarations) {
    const [type, field] = declaration.coordinate.split('.');
    const forType = (rules[type] ??= {}) as Record<string, ShieldRule>;
    forType[field] = ruleFor(declaration);
  }
  const permissions = shield(rules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: unauthorizedError,
    debug: false,
  });
  return { schema: applyMiddleware(schema, permissions, valueMiddleware(declarations)), undeclared };
}
