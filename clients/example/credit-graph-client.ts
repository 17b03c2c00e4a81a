import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { decodeJwt } from 'jose';
import { RevokeTokenDocument, type RevokeTokenMutation } from './generated/graphql';

/**
 * A small client of the operator credit graph for TypeScript applications: it sends the typed operations generated
 * by `npm run codegen` (clients/example/generated/graphql.ts), so results and variables are checked by the compiler.
 */
export interface CreditGraphClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A JWT from your identity provider (or `npm run -s token` in development); none for public data. */
  token?: string;
  /** Evaluators: the purpose the operator consented to (sent as `x-purpose`). */
  purpose?: string;
}

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** The data (fields you may not see are null) and every error, each with its `extensions.code`. */
export interface CreditGraphResult<TData> {
  status: number;
  data: TData | null;
  errors: GraphQLErrorShape[];
}

export interface CreditGraphClient {
  request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<CreditGraphResult<TData>>;
}

export function createCreditGraphClient(options: CreditGraphClientOptions): CreditGraphClient {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.purpose) headers['x-purpose'] = options.purpose;
  return {
    async request(document, ...variables) {
      const res = await fetch(options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: print(document), variables: variables[0] ?? {} }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: GraphQLErrorShape[] };
      return { status: res.status, data: (body.data ?? null) as never, errors: body.errors ?? [] };
    },
  };
}

/**
 * Revokes a token everywhere at once, as an admin. `revokeToken` needs the token's id (`jti`) and, to be sure it
 * outlives the token, its expiry (`exp`): both are claims of the token itself, read here without verifying it
 * (the admin only names it; the services keep refusing it until `until`).
 */
export async function revokeToken(admin: CreditGraphClient, token: string): Promise<CreditGraphResult<RevokeTokenMutation>> {
  const { jti, exp } = decodeJwt(token);
  if (!jti) throw new Error('the token has no id (jti): it cannot be revoked by id');
  return admin.request(RevokeTokenDocument, {
    tokenId: jti,
    expiresAt: exp === undefined ? undefined : new Date(exp * 1000).toISOString(),
  });
}
