import { GraphQLError, GraphQLResolveInfo, GraphQLSchema, isObjectType } from 'graphql';
import { applyMiddleware, IMiddlewareFunction } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRuleTypeMap, ShieldRule } from 'graphql-shield/typings/types';
import { Caller, isOperatorSelf, Scope } from './caller';
import { requirementOfDirectives } from './directive-requirements';
import { mask, MaskKind } from './masking';
import { callerMayRead, RowPolicy, ShareClass } from './share-class';

/** Row-level facts only the serving subgraph (or the access-control store) can judge, per request. */
export interface RowAccess {
  /** Whether the operator has an active consent for the calling evaluator. */
  consent(uscc: string): Promise<boolean>;
  /** Whether the operator is on the calling platform (only subgraphs that know say yes). */
  inPlatform(uscc: string): Promise<boolean>;
}

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

/** The operator a row belongs to: the Operator entity itself, a row with `operatorUscc`, or the `uscc` argument. */
export function rowOperator(parent: unknown, args: Record<string, unknown>, info: GraphQLResolveInfo): string | undefined {
  const row = parent as Record<string, unknown> | undefined;
  if (row && typeof row.operatorUscc === 'string') return row.operatorUscc;
  if (row && info.parentType.name === 'Operator' && typeof row.uscc === 'string') return row.uscc;
  if (typeof args.uscc === 'string') return args.uscc.trim().toUpperCase();
  return undefined;
}

/** The platform a row belongs to, when it names one (`platformId`); the Platform entity itself is keyed by `id`. */
function platformOf(parent: unknown): string | undefined {
  const row = parent as Record<string, unknown> | undefined;
  return row && typeof row.platformId === 'string' ? row.platformId : undefined;
}

/** Whether one scope alternative the caller holds also passes its row-level rule. */
async function rowAllows(
  scopeSet: string[],
  declaration: FieldDeclaration,
  caller: Caller,
  uscc: string | undefined,
  ctx: GuardedContext,
  row: { parent: unknown; ownPlatformList: boolean },
): Promise<boolean> {
  if (scopeSet.includes(Scope.OPERATOR_SELF)) return isOperatorSelf(caller, uscc);
  if (scopeSet.includes(Scope.CREDIT_READ)) return uscc !== undefined && (await ctx.rowAccess.consent(uscc));
  // The in-platform row rule is what the `in-platform` policy declares: a field readable by every platform for
  // every operator (the credit-list feed) carries the platform scope without that policy.
  if (scopeSet.includes(Scope.PLATFORM_IN_PLATFORM)) {
    if (!declaration.policies?.some((set) => set.includes(RowPolicy.IN_PLATFORM))) return true;
    // A row a platform reported (a review, a claim, a complaint, a verification report) names that platform: another
    // platform does not read it, even about an operator trading on both.
    const reportedBy = platformOf(row.parent);
    if (reportedBy !== undefined && reportedBy !== caller.platformId) return false;
    // A root list of the caller's own platform (e.g. its overdue verifications): each row it returns is checked again.
    if (uscc === undefined && row.ownPlatformList) return true;
    return uscc !== undefined && (await ctx.rowAccess.inPlatform(uscc));
  }
  return true;
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
        if (await rowAllows(scopeSet, declaration, caller, uscc, ctx, { parent, ownPlatformList })) return true;
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
