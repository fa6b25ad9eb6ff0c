import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, inTransaction } from '@orion/contracts';

/**
 * `cms_002_platform_rollups`: per-platform rows kept by the database, so a platform dashboard reads
 * a platform's own rows instead of one index range per store (issue 12). Over the stores with an
 * active membership in the platform (a store in two platforms counts in both):
 *
 * - `cms_platform_totals`: per platform, the stores' pages, published pages, media files, media
 *   bytes, and stores whose theme is not `default`;
 * - `cms_platform_daily_pages`: per platform and UTC day, the store pages created that day;
 * - the index `cms_pages_created_idx` `(created_at, store_id)`: a window boundary inside a day is
 *   read from the shorter side of that day's pages, across the platform's stores.
 *
 * A platform's own pages (`platform_id` set) are not in these rows: the dashboard reads them from
 * `cms_pages_platform_idx`, one range.
 *
 * Triggers on `cms_pages`, `cms_media_files`, `cms_themes` and tenancy's `store_platforms` (a
 * membership that becomes active adds the store's content to the platform's rows; one that stops
 * being active, is moved or deleted, subtracts it), in the writing statement's transaction:
 * PostgreSQL statement-level with transition tables (membership changes take a `share` lock on the
 * three cms tables, so content written concurrently is counted by one side), SQLite row-level.
 * Each side counts what is there when it runs, so a store deleted with its content (cascades to
 * both its memberships and its content) is subtracted once, whichever cascade runs first. A row
 * that comes down to zero is deleted, so the tables hold exactly what the migration's fill
 * computes. Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { cmsModule } from '@orion/cms';
 *
 * await cmsModule.migrations.cms_002_platform_rollups!.up(db);
 * ```
 */
export const cms002PlatformRollups: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);
    const postgres = t.dialect === 'postgres';
    await db.schema
      .createTable('cms_platform_daily_pages')
      .addColumn('platform_id', 'integer', (c) => c.notNull())
      .addColumn('day', t.timestamp, (c) => c.notNull())
      .addColumn('new_pages', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('cms_platform_daily_pages_pk', ['platform_id', 'day'])
      .$call((builder) => (postgres ? builder : builder.modifyEnd(sql`without rowid`)))
      .execute();
    await db.schema
      .createTable('cms_platform_totals')
      .addColumn('platform_id', 'integer', (c) => c.primaryKey())
      .addColumn('pages', 'bigint', (c) => c.notNull())
      .addColumn('published_pages', 'bigint', (c) => c.notNull())
      .addColumn('media_files', 'bigint', (c) => c.notNull())
      .addColumn('media_bytes', 'bigint', (c) => c.notNull())
      .addColumn('themed_stores', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('cms_pages_created_idx').on('cms_pages').columns(['created_at', 'store_id']).execute();
    for (const statement of postgres ? postgresTriggers() : sqliteTriggers()) await sql.raw(statement).execute(db);
    for (const statement of refill(postgres)) await sql.raw(statement).execute(db);
  },

  async down(db: Kysely<any>): Promise<void> {
    const postgres = columnTypes(db).dialect === 'postgres';
    for (const [name, table] of triggerNames) {
      await sql
        .raw(postgres ? `drop trigger if exists ${name} on ${table}` : `drop trigger if exists ${name}`)
        .execute(db);
    }
    if (postgres) {
      for (const name of functionNames) await sql.raw(`drop function if exists ${name}()`).execute(db);
    }
    await db.schema.dropIndex('cms_pages_created_idx').ifExists().execute();
    await db.schema.dropTable('cms_platform_totals').ifExists().execute();
    await db.schema.dropTable('cms_platform_daily_pages').ifExists().execute();
  },
};

const triggerNames = [
  ['cms_platform_page_insert', 'cms_pages'],
  ['cms_platform_page_update', 'cms_pages'],
  ['cms_platform_page_delete', 'cms_pages'],
  ['cms_platform_media_insert', 'cms_media_files'],
  ['cms_platform_media_update', 'cms_media_files'],
  ['cms_platform_media_delete', 'cms_media_files'],
  ['cms_platform_theme_insert', 'cms_themes'],
  ['cms_platform_theme_update', 'cms_themes'],
  ['cms_platform_theme_delete', 'cms_themes'],
  ['cms_platform_membership_insert', 'store_platforms'],
  ['cms_platform_membership_update', 'store_platforms'],
  ['cms_platform_membership_leave', 'store_platforms'],
  ['cms_platform_membership_join', 'store_platforms'],
  ['cms_platform_membership_delete', 'store_platforms'],
  ['cms_platform_store_delete', 'stores'],
] as const;
const functionNames = [
  'cms_platform_on_page_insert',
  'cms_platform_on_page_update',
  'cms_platform_on_page_delete',
  'cms_platform_on_media_insert',
  'cms_platform_on_media_update',
  'cms_platform_on_media_delete',
  'cms_platform_on_theme_insert',
  'cms_platform_on_theme_update',
  'cms_platform_on_theme_delete',
  'cms_platform_on_membership_insert',
  'cms_platform_on_membership_update',
  'cms_platform_on_membership_delete',
  'cms_platform_on_store_delete',
];

/** The default theme's code when this migration was written (a store on it is not "themed"). */
const defaultTheme = `'default'`;

const totalColumns = ['pages', 'published_pages', 'media_files', 'media_bytes', 'themed_stores'] as const;
type TotalColumn = (typeof totalColumns)[number];

/** `select` list of the five totals, `0` for those `values` leaves out. */
const totalsList = (values: Partial<Record<TotalColumn, string>>, named = false) =>
  totalColumns.map((column) => `${values[column] ?? '0'}${named ? ` as ${column}` : ''}`).join(', ');
const addTotals = (alias: string) => totalColumns.map((n) => `${n} = ${alias}${n} + excluded.${n}`).join(', ');
const isZeroRow = (alias: string) => `${alias}pages = 0 and ${alias}media_files = 0 and ${alias}themed_stores = 0`;
const insertTotals = (alias: string) =>
  `insert into cms_platform_totals${alias ? ` as ${alias.slice(0, -1)}` : ''} (platform_id, ${totalColumns.join(', ')})`;
const upsertTotals = (alias: string) => `on conflict (platform_id) do update set ${addTotals(alias)}`;
const insertDaily = (alias: string) =>
  `insert into cms_platform_daily_pages${alias ? ` as ${alias.slice(0, -1)}` : ''} (platform_id, day, new_pages)`;
const upsertDaily = (alias: string) =>
  `on conflict (platform_id, day) do update set new_pages = ${alias}new_pages + excluded.new_pages`;

// ---- SQLite: row-level triggers

const sqliteDay = (row: string) => `substr(${row}.created_at, 1, 10) || 'T00:00:00.000Z'`;
const sqliteMemberships = (row: string) =>
  `from store_platforms as sp where sp.store_id = ${row}.store_id and sp.is_active`;

/** Deletes the rows of the platforms `platforms` (an `in` list) that came down to zero. */
const sqliteDropZeros = (platforms: string, day?: string) => [
  ...(day === undefined
    ? []
    : [`delete from cms_platform_daily_pages where platform_id in ${platforms} and day = ${day} and new_pages = 0`]),
  `delete from cms_platform_totals where platform_id in ${platforms} and ${isZeroRow('')}`,
];

/** Adds (`sign` 1) or takes away (-1) the page `row` in its store's active platforms. */
function sqlitePage(row: string, sign: 1 | -1): string[] {
  const memberships = `${sqliteMemberships(row)} and ${row}.store_id is not null`;
  const statements = [
    `${insertDaily('')} select sp.platform_id, ${sqliteDay(row)}, ${sign} ${memberships} ${upsertDaily('')}`,
    `${insertTotals('')} select sp.platform_id, ${totalsList({
      pages: `${sign}`,
      published_pages: `case when ${row}.status = 'published' then ${sign} else 0 end`,
    })} ${memberships} ${upsertTotals('')}`,
  ];
  if (sign === -1) statements.push(...sqliteDropZeros(`(select sp.platform_id ${memberships})`, sqliteDay(row)));
  return statements;
}

/** Adds (1) or takes away (-1) the media file `row` in its store's active platforms. */
function sqliteMedia(row: string, sign: 1 | -1): string[] {
  const memberships = sqliteMemberships(row);
  const statements = [
    `${insertTotals('')} select sp.platform_id, ${totalsList({
      media_files: `${sign}`,
      media_bytes: `${sign} * ${row}.bytes`,
    })} ${memberships} ${upsertTotals('')}`,
  ];
  if (sign === -1) statements.push(...sqliteDropZeros(`(select sp.platform_id ${memberships})`));
  return statements;
}

/** Adds (1) or takes away (-1) the theme `row`, when it is not the default one, in its store's active platforms. */
function sqliteTheme(row: string, sign: 1 | -1): string[] {
  const memberships = `${sqliteMemberships(row)} and ${row}.theme_code <> ${defaultTheme}`;
  const statements = [
    `${insertTotals('')} select sp.platform_id, ${totalsList({ themed_stores: `${sign}` })} ${memberships}
     ${upsertTotals('')}`,
  ];
  if (sign === -1) statements.push(...sqliteDropZeros(`(select sp.platform_id ${memberships})`));
  return statements;
}

/** Adds (1) or takes away (-1) the content of store `row.store_id` in platform `row.platform_id`. */
function sqliteMembership(row: string, sign: 1 | -1): string[] {
  const statements = [
    `${insertDaily('')} select ${row}.platform_id, ${sqliteDay('p')}, ${sign} * count(*)
     from cms_pages as p where p.store_id = ${row}.store_id group by 2 ${upsertDaily('')}`,
    `${insertTotals('')} select ${row}.platform_id, ${totalsList({
      pages: `${sign} * count(*)`,
      published_pages: `${sign} * sum(p.status = 'published')`,
    })} from cms_pages as p where p.store_id = ${row}.store_id group by p.store_id ${upsertTotals('')}`,
    `${insertTotals('')} select ${row}.platform_id, ${totalsList({
      media_files: `${sign} * count(*)`,
      media_bytes: `${sign} * sum(f.bytes)`,
    })} from cms_media_files as f where f.store_id = ${row}.store_id group by f.store_id ${upsertTotals('')}`,
    `${insertTotals('')} select ${row}.platform_id, ${totalsList({ themed_stores: `${sign}` })}
     from cms_themes as th where th.store_id = ${row}.store_id and th.theme_code <> ${defaultTheme} ${upsertTotals('')}`,
  ];
  if (sign === -1) {
    statements.push(
      `delete from cms_platform_daily_pages where platform_id = ${row}.platform_id and new_pages = 0`,
      `delete from cms_platform_totals where platform_id = ${row}.platform_id and ${isZeroRow('')}`,
    );
  }
  return statements;
}

function sqliteTrigger(name: string, event: string, when: string | undefined, statements: string[]): string {
  return `create trigger ${name} after ${event} for each row ${when ? `when ${when} ` : ''}begin
${statements.map((statement) => `  ${statement};`).join('\n')}
end`;
}

function sqliteTriggers(): string[] {
  const unchanged = `new.store_id = old.store_id and new.platform_id = old.platform_id`;
  return [
    sqliteTrigger('cms_platform_page_insert', 'insert on cms_pages', 'new.store_id is not null', sqlitePage('new', 1)),
    sqliteTrigger(
      'cms_platform_page_update',
      'update of store_id, status, created_at on cms_pages',
      `(old.store_id is not null or new.store_id is not null) and (old.store_id is not new.store_id
        or old.status <> new.status or old.created_at <> new.created_at)`,
      [...sqlitePage('old', -1), ...sqlitePage('new', 1)],
    ),
    sqliteTrigger('cms_platform_page_delete', 'delete on cms_pages', 'old.store_id is not null', sqlitePage('old', -1)),
    sqliteTrigger('cms_platform_media_insert', 'insert on cms_media_files', undefined, sqliteMedia('new', 1)),
    sqliteTrigger(
      'cms_platform_media_update',
      'update of store_id, bytes on cms_media_files',
      'old.store_id <> new.store_id or old.bytes <> new.bytes',
      [...sqliteMedia('old', -1), ...sqliteMedia('new', 1)],
    ),
    sqliteTrigger('cms_platform_media_delete', 'delete on cms_media_files', undefined, sqliteMedia('old', -1)),
    sqliteTrigger(
      'cms_platform_theme_insert',
      'insert on cms_themes',
      `new.theme_code <> ${defaultTheme}`,
      sqliteTheme('new', 1),
    ),
    sqliteTrigger(
      'cms_platform_theme_update',
      'update of store_id, theme_code on cms_themes',
      'old.store_id <> new.store_id or old.theme_code <> new.theme_code',
      [...sqliteTheme('old', -1), ...sqliteTheme('new', 1)],
    ),
    sqliteTrigger(
      'cms_platform_theme_delete',
      'delete on cms_themes',
      `old.theme_code <> ${defaultTheme}`,
      sqliteTheme('old', -1),
    ),
    sqliteTrigger(
      'cms_platform_membership_insert',
      'insert on store_platforms',
      'new.is_active',
      sqliteMembership('new', 1),
    ),
    sqliteTrigger(
      'cms_platform_membership_leave',
      'update of store_id, platform_id, is_active on store_platforms',
      `old.is_active and not (new.is_active and ${unchanged})`,
      sqliteMembership('old', -1),
    ),
    sqliteTrigger(
      'cms_platform_membership_join',
      'update of store_id, platform_id, is_active on store_platforms',
      `new.is_active and not (old.is_active and ${unchanged})`,
      sqliteMembership('new', 1),
    ),
    sqliteTrigger(
      'cms_platform_membership_delete',
      'delete on store_platforms',
      'old.is_active',
      sqliteMembership('old', -1),
    ),
  ];
}

// ---- PostgreSQL: statement-level triggers with transition tables

const postgresDay = (column: string) => `date_trunc('day', ${column}, 'UTC')`;

/** Deletes the totals (and with `days`, the daily rows of those days) that came down to zero. */
function postgresDropZeros(platforms: string, days?: string): string[] {
  return [
    ...(days === undefined
      ? []
      : [
          `delete from cms_platform_daily_pages as t using (${days}) as k
           where t.platform_id = k.platform_id and t.day = k.day and t.new_pages = 0`,
        ]),
    `delete from cms_platform_totals as t where ${isZeroRow('t.')} and t.platform_id in (${platforms})`,
  ];
}

/** Applies `delta` (a `select store_id, created_at, status, sign` of store pages) to the platform rows. */
function postgresPages(delta: string, removed: string | undefined): string[] {
  const source = `from (${delta}) as d join store_platforms as sp on sp.store_id = d.store_id and sp.is_active`;
  const published = `sum(case when d.status = 'published' then d.sign else 0 end)`;
  return [
    `${insertDaily('t.')} select sp.platform_id, ${postgresDay('d.created_at')}, sum(d.sign) ${source}
     group by 1, 2 having sum(d.sign) <> 0 order by 1, 2 ${upsertDaily('t.')}`,
    `${insertTotals('t.')} select sp.platform_id, ${totalsList({ pages: 'sum(d.sign)', published_pages: published })}
     ${source} group by 1 having sum(d.sign) <> 0 or ${published} <> 0 order by 1 ${upsertTotals('t.')}`,
    ...dropOld(removed, 'store_id is not null', true),
  ];
}

/** With `removed` (the old rows), drops the rows of their platforms (and days) that came down to zero. */
function dropOld(removed: string | undefined, where: string, days: boolean): string[] {
  if (removed === undefined) return [];
  const platforms = `from ${removed} as o join store_platforms as sp on sp.store_id = o.store_id and sp.is_active where o.${where}`;
  return postgresDropZeros(
    `select sp.platform_id ${platforms}`,
    days ? `select distinct sp.platform_id, ${postgresDay('o.created_at')} as day ${platforms}` : undefined,
  );
}

/** Applies `delta` (a `select store_id, bytes, sign` of media files) to the platform rows. */
function postgresMedia(delta: string, removed: string | undefined): string[] {
  return [
    `${insertTotals('t.')} select sp.platform_id, ${totalsList({
      media_files: 'sum(d.sign)',
      media_bytes: 'sum(d.sign * d.bytes)',
    })} from (${delta}) as d join store_platforms as sp on sp.store_id = d.store_id and sp.is_active
     group by 1 having sum(d.sign) <> 0 or sum(d.sign * d.bytes) <> 0 order by 1 ${upsertTotals('t.')}`,
    ...dropOld(removed, 'store_id is not null', false),
  ];
}

/** Applies `delta` (a `select store_id, sign` of non-default themes) to the platform rows. */
function postgresThemes(delta: string, removed: string | undefined): string[] {
  return [
    `${insertTotals('t.')} select sp.platform_id, ${totalsList({ themed_stores: 'sum(d.sign)' })}
     from (${delta}) as d join store_platforms as sp on sp.store_id = d.store_id and sp.is_active
     group by 1 having sum(d.sign) <> 0 order by 1 ${upsertTotals('t.')}`,
    ...dropOld(removed, `theme_code <> ${defaultTheme}`, false),
  ];
}

/** Applies a membership `delta` (a `select store_id, platform_id, sign`) to the platform rows. */
function postgresMembership(delta: string, removed: string | undefined): string[] {
  // Content written concurrently waits, and is seen once this transaction commits: a row is then
  // counted by its own trigger (which sees the new membership) or by this one, never neither.
  const statements = [
    'lock table cms_pages, cms_media_files, cms_themes in share mode',
    `${insertDaily('t.')} select m.platform_id, ${postgresDay('p.created_at')}, sum(m.sign)
     from (${delta}) as m join cms_pages as p on p.store_id = m.store_id
     group by 1, 2 having sum(m.sign) <> 0 order by 1, 2 ${upsertDaily('t.')}`,
    `${insertTotals('t.')} select m.platform_id, ${totalsList({
      pages: 'sum(m.sign)',
      published_pages: `sum(case when p.status = 'published' then m.sign else 0 end)`,
    })} from (${delta}) as m join cms_pages as p on p.store_id = m.store_id
     group by 1 having sum(m.sign) <> 0 order by 1 ${upsertTotals('t.')}`,
    `${insertTotals('t.')} select m.platform_id, ${totalsList({
      media_files: 'sum(m.sign)',
      media_bytes: 'sum(m.sign * f.bytes)',
    })} from (${delta}) as m join cms_media_files as f on f.store_id = m.store_id
     group by 1 having sum(m.sign) <> 0 order by 1 ${upsertTotals('t.')}`,
    `${insertTotals('t.')} select m.platform_id, ${totalsList({ themed_stores: 'sum(m.sign)' })}
     from (${delta}) as m join cms_themes as th on th.store_id = m.store_id and th.theme_code <> ${defaultTheme}
     group by 1 having sum(m.sign) <> 0 order by 1 ${upsertTotals('t.')}`,
  ];
  if (removed !== undefined) {
    const platforms = `(select platform_id from ${removed} where is_active)`;
    statements.push(
      `delete from cms_platform_daily_pages as t where t.new_pages = 0 and t.platform_id in ${platforms}`,
      `delete from cms_platform_totals as t where ${isZeroRow('t.')} and t.platform_id in ${platforms}`,
    );
  }
  return statements;
}

function postgresFunction(name: string, statements: string[], returns = 'null'): string {
  return `create function ${name}() returns trigger language plpgsql as $cms$
begin
${statements.map((statement) => `  ${statement};`).join('\n')}
  return ${returns};
end
$cms$`;
}

function postgresTriggers(): string[] {
  const rows = (columns: string, sign: 1 | -1, table: string, where: string) =>
    `select ${columns}, ${sign} as sign from ${table} where ${where}`;
  const both = (columns: string, where: string) =>
    `${rows(columns, -1, 'old_rows', where)} union all ${rows(columns, 1, 'new_rows', where)}`;
  const pages = ['store_id, created_at, status', 'store_id is not null'] as const;
  const media = ['store_id, bytes', 'true'] as const;
  const themes = ['store_id', `theme_code <> ${defaultTheme}`] as const;
  const memberships = ['store_id, platform_id', 'is_active'] as const;
  const trigger = (name: string, event: string, table: string, fn: string) => {
    const transition = {
      insert: 'new table as new_rows',
      update: 'old table as old_rows new table as new_rows',
      delete: 'old table as old_rows',
    }[event];
    return `create trigger ${name} after ${event} on ${table} referencing ${transition} for each statement execute function ${fn}()`;
  };
  return [
    postgresFunction('cms_platform_on_page_insert', postgresPages(rows(pages[0], 1, 'new_rows', pages[1]), undefined)),
    postgresFunction('cms_platform_on_page_update', postgresPages(both(...pages), 'old_rows')),
    postgresFunction(
      'cms_platform_on_page_delete',
      postgresPages(rows(pages[0], -1, 'old_rows', pages[1]), 'old_rows'),
    ),
    postgresFunction('cms_platform_on_media_insert', postgresMedia(rows(media[0], 1, 'new_rows', media[1]), undefined)),
    postgresFunction('cms_platform_on_media_update', postgresMedia(both(...media), 'old_rows')),
    postgresFunction(
      'cms_platform_on_media_delete',
      postgresMedia(rows(media[0], -1, 'old_rows', media[1]), 'old_rows'),
    ),
    postgresFunction(
      'cms_platform_on_theme_insert',
      postgresThemes(rows(themes[0], 1, 'new_rows', themes[1]), undefined),
    ),
    postgresFunction('cms_platform_on_theme_update', postgresThemes(both(...themes), 'old_rows')),
    postgresFunction(
      'cms_platform_on_theme_delete',
      postgresThemes(rows(themes[0], -1, 'old_rows', themes[1]), 'old_rows'),
    ),
    postgresFunction(
      'cms_platform_on_membership_insert',
      postgresMembership(rows(memberships[0], 1, 'new_rows', memberships[1]), undefined),
    ),
    postgresFunction('cms_platform_on_membership_update', postgresMembership(both(...memberships), 'old_rows')),
    postgresFunction(
      'cms_platform_on_membership_delete',
      postgresMembership(rows(memberships[0], -1, 'old_rows', memberships[1]), 'old_rows'),
    ),
    // A store deleted: its memberships and content are deleted by cascades whose triggers all run
    // after the cascades (each then sees the other side gone), so the store leaves its platforms
    // here, before the cascades; the triggers that follow find nothing of it left to subtract.
    postgresFunction(
      'cms_platform_on_store_delete',
      postgresMembership(
        `select store_id, platform_id, -1 as sign from store_platforms where store_id = old.id and is_active`,
        `(select platform_id, is_active from store_platforms where store_id = old.id) as m`,
      ),
      'old',
    ),
    'create trigger cms_platform_store_delete before delete on stores for each row execute function cms_platform_on_store_delete()',
    // PostgreSQL allows transition tables only on single-event triggers: one trigger per event.
    ...(['insert', 'update', 'delete'] as const).flatMap((event) => [
      trigger(`cms_platform_page_${event}`, event, 'cms_pages', `cms_platform_on_page_${event}`),
      trigger(`cms_platform_media_${event}`, event, 'cms_media_files', `cms_platform_on_media_${event}`),
      trigger(`cms_platform_theme_${event}`, event, 'cms_themes', `cms_platform_on_theme_${event}`),
      trigger(`cms_platform_membership_${event}`, event, 'store_platforms', `cms_platform_on_membership_${event}`),
    ]),
  ];
}

// ---- the fill: the platform rows from the content and memberships already there

/**
 * Recomputes every platform's rows from `cms_pages`, `cms_media_files`, `cms_themes` and the
 * memberships, in one transaction that keeps content and membership writers out meanwhile on
 * PostgreSQL: the repair behind `orion rebuild cms`.
 */
export async function rebuildCmsPlatformRollups(db: Kysely<any>): Promise<void> {
  await inTransaction(db, async (trx) => {
    const postgres = columnTypes(trx).dialect === 'postgres';
    if (postgres) {
      await sql`lock table cms_pages, cms_media_files, cms_themes, store_platforms in share row exclusive mode`.execute(
        trx,
      );
    }
    for (const statement of refill(postgres)) await sql.raw(statement).execute(trx);
  });
}

function refill(postgres: boolean): string[] {
  const day = postgres ? postgresDay('p.created_at') : sqliteDay('p');
  const join = (alias: string) => `join store_platforms as sp on sp.store_id = ${alias}.store_id and sp.is_active`;
  const published = postgres ? `count(*) filter (where p.status = 'published')` : `sum(p.status = 'published')`;
  return [
    'delete from cms_platform_daily_pages',
    'delete from cms_platform_totals',
    `${insertDaily('')} select sp.platform_id, ${day}, count(*) from cms_pages as p ${join('p')} group by 1, 2`,
    `${insertTotals('')} select platform_id, ${totalColumns.map((column) => `sum(${column})`).join(', ')} from (
       select sp.platform_id, ${totalsList({ pages: 'count(*)', published_pages: published }, true)}
       from cms_pages as p ${join('p')} group by 1
       union all
       select sp.platform_id, ${totalsList({ media_files: 'count(*)', media_bytes: 'sum(f.bytes)' }, true)}
       from cms_media_files as f ${join('f')} group by 1
       union all
       select sp.platform_id, ${totalsList({ themed_stores: 'count(*)' }, true)}
       from cms_themes as th ${join('th')} where th.theme_code <> ${defaultTheme} group by 1
     ) as s group by platform_id`,
  ];
}
