import type { Caller } from '../auth/caller';
import { LIMITS } from './entities';
import type { AuditEntry } from './audit-log';
import type { AccessControlStore } from './store';

export interface AuditCollectorOptions {
  caller: Caller;
  requestId: string;
  /** The request's `x-purpose` header; may be empty. */
  purpose: string | undefined | null;
  /** Which service serves the read, e.g. `market-regulation`. */
  subgraph: string;
}

export interface AuditCollector {
  /**
   * Notes that a non-public field of an operator was read in this request (the caller decides what is
   * non-public), whatever the caller's role. Anonymous callers (no token) are not recorded: they cannot pass
   * the authentication every non-public field requires.
   */
  record(operatorUscc: string, field: string): void;
  /** Operators with at least one recorded read, not yet flushed. */
  readonly pendingOperators: number;
  /**
   * Writes one audit record per operator (all fields read for it, sorted) in one append; call once at the
   * end of the request. Later calls write only what was recorded since. Returns the number of records written.
   */
  flush(store: AccessControlStore): Promise<number>;
}

/** Collects the reads of one request in memory (deduplicated) and writes them at its end. */
export function createAuditCollector(options: AuditCollectorOptions): AuditCollector {
  const { caller } = options;
  // Keyed on authentication, not the role: a `public` token carrying extra scopes reads non-public data too.
  const audited = caller.authenticated;
  const reads = new Map<string, Set<string>>();
  const record = (operatorUscc: string, field: string) => {
    if (!audited || !operatorUscc) return;
    let fields = reads.get(operatorUscc);
    if (!fields) reads.set(operatorUscc, (fields = new Set()));
    fields.add(field);
  };
  return {
    record,
    get pendingOperators() {
      return reads.size;
    },
    async flush(store: AccessControlStore) {
      if (reads.size === 0) return 0;
      const at = new Date();
      const pending = [...reads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      reads.clear();
      const entries: AuditEntry[] = pending.map(([operatorUscc, fields]) => ({
        at,
        requestId: options.requestId,
        subject: caller.subject ?? null,
        role: caller.role,
        agency: caller.agency ?? null,
        operatorUscc,
        subgraph: options.subgraph,
        fields: [...fields].sort(),
        purpose: (options.purpose ?? '').slice(0, LIMITS.purpose),
      }));
      try {
        await store.append(entries);
      } catch (err) {
        // Keep the reads so a retry of flush can still write them.
        for (const [uscc, fields] of pending) for (const f of fields) record(uscc, f);
        throw err;
      }
      return entries.length;
    },
  };
}
