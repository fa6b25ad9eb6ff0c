// The app's own code: start Orion from this folder's package.json, seed a little on first run,
// and print what both dashboards show and what the database holds.
import { createOrion, TenancyService } from '@orion/core';

const orion = await createOrion({
  database: process.env.ORION_DATABASE,
  logger: { debug() {}, info() {}, warn() {}, error: (message) => console.error(message) },
});
try {
  const tenancy = new TenancyService(orion.db);
  let [platform] = await tenancy.listPlatforms();
  let store;
  if (!platform) {
    platform = await tenancy.createPlatform({ code: 'main', name: 'Main' });
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    store = await tenancy.createStore({ merchantId: merchant.id, code: 'acme', name: 'Acme', defaultCurrency: 'EUR' });
    await tenancy.addStoreToPlatform(store.id, platform.id);
  } else {
    [store] = await tenancy.listPlatformStores(platform.id);
  }
  if (orion.registry.has('orders')) {
    const { OrdersService } = await import('@orion/orders');
    const orders = new OrdersService(orion.db);
    const { items } = await orders.listStoreOrders({ storeId: store.id });
    if (items.length === 0) {
      await orders.placeOrder({
        storeId: store.id,
        customerEmail: 'ada@example.com',
        items: [{ sku: 'MUG', quantity: 2, unitPrice: 1250 }],
      });
    }
  }
  const storeStats = await orion.statsAggregator.getStoreDashboardStats({ storeId: store.id, platformId: platform.id });
  const adminStats = await orion.statsAggregator.getAdminDashboardStats({ platformId: platform.id });
  const tables = (await orion.db.introspection.getTables()).map((table) => table.name);
  const orderRows = tables.includes('orders')
    ? Number(
        (
          await orion.db
            .selectFrom('orders')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    : null;
  console.log(
    JSON.stringify({
      modules: orion.registry.codes(),
      store: Object.keys(storeStats.categories),
      admin: Object.keys(adminStats.categories),
      failures: [...storeStats.failures, ...adminStats.failures].map((failure) => failure.message),
      revenue: storeStats.categories.orders?.find((metric) => metric.key === 'orders.revenue.EUR')?.value ?? null,
      tables,
      orderRows,
      customers: storeStats.categories.customers?.find((metric) => metric.key === 'customers.total')?.value ?? null,
    }),
  );
} finally {
  await orion.close();
}
