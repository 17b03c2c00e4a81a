import { randomUUID } from 'node:crypto';
import { In, IsNull } from 'typeorm';
import { hasScope, isOperatorSelf, Scope, type Caller } from '../auth/caller';
import { assertUscc } from '../credit-code/uscc-scalar';
import { badInput, notFound } from '../errors/errors';
import type { StoreContext } from './context';
import { CONSENT_GRANT, LIMITS, type ConsentGrant } from './entities';
import { forbidden, unauthenticated } from './errors';
import { normalisePurpose } from './purpose';

export const DEFAULT_MAX_CONSENT_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Codes per statement in activeConsentsFor: far above any page size, well below bind-parameter limits. */
const MAX_CODES_PER_STATEMENT = 5000;

export interface GrantConsentInput {
  operatorUscc: string;
  /** The evaluator token's `sub`. */
  evaluatorSubject: string;
  purpose: string;
  expiresAt: Date;
}

/** An admin: role `admin` with the `admin` scope. */
export function isAdmin(caller: Caller): boolean {
  return caller.authenticated && caller.role === 'admin' && hasScope(caller, Scope.ADMIN);
}

/** True while the grant is neither revoked nor expired (and already granted) at `now`. */
export function isConsentActive(grant: ConsentGrant, now: Date): boolean {
  return grant.revokedAt === null && grant.grantedAt.getTime() <= now.getTime() && grant.expiresAt.getTime() > now.getTime();
}

function who(caller: Caller): string {
  return (caller.subject ?? `(${caller.role})`).slice(0, LIMITS.subject);
}

function requiredText(value: unknown, name: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw badInput(`\`${name}\` must be a non-empty string`);
  const text = value.trim();
  if (text.length > max) throw badInput(`\`${name}\` must not exceed ${max} characters`);
  return text;
}

/** Consent grants: data with expiry and revocation, managed by the operator itself and admins; never deleted. */
export class ConsentRegistry {
  constructor(
    private readonly ctx: StoreContext,
    private readonly maxConsentDays: number,
  ) {}

  private get repo() {
    return this.ctx.ds.getRepository<ConsentGrant>(CONSENT_GRANT);
  }

  async grantConsent(input: GrantConsentInput, grantedBy: Caller): Promise<ConsentGrant> {
    if (!grantedBy.authenticated) throw unauthenticated('Granting consent needs a token');
    const operatorUscc = assertUscc(input.operatorUscc);
    if (!isOperatorSelf(grantedBy, operatorUscc) && !isAdmin(grantedBy)) {
      throw forbidden('Only the operator itself or an admin may grant consent to its data');
    }
    const evaluatorSubject = requiredText(input.evaluatorSubject, 'evaluatorSubject', LIMITS.subject);
    const purpose = requiredText(input.purpose, 'purpose', LIMITS.purpose);
    const expiresAt = input.expiresAt;
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) throw badInput('`expiresAt` must be a valid date-time');
    const now = new Date();
    if (expiresAt.getTime() <= now.getTime()) throw badInput('`expiresAt` must be in the future');
    const latest = now.getTime() + this.maxConsentDays * DAY_MS;
    if (expiresAt.getTime() > latest) {
      throw badInput(`\`expiresAt\` must be at most ${this.maxConsentDays} days from now (${new Date(latest).toISOString()})`);
    }
    const grant: ConsentGrant = {
      id: randomUUID(),
      operatorUscc,
      evaluatorSubject,
      purpose,
      grantedAt: now,
      expiresAt,
      revokedAt: null,
      revokedBy: null,
      grantedBy: who(grantedBy),
      reason: null,
    };
    await this.ctx.serializeWrite(() => this.repo.insert(grant));
    return grant;
  }

  /** Ends a grant now (the row stays). Only the operator itself or an admin; a second revocation is BAD_USER_INPUT. */
  async revokeConsent(id: string, by: Caller, reason?: string): Promise<ConsentGrant> {
    if (!by.authenticated) throw unauthenticated('Revoking consent needs a token');
    const grant = typeof id === 'string' && id.length <= 36 ? await this.repo.findOneBy({ id }) : null;
    if (!grant) throw notFound(`No consent grant "${String(id)}"`);
    if (!isOperatorSelf(by, grant.operatorUscc) && !isAdmin(by)) {
      throw forbidden('Only the operator itself or an admin may revoke its consent');
    }
    const why = reason === undefined || reason.trim() === '' ? null : requiredText(reason, 'reason', LIMITS.reason);
    if (grant.revokedAt) throw badInput(`Consent grant "${id}" was already revoked at ${grant.revokedAt.toISOString()}`);
    const revokedAt = new Date();
    // Conditional update: of two concurrent revocations exactly one wins.
    const result = await this.ctx.serializeWrite(() =>
      this.repo
        .createQueryBuilder()
        .update()
        .set({ revokedAt, revokedBy: who(by), reason: why })
        .where({ id, revokedAt: IsNull() })
        .execute(),
    );
    if (!result.affected) throw badInput(`Consent grant "${id}" was already revoked`);
    return { ...grant, revokedAt, revokedBy: who(by), reason: why };
  }

  /**
   * Which of `usccs` have an active consent for `evaluatorSubject` at `now` given for `purpose`: one SQL
   * statement for all codes. A consent binds its purpose: one given for "loan application" does not cover
   * "marketing", nor a read that declares none. Purposes are compared normalised (see normalisePurpose), in
   * code rather than SQL so every database folds the same way.
   * Deliberately uncached: a revocation takes effect on the evaluator's next request.
   */
  async activeConsentsFor(evaluatorSubject: string, usccs: readonly string[], now: Date, purpose: string): Promise<Set<string>> {
    const wanted = normalisePurpose(purpose ?? '');
    const active = new Set<string>();
    if (wanted === '') return active;
    const codes = [...new Set(usccs)];
    for (let i = 0; i < codes.length; i += MAX_CODES_PER_STATEMENT) {
      const rows: { uscc: string; purpose: string }[] = await this.repo
        .createQueryBuilder('c')
        .select('c.operatorUscc', 'uscc')
        .addSelect('c.purpose', 'purpose')
        .where('c.evaluatorSubject = :evaluatorSubject', { evaluatorSubject })
        .andWhere({ operatorUscc: In(codes.slice(i, i + MAX_CODES_PER_STATEMENT)) })
        .andWhere('c.revokedAt IS NULL')
        .andWhere('c.grantedAt <= :now', { now })
        .andWhere('c.expiresAt > :now', { now })
        .getRawMany();
      for (const row of rows) if (normalisePurpose(row.purpose) === wanted) active.add(row.uscc);
    }
    return active;
  }

  /** Every grant of the operator, active or not, newest first. */
  consentsOf(uscc: string): Promise<ConsentGrant[]> {
    return this.repo.find({ where: { operatorUscc: uscc }, order: { grantedAt: 'DESC', id: 'ASC' } });
  }

  consent(id: string): Promise<ConsentGrant | null> {
    return this.repo.findOneBy({ id });
  }
}
