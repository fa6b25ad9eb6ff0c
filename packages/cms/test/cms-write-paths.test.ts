/**
 * Every write path keeps the cms dashboards exact (issue 12): seeded random writes through the
 * pages service, the media store and the theme setter, and in plain SQL (multi-row inserts, updates
 * of status, creation time, store, scope, bytes and theme, deletes, `COPY` on PostgreSQL),
 * interleaved with membership flips and store deletions (cascading into memberships and content),
 * and no rebuild call; then every figure of every store and platform dashboard, over windows on
 * whole hours and windows cut inside days, is compared with numbers computed in plain TypeScript
 * from the rows the test wrote, and `rebuild` changes no rollup row. With the triggers dropped the
 * same run fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { AnyDatabase } from '@orion/contracts';
import { describeEachDatabase, useTestHosts, type TestDialect } from '@orion/testing/vitest';
import { expectedTrend, type ComparableMetric } from '../../../test/support/metric-oracle.js';
import { seededRandom } from '../../../test/support/random.js';
import { seedTenancy } from '../../../test/support/tenancy-fixture.js';
import { compareDashboards, copyRows, flipMembership, MembershipModel } from '../../../test/support/write-paths.js';
import { CmsMediaStore } from '../src/cms-media-store.js';
import { CmsPagesService } from '../src/cms-pages-service.js';
import { setStoreTheme } from '../src/cms-theme.js';
import { cmsModule, defaultThemeCode } from '../src/index.js';
import { chunked, pngOfSize } from './media-fixtures.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const rollupTables = ['cms_platform_totals', 'cms_platform_daily_pages'];
/** A media file name as the media store generates them (32 hex digits), so the store can delete the row. */
const storageName = (serial: number) => serial.toString(16).padStart(32, '0');

interface Page {
  storeId: number | null;
  platformId: number | null;
  status: 'draft' | 'published';
  createdAt: number;
}

/** Every row of the rollup tables, sorted, values as strings: what a rebuild must not change. */
async function rollupRows(db: Kysely<AnyDatabase>): Promise<string[]> {
  const rows: string[] = [];
  for (const table of rollupTables) {
    const result = await sql.raw<Record<string, unknown>>(`select * from ${table}`).execute(db);
    for (const row of result.rows) {
      const values = Object.values(row).map((value) => (value instanceof Date ? value.toISOString() : String(value)));
      rows.push(`${table} ${values.join(' ')}`);
    }
  }
  return rows.sort();
}

describeEachDatabase('cms write paths', (dialect) => {
  const hosts = useTestHosts(dialect);

  /** The seeded run; `withoutTriggers` drops the rollup triggers first (the run must then fail). */
  async function run(withoutTriggers: boolean): Promise<void> {
    const mediaDir = await mkdtemp(join(tmpdir(), 'orion-cms-write-paths-'));
    try {
      const { orion } = await hosts.start({ modules: [cmsModule], env: { CMS_MEDIA_DIR: mediaDir } });
      const db = orion.db;
      if (withoutTriggers) await dropRollupTriggers(db, dialect);
      await scenario(db, orion, mediaDir);
    } finally {
      await rm(mediaDir, { recursive: true, force: true });
    }
  }

  async function scenario(
    db: Kysely<AnyDatabase>,
    orion: Parameters<typeof compareDashboards>[0],
    mediaDir: string,
  ): Promise<void> {
    const random = seededRandom(20_261_203);
    const fixture = await seedTenancy(db, random, { platforms: 3, merchants: 4, stores: 14 });
    const memberships = new MembershipModel(fixture);
    const mediaStore = new CmsMediaStore(db, { mediaDir, mediaMaxBytes: 1024 * 1024 });
    const pages = new Map<number, Page>();
    const media = new Map<number, { storeId: number; bytes: number }>();
    const themes = new Map<number, string>();
    const dayStart = Math.floor(Date.now() / DAY) * DAY;
    const now = dayStart + DAY;
    const randomTime = () => now - random.int(0, 25 * DAY);
    const iso = (at: number) => new Date(at).toISOString();
    let serial = 0;
    const storeIds = () => fixture.stores.map((store) => store.id);
    const pickIds = (ids: Iterable<number>, count: number) => {
      const all = [...ids];
      return [...new Set(Array.from({ length: Math.min(count, all.length) }, () => random.pick(all)))];
    };
    const pageRow = (scope: { storeId: number } | { platformId: number }) => ({
      store_id: 'storeId' in scope ? scope.storeId : null,
      platform_id: 'platformId' in scope ? scope.platformId : null,
      slug: `q-${++serial}`,
      title: 'SQL',
      body: '',
      body_html: '',
      status: random.pick(['draft', 'published'] as const),
      locale: 'en',
      created_at: iso(randomTime()),
      updated_at: iso(now),
    });
    const remember = (id: number, row: ReturnType<typeof pageRow>) =>
      pages.set(id, {
        storeId: row.store_id,
        platformId: row.platform_id,
        status: row.status,
        createdAt: Date.parse(row.created_at),
      });
    const randomScope = () =>
      random.chance(0.85) ? { storeId: random.pick(storeIds()) } : { platformId: random.pick(fixture.platformIds) };
    const done = new Map<string, number>();
    let storesDeleted = 0;

    for (let step = 0; step < 220; step++) {
      const op = random.int(0, dialect === 'postgres' ? 14 : 13);
      const storeId = random.pick(storeIds());
      let name: string;
      if (op === 0) {
        name = 'service create page';
        const scope = randomScope();
        const createdAt = randomTime();
        const page = await new CmsPagesService(db, scope).create(
          {
            slug: `s-${++serial}`,
            title: 'Service',
            body: '# Hi',
            locale: 'en',
            status: random.pick(['draft', 'published']),
          },
          iso(createdAt),
        );
        pages.set(page.id, {
          storeId: page.storeId,
          platformId: page.platformId,
          status: page.status,
          createdAt,
        });
      } else if (op === 1 && pages.size > 0) {
        const id = random.pick([...pages.keys()]);
        const page = pages.get(id)!;
        const service = new CmsPagesService(
          db,
          page.storeId === null ? { platformId: page.platformId! } : { storeId: page.storeId },
        );
        const way = random.int(0, 2);
        if (way === 0) {
          name = 'service status';
          page.status = (await service.setStatus(id, page.status === 'draft' ? 'published' : 'draft')).status;
        } else if (way === 1) {
          name = 'service edit';
          await service.update(id, { title: `Edited ${++serial}` });
        } else {
          name = 'service delete page';
          await service.delete(id);
          pages.delete(id);
        }
      } else if (op === 2 || op === 3) {
        name = 'sql insert pages';
        const rows = Array.from({ length: random.int(1, 20) }, () => pageRow(randomScope()));
        const inserted = await db.insertInto('cms_pages').values(rows).returning('id').execute();
        inserted.forEach(({ id }, index) => remember(Number(id), rows[index]!));
      } else if (op === 4 && pages.size > 0) {
        name = 'sql update status and creation time';
        const ids = pickIds(pages.keys(), random.int(1, 10));
        const status = random.pick(['draft', 'published'] as const);
        const createdAt = randomTime();
        await db
          .updateTable('cms_pages')
          .set({ status, created_at: iso(createdAt) })
          .where('id', 'in', ids)
          .execute();
        for (const id of ids) Object.assign(pages.get(id)!, { status, createdAt });
      } else if (op === 5 && pages.size > 0) {
        name = 'sql move page';
        const id = random.pick([...pages.keys()]);
        const scope = randomScope();
        const row =
          'storeId' in scope
            ? { store_id: scope.storeId, platform_id: null }
            : { store_id: null, platform_id: scope.platformId };
        await db.updateTable('cms_pages').set(row).where('id', '=', id).execute();
        Object.assign(pages.get(id)!, { storeId: row.store_id, platformId: row.platform_id });
      } else if (op === 6 && pages.size > 0) {
        name = 'sql delete pages';
        const ids = pickIds(pages.keys(), random.int(1, 8));
        await db.deleteFrom('cms_pages').where('id', 'in', ids).execute();
        for (const id of ids) pages.delete(id);
      } else if (op === 7) {
        const way = media.size > 0 ? random.int(0, 1) : 0;
        if (way === 0) {
          name = 'service upload';
          const bytes = random.int(100, 5_000);
          const file = await mediaStore.upload({ storeId, fileName: 'a.png', body: chunked(pngOfSize(bytes), 1_024) });
          media.set(file.id, { storeId, bytes: file.bytes });
          expect(file.bytes).toBe(bytes);
        } else {
          name = 'service delete media';
          const id = random.pick([...media.keys()]);
          await mediaStore.delete(media.get(id)!.storeId, id);
          media.delete(id);
        }
      } else if (op === 8) {
        name = 'sql insert media';
        const rows = Array.from({ length: random.int(1, 12) }, () => ({
          store_id: random.pick(storeIds()),
          file_name: 'f.png',
          storage_name: storageName(++serial),
          content_type: 'image/png',
          bytes: random.int(0, 90_000),
          sha256: '0'.repeat(64),
          created_at: iso(randomTime()),
        }));
        const inserted = await db.insertInto('cms_media_files').values(rows).returning('id').execute();
        inserted.forEach(({ id }, index) =>
          media.set(Number(id), { storeId: rows[index]!.store_id, bytes: rows[index]!.bytes }),
        );
      } else if (op === 9 && media.size > 0) {
        const ids = pickIds(media.keys(), random.int(1, 6));
        const way = random.int(0, 2);
        if (way === 0) {
          name = 'sql update media bytes and store';
          const bytes = random.int(0, 50_000);
          await db.updateTable('cms_media_files').set({ bytes, store_id: storeId }).where('id', 'in', ids).execute();
          for (const id of ids) media.set(id, { storeId, bytes });
        } else if (way === 1) {
          name = 'sql update media name';
          await db.updateTable('cms_media_files').set({ file_name: 'renamed.png' }).where('id', 'in', ids).execute();
        } else {
          name = 'sql delete media';
          await db.deleteFrom('cms_media_files').where('id', 'in', ids).execute();
          for (const id of ids) media.delete(id);
        }
      } else if (op === 10) {
        const themeCode = random.pick([defaultThemeCode, 'classic', 'summer-sale']);
        const way = random.int(0, 2);
        if (way === 0) {
          name = 'service theme';
          await setStoreTheme(db, storeId, { themeCode, settings: {} });
        } else if (themes.has(storeId) && way === 1) {
          name = 'sql delete theme';
          await db.deleteFrom('cms_themes').where('store_id', '=', storeId).execute();
          themes.delete(storeId);
          done.set(name, (done.get(name) ?? 0) + 1);
          continue;
        } else if (themes.has(storeId)) {
          name = 'sql update theme';
          await db.updateTable('cms_themes').set({ theme_code: themeCode }).where('store_id', '=', storeId).execute();
        } else {
          name = 'sql insert theme';
          await db
            .insertInto('cms_themes')
            .values({ store_id: storeId, theme_code: themeCode, settings: '{}', updated_at: iso(now) })
            .execute();
        }
        themes.set(storeId, themeCode);
      } else if (op === 11 || op === 12) {
        name = await flipMembership(db, random, fixture, memberships);
        name = name.replace(/ \d+:\d+$/, '');
      } else if (op === 13 && storesDeleted < 3 && step > 60) {
        // the cascade deletes the store's memberships and its content: taken out once
        name = 'delete store';
        storesDeleted++;
        await db.deleteFrom('stores').where('id', '=', storeId).execute();
        fixture.stores.splice(
          fixture.stores.findIndex((store) => store.id === storeId),
          1,
        );
        for (const platformId of fixture.platformIds) memberships.set(storeId, platformId, undefined);
        for (const [id, page] of pages) if (page.storeId === storeId) pages.delete(id);
        for (const [id, file] of media) if (file.storeId === storeId) media.delete(id);
        themes.delete(storeId);
      } else if (op === 14) {
        name = 'copy';
        const pageRows = Array.from({ length: random.int(1, 25) }, () => pageRow({ storeId: random.pick(storeIds()) }));
        const columns = [
          'store_id',
          'slug',
          'title',
          'body',
          'body_html',
          'status',
          'locale',
          'created_at',
          'updated_at',
        ];
        await copyRows(
          db,
          'cms_pages',
          columns,
          pageRows.map((row) => columns.map((column) => row[column as keyof typeof row] as string | number)),
        );
        const copied = await db
          .selectFrom('cms_pages')
          .select(['id', 'slug'])
          .where(
            'slug',
            'in',
            pageRows.map((row) => row.slug),
          )
          .execute();
        expect(copied).toHaveLength(pageRows.length);
        for (const row of copied)
          remember(
            Number(row.id),
            pageRows.find((r) => r.slug === row.slug)!,
          );
        const mediaRows = Array.from({ length: random.int(1, 10) }, () => [
          random.pick(storeIds()),
          'c.png',
          storageName(++serial),
          'image/png',
          random.int(0, 70_000),
          '0'.repeat(64),
          iso(randomTime()),
        ]);
        await copyRows(
          db,
          'cms_media_files',
          ['store_id', 'file_name', 'storage_name', 'content_type', 'bytes', 'sha256', 'created_at'],
          mediaRows,
        );
        const copiedMedia = await db
          .selectFrom('cms_media_files')
          .select(['id', 'storage_name'])
          .where(
            'storage_name',
            'in',
            mediaRows.map((row) => row[2] as string),
          )
          .execute();
        for (const row of copiedMedia) {
          const source = mediaRows.find((r) => r[2] === row.storage_name)!;
          media.set(Number(row.id), { storeId: source[0] as number, bytes: source[4] as number });
        }
      } else {
        continue;
      }
      done.set(name, (done.get(name) ?? 0) + 1);
    }
    expect([...done.keys()].sort()).toEqual(
      expect.arrayContaining(
        [
          'copy',
          'delete store',
          'service create page',
          'service delete media',
          'service theme',
          'service upload',
          'sql delete pages',
          'sql insert media',
          'sql move page',
          'sql update media bytes and store',
          'sql update status and creation time',
        ].filter((op) => dialect === 'postgres' || op !== 'copy'),
      ),
    );

    // the hour-aligned window, and windows whose boundaries fall inside days on either side of
    // noon, to the millisecond (the platform dashboard reads whole days from its rollup and the cut
    // days' shorter sides from the pages)
    const windows = [
      { dateFrom: new Date(now - 10 * DAY), dateTo: new Date(now) },
      { dateFrom: new Date(dayStart - 9 * DAY + 3 * HOUR + 5), dateTo: new Date(dayStart + 20 * HOUR + 7) },
      { dateFrom: new Date(dayStart - 3 * DAY + 15 * HOUR), dateTo: new Date(dayStart - DAY + 2 * HOUR + 1) },
    ];
    const expected =
      (includeTrends: boolean, window: { dateFrom: Date; dateTo: Date }) =>
      (storeIds: Set<number>, level: 'store' | 'platform', platformId: number): ComparableMetric[] => {
        const mine = [...pages.values()].filter((page) =>
          page.storeId === null ? level === 'platform' && page.platformId === platformId : storeIds.has(page.storeId),
        );
        const between = (from: number, to: number) =>
          mine.filter((page) => page.createdAt >= from && page.createdAt < to).length;
        const [from, to] = [window.dateFrom.getTime(), window.dateTo.getTime()];
        const current = between(from, to);
        const previous = between(from - (to - from), from);
        const files = [...media.values()].filter((file) => storeIds.has(file.storeId));
        const figures: ComparableMetric[] = [
          { key: 'cms.pages', value: mine.length },
          { key: 'cms.published_pages', value: mine.filter((page) => page.status === 'published').length },
          { key: 'cms.new_pages', value: current, ...(includeTrends ? expectedTrend(current, previous) : {}) },
          { key: 'cms.media_files', value: files.length },
          { key: 'cms.media_bytes', value: files.reduce((sum, file) => sum + file.bytes, 0), unit: 'bytes' },
        ];
        if (level === 'platform') {
          const themed = [...themes].filter(([id, code]) => storeIds.has(id) && code !== defaultThemeCode);
          figures.push({ key: 'cms.themed_stores', value: themed.length });
        }
        return figures;
      };
    const compareAll = async () => {
      let figures = 0;
      for (const window of windows) {
        for (const includeTrends of [false, true]) {
          const context = { ...window, includeTrends };
          figures += await compareDashboards(
            orion,
            'cms',
            fixture,
            memberships,
            context,
            expected(includeTrends, window),
          );
        }
      }
      return figures;
    };
    expect(await compareAll()).toBeGreaterThan(300);

    const kept = await rollupRows(db);
    expect(kept.length).toBeGreaterThan(20);
    await cmsModule.rebuild!({ db }); // `orion rebuild cms`
    expect(await rollupRows(db)).toEqual(kept);
    await compareAll();
  }

  it('keeps every dashboard figure exact through services, SQL, COPY and store deletion; a rebuild changes nothing', async () => {
    await run(false);
  });

  it('fails without the triggers', async () => {
    await expect(run(true)).rejects.toThrow(/platformId/);
  });
});

/** Drops the triggers of `cms_002_platform_rollups` (and nothing else). */
async function dropRollupTriggers(db: Kysely<AnyDatabase>, dialect: TestDialect): Promise<void> {
  if (dialect === 'postgres') {
    const { rows } = await sql<{ name: string; table: string }>`
      select tgname as name, tgrelid::regclass::text as table from pg_trigger
      where not tgisinternal and tgname like 'cms_platform_%'`.execute(db);
    expect(rows.length).toBe(13);
    for (const row of rows) await sql.raw(`drop trigger ${row.name} on ${row.table}`).execute(db);
  } else {
    const { rows } = await sql<{ name: string }>`
      select name from sqlite_master where type = 'trigger' and name like 'cms_platform_%'`.execute(db);
    expect(rows.length).toBe(13);
    for (const row of rows) await sql.raw(`drop trigger ${row.name}`).execute(db);
  }
}
