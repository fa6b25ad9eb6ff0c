/**
 * The README's main command: opens the embedded SQLite database (or DATABASE_URL), seeds a demo
 * on first start, and prints a store dashboard and each platform's admin dashboard.
 */
import { createOrion } from '@orion/core';
import { printDashboard } from './print-dashboard.js';
import { seedDemo } from './seed-demo.js';

const orion = await createOrion({ database: process.env.DATABASE_URL ?? 'sqlite:orion-demo.db' });
try {
  console.log(`Orion demo on ${orion.dialect}; modules: ${orion.registry.codes().join(', ')}`);
  for (const skip of orion.discovery?.skipped ?? []) console.log(`  discovery skipped ${skip.packageName}: ${skip.detail}`);
  console.log('Seeding…');
  const demo = await seedDemo(orion, (line) => console.log(line));

  const shared = demo.stores.find((store) => store.platformIds.length > 1) ?? demo.stores[0]!;
  const platformId = shared.platformIds[0]!;
  printDashboard(
    `Store dashboard: ${shared.name} on ${demo.platforms.find((p) => p.id === platformId)?.name}`,
    await orion.statsAggregator.getStoreDashboardStats({ storeId: shared.id, platformId, context: { period: '30d', includeTrends: true } }),
  );
  for (const platform of demo.platforms) {
    printDashboard(
      `Admin dashboard: ${platform.name}`,
      await orion.statsAggregator.getAdminDashboardStats({ platformId: platform.id, context: { period: '30d', includeTrends: true } }),
    );
  }
} finally {
  await orion.close();
}
