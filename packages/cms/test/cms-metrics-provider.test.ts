/**
 * The cms dashboards against numbers computed in plain TypeScript from the seeded rows, for every
 * store and platform, with and without trends, on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { expect, it } from 'vitest';
import { comparableMetrics, expectedTrend, type ComparableMetric } from '../../../test/support/metric-oracle.js';
import { seededRandom, type Random } from '../../../test/support/random.js';
import { seedTenancy, type TenancyFixture } from '../../../test/support/tenancy-fixture.js';
import { cmsModule, type CmsDatabase } from '../src/index.js';

interface SeededPage {
  storeId: number | null;
  platformId: number | null;
  status: 'draft' | 'published';
  createdAt: number;
}
interface SeededMedia {
  storeId: number;
  bytes: number;
}

const window = { dateFrom: new Date('2026-03-01T00:00:00.000Z'), dateTo: new Date('2026-03-31T00:00:00.000Z') };
const day = 86_400_000;

/** Pages (store and platform, every status, at and around the window edges), media and themes. */
async function seedContent(db: Kysely<CmsDatabase>, random: Random, tenancy: TenancyFixture) {
  const from = window.dateFrom.getTime();
  const to = window.dateTo.getTime();
  const previousFrom = from - (to - from);
  const edges = [previousFrom - 1, previousFrom, from - 1, from, to - 1, to];
  const moment = () => (random.chance(0.2) ? random.pick(edges) : previousFrom - 20 * day + random.int(0, 90 * day));
  const pages: SeededPage[] = [];
  const scopes: { storeId: number | null; platformId: number | null }[] = [
    ...tenancy.stores.map((store) => ({ storeId: store.id, platformId: null })),
    ...tenancy.platformIds.map((platformId) => ({ storeId: null, platformId })),
  ];
  for (const scope of scopes) {
    if (random.chance(0.15)) continue; // some scopes have no pages
    for (let i = 0, n = random.int(1, 40); i < n; i++) {
      pages.push({ ...scope, status: random.chance(0.6) ? 'published' : 'draft', createdAt: moment() });
    }
  }
  const rows = pages.map((page, i) => ({
    store_id: page.storeId,
    platform_id: page.platformId,
    slug: `page-${i}`,
    title: `Page ${i}`,
    body: '',
    body_html: '',
    status: page.status,
    published_at: page.status === 'published' ? new Date(page.createdAt).toISOString() : null,
    locale: random.pick(['en', 'de', 'fr']),
    created_at: new Date(page.createdAt).toISOString(),
    updated_at: new Date(page.createdAt).toISOString(),
  }));
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('cms_pages')
      .values(rows.slice(i, i + 200))
      .execute();

  const media: SeededMedia[] = [];
  for (const store of tenancy.stores) {
    if (random.chance(0.2)) continue;
    for (let i = 0, n = random.int(1, 15); i < n; i++)
      media.push({
        storeId: store.id,
        bytes: random.chance(0.05) ? 2 ** 32 + random.int(0, 1000) : random.int(0, 5_000_000),
      });
  }
  await db
    .insertInto('cms_media_files')
    .values(
      media.map((file, i) => ({
        store_id: file.storeId,
        file_name: `f${i}.png`,
        storage_name: i.toString(16).padStart(32, '0'),
        content_type: 'image/png',
        bytes: file.bytes,
        sha256: '0'.repeat(64),
        created_at: new Date(moment()).toISOString(),
      })),
    )
    .execute();

  const themes = new Map<number, string>();
  for (const store of tenancy.stores) {
    if (random.chance(0.3)) continue;
    themes.set(store.id, random.pick(['default', 'classic', 'minimal']));
  }
  if (themes.size > 0) {
    await db
      .insertInto('cms_themes')
      .values(
        [...themes].map(([storeId, code]) => ({
          store_id: storeId,
          theme_code: code,
          settings: '{}',
          updated_at: new Date().toISOString(),
        })),
      )
      .execute();
  }
  return { pages, media, themes };
}

function expectedMetrics(pages: SeededPage[], media: SeededMedia[], includeTrends: boolean): ComparableMetric[] {
  const from = window.dateFrom.getTime();
  const to = window.dateTo.getTime();
  const previousFrom = from - (to - from);
  const newNow = pages.filter((p) => p.createdAt >= from && p.createdAt < to).length;
  const newBefore = pages.filter((p) => p.createdAt >= previousFrom && p.createdAt < from).length;
  return [
    { key: 'cms.pages', value: pages.length },
    { key: 'cms.published_pages', value: pages.filter((p) => p.status === 'published').length },
    { key: 'cms.new_pages', value: newNow, ...(includeTrends ? expectedTrend(newNow, newBefore) : {}) },
    { key: 'cms.media_files', value: media.length },
    { key: 'cms.media_bytes', value: media.reduce((sum, file) => sum + file.bytes, 0), unit: 'bytes' },
  ];
}

describeEachDatabase('cms metrics', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('match the independently computed numbers for every store and platform, with and without trends', async () => {
    const host = await hosts.start({ modules: [cmsModule] });
    const random = seededRandom(20_261_130);
    const tenancy = await seedTenancy(host.db, random, { platforms: 3, merchants: 4, stores: 18 });
    const { pages, media, themes } = await seedContent(host.db, random, tenancy);

    // the data exercises what the numbers depend on
    expect(pages.some((p) => p.platformId !== null)).toBe(true);
    expect(pages.some((p) => p.createdAt === window.dateFrom.getTime())).toBe(true);
    expect(media.some((f) => f.bytes > 2 ** 32)).toBe(true);
    expect([...themes.values()]).toEqual(expect.arrayContaining(['default', 'classic']));
    expect(tenancy.memberships.some((m) => !m.isActive && pages.some((p) => p.storeId === m.storeId))).toBe(true);

    let compared = 0;
    for (const includeTrends of [false, true]) {
      const context = { ...window, includeTrends };
      for (const store of tenancy.stores) {
        const platformId = tenancy.storePlatform(store.id);
        if (platformId === undefined) continue;
        const stats = await host.storeDashboard({ storeId: store.id, platformId, context });
        expect(stats.failures).toEqual([]);
        expect({ storeId: store.id, metrics: comparableMetrics(stats.categories.cms!) }).toEqual({
          storeId: store.id,
          metrics: expectedMetrics(
            pages.filter((p) => p.storeId === store.id),
            media.filter((f) => f.storeId === store.id),
            includeTrends,
          ),
        });
        compared++;
      }
      for (const platformId of tenancy.platformIds) {
        const members = tenancy.activeStoreIds(platformId);
        const stats = await host.adminDashboard({ platformId, context });
        expect(stats.failures).toEqual([]);
        const themed = [...themes].filter(([storeId, code]) => members.has(storeId) && code !== 'default').length;
        expect({ platformId, metrics: comparableMetrics(stats.categories.cms!) }).toEqual({
          platformId,
          metrics: [
            ...expectedMetrics(
              pages.filter((p) => (p.storeId !== null && members.has(p.storeId)) || p.platformId === platformId),
              media.filter((f) => members.has(f.storeId)),
              includeTrends,
            ),
            { key: 'cms.themed_stores', value: themed },
          ],
        });
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('labels the metrics in the caller’s language and counts an empty store as zero', async () => {
    const host = await hosts.start({ modules: [cmsModule] });
    const { platformId, storeId } = await host.seedTenancy();
    const store = await host.storeDashboard({ storeId, platformId, context: { locale: 'fr', includeTrends: true } });
    expect(store.values).toMatchObject({
      'cms.pages': 0,
      'cms.published_pages': 0,
      'cms.new_pages': 0,
      'cms.media_files': 0,
      'cms.media_bytes': 0,
    });
    expect(store.metric('cms.media_bytes')).toMatchObject({
      unit: 'bytes',
      label: 'Stockage des médias',
      category: 'cms',
    });
    expect(store.metric('cms.new_pages')).toMatchObject({ trend: 'stable', trendValue: 0 });
    const admin = await host.adminDashboard({ platformId, context: { locale: 'de' } });
    expect(admin.metric('cms.themed_stores')).toMatchObject({ value: 0, label: 'Shops mit eigenem Design' });
  });
});
