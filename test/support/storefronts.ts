import type { DataSource } from 'typeorm';
import { Storefront } from '../../subgraphs/commerce/entities/storefront.entity';

/**
 * A shop opens on a platform: the row commerce's storefront registry keeps (commerce has no storefront
 * mutation; its registry is fed by the platforms' filings to commerce, which the seed stands in for).
 */
export async function openStorefront(commerceDb: DataSource, operatorUscc: string, platformId: string): Promise<void> {
  const shopId = `T${operatorUscc.slice(-8)}${platformId.slice(0, 4)}`;
  await commerceDb.getRepository(Storefront).insert({
    operatorUscc,
    platformId,
    shopId,
    shopName: `测试店${shopId}`,
    url: `https://shop.${platformId}.example/${shopId}`,
    openedOn: '2026-01-05',
  });
}
