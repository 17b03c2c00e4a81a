import { ExpressPermit, ExpressPermitStatus } from './entities/express-permit.entity';

/** Status of a permit on `today` (ISO date). */
export function permitStatusOn(permit: ExpressPermit, today: string): ExpressPermitStatus {
  // A revocation withdrawn on an accepted objection (异议) never took effect.
  if (permit.revokedOn && permit.revokedOn <= today && !permit.withdrawnOn) return ExpressPermitStatus.REVOKED;
  if (today < permit.validFrom) return ExpressPermitStatus.NOT_YET_VALID;
  if (today > permit.validUntil) return ExpressPermitStatus.EXPIRED;
  return ExpressPermitStatus.VALID;
}

/**
 * The permit to show as an operator's current one: the valid one (latest start first), otherwise the
 * most recent one by start of validity. `permits` come ordered by validFrom descending.
 */
export function currentPermit(permits: ExpressPermit[], today: string): ExpressPermit | null {
  return permits.find((p) => permitStatusOn(p, today) === ExpressPermitStatus.VALID) ?? permits[0] ?? null;
}
