/**
 * The per-platform store rollup (`tenancy_004_platform_stores`): the database keeps it on every
 * write; the rebuild here is the repair tool.
 */
import { sql, type Kysely } from 'kysely';
import { inTransaction, sqlDialectOf } from '@orion/contracts';
import type { TenancyDatabase } from './schema.js';

/**
 * Recomputes `tenancy_platform_merchants` and `tenancy_platform_stores` from `store_platforms` and
 * `stores`, in one transaction that keeps membership and store writers out meanwhile
 * (`share row exclusive` on PostgreSQL).
 */
export async function rebuildPlatformStores(db: Kysely<TenancyDatabase>): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (sqlDialectOf(trx) === 'postgres') {
      await sql`lock table store_platforms, stores in share row exclusive mode`.execute(trx);
    }
    await sql`delete from tenancy_platform_merchants`.execute(trx);
    await sql`delete from tenancy_platform_stores`.execute(trx);
    await sql`
      insert into tenancy_platform_merchants (platform_id, merchant_id, stores)
      select sp.platform_id, s.merchant_id, count(*)
      from store_platforms sp join stores s on s.id = sp.store_id
      where sp.is_active
      group by sp.platform_id, s.merchant_id`.execute(trx);
    await sql`
      insert into tenancy_platform_stores (platform_id, stores, active_stores, merchants)
      select sp.platform_id, count(*), sum(case when s.is_active then 1 else 0 end), count(distinct s.merchant_id)
      from store_platforms sp join stores s on s.id = sp.store_id
      where sp.is_active
      group by sp.platform_id`.execute(trx);
  });
}
