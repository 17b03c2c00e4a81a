import { createHash } from 'node:crypto';
import { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { GraphQLFormattedError, OperationDefinitionNode } from 'graphql';
import type { Caller } from '../../shared/auth/caller';
import { UNAUTHORIZED_MESSAGE } from '../../shared/auth/field-guard';
import { callerMayRead } from '../../shared/auth/share-class';
import { filterOperation, FilteredOperation, PLACEHOLDER_KEY } from './filter-operation';
import { deleteKeyEverywhere, nullRemovedFields } from './null-removed-fields';
import type { RequirementIndex } from './supergraph-security';

export type AuthorizationMode = 'filter' | 'reject';

export interface AuthorizationPluginOptions {
  requirements: RequirementIndex;
  /**
   * `filter` (default): unauthorized fields are null with an error each; `reject`: the whole operation is
   * refused before anything executes (no subgraph fetch, no write).
   */
  mode: AuthorizationMode;
  /** Filtered documents kept per query and rights (bounded). */
  cacheSize?: number;
}

/** Callers with the same authentication and scopes see exactly the same fields. */
function rightsKey(caller: Caller): string {
  return `${caller.authenticated ? 1 : 0}:${[...caller.scopes].sort().join(' ')}`;
}

/**
 * Enforces the supergraph's @authenticated / @requiresScopes / @policy before Apollo Gateway plans the
 * operation, with Apollo Router's semantics. The filtered operation gets its own query hash, so a plan
 * made for one caller's rights never serves a caller with other rights.
 */
export function authorizationPlugin(options: AuthorizationPluginOptions): ApolloServerPlugin<{ caller: Caller }> {
  const cache = new Map<string, FilteredOperation>();
  const cacheSize = options.cacheSize ?? 2000;
  return {
    async requestDidStart() {
      let filtered: FilteredOperation | undefined;
      return {
        async didResolveOperation(requestContext) {
          const { operation, document, schema } = requestContext;
          if (!operation) return;
          const caller = requestContext.contextValue.caller;
          const key = `${requestContext.queryHash}:${requestContext.operationName ?? ''}:${rightsKey(caller)}`;
          filtered = cache.get(key);
          if (!filtered) {
            filtered = filterOperation(schema, document, operation, options.requirements, (r) => callerMayRead(r, caller));
            if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
            cache.set(key, filtered);
          }
          if (filtered.removals.length === 0 || options.mode === 'reject') return;
          const context = requestContext as unknown as { document: unknown; operation: unknown; queryHash: string };
          context.document = filtered.document;
          context.operation = filtered.document.definitions[0] as OperationDefinitionNode;
          context.queryHash = createHash('sha256')
            .update(requestContext.queryHash)
            .update(JSON.stringify(filtered.removals.map((r) => r.path)))
            .digest('hex');
        },
        // Reject mode answers here, which Apollo Server takes instead of executing: a mutation with one
        // forbidden field writes nothing, even through its permitted fields.
        async responseForOperation() {
          if (options.mode !== 'reject' || !filtered || filtered.removals.length === 0) return null;
          return {
            http: { status: 200, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: null, errors: unauthorizedErrors(filtered) } },
          };
        },
        async willSendResponse(requestContext) {
          if (!filtered || filtered.removals.length === 0 || options.mode === 'reject') return;
          const body = requestContext.response.body;
          if (body.kind !== 'single') return;
          const errors = unauthorizedErrors(filtered);
          const data = body.singleResult.data as Record<string, unknown> | null | undefined;
          if (data && filtered.placeholderRoot) delete data.__typename;
          if (data && filtered.placeholders) deleteKeyEverywhere(data, PLACEHOLDER_KEY);
          body.singleResult = {
            ...body.singleResult,
            data: nullRemovedFields(data, filtered.removals),
            errors: [...errors, ...(body.singleResult.errors ?? [])],
          };
        },
      };
    },
  };
}

/** One error per removed response path, as Apollo Router reports them. */
function unauthorizedErrors(filtered: FilteredOperation): GraphQLFormattedError[] {
  return filtered.removals.map((r) => ({ message: UNAUTHORIZED_MESSAGE, path: r.path, extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } }));
}
