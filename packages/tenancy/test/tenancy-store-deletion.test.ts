/**
 * Deleting a store, a merchant's stores or a platform keeps every tenancy dashboard exact (issue
 * 12), in particular the platform figures the database keeps (distinct team members; stores, active
 * stores and distinct merchants): the store's `store_users` rows and its memberships go by
 * cascades, in any order, and leave the platform rollups exactly once. See
 * `describeStoreDeletion`.
 */
import type { ComparableMetric } from '../../../test/support/metric-oracle.js';
import { describeStoreDeletion } from '../../../test/support/store-deletion.js';
import { TenancyService, tenancyModule } from '../src/index.js';

interface TeamRow {
  storeId: number;
  userId: number;
  isActive: boolean;
}

describeStoreDeletion('tenancy store deletion', () => {
  const team: TeamRow[] = [];
  return {
    modules: [],
    category: 'tenancy',
    rollupTables: [
      'tenancy_platform_team_members',
      'tenancy_platform_totals',
      'tenancy_platform_merchants',
      'tenancy_platform_stores',
    ],
    cascadeTables: ['store_users'],
    async seed(db, fixture, random) {
      const tenancy = new TenancyService(db);
      const userIds: number[] = [];
      for (let i = 0; i < 8; i++) {
        userIds.push((await tenancy.createUser({ email: `user${i}@example.com`, name: `User ${i}` })).id);
      }
      for (const store of fixture.stores) {
        for (const userId of random.shuffle([...userIds]).slice(0, random.int(1, 4))) {
          team.push({ storeId: store.id, userId, isActive: random.chance(0.8) });
        }
      }
      await db
        .insertInto('store_users')
        .values(
          team.map((row) => ({
            store_id: row.storeId,
            user_id: row.userId,
            role: 'staff',
            is_active: row.isActive,
            created_at: new Date().toISOString(),
          })),
        )
        .execute();
    },
    forgetStore(storeId) {
      team.splice(0, team.length, ...team.filter((row) => row.storeId !== storeId));
    },
    expected: (_window, fixture) => (storeIds, level) => {
      const active = team.filter((row) => row.isActive && storeIds.has(row.storeId));
      if (level === 'store') {
        return [
          { key: 'tenancy.team_members', value: active.length },
          { key: 'tenancy.domains', value: 0 },
          { key: 'tenancy.verified_domains', value: 0 },
        ];
      }
      const stores = fixture.stores.filter((store) => storeIds.has(store.id));
      const metrics: ComparableMetric[] = [
        { key: 'tenancy.total_stores', value: stores.length },
        { key: 'tenancy.active_stores', value: stores.filter((store) => store.isActive).length },
        { key: 'tenancy.merchants', value: new Set(stores.map((store) => store.merchantId)).size },
        { key: 'tenancy.team_members', value: new Set(active.map((row) => row.userId)).size },
      ];
      return metrics;
    },
    rebuild: (db) => tenancyModule.rebuild!({ db }),
  };
});
