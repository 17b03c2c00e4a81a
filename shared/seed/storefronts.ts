import type { Rng } from './random';
import { daysBefore, isoDate, SeedOperator, SeedPlan } from './seed-plan';

/** A seeded shop of an operator on one of its platforms (commerce's storefront registry). */
export interface SeededStorefront {
  platformId: string;
  shopId: string;
  shopName: string;
  url: string;
  openedOn: string;
}

/**
 * The operator's seeded shops, one per platform, drawn from commerce's stream (`plan.rng('commerce', op.index)`, its
 * first draws). Commerce seeds its registry from them; market regulation seeds the shop address of the platforms'
 * verification reports from the same draws on a fresh copy of that stream, so both name the same shop.
 */
export function seededStorefronts(plan: SeedPlan, op: SeedOperator, rng: Rng): SeededStorefront[] {
  return op.platformIds.map((platformId) => {
    const shopId = `${platformId.slice(0, 2).toUpperCase()}${op.index}${rng.int(100, 999)}`;
    return {
      platformId,
      shopId,
      shopName: `${op.name.replace(/有限公司|网店/, '')}${rng.pick(['旗舰店', '专营店', '官方店', '小店'])}`,
      url: `https://shop.${platformId}.example/${shopId}`,
      openedOn: isoDate(daysBefore(plan.today, rng.int(30, 2000))),
    };
  });
}
