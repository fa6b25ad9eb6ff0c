/**
 * The per-platform team-member rollup (`tenancy_002_platform_team_members`): the database keeps it
 * on every write; the rebuild here is the repair tool.
 */
import { sql, type Kysely } from 'kysely';
import { inTransaction, sqlDialectOf } from '@orion/contracts';
import type { TenancyDatabase } from './schema.js';

/**
 * Recomputes `tenancy_platform_team_members` and `tenancy_platform_totals` from `store_platforms`
 * and `store_users`, in one transaction that keeps team and membership writers out meanwhile
 * (`share row exclusive` on PostgreSQL).
 */
export async function rebuildPlatformTeamMembers(db: Kysely<TenancyDatabase>): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (sqlDialectOf(trx) === 'postgres') {
      await sql`lock table store_platforms, store_users in share row exclusive mode`.execute(trx);
    }
    await sql`delete from tenancy_platform_team_members`.execute(trx);
    await sql`delete from tenancy_platform_totals`.execute(trx);
    await sql`
      insert into tenancy_platform_team_members (platform_id, user_id, stores)
      select sp.platform_id, su.user_id, count(*)
      from store_platforms sp join store_users su on su.store_id = sp.store_id and su.is_active
      where sp.is_active
      group by sp.platform_id, su.user_id`.execute(trx);
    await sql`
      insert into tenancy_platform_totals (platform_id, team_members)
      select platform_id, count(*) from tenancy_platform_team_members group by platform_id`.execute(trx);
  });
}
