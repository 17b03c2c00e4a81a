import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  DocumentNode,
  FragmentDefinitionNode,
  getNullableType,
  getOperationAST,
  GraphQLError,
  GraphQLSchema,
  isListType,
  Kind,
  Lexer,
  OperationDefinitionNode,
  parse,
  SelectionSetNode,
  Source,
  TokenKind,
  validate,
  ValidationRule,
} from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { Caller, Scope } from '../auth/caller';
import type { LimitName, LimitSet, OperationLimitsConfig } from '../config/operation-limits';
import { DEFAULT_PAGE_SIZE } from '../pagination/connection';

export const OPERATION_TOO_COMPLEX = 'OPERATION_TOO_COMPLEX';
export const INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED';

const LABEL: Record<LimitName, string> = {
  tokens: 'tokens',
  depth: 'depth',
  aliases: 'aliases',
  rootFields: 'root fields',
  directives: 'directives',
  fields: 'fields',
  cost: 'cost',
};

/** The refusal clients see: which limit, its maximum and the figure found. */
export function operationTooComplex(limit: LimitName, max: number, actual: number): GraphQLError {
  const figure = Number.isFinite(actual) ? Math.min(actual, Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
  return new GraphQLError(`Operation too complex: ${LABEL[limit]} ${figure} exceeds the maximum of ${max}`, {
    extensions: { code: OPERATION_TOO_COMPLEX, limit, max, actual: figure, http: { status: 400 } },
  });
}

/** Tokens as the GraphQL parser counts them (comments excluded); a lexing error stops the count, the parser reports it. */
export function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // A syntax error: the parser will say where.
  }
  return count;
}

/** Figures of one operation that do not depend on variables. Every one is computed in time linear in the document. */
export interface StaticMeasures {
  depth: number;
  aliases: number;
  directives: number;
  rootFields: number;
  /** Fields once every fragment spread is expanded (`__typename` excluded): what a naive walker would visit. */
  fields: number;
  introspection: boolean;
}

interface Expansion {
  fields: number;
  rootFields: number;
  introspection: boolean;
}

/**
 * Counts the expanded size of an operation with one memoized result per fragment, so a chain of fragments that each
 * spread the next twice costs one visit per fragment, not 2^n. A fragment cycle (invalid; validation names it) counts 0.
 */
function expand(document: DocumentNode, operation: OperationDefinitionNode): Expansion {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const memo = new Map<string, Expansion>();
  const inProgress = new Set<string>();
  const empty: Expansion = { fields: 0, rootFields: 0, introspection: false };

  const ofSelectionSet = (set: SelectionSetNode | undefined): Expansion => {
    const total: Expansion = { fields: 0, rootFields: 0, introspection: false };
    for (const selection of set?.selections ?? []) {
      let part: Expansion;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const inner = ofSelectionSet(selection.selectionSet);
        part = {
          fields: (name === '__typename' ? 0 : 1) + inner.fields,
          rootFields: 1,
          introspection: name === '__schema' || name === '__type' || inner.introspection,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        part = ofSelectionSet(selection.selectionSet);
      } else {
        part = ofFragment(selection.name.value);
      }
      total.fields += part.fields;
      total.rootFields += part.rootFields;
      total.introspection ||= part.introspection;
    }
    return total;
  };
  const ofFragment = (name: string): Expansion => {
    const known = memo.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return empty;
    inProgress.add(name);
    const result = ofSelectionSet(fragment.selectionSet);
    inProgress.delete(name);
    memo.set(name, result);
    return result;
  };
  return ofSelectionSet(operation.selectionSet);
}

/**
 * Depth, aliases and directives by graphql-armor's rules (they memoize fragments, so they are linear too), used as
 * counters: the limit is compared here so the error can name it. Every alias counts, `__typename` ones included.
 */
export function measureDocument(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): StaticMeasures {
  const figures = { depth: 0, aliases: 0, directives: 0 };
  const record = (name: keyof typeof figures) => [
    (_: unknown, details: { n: number }) => {
      figures[name] = Math.max(figures[name], details.n);
    },
  ];
  const unlimited = { n: Number.MAX_SAFE_INTEGER, propagateOnRejection: false };
  const rules = [
    maxDepthRule({ ...unlimited, flattenFragments: true, onAccept: record('depth') }),
    maxAliasesRule({ ...unlimited, allowList: [], onAccept: record('aliases') }),
    maxDirectivesRule({ ...unlimited, onAccept: record('directives') }),
  ] as unknown as ValidationRule[];
  validate(schema, document, rules);
  const operation = getOperationAST(document, operationName);
  const expansion = operation ? expand(document, operation) : { fields: 0, rootFields: 0, introspection: false };
  return { ...figures, ...expansion };
}

export interface CostOptions {
  maxPageSize: number;
  assumedListSize: number;
}

/**
 * Weighs a field 1 plus its children times the number of items it may return: `first` (from a literal or a variable;
 * absent means the default page size) for a paged field, the assumed list size for a plain list. `nodes`/`edges`
 * of a connection are already counted by the connection's `first`. `_entities` is weighed per representation:
 * the gateway sends as many as the data holds, which no estimate made at the gateway can know.
 */
export function costEstimator(options: CostOptions): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (field.name === '__typename') return 0;
    // Introspection walks the schema in memory: its lists (`types`, `fields`, ...) weigh what they hold, once.
    if (field.name.startsWith('__') || type.name.startsWith('__') || field.name === '_entities') return 1 + childComplexity;
    let items = 1;
    if (field.args.some((a) => a.name === 'first')) {
      const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
      items = Math.min(Math.max(first, 0), options.maxPageSize);
    } else if (isListType(getNullableType(field.type))) {
      const pageOfConnection = type.name.endsWith('Connection') && (field.name === 'nodes' || field.name === 'edges');
      items = pageOfConnection ? 1 : options.assumedListSize;
    }
    return 1 + items * childComplexity;
  };
}

/**
 * The variables the cost key is made of: `_entities` representations weigh nothing in the estimate (see
 * `costEstimator`), but they differ on every entity fetch, so keeping them in the key would recompute the cost of the
 * same document on every fetch. Variables of type `[_Any!]!` are left out.
 */
function costKeyVariables(
  variables: Record<string, unknown> | undefined,
  operation: OperationDefinitionNode | null | undefined,
): Record<string, unknown> | undefined {
  if (!variables) return variables;
  const representations = (operation?.variableDefinitions ?? [])
    .filter(({ type }) =>
      type.kind === Kind.NON_NULL_TYPE && type.type.kind === Kind.LIST_TYPE && type.type.type.kind === Kind.NON_NULL_TYPE &&
      type.type.type.type.kind === Kind.NAMED_TYPE && type.type.type.type.name.value === '_Any')
    .map((v) => v.variable.name.value);
  if (representations.length === 0) return variables;
  return Object.fromEntries(Object.entries(variables).filter(([name]) => !representations.includes(name)));
}

export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  options: CostOptions,
): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables,
      estimators: [costEstimator(options)],
      // The `fields` limit has already bounded the walk.
      maxQueryNodes: Number.POSITIVE_INFINITY,
    });
  } catch {
    // Variables that do not coerce: execution refuses the operation before any field resolves.
    return undefined;
  }
}

export type LimitTier = 'standard' | 'privileged';

/** Admins and agency staff may run larger reports. */
export function tierOf(caller: Caller): LimitTier {
  return caller.role === 'admin' || caller.role === 'agency' ? 'privileged' : 'standard';
}

/**
 * A fetch the gateway plans inlines every fragment and adds key fields, so it can hold more tokens and fields than
 * the operation the gateway measured; a subgraph allows that much more of those two figures, and the same depth,
 * aliases, root fields, directives and cost.
 */
export const SUBGRAPH_ALLOWANCE: Partial<Record<LimitName, number>> = { tokens: 4, fields: 2 };

export interface OperationLimitsOptions {
  limits: OperationLimitsConfig;
  maxPageSize: number;
  env: 'development' | 'production' | 'test';
  /** `subgraph` applies SUBGRAPH_ALLOWANCE. */
  service: 'gateway' | 'subgraph';
  /** Measures kept per query text (bounded). */
  cacheSize?: number;
}

/** Parse options for Apollo Server: no document longer than the largest token limit is ever parsed. */
export function limitsParseOptions(options: Pick<OperationLimitsOptions, 'limits' | 'service'>): { maxTokens: number } {
  return { maxTokens: options.limits.privileged.tokens * (options.service === 'subgraph' ? (SUBGRAPH_ALLOWANCE.tokens ?? 1) : 1) };
}

const SUGGESTION = /\s*Did you mean [^?]*\?/g;
const TOKEN_PARSE_FAILURE = /Document contains more th[ae]n? (\d+) tokens/;
const PLACEHOLDER_QUERY = '{ __typename }';
// Expanded fields right after depth: it is the figure fragment amplification inflates.
const STATIC_LIMITS = ['depth', 'fields', 'aliases', 'rootFields', 'directives'] as const;

function bounded<K, V>(map: Map<K, V>, size: number, key: K, value: V): V {
  if (map.size >= size) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}

/**
 * Operation limits, introspection and suggestions, for the gateway and every subgraph. An operation whose text is
 * over a limit is refused before it is parsed by Apollo Server, validated, filtered for authorization or planned:
 * its text is swapped for a trivial query at `requestDidStart` and the refusal thrown at `didResolveOperation`,
 * which stops the request before execution whatever other plugins do. Cost needs the variables and is checked
 * at `didResolveOperation`, before planning (which happens in execution).
 */
export function operationLimitsPlugin(options: OperationLimitsOptions): ApolloServerPlugin<{ caller: Caller }> {
  const cacheSize = options.cacheSize ?? 2000;
  const measures = new Map<string, { tokens: number; figures?: StaticMeasures }>();
  const costs = new Map<string, number | undefined>();
  const costOptions: CostOptions = { maxPageSize: options.maxPageSize, assumedListSize: options.limits.assumedListSize };
  const locked = options.env !== 'development';
  const limitsFor = (caller: Caller): LimitSet => {
    const set = options.limits[tierOf(caller)];
    if (options.service === 'gateway') return set;
    const scaled = { ...set };
    for (const [name, factor] of Object.entries(SUBGRAPH_ALLOWANCE)) scaled[name as LimitName] = set[name as LimitName] * (factor ?? 1);
    return scaled;
  };

  /** Tokens, then the static figures, from the text; cached per text and operation name. */
  const measureText = (schema: GraphQLSchema, text: string, operationName: string | undefined, limits: LimitSet) => {
    const key = createHash('sha256').update(text).update('\0').update(operationName ?? '').digest('hex');
    const cached = measures.get(key);
    if (cached && (cached.figures || cached.tokens > limits.tokens)) return cached;
    const tokens = cached?.tokens ?? countTokens(text);
    if (tokens > limits.tokens) return bounded(measures, cacheSize, key, { tokens });
    let document: DocumentNode;
    try {
      document = parse(text, { noLocation: true });
    } catch {
      return { tokens }; // Apollo Server reports the syntax error
    }
    return bounded(measures, cacheSize, key, { tokens, figures: measureDocument(schema, document, operationName) });
  };

  const refusalOf = (measured: { tokens?: number; figures?: StaticMeasures }, limits: LimitSet, caller: Caller) => {
    if (measured.tokens !== undefined && measured.tokens > limits.tokens) return operationTooComplex('tokens', limits.tokens, measured.tokens);
    const figures = measured.figures;
    if (!figures) return undefined;
    for (const name of STATIC_LIMITS) {
      if (figures[name] > limits[name]) return operationTooComplex(name, limits[name], figures[name]);
    }
    if (figures.introspection && locked && !caller.scopes.has(Scope.ADMIN)) {
      return new GraphQLError('Introspection is disabled: only administrators may query __schema or __type here', {
        extensions: { code: INTROSPECTION_DISABLED, http: { status: 400 } },
      });
    }
    return undefined;
  };

  return {
    async requestDidStart(start) {
      const caller = start.contextValue.caller;
      const limits = limitsFor(caller);
      const request = start.request;
      let refusal: GraphQLError | undefined;
      let checkedText = false;
      if (typeof request.query === 'string') {
        checkedText = true;
        refusal = refusalOf(measureText(start.schema, request.query, request.operationName, limits), limits, caller);
        if (refusal) {
          // Nothing of the refused text is parsed, validated or filtered: a trivial query stands in until the refusal.
          request.query = PLACEHOLDER_QUERY;
          request.operationName = undefined;
          if (request.extensions?.persistedQuery) request.extensions = { ...request.extensions, persistedQuery: undefined };
        }
      }
      return {
        async didResolveOperation(context) {
          if (refusal) throw refusal;
          const { document, schema } = context;
          if (!checkedText) {
            // An automatic persisted query: its text was only known once looked up.
            const measured = { tokens: countTokens(context.source ?? ''), figures: measureDocument(schema, document, context.operationName) };
            const late = refusalOf(measured, limits, caller);
            if (late) throw late;
          }
          const variables = context.request.variables ?? undefined;
          const keyed = costKeyVariables(variables, context.operation);
          const json = keyed ? JSON.stringify(keyed) : '';
          const key = `${context.queryHash}\0${context.operationName ?? ''}\0${json}`;
          let cost = costs.get(key);
          if (!costs.has(key)) {
            cost = estimateCost(schema, document, context.operationName, variables, costOptions);
            if (json.length <= 4096) bounded(costs, cacheSize, key, cost);
          }
          if (cost !== undefined && cost > limits.cost) throw operationTooComplex('cost', limits.cost, cost);
        },
        async willSendResponse(context) {
          const body = context.response.body;
          if (body.kind !== 'single' || !body.singleResult.errors) return;
          const tokenFailure = body.singleResult.errors.find(
            (e) => e.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOKEN_PARSE_FAILURE.test(e.message),
          );
          if (tokenFailure) {
            // The parser's own token limit (a backstop for persisted queries) is the same refusal.
            const { message, extensions } = operationTooComplex('tokens', limits.tokens, countTokens(context.source ?? ''));
            const { http: _status, ...shown } = extensions;
            body.singleResult = { errors: [{ message, extensions: shown }] };
            context.response.http.status = 400;
            return;
          }
          if (!locked || caller.scopes.has(Scope.ADMIN)) return;
          // No "Did you mean ...?": suggestions would spell out the schema that introspection keeps closed.
          body.singleResult.errors = body.singleResult.errors.map((e) => ({ ...e, message: e.message.replace(SUGGESTION, '') }));
        },
      };
    },
  };
}
