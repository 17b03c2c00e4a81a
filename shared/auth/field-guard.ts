import { mapSchema, MapperKind } from '@graphql-tools/utils';
import { defaultFieldResolver, GraphQLError, GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema, isObjectType } from 'graphql';
import { Caller, isOperatorSelf, Scope } from './caller';
import { requirementOfDirectives } from './directive-requirements';
import { mask, MaskKind } from './masking';
import { callerMayRead, lookUpRowAccess, passesEveryRow, RowAccess, rowAllowsAtOnce, rowOperator, ShareClass } from './share-class';

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

type Resolver = GraphQLFieldResolver<unknown, GuardedContext, Record<string, unknown>>;

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/**
 * Whether the caller may read this field of this row: authentication and a scope set held in full (every row), then
 * the row policy of that scope set (consent, own record, own platform). Synchronous unless a row policy must be looked
 * up, so a field most callers may read costs no promise.
 */
function mayRead(
  declaration: FieldDeclaration,
  parent: unknown,
  args: Record<string, unknown>,
  ctx: GuardedContext,
  info: GraphQLResolveInfo,
): boolean | Promise<boolean> {
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
  const row = { parent, ownPlatformList };
  // Most callers pass on a scope set whose row rule needs no lookup (an agency, an admin, an operator reading itself):
  // answered without a promise. Only consent and platform membership are looked up, and only when nothing else passed.
  const lookups: string[][] = [];
  for (const scopeSet of declaration.scopes) {
    if (!scopeSet.every((s) => caller.scopes.has(s))) continue;
    const atOnce = rowAllowsAtOnce(scopeSet, declaration, caller, uscc, row);
    if (atOnce === true) return true;
    if (atOnce === 'lookup') lookups.push(scopeSet);
  }
  // A lookup is only ever asked for a row of an operator.
  if (lookups.length === 0 || uscc === undefined) return false;
  return (async () => {
    for (const scopeSet of lookups) {
      if (await lookUpRowAccess(scopeSet, uscc, ctx.rowAccess)) return true;
    }
    return false;
  })();
}

/** What the guard decides of a field for a caller before seeing any row. */
type Decision = 'every-row' | 'no-row' | 'per-row';

/**
 * The part of `mayRead` that does not depend on the row: refused to this caller (authentication, no scope set held in
 * full), allowed on every row (no scopes required, or a scope set held in full whose row rule passes every row), or
 * to be judged row by row.
 */
function decide(declaration: FieldDeclaration, caller: Caller): Decision {
  if (!callerMayRead(declaration, caller)) return 'no-row';
  if (!declaration.scopes) return 'every-row';
  const held = declaration.scopes.filter((set) => set.every((s) => caller.scopes.has(s)));
  return held.some((set) => passesEveryRow(set, declaration)) ? 'every-row' : 'per-row';
}

/** Audits a non-public read of a row and masks PII for callers without `pii:read` (an operator sees its own unmasked). */
function afterRead(declaration: FieldDeclaration, value: unknown, parent: unknown, args: Record<string, unknown>, ctx: GuardedContext, info: GraphQLResolveInfo) {
  const uscc = rowOperator(parent, args, info);
  if (uscc && info.parentType.name !== 'Mutation') ctx.audit?.record(uscc, declaration.coordinate);
  if (declaration.mask && !ctx.caller.scopes.has(Scope.PII_READ) && !isOperatorSelf(ctx.caller, uscc)) {
    return mask(declaration.mask, value);
  }
  return value;
}

/**
 * The resolver of a non-public field: refused (null with UNAUTHORIZED_FIELD_OR_TYPE) before it runs, audited and masked
 * after. What does not depend on the row is decided once per request (keyed by its context) and reused on every row.
 */
function guarded(declaration: FieldDeclaration, resolve: Resolver): Resolver {
  const decisions = new WeakMap<GuardedContext, Decision>();
  const read = (parent: unknown, args: Record<string, unknown>, ctx: GuardedContext, info: GraphQLResolveInfo) => {
    const value = resolve(parent, args, ctx, info);
    return isPromise(value)
      ? Promise.resolve(value).then((v) => afterRead(declaration, v, parent, args, ctx, info))
      : afterRead(declaration, value, parent, args, ctx, info);
  };
  return (parent, args, ctx, info) => {
    let decision = decisions.get(ctx);
    if (decision === undefined) decisions.set(ctx, (decision = decide(declaration, ctx.caller)));
    if (decision === 'every-row') return read(parent, args, ctx, info);
    if (decision === 'no-row') throw unauthorizedError();
    const allowed = mayRead(declaration, parent, args, ctx, info);
    if (allowed === true) return read(parent, args, ctx, info);
    if (allowed === false) throw unauthorizedError();
    return allowed.then((ok) => {
      if (!ok) throw unauthorizedError();
      return read(parent, args, ctx, info);
    });
  };
}

const denied: Resolver = () => {
  throw unauthorizedError();
};

/**
 * Applies the declarations to a subgraph schema: deny by default (a field without a declaration is refused to
 * everyone), federation plumbing and @external echoes allowed, public fields left exactly as they are, every other
 * field checked before it resolves and audited and masked after. Errors the resolvers throw pass through unchanged.
 *
 * Written here rather than with graphql-shield: shield wraps every field, public scalars included, in an async
 * middleware, which made each of the thousands of fields of a 100-operator page cost promises; here a public field
 * keeps its plain resolver and a non-public one stays synchronous unless a row policy needs a lookup.
 */
export function guardSubgraphSchema(schema: GraphQLSchema): { schema: GraphQLSchema; undeclared: string[] } {
  const { declarations, undeclared, external } = readDeclarations(schema);
  const byCoordinate = new Map(declarations.map((d) => [d.coordinate, d]));
  const open = new Set([...FEDERATION_FIELDS, ...external]);
  const result = mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const coordinate = `${typeName}.${fieldName}`;
      if (typeName.startsWith('__') || open.has(coordinate)) return field;
      const declaration = byCoordinate.get(coordinate);
      if (!declaration) return { ...field, resolve: denied };
      if (declaration.shareClass === ShareClass.PUBLIC) return field;
      return { ...field, resolve: guarded(declaration, (field.resolve ?? defaultFieldResolver) as Resolver) };
    },
  });
  return { schema: result, undeclared };
}
