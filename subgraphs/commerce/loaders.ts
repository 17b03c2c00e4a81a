import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { findByKeys, manyByKey } from '../../shared/subgraph/loaders';
import { AdvanceCompensationClaim } from './entities/advance-compensation-claim.entity';
import { GovernmentRestriction } from './entities/government-restriction.entity';
import { CommerceListEntry } from './entities/commerce-list-entry.entity';
import { ConsumerReview, ConsumerReviewStatus, ConsumerReviewStatusChange } from './entities/consumer-review.entity';
import { OperatorCreditEvaluation } from './entities/operator-credit-evaluation.entity';
import { PlatformComplaint } from './entities/platform-complaint.entity';
import { PlatformRuleDocument } from './entities/platform-rule-document.entity';
import { Platform } from './entities/platform.entity';
import { Storefront } from './entities/storefront.entity';
import { TransactionRiskAlert } from './entities/transaction-risk-alert.entity';

/** Review counts of one operator on one platform, by status, from one grouped query. */
export interface ReviewCountsRow {
  platformId: string;
  status: ConsumerReviewStatus;
  count: number;
  ratingSum: number;
}

/**
 * Review statistics per operator: one `GROUP BY operator, platform, status` statement for all the
 * operators of a request (the statistics are aggregated in the resolver).
 */
function reviewCountsByOperator(db: DataSource): DataLoader<string, ReviewCountsRow[]> {
  return new DataLoader<string, ReviewCountsRow[]>(async (keys) => {
    const raw = await db
      .getRepository(ConsumerReview)
      .createQueryBuilder('r')
      .select('r.operatorUscc', 'operatorUscc')
      .addSelect('r.platformId', 'platformId')
      .addSelect('r.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .addSelect('SUM(r.rating)', 'ratingSum')
      .where('r.operatorUscc IN (:...keys)', { keys: [...keys] })
      .groupBy('r.operatorUscc')
      .addGroupBy('r.platformId')
      .addGroupBy('r.status')
      .orderBy('r.platformId', 'ASC')
      .getRawMany<{ operatorUscc: string; platformId: string; status: string; count: string | number; ratingSum: string | number }>();
    const byKey = new Map<string, ReviewCountsRow[]>(keys.map((k) => [k, []]));
    for (const r of raw) {
      byKey.get(r.operatorUscc)?.push({
        platformId: r.platformId,
        status: r.status as ConsumerReviewStatus,
        count: Number(r.count),
        ratingSum: Number(r.ratingSum),
      });
    }
    return keys.map((k) => byKey.get(k) ?? []);
  });
}

/** Storefronts by the platform's shop id (reviews name the shop as the platform reports it). */
function storefrontByShop(db: DataSource): DataLoader<string, Storefront | null> {
  const keyOf = (platformId: string, shopId: string) => `${platformId}/${shopId}`;
  return new DataLoader<string, Storefront | null>(async (keys) => {
    const shopIds = [...new Set(keys.map((k) => k.slice(k.indexOf('/') + 1)))];
    const rows = await findByKeys(db, Storefront, 'shopId', shopIds);
    const byKey = new Map(rows.map((r) => [keyOf(r.platformId, r.shopId), r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/**
 * Platforms are a small reference table (tens of rows): the first platform a request needs loads them
 * all, once. Nested `platform` fields resolve at different moments, so a per-key batch could split into
 * a timing-dependent number of statements; this keeps it at exactly one per request.
 */
function platformById(db: DataSource): DataLoader<string, Platform | null> {
  let all: Promise<Map<string, Platform>> | undefined;
  return new DataLoader<string, Platform | null>(async (keys) => {
    all ??= db
      .getRepository(Platform)
      .find()
      .then((rows) => new Map(rows.map((r) => [r.id, r])));
    const byId = await all;
    return keys.map((k) => byId.get(k) ?? null);
  });
}

/** Per-request DataLoaders of the commerce subgraph, one per key. */
export function createCommerceLoaders(db: DataSource) {
  return {
    storefrontsByOperator: manyByKey<Storefront, string>(db, Storefront, 'operatorUscc', { id: 'ASC' }),
    storefrontByShop: storefrontByShop(db),
    platformById: platformById(db),
    ruleDocumentsByPlatform: manyByKey<PlatformRuleDocument, string>(db, PlatformRuleDocument, 'platformId', {
      kind: 'ASC',
      version: 'DESC',
    }),
    reviewCountsByOperator: reviewCountsByOperator(db),
    statusChangesByReview: manyByKey<ConsumerReviewStatusChange, number>(db, ConsumerReviewStatusChange, 'reviewId', {
      changedAt: 'ASC',
      id: 'ASC',
    }),
    evaluationsByOperator: manyByKey<OperatorCreditEvaluation, string>(db, OperatorCreditEvaluation, 'operatorUscc', {
      evaluatedOn: 'DESC',
      id: 'DESC',
    }),
    riskAlertsByOperator: manyByKey<TransactionRiskAlert, string>(db, TransactionRiskAlert, 'operatorUscc', {
      issuedOn: 'DESC',
      id: 'DESC',
    }),
    claimsByOperator: manyByKey<AdvanceCompensationClaim, string>(db, AdvanceCompensationClaim, 'operatorUscc', {
      claimedOn: 'DESC',
      id: 'DESC',
    }),
    restrictionsByOperator: manyByKey<GovernmentRestriction, string>(db, GovernmentRestriction, 'operatorUscc', {
      startsOn: 'DESC',
      id: 'DESC',
    }),
    listEntriesByOperator: manyByKey<CommerceListEntry, string>(db, CommerceListEntry, 'operatorUscc', {
      listedOn: 'DESC',
      id: 'DESC',
    }),
    // Platform complaints are few per operator; the statistics window is applied in the resolver.
    platformComplaintsByOperator: manyByKey<PlatformComplaint, string>(db, PlatformComplaint, 'operatorUscc', {
      receivedOn: 'DESC',
      id: 'DESC',
    }),
  };
}

export type CommerceLoaders = ReturnType<typeof createCommerceLoaders>;
