/**
 * `marketplace_store_totals` (`marketplace_003_staged_totals`): staged products per store. The
 * database keeps it on every write to `marketplace_products`; the rebuild here is the repair tool
 * behind `orion rebuild marketplace`.
 */
import { sql, type Kysely } from 'kysely';
import { inTransaction, sqlDialectOf } from '@orion/contracts';
import type { MarketplaceDatabase } from './schema.js';

/**
 * Recomputes `marketplace_store_totals` from `marketplace_products`, in one transaction that keeps
 * writers of staged products out meanwhile (`share row exclusive` on PostgreSQL).
 */
export async function rebuildMarketplaceStagedTotals(db: Kysely<MarketplaceDatabase>): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (sqlDialectOf(trx) === 'postgres') {
      await sql`lock table marketplace_products in share row exclusive mode`.execute(trx);
    }
    await sql`delete from marketplace_store_totals`.execute(trx);
    await sql`
      insert into marketplace_store_totals (store_id, staged_products)
      select store_id, count(*) from marketplace_products where status = 'staged' group by store_id`.execute(trx);
  });
}
