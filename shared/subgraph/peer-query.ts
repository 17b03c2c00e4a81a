import { GraphQLError } from 'graphql';
import type { AgencyId } from '../config/agencies';
import type { SubgraphContext } from './context';

/** What another agency's subgraph answered: GraphQL's own shape. */
export interface PeerAnswer<D> {
  data?: D | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

export interface PeerQueryOptions {
  /**
   * Forward the caller's own Authorization header, so the peer applies its own access rules to the same caller;
   * without it the peer answers as to the public.
   */
  onCallersBehalf?: boolean;
  /** HTTP statuses besides 2xx whose GraphQL body is still read (a 400 carrying BAD_USER_INPUT). */
  readStatuses?: number[];
}

/**
 * Asks another agency's subgraph over GraphQL (never its database), within the configured peer deadline, with the
 * request's id. Throws when the peer does not answer, answers late or answers an unexpected HTTP status; the caller
 * turns that into its own SUBGRAPH_UNAVAILABLE (`peerUnavailable`), since only it knows what was not recorded.
 */
export async function askPeer<D>(
  ctx: SubgraphContext,
  agency: AgencyId,
  query: string,
  variables: Record<string, unknown>,
  options: PeerQueryOptions = {},
): Promise<PeerAnswer<D>> {
  const res = await fetch(ctx.peers.url(agency), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-request-id': ctx.requestId,
      ...(options.onCallersBehalf && ctx.authorization ? { authorization: ctx.authorization } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(ctx.peers.timeoutMs),
  });
  if (!res.ok && !(options.readStatuses ?? []).includes(res.status)) throw new Error(`${agency} answered HTTP ${res.status}`);
  return (await res.json()) as PeerAnswer<D>;
}

/** The agency a check depends on could not be consulted: `message` says what was (not) done. */
export function peerUnavailable(agency: AgencyId, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', agency } });
}
