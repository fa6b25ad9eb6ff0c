/**
 * The dashboards' statements read `cms_pages` and `cms_media_files` through their indexes, never
 * by scanning the table, and the platform dashboard reads its own rollup rows by primary key, not
 * one range per store, on SQLite and PostgreSQL (statistics gathered, planner switches untouched).
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { metricsContextSchema, resolveMetricsContext } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { expect, it } from 'vitest';
import { seededRandom } from '../../../test/support/random.js';
import { cmsModule, type CmsDatabase } from '../src/index.js';
import { mediaTotalsQuery, pageCountsQuery, platformMetricsQuery } from '../src/cms-metrics-query.js';

const context = resolveMetricsContext(
  metricsContextSchema.parse({ dateFrom: '2026-03-01T00:00:00Z', dateTo: '2026-03-31T00:00:00Z', includeTrends: true }),
);
/** A window whose boundaries fall inside days: the cut days' shorter sides are read from the pages. */
const cutContext = resolveMetricsContext(
  metricsContextSchema.parse({
    dateFrom: '2026-03-01T05:00:00.017Z',
    dateTo: '2026-03-30T20:59:59.995Z',
    includeTrends: true,
  }),
);

describeEachDatabase('cms dashboard query plans', (dialect) => {
  const hosts = useTestHosts(dialect);

  async function seed() {
    const host = await hosts.start({ modules: [cmsModule] });
    const first = await host.seedTenancy();
    const storeIds = [first.storeId];
    for (let s = 0; s < 39; s++)
      storeIds.push((await host.seedTenancy(s < 2 ? { platformId: first.platformId } : {})).storeId);
    const random = seededRandom(11);
    const start = Date.parse('2025-06-01T00:00:00.000Z');
    const at = () => new Date(start + random.int(0, 365 * 86_400_000)).toISOString();
    const pages = Array.from({ length: 6_000 }, (_, i) => {
      const platformPage = i % 50 === 0;
      return {
        store_id: platformPage ? null : storeIds[i % storeIds.length]!,
        platform_id: platformPage ? first.platformId : null,
        slug: `p-${i}`,
        title: 'P',
        body: '',
        body_html: '',
        status: random.pick(['draft', 'published']),
        locale: 'en',
        created_at: at(),
        updated_at: at(),
      };
    });
    for (let i = 0; i < pages.length; i += 500)
      await host.db
        .insertInto('cms_pages')
        .values(pages.slice(i, i + 500))
        .execute();
    const media = Array.from({ length: 4_000 }, (_, i) => ({
      store_id: storeIds[i % storeIds.length]!,
      file_name: 'f.png',
      storage_name: i.toString(16).padStart(32, '0'),
      content_type: 'image/png',
      bytes: random.int(1, 100_000),
      sha256: '0'.repeat(64),
      created_at: at(),
    }));
    for (let i = 0; i < media.length; i += 500)
      await host.db
        .insertInto('cms_media_files')
        .values(media.slice(i, i + 500))
        .execute();
    // themes are one row per store: 3,000 more stores (off the platform) make the table worth an index
    const merchantId = (
      await host.db.selectFrom('stores').select('merchant_id').where('id', '=', first.storeId).executeTakeFirstOrThrow()
    ).merchant_id;
    const more = Array.from({ length: 3_000 }, (_, i) => ({
      merchant_id: merchantId,
      code: `bulk-${i}`,
      name: 'Bulk',
      is_active: true,
      default_currency: 'EUR',
      created_at: at(),
    }));
    for (let i = 0; i < more.length; i += 500) {
      const ids = await host.db
        .insertInto('stores')
        .values(more.slice(i, i + 500))
        .returning('id')
        .execute();
      storeIds.push(...ids.map((row) => row.id));
    }
    // two bulk stores to a platform: 1,500 more platforms make the rollup tables worth their keys
    const bulkStoreIds = storeIds.slice(-more.length);
    for (let i = 0; i < more.length / 2; i += 500) {
      const platforms = Array.from({ length: 500 }, (_, k) => ({
        code: `bulk-platform-${i + k}`,
        name: 'Bulk',
        is_active: true,
        created_at: at(),
      }));
      const ids = await host.db.insertInto('platforms').values(platforms).returning('id').execute();
      await host.db
        .insertInto('store_platforms')
        .values(
          ids.flatMap(({ id }, k) =>
            [0, 1].map((side) => ({
              store_id: bulkStoreIds[2 * (i + k) + side]!,
              platform_id: id,
              is_active: true,
              created_at: at(),
            })),
          ),
        )
        .execute();
    }
    const themes = storeIds.map((id, i) => ({
      store_id: id,
      theme_code: i % 2 ? 'classic' : 'default',
      settings: '{}',
      updated_at: at(),
    }));
    for (let i = 0; i < themes.length; i += 500)
      await host.db
        .insertInto('cms_themes')
        .values(themes.slice(i, i + 500))
        .execute();
    await (dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(host.db);
    return { db: host.db, storeId: first.storeId, platformId: first.platformId };
  }

  async function plan(db: Kysely<CmsDatabase>, query: { compile(): CompiledQuery }): Promise<string> {
    const compiled = query.compile();
    const prefix = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
    const result = await db.executeQuery<Record<string, string>>(
      CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]),
    );
    return result.rows.map((row) => (dialect === 'sqlite' ? row.detail! : row['QUERY PLAN']!)).join('\n');
  }

  /** The table is read through `index` (a search on its leading column), not scanned. */
  function expectIndexRead(text: string, table: string, index: string): void {
    if (dialect === 'sqlite') {
      expect(text).toMatch(
        new RegExp(`SEARCH ${table} USING (COVERING )?INDEX ${index} \\((store_id|platform_id)=\\?`),
      );
      expect(text).not.toMatch(new RegExp(`SCAN ${table}\\b`));
    } else {
      expect(text).toMatch(new RegExp(`(Index|Index Only|Bitmap Index) Scan (using|on) ${index}`));
      expect(text).not.toMatch(new RegExp(`Seq Scan on ${table}\\b`));
    }
  }

  it('reads pages and media through their indexes for a store, and the platform pages', async () => {
    const { db, storeId, platformId } = await seed();
    expectIndexRead(await plan(db, pageCountsQuery(db, { storeId }, context)), 'cms_pages', 'cms_pages_store_idx');
    expectIndexRead(
      await plan(db, pageCountsQuery(db, { platformPages: platformId }, context)),
      'cms_pages',
      'cms_pages_platform_idx',
    );
    expectIndexRead(await plan(db, mediaTotalsQuery(db, storeId)), 'cms_media_files', 'cms_media_files_store_idx');
  });

  // The platform reads its own rows (issue 12): its totals row, a (platform_id, day) range of its
  // daily rows and, for a boundary inside a day, that day's shorter side from cms_pages_created_idx,
  // each page's membership probed; never one range per member store.
  it('reads the platform rollups by primary key, not one range per store', async () => {
    const { db, platformId } = await seed();
    for (const window of [context, cutContext]) {
      const text = await plan(db, platformMetricsQuery(db, platformId, window));
      expect(text).not.toMatch(/cms_pages_store_idx|cms_media_files_store_idx|cms_themes/);
      if (dialect === 'sqlite') {
        expect(text).toMatch(/SEARCH cms_platform_totals USING INTEGER PRIMARY KEY \(rowid=\?\)/);
        expect(text).toMatch(
          /SEARCH cms_platform_daily_pages USING PRIMARY KEY \(platform_id=\? AND day>\? AND day<\?\)/,
        );
        // `own` is the one-row aggregate of the platform's own pages
        expect(text).not.toMatch(/SCAN (?!CONSTANT ROW|own\b)/);
        if (window === cutContext) {
          expect(text).toMatch(
            /SEARCH p USING COVERING INDEX cms_pages_created_idx \(created_at>\? AND created_at<\?\)/,
          );
        } else {
          expect(text).not.toMatch(/cms_pages_created_idx/);
        }
        expect(text).toMatch(/SEARCH cms_pages USING COVERING INDEX cms_pages_platform_idx \(platform_id=\?\)/);
      } else {
        expect(text).toMatch(/Index (Only )?Scan using cms_platform_totals_pkey on cms_platform_totals/);
        expect(text).toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) cms_platform_daily_pages_pk/);
        expect(text).not.toMatch(/Seq Scan/);
        expect(text).toMatch(/cms_pages_platform_idx/);
        if (window === cutContext) expect(text).toMatch(/cms_pages_created_idx/);
        else expect(text).not.toMatch(/cms_pages_created_idx/);
      }
    }
  });
});
