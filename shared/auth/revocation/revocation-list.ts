/**
 * Token ids (`jti`) that must no longer be accepted, checked on every verification. An entry only needs
 * to outlive its token: once the token has expired (plus the clock tolerance) it is refused anyway.
 */
export interface RevocationList {
  /** Refuses the token `tokenId` from now until `expiresAt` (its `exp`). */
  revoke(tokenId: string, expiresAt: Date): Promise<void>;
  isRevoked(tokenId: string): Promise<boolean>;
  /** Resolves when a shared store answers (readiness); absent for a list held in memory. */
  ping?(): Promise<void>;
  /** Releases connections; the list is unusable afterwards. */
  close(): Promise<void>;
}

export interface MemoryRevocationListOptions {
  /** Keep entries this long past the token's expiry (the verifier's clock tolerance). */
  retainAfterExpirySeconds?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

/** The embedded default: one process's memory. Entries are dropped once their token has expired. */
export class MemoryRevocationList implements RevocationList {
  private readonly entries = new Map<string, number>();
  private readonly retainMs: number;
  private readonly now: () => number;
  private nextSweep = 0;

  constructor(options: MemoryRevocationListOptions = {}) {
    this.retainMs = (options.retainAfterExpirySeconds ?? 0) * 1000;
    this.now = options.now ?? Date.now;
  }

  async revoke(tokenId: string, expiresAt: Date): Promise<void> {
    const until = expiresAt.getTime() + this.retainMs;
    if (!Number.isFinite(until)) throw new TypeError('expiresAt must be a valid date');
    this.sweep();
    if (until <= this.now()) return;
    this.entries.set(tokenId, Math.max(until, this.entries.get(tokenId) ?? 0));
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    const until = this.entries.get(tokenId);
    if (until === undefined) return false;
    if (until <= this.now()) {
      this.entries.delete(tokenId);
      return false;
    }
    return true;
  }

  /** Entries currently held (expired ones included until the next sweep). */
  get size(): number {
    return this.entries.size;
  }

  /** Drops every entry whose token has expired; runs at most once a minute from {@link revoke}. */
  sweep(force = false): void {
    const now = this.now();
    if (!force && now < this.nextSweep) return;
    this.nextSweep = now + 60_000;
    for (const [id, until] of this.entries) if (until <= now) this.entries.delete(id);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
