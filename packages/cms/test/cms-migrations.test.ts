/**
 * `cms_002_platform_rollups` on both databases: `up` fills the platform rows from the content
 * already there (a database migrated forward) and creates the triggers that keep them; `down`
 * drops what `up` made and nothing else.
 */
import { sql, type Kysely } from 'kysely';
import type { AnyDatabase } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { expect, it } from 'vitest';
import { cmsModule } from '../src/index.js';

it('registers the platform rollups after the tables', () => {
  expect(Object.keys(cmsModule.migrations)).toEqual(['cms_001_create_tables', 'cms_002_platform_rollups']);
  expect(typeof cmsModule.migrations.cms_002_platform_rollups?.down).toBe('function');
  expect(typeof cmsModule.rebuild).toBe('function');
});

describeEachDatabase('cms migrations', (dialect) => {
  const hosts = useTestHosts(dialect);

  /** The names of the triggers and tables `cms_002_platform_rollups` makes. */
  async function rollupObjects(db: Kysely<AnyDatabase>): Promise<string[]> {
    const { rows } =
      dialect === 'postgres'
        ? await sql<{ name: string }>`
            select tgname as name from pg_trigger where not tgisinternal and tgname like 'cms_platform_%'
            union all select tablename from pg_tables where tablename like 'cms_platform_%'
            union all select indexname from pg_indexes where indexname = 'cms_pages_created_idx'`.execute(db)
        : await sql<{ name: string }>`
            select name from sqlite_master where name like 'cms_platform_%' or name = 'cms_pages_created_idx'`.execute(
            db,
          );
    return rows.map((row) => row.name);
  }

  async function totals(db: Kysely<AnyDatabase>) {
    const rows = await db.selectFrom('cms_platform_totals').selectAll().execute();
    return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])));
  }

  it('fills the platform rows from the content already there, and drops only what it made going down', async () => {
    const host = await hosts.start({ modules: [cmsModule] });
    const db = host.db;
    const { platformId, storeId } = await host.seedTenancy();
    const migration = cmsModule.migrations.cms_002_platform_rollups!;
    await migration.down!(db);
    expect(await rollupObjects(db)).toEqual([]);

    const page = (slug: string, status: string, createdAt: string) => ({
      store_id: storeId,
      slug,
      title: 'T',
      body: '',
      body_html: '',
      status,
      locale: 'en',
      created_at: createdAt,
      updated_at: createdAt,
    });
    await db
      .insertInto('cms_pages')
      .values([
        page('a', 'published', '2026-03-01T10:00:00.000Z'),
        page('b', 'draft', '2026-03-01T23:00:00.000Z'),
        page('c', 'published', '2026-03-03T01:00:00.000Z'),
      ])
      .execute();
    await db
      .insertInto('cms_media_files')
      .values({
        store_id: storeId,
        file_name: 'f.png',
        storage_name: '0'.repeat(32),
        content_type: 'image/png',
        bytes: 1_234,
        sha256: '0'.repeat(64),
        created_at: '2026-03-01T10:00:00.000Z',
      })
      .execute();
    await db
      .insertInto('cms_themes')
      .values({ store_id: storeId, theme_code: 'classic', settings: '{}', updated_at: '2026-03-01T10:00:00.000Z' })
      .execute();

    await migration.up(db);
    expect((await rollupObjects(db)).length).toBe(16);
    const filled = {
      platform_id: platformId,
      pages: 3,
      published_pages: 2,
      media_files: 1,
      media_bytes: 1_234,
      themed_stores: 1,
    };
    expect(await totals(db)).toEqual([filled]);
    const days = await db.selectFrom('cms_platform_daily_pages').select(['day', 'new_pages']).orderBy('day').execute();
    expect(days.map((row) => [new Date(row.day).toISOString(), Number(row.new_pages)])).toEqual([
      ['2026-03-01T00:00:00.000Z', 2],
      ['2026-03-03T00:00:00.000Z', 1],
    ]);

    // the triggers keep them from here on
    await db.deleteFrom('cms_themes').execute();
    expect(await totals(db)).toEqual([{ ...filled, themed_stores: 0 }]);
  });
});
