import DataLoader from 'dataloader';
import { hasScope, Scope, type Caller } from '../auth/caller';
import type { AccessControlStore } from './store';

/**
 * Per-request loader: does this caller hold an active consent of operator `uscc` at `now`, given for the
 * `purpose` the request declares (x-purpose)? All codes
 * asked for in one tick go to the database in one statement. Create one per request (never share across
 * requests): a revocation takes effect on the evaluator's next request.
 *
 * Always false for callers that are not evaluators with a subject and the `credit:read` scope.
 */
export function createConsentLoader(store: AccessControlStore, caller: Caller, now: Date, purpose: string): DataLoader<string, boolean> {
  const subject = caller.subject;
  const evaluator = caller.authenticated && caller.role === 'evaluator' && !!subject && hasScope(caller, Scope.CREDIT_READ);
  return new DataLoader<string, boolean>(async (usccs) => {
    if (!evaluator || !subject) return usccs.map(() => false);
    const active = await store.activeConsentsFor(subject, usccs, now, purpose);
    return usccs.map((uscc) => active.has(uscc));
  });
}
