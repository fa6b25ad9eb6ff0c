/**
 * The module's numbers on the dashboards: `__code__.items`, the items of one store (store dashboard)
 * or of the stores active on a platform (admin dashboard). Counted in SQL, never by loading rows.
 * The host loads this file on the first dashboard request (see `metricsProvider` in the module).
 */
import { toNumber } from '@orion/contracts';
import { activeStoreIdsInPlatform } from '@orion/tenancy';
import { en } from './messages/en.js';
import { __camel__Kit } from './__code__-kit.js';

export const __camel__MetricsProvider = __camel__Kit.metricsProvider({
  metricsCategory: '__code__',
  async getStoreMetrics(db, storeId) {
    const { n } = await db
      .selectFrom('__snake___items')
      .where('store_id', '=', storeId)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return [itemsMetric(toNumber(n))];
  },
  async getPlatformMetrics(db, platformId) {
    const { n } = await db
      .selectFrom('__snake___items')
      .where('store_id', 'in', activeStoreIdsInPlatform(db, platformId))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return [itemsMetric(toNumber(n))];
  },
});

/** The host translates the label and description from `metric.__code__.items.*` in the messages. */
function itemsMetric(value: number) {
  return {
    key: '__code__.items',
    value,
    label: en['metric.__code__.items.label'],
    description: en['metric.__code__.items.description'],
    category: '__code__',
    icon: 'list',
  };
}
