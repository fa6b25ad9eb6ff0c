/**
 * Deleting a store, a merchant's stores or a platform keeps every cms dashboard exact (issue 12):
 * the store's pages, media files, theme and memberships go by cascades, in any order, and its
 * content leaves the platform rollups exactly once. See `describeStoreDeletion`.
 */
import { expectedTrend } from '../../../test/support/metric-oracle.js';
import { describeStoreDeletion } from '../../../test/support/store-deletion.js';
import { cmsModule, defaultThemeCode } from '../src/index.js';

const DAY = 86_400_000;

describeStoreDeletion('cms store deletion', () => {
  const pages = new Map<number, { storeId: number; published: boolean; createdAt: number }>();
  const media = new Map<number, { storeId: number; bytes: number }>();
  const themes = new Map<number, string>();
  return {
    modules: [cmsModule],
    category: 'cms',
    rollupTables: ['cms_platform_totals', 'cms_platform_daily_pages'],
    cascadeTables: ['cms_pages', 'cms_media_files', 'cms_themes'],
    async seed(db, fixture, random, now) {
      let serial = 0;
      for (const store of fixture.stores) {
        const pageRows = Array.from({ length: random.int(2, 6) }, () => ({
          store_id: store.id,
          slug: `p-${++serial}`,
          title: 'Page',
          body: '',
          body_html: '',
          status: random.pick(['draft', 'published'] as const),
          locale: 'en',
          created_at: new Date(now - random.int(0, 25 * DAY)).toISOString(),
          updated_at: new Date(now).toISOString(),
        }));
        const insertedPages = await db.insertInto('cms_pages').values(pageRows).returning('id').execute();
        insertedPages.forEach(({ id }, index) => {
          const row = pageRows[index]!;
          pages.set(Number(id), {
            storeId: store.id,
            published: row.status === 'published',
            createdAt: Date.parse(row.created_at),
          });
        });
        const mediaRows = Array.from({ length: random.int(0, 4) }, () => ({
          store_id: store.id,
          file_name: 'f.png',
          storage_name: (++serial).toString(16).padStart(32, '0'),
          content_type: 'image/png',
          bytes: random.int(1, 90_000),
          sha256: '0'.repeat(64),
          created_at: new Date(now).toISOString(),
        }));
        if (mediaRows.length > 0) {
          const insertedMedia = await db.insertInto('cms_media_files').values(mediaRows).returning('id').execute();
          insertedMedia.forEach(({ id }, index) =>
            media.set(Number(id), { storeId: store.id, bytes: mediaRows[index]!.bytes }),
          );
        }
        if (random.chance(0.7)) {
          const themeCode = random.pick([defaultThemeCode, 'classic']);
          await db
            .insertInto('cms_themes')
            .values({
              store_id: store.id,
              theme_code: themeCode,
              settings: '{}',
              updated_at: new Date(now).toISOString(),
            })
            .execute();
          themes.set(store.id, themeCode);
        }
      }
    },
    forgetStore(storeId) {
      for (const [id, page] of pages) if (page.storeId === storeId) pages.delete(id);
      for (const [id, file] of media) if (file.storeId === storeId) media.delete(id);
      themes.delete(storeId);
    },
    // no platform pages here: a platform dashboard's pages are its stores' pages
    expected: (window) => (storeIds, level) => {
      const mine = [...pages.values()].filter((page) => storeIds.has(page.storeId));
      const between = (from: number, to: number) =>
        mine.filter((page) => page.createdAt >= from && page.createdAt < to).length;
      const [from, to] = [window.dateFrom.getTime(), window.dateTo.getTime()];
      const current = between(from, to);
      const files = [...media.values()].filter((file) => storeIds.has(file.storeId));
      return [
        { key: 'cms.pages', value: mine.length },
        { key: 'cms.published_pages', value: mine.filter((page) => page.published).length },
        { key: 'cms.new_pages', value: current, ...expectedTrend(current, between(from - (to - from), from)) },
        { key: 'cms.media_files', value: files.length },
        { key: 'cms.media_bytes', value: files.reduce((sum, file) => sum + file.bytes, 0), unit: 'bytes' },
        ...(level === 'platform'
          ? [
              {
                key: 'cms.themed_stores',
                value: [...themes].filter(([id, code]) => storeIds.has(id) && code !== defaultThemeCode).length,
              },
            ]
          : []),
      ];
    },
    rebuild: (db) => cmsModule.rebuild!({ db }),
  };
});
