import { ExpressPermit, ExpressPermitStatus } from './entities/express-permit.entity';
import { expressPermitStatusOn } from '../../shared/qualifications/validity';

/** Status of a permit on `today` (ISO date), by the rule customs' cross-border check also applies (shared/qualifications). */
export function permitStatusOn(permit: ExpressPermit, today: string): ExpressPermitStatus {
  return expressPermitStatusOn(permit, today) as ExpressPermitStatus;
}

/**
 * The permit to show as an operator's current one: the valid one (latest start first), otherwise the
 * most recent one by start of validity. `permits` come ordered by validFrom descending.
 */
export function currentPermit(permits: ExpressPermit[], today: string): ExpressPermit | null {
  return permits.find((p) => permitStatusOn(p, today) === ExpressPermitStatus.VALID) ?? permits[0] ?? null;
}
