import type { DataSource } from 'typeorm';
import { insertInChunks } from '../../shared/seed/insert';
import { daysBefore, isoDate, SeedPlan } from '../../shared/seed/seed-plan';
import { Storefront } from './entities/storefront.entity';

/** Commerce's part of the deterministic seed. */
export async function seedCommerce(db: DataSource, plan: SeedPlan): Promise<void> {
  const repo = db.getRepository(Storefront);
  const storefronts: Storefront[] = [];
  for (const op of plan.operators) {
    const rng = plan.rng('commerce', op.index);
    for (const platformId of op.platformIds) {
      const shopId = `${platformId.slice(0, 2).toUpperCase()}${op.index}${rng.int(100, 999)}`;
      storefronts.push(
        repo.create({
          operatorUscc: op.uscc,
          platformId,
          shopId,
          shopName: `${op.name.replace(/有限公司|网店/, '')}${rng.pick(['旗舰店', '专营店', '官方店', '小店'])}`,
          url: `https://shop.${platformId}.example/${shopId}`,
          openedOn: isoDate(daysBefore(plan.today, rng.int(30, 2000))),
        }),
      );
    }
  }
  await insertInChunks(db, Storefront, storefronts);
}
