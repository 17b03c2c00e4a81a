import { marketRegulationCreditSignals } from '../credit-signal';
import { DataSource, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { runInBackground } from '../../../shared/database/query-counter';
import type { Logger } from '../../../shared/logging/logger';
import type { BackgroundWork, BackgroundWorkOptions } from '../../../shared/subgraph/definition';
import { emitMarketRegulationEvent, seriousRemoved } from '../credit-events';
import { SeriousDishonestListing } from '../entities/serious-dishonest-listing.entity';
import { SeriousDishonestRemovalKind } from '../enums';
import { lastDateReachingTerm, seriousState } from '../resolvers/derived';
import { chinaToday } from '../../../shared/calendar/dates';
import { SERIOUS_LIST_RULES } from '../rules/serious-list';
import { periodicWork } from '../../../shared/subgraph/background-work';

/*
 * The automatic end of a serious-dishonest listing (期满自动移出, SAMR order 44 art. 20: removed when the listing
 * period ends) recorded as the removal decision it is, with its CreditListChange REMOVED in the same transaction,
 * so every agency lifts the measures resting on it. Reads already showed the automatic removal (seriousState); the
 * sweep makes it a decision the other agencies hear of.
 *
 * Abnormal-operations listings have no automatic end: they stand until cured (removeFromAbnormalOperationsList),
 * and after three years lead to the serious list (a warning 60 days before). That transfer is not swept here.
 */

const SUFFIX = '（期满移出）';
const NUMBER_MAX = 80;

/**
 * Document number of an automatic removal. Expiry has no removal decision document of its own (文号): the listing
 * ends by force of the rule, on the date the listing decision itself fixed. So the number is the listing decision's
 * own number with the suffix "（期满移出）" ("removed at expiry"), which names the listing it ends and is unique
 * because listing numbers are. A listing number too long for the suffix falls back to "期满移出-L<listing id>".
 */
export function automaticRemovalNumber(listing: Pick<SeriousDishonestListing, 'id' | 'decisionNumber'>): string {
  const derived = `${listing.decisionNumber}${SUFFIX}`;
  return derived.length <= NUMBER_MAX ? derived : `期满移出-L${listing.id}`;
}

/** Numbers of that scheme belong to the expiry sweep: a removal recorded by hand may not take one. */
export function isAutomaticRemovalNumber(number: string): boolean {
  return number.endsWith(SUFFIX) || number.startsWith('期满移出-L');
}

export interface ExpirySweepResult {
  /** Listings whose automatic removal this pass recorded (and emitted). */
  removed: number;
  /** Listings that could not be recorded (logged; retried on the next pass). */
  failed: number;
}

/**
 * Records the automatic removal of every serious-dishonest listing whose period has ended by `today` and is not yet
 * removed. Each listing in its own transaction with its event; the update is conditional on `removedOn IS NULL`, so a
 * listing swept twice, by two replicas at once, or removed by a decision meanwhile, is recorded and emitted once.
 */
export async function sweepExpiredListings(db: DataSource, today: string, log?: Logger, batchSize = 200): Promise<ExpirySweepResult> {
  const result: ExpirySweepResult = { removed: 0, failed: 0 };
  // Candidates by the loosest term of any rule version; each listing's own rule decides below.
  const cutoff = SERIOUS_LIST_RULES.map((r) => lastDateReachingTerm(today, r.autoRemovalYears)).sort().at(-1) as string;
  const repo = db.getRepository(SeriousDishonestListing);
  let afterId = 0;
  for (;;) {
    const batch = await repo.find({
      where: { removedOn: IsNull(), listedOn: LessThanOrEqual(cutoff), id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: batchSize,
    });
    for (const listing of batch) {
      afterId = listing.id;
      const state = seriousState(listing, today);
      if (state.removalKind !== SeriousDishonestRemovalKind.AUTOMATIC) continue;
      try {
        if (await recordAutomaticRemoval(db, listing, state.autoRemovalOn)) result.removed++;
      } catch (err) {
        result.failed++;
        log?.error({ err, listingId: listing.id }, 'automatic removal of a serious-dishonest listing could not be recorded');
      }
    }
    if (batch.length < batchSize) return result;
  }
}

async function recordAutomaticRemoval(db: DataSource, listing: SeriousDishonestListing, removedOn: string): Promise<boolean> {
  const removal = {
    removedOn,
    kind: SeriousDishonestRemovalKind.AUTOMATIC,
    decisionNumber: automaticRemovalNumber(listing),
    // The authority that listed fixed the period; the removal is its decision taking effect.
    decidingAuthority: listing.listingAuthority,
  };
  return db.transaction(async (m) => {
    const updated = await m.getRepository(SeriousDishonestListing).update(
      { id: listing.id, removedOn: IsNull() },
      {
        removedOn,
        removalKind: removal.kind,
        removalReason: `Listing period ended (期满自动移出); listed on ${listing.listedOn}`,
        removalDecisionNumber: removal.decisionNumber,
        removalDecidingAuthority: removal.decidingAuthority,
      },
    );
    if (!updated.affected) return false;
    await emitMarketRegulationEvent(m, 'CreditListChange', seriousRemoved(listing, removal));
    await marketRegulationCreditSignals.refresh(m, [listing.operatorUscc]);
    return true;
  });
}

/** The sweep on start (awaited, so the service starts with expired listings recorded) and then every interval. */
export async function startListExpirySweeper(options: BackgroundWorkOptions): Promise<BackgroundWork> {
  const log = options.log.child({ component: 'list-expiry' });
  return periodicWork(options.config.listExpiry.sweepIntervalMs, async () => {
    try {
      const result = await runInBackground(() => sweepExpiredListings(options.dataSource, chinaToday(options.clock()), log));
      if (result.removed > 0 || result.failed > 0) log.info(result, 'serious-dishonest listings ended at expiry');
    } catch (err) {
      log.warn({ err }, 'list-expiry sweep failed; retried on the next pass');
    }
  });
}
