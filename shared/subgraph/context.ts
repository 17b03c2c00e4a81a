import type { DataSource } from 'typeorm';
import type { AccessControlStore } from '../access-control/store';
import type { Authenticator } from '../auth/authenticate';
import type { AgencyId } from '../config/agencies';
import type { Caller } from '../auth/caller';
import type { GuardedContext } from '../auth/field-guard';
import type { RowAccess } from '../auth/share-class';
import type { Logger } from '../logging/logger';

/** What every resolver receives. Loaders are created per request, never shared between requests. */
export interface SubgraphContext<L = unknown> extends GuardedContext {
  requestId: string;
  db: DataSource;
  loaders: L;
  log: Logger;
  maxPageSize: number;
  /** Current time of the request; rules with dates (publicity, removal) are judged against it. */
  now: Date;
  /** The verified caller (anonymous without a token); the same token the gateway verified. */
  caller: Caller;
  rowAccess: RowAccess;
  audit: { record(uscc: string, coordinate: string): void };
  /** Consent grants and the audit log (platform infrastructure, shared by all subgraphs). */
  accessControl: AccessControlStore;
  /** Revokes tokens on the list every service checks. */
  revocations: Pick<Authenticator, 'revoke'>;
  /** How to reach another agency's subgraph over GraphQL (never its database). */
  peers: { url(agency: AgencyId): string; timeoutMs: number };
  /**
   * The caller's own Authorization header, forwarded on a question asked of a peer on the caller's behalf, so the
   * peer applies its own access rules to the same caller (as it would to the gateway's request); never a new identity.
   */
  authorization?: string;
}
