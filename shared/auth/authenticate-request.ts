import { GraphQLError } from 'graphql';
import type { Authenticator } from './authenticate';
import type { Caller } from './caller';

/** Authenticates the forwarded (or direct) caller; a bad token is a 401 with no data at all. */
export async function authenticateRequest(authenticator: Authenticator, header: string | undefined): Promise<Caller> {
  try {
    return await authenticator.authenticate(header);
  } catch (err) {
    const reason = err instanceof GraphQLError ? err.extensions.reason : undefined;
    throw new GraphQLError(err instanceof GraphQLError ? err.message : 'Invalid token', {
      extensions: { code: 'UNAUTHENTICATED', reason, http: { status: 401 } },
    });
  }
}
