import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { Caller, Scope } from '../../shared/auth/caller';
import type { PersistedOperationIndex } from './manifest';

export const OPERATION_NOT_IN_SAFELIST = 'OPERATION_NOT_IN_SAFELIST';

/**
 * Third-party evaluators run only registered operations. That is the evaluator role, and any other token
 * carrying `credit:read` except agencies' and admins', so an extra scope cannot buy free-form queries.
 */
export function mustUseRegisteredOperations(caller: Caller): boolean {
  if (caller.role === 'evaluator') return true;
  return caller.scopes.has(Scope.CREDIT_READ) && caller.role !== 'agency' && caller.role !== 'admin';
}

function notInSafelist(): GraphQLError {
  return new GraphQLError(
    'This token may run only registered operations: send extensions.persistedQuery.sha256Hash of an operation in ' +
      'operations/manifest.json, or its text',
    { extensions: { code: OPERATION_NOT_IN_SAFELIST } },
  );
}

/**
 * Judges the request before Apollo Server reads its query or APQ cache, and refuses it once the operation is
 * resolved: before planning, before any fetch, and before APQ would store it, so evaluators cannot add
 * operations through APQ registration. A refused request answers only OPERATION_NOT_IN_SAFELIST (HTTP 403),
 * whatever else went wrong with it (unknown hash, syntax). Registered ids are served to every caller without
 * the text. Listed last among the gateway's plugins, so its answer is the final word.
 */
export function safelistPlugin(operations: PersistedOperationIndex): ApolloServerPlugin<{ caller: Caller }> {
  return {
    async requestDidStart({ request, contextValue }) {
      const persisted = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
      const hash = typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
      const restricted = mustUseRegisteredOperations(contextValue.caller);
      // A text sent by a caller free to send any text runs as sent: only restricted callers' texts are looked up.
      const registered =
        hash !== undefined
          ? operations.byHash(hash)
          : restricted && typeof request.query === 'string'
            ? operations.byText(request.query)
            : undefined;
      // Apollo checks that a text sent with a hash is the text of that hash.
      if (registered && hash !== undefined && request.query === undefined) request.query = registered.body;
      if (registered || !restricted) return;
      return {
        async didResolveOperation() {
          throw notInSafelist();
        },
        async willSendResponse({ response }) {
          const error = notInSafelist();
          response.body = { kind: 'single', singleResult: { errors: [{ message: error.message, extensions: { code: OPERATION_NOT_IN_SAFELIST } }] } };
          response.http.status = 403;
        },
      };
    },
  };
}
