/**
 * The floor: the dashboards' numbers from SQL a developer would write by hand without Orion, for
 * the same semantics (the store must have an active membership in the platform; windows are
 * `[from, to)`; the same trend and money rules). Two statements per dashboard: one row with every
 * count of every module, and the revenue per currency. They go through Kysely's executor as
 * precompiled SQL (no query building), concurrently on PostgreSQL.
 *
 * The JavaScript-reduce baseline ({@link javascriptReduceDashboard}) shares the one-row statement
 * without the orders' windowed counts, and loads the window's orders instead.
 */
import { windowBounds, type ResolvedMetricsContext } from '@orion/core';
import type { AnyDatabase } from '@orion/contracts';
import { CompiledQuery, type Kysely } from 'kysely';
import type { BenchDialect } from './dataset.js';
import { composeNumbers, type DashboardNumbers, type RawDashboard } from './dashboard-numbers.js';

type Scope = { kind: 'store'; storeId: number; platformId: number } | { kind: 'platform'; platformId: number };

/** A statement with `?` placeholders, turned into `$n` on PostgreSQL. */
function compiled(dialect: BenchDialect, text: string, parameters: unknown[]): CompiledQuery {
  let n = 0;
  const sqlText = dialect === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
  return CompiledQuery.raw(sqlText, parameters);
}

/** `store_id = ?` or `store_id in (<the platform's active stores>)`, with its parameter. */
function scoped(scope: Scope, column = 'store_id'): [string, unknown[]] {
  return scope.kind === 'store'
    ? [`${column} = ?`, [scope.storeId]]
    : [
        `${column} in (select store_id from store_platforms where platform_id = ? and is_active = true)`,
        [scope.platformId],
      ];
}

/** The one-row statement; `orderWindows` adds the orders' windowed counts (the floor) or leaves them to the reduce. */
function countsStatement(
  dialect: BenchDialect,
  scope: Scope,
  context: ResolvedMetricsContext,
  orderWindows: boolean,
): CompiledQuery {
  const { from, to, previousFrom, previousTo } = windowBounds(context);
  const parts: string[] = [];
  const parameters: unknown[] = [];
  const part = (text: string, values: unknown[]) => {
    parts.push(text);
    parameters.push(...values);
  };
  const [where, whereValues] = scoped(scope);
  if (scope.kind === 'store') {
    part(
      '(select count(*) as member from store_platforms where store_id = ? and platform_id = ? and is_active = true) m',
      [scope.storeId, scope.platformId],
    );
    part('(select count(*) as team_members from store_users where store_id = ? and is_active = true) tu', [
      scope.storeId,
    ]);
    part(
      '(select count(*) as domains, count(*) filter (where is_verified = true) as verified_domains from store_domains where store_id = ?) d',
      [scope.storeId],
    );
  } else {
    part('(select count(*) as member from platforms where id = ?) m', [scope.platformId]);
    const [storeWhere, storeValues] = scoped(scope, 'id');
    part(
      `(select count(*) as total_stores, count(*) filter (where is_active = true) as active_stores, count(distinct merchant_id) as merchants from stores where ${storeWhere}) st`,
      storeValues,
    );
    part(
      `(select count(distinct user_id) as team_members from store_users where is_active = true and ${where}) tu`,
      whereValues,
    );
  }
  part(
    orderWindows
      ? `(select count(*) as orders_total,
            count(*) filter (where created_at >= ? and created_at < ?) as orders_current,
            count(*) filter (where created_at >= ? and created_at < ?) as orders_previous,
            count(*) filter (where created_at >= ? and created_at < ? and status = 'cancelled') as cancelled_current,
            count(*) filter (where created_at >= ? and created_at < ? and status = 'cancelled') as cancelled_previous
          from orders where ${where}) o`
      : `(select count(*) as orders_total from orders where ${where}) o`,
    orderWindows
      ? [from, to, previousFrom, previousTo, from, to, previousFrom, previousTo, ...whereValues]
      : whereValues,
  );
  part(
    `(select count(*) as products,
        count(*) filter (where is_active = true) as active_products,
        count(*) filter (where is_active = true and is_featured = true) as featured_products,
        count(*) filter (where created_at >= ? and created_at < ?) as new_products,
        count(*) filter (where created_at >= ? and created_at < ?) as previous_new_products
      from products where ${where}) p`,
    [from, to, previousFrom, previousTo, ...whereValues],
  );
  const inventoryCounts = `sum(quantity) filter (where quantity > 0) as total_units, count(distinct sku) as skus,
        count(*) filter (where quantity > 0 and quantity <= low_stock_threshold) as low_stock,
        count(*) filter (where quantity <= 0) as out_of_stock, count(distinct location) as locations`;
  part(
    scope.kind === 'store'
      ? `(select ${inventoryCounts} from inventory_items where ${where}) i`
      : `(select sum(total_units) as total_units, sum(skus) as skus, sum(low_stock) as low_stock, sum(out_of_stock) as out_of_stock, sum(locations) as locations
          from (select ${inventoryCounts} from inventory_items where ${where} group by store_id) per_store) i`,
    whereValues,
  );
  part(
    `(select count(*) filter (where created_at >= ?) as jobs,
        count(*) filter (where created_at < ?) as previous_jobs,
        count(*) filter (where created_at >= ? and status = 'failed') as failed,
        count(*) filter (where created_at < ? and status = 'failed') as previous_failed,
        count(*) filter (where created_at >= ? and status = 'completed') as completed,
        count(*) filter (where created_at < ? and status = 'completed') as previous_completed
      from marketplace_import_jobs where ${where} and created_at >= ? and created_at < ?) j`,
    [from, from, from, from, from, from, ...whereValues, previousFrom, to],
  );
  part(`(select count(*) as staged from marketplace_products where ${where} and status = 'staged') s`, whereValues);
  return compiled(dialect, `select * from ${parts.join(',\n')}`, parameters);
}

/**
 * The customers' and the cms' counts: a second one-row statement. In the first one, PostgreSQL's
 * planning time grew from about 1 to 7 ms with these six subqueries added (14 one-row derived
 * tables), more than executing it; two statements, concurrent on PostgreSQL, are what a developer
 * would keep.
 */
function contentStatement(dialect: BenchDialect, scope: Scope, context: ResolvedMetricsContext): CompiledQuery {
  const { from, to, previousFrom, previousTo } = windowBounds(context);
  const parts: string[] = [];
  const parameters: unknown[] = [];
  const part = (text: string, values: unknown[]) => {
    parts.push(text);
    parameters.push(...values);
  };
  const [where, whereValues] = scoped(scope);
  part(
    `(select count(*) as customers_total,
        count(*) filter (where created_at >= ? and created_at < ?) as customers_new,
        count(*) filter (where created_at >= ? and created_at < ?) as customers_previous_new
      from customers where ${where}) cu`,
    [from, to, previousFrom, previousTo, ...whereValues],
  );
  part(
    `(select count(distinct customer_id) filter (where placed_at >= ? and placed_at < ?) as customers_active,
        count(distinct customer_id) filter (where placed_at >= ? and placed_at < ?) as customers_previous_active
      from customer_order_activity where ${where} and placed_at >= ? and placed_at < ?) ca`,
    [from, to, previousFrom, previousTo, ...whereValues, previousFrom, to],
  );
  const [activityWhere, activityValues] = scoped(scope, 'a.store_id');
  part(
    `(select count(distinct a.customer_id) as customers_returning
      from customer_order_activity a join customers c on c.id = a.customer_id
      where ${activityWhere} and a.placed_at >= ? and a.placed_at < ? and c.first_order_at < ?) cr`,
    [...activityValues, from, to, from],
  );
  const pagesWhere = scope.kind === 'store' ? where : `(${where} or platform_id = ?)`;
  const pagesValues = scope.kind === 'store' ? whereValues : [...whereValues, scope.platformId];
  part(
    `(select count(*) as cms_pages,
        count(*) filter (where status = 'published') as cms_published,
        count(*) filter (where created_at >= ? and created_at < ?) as cms_new,
        count(*) filter (where created_at >= ? and created_at < ?) as cms_previous_new
      from cms_pages where ${pagesWhere}) cp`,
    [from, to, previousFrom, previousTo, ...pagesValues],
  );
  part(
    `(select count(*) as cms_media_files, coalesce(sum(bytes), 0) as cms_media_bytes from cms_media_files where ${where}) cm`,
    whereValues,
  );
  if (scope.kind === 'platform') {
    part(
      `(select count(*) as cms_themed_stores from cms_themes where ${where} and theme_code <> 'default') ct`,
      whereValues,
    );
  }
  return compiled(dialect, `select * from ${parts.join(',\n')}`, parameters);
}

function revenueStatement(dialect: BenchDialect, scope: Scope, context: ResolvedMetricsContext): CompiledQuery {
  const { from, to, previousFrom, previousTo } = windowBounds(context);
  const [where, whereValues] = scoped(scope);
  return compiled(
    dialect,
    `select currency,
        count(*) filter (where created_at >= ? and created_at < ?) as orders_current,
        sum(total_amount) filter (where created_at >= ? and created_at < ?) as revenue_current,
        count(*) filter (where created_at >= ? and created_at < ?) as orders_previous,
        sum(total_amount) filter (where created_at >= ? and created_at < ?) as revenue_previous
      from orders
      where ${where} and created_at >= ? and created_at < ? and status not in ('cancelled', 'refunded')
      group by currency order by currency`,
    [
      from,
      to,
      from,
      to,
      previousFrom,
      previousTo,
      previousFrom,
      previousTo,
      ...whereValues,
      context.includeTrends ? previousFrom : from,
      to,
    ],
  );
}

const n = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
const big = (value: unknown) =>
  value === null || value === undefined ? 0n : BigInt(value as string | number | bigint);

function rawFromCounts(scope: Scope, row: Record<string, unknown>): RawDashboard {
  if (n(row.member) === 0) {
    throw new Error(
      scope.kind === 'store'
        ? `Store ${scope.storeId} is not in platform ${scope.platformId}`
        : `No platform ${scope.platformId}`,
    );
  }
  return {
    scope: scope.kind,
    tenancy:
      scope.kind === 'store'
        ? { team_members: n(row.team_members), domains: n(row.domains), verified_domains: n(row.verified_domains) }
        : {
            total_stores: n(row.total_stores),
            active_stores: n(row.active_stores),
            merchants: n(row.merchants),
            team_members: n(row.team_members),
          },
    orders: {
      total: n(row.orders_total),
      ordersCurrent: n(row.orders_current),
      ordersPrevious: n(row.orders_previous),
      cancelledCurrent: n(row.cancelled_current),
      cancelledPrevious: n(row.cancelled_previous),
      revenue: new Map(),
    },
    catalog: {
      products: n(row.products),
      activeProducts: n(row.active_products),
      featuredProducts: n(row.featured_products),
      newProducts: n(row.new_products),
      previousNewProducts: n(row.previous_new_products),
    },
    inventory: {
      totalUnits: n(row.total_units),
      skus: n(row.skus),
      lowStock: n(row.low_stock),
      outOfStock: n(row.out_of_stock),
      locations: n(row.locations),
    },
    marketplace: {
      jobs: n(row.jobs),
      previousJobs: n(row.previous_jobs),
      failed: n(row.failed),
      previousFailed: n(row.previous_failed),
      completed: n(row.completed),
      previousCompleted: n(row.previous_completed),
      staged: n(row.staged),
    },
    customers: {
      total: n(row.customers_total),
      newNow: n(row.customers_new),
      newBefore: n(row.customers_previous_new),
      activeNow: n(row.customers_active),
      activeBefore: n(row.customers_previous_active),
      returning: n(row.customers_returning),
    },
    cms: {
      pages: n(row.cms_pages),
      published: n(row.cms_published),
      newNow: n(row.cms_new),
      newBefore: n(row.cms_previous_new),
      files: n(row.cms_media_files),
      bytes: n(row.cms_media_bytes),
      ...(scope.kind === 'platform' ? { themedStores: n(row.cms_themed_stores) } : {}),
    },
  };
}

async function run(
  db: Kysely<AnyDatabase>,
  dialect: BenchDialect,
  queries: CompiledQuery[],
): Promise<Record<string, unknown>[][]> {
  if (dialect === 'postgres')
    return Promise.all(queries.map(async (query) => (await db.executeQuery(query)).rows as Record<string, unknown>[]));
  const results: Record<string, unknown>[][] = [];
  for (const query of queries) results.push((await db.executeQuery(query)).rows as Record<string, unknown>[]);
  return results;
}

/** The dashboard of `scope` by hand-written SQL. */
export async function handWrittenDashboard(
  db: Kysely<AnyDatabase>,
  dialect: BenchDialect,
  scope: Scope,
  context: ResolvedMetricsContext,
): Promise<DashboardNumbers> {
  const [counts, content, revenue] = await run(db, dialect, [
    countsStatement(dialect, scope, context, true),
    contentStatement(dialect, scope, context),
    revenueStatement(dialect, scope, context),
  ]);
  const raw = rawFromCounts(scope, { ...counts![0]!, ...content![0]! });
  for (const row of revenue!) {
    raw.orders.revenue.set(String(row.currency).trim(), {
      ordersCurrent: big(row.orders_current),
      revenueCurrent: big(row.revenue_current),
      ordersPrevious: big(row.orders_previous),
      revenuePrevious: big(row.revenue_previous),
    });
  }
  return composeNumbers(raw, context.includeTrends);
}

/**
 * The dashboard the way several peers compute it: the window's orders (and the previous window's,
 * for trends) loaded into JavaScript and reduced there; the other modules' numbers from the same
 * one-row SQL as the floor.
 */
export async function javascriptReduceDashboard(
  db: Kysely<AnyDatabase>,
  dialect: BenchDialect,
  scope: Scope,
  context: ResolvedMetricsContext,
): Promise<DashboardNumbers> {
  const { from, to, previousFrom } = windowBounds(context);
  const [where, whereValues] = scoped(scope);
  const load = compiled(
    dialect,
    `select status, currency, total_amount, created_at from orders where ${where} and created_at >= ? and created_at < ?`,
    [...whereValues, context.includeTrends ? previousFrom : from, to],
  );
  const [counts, content, rows] = await run(db, dialect, [
    countsStatement(dialect, scope, context, false),
    contentStatement(dialect, scope, context),
    load,
  ]);
  const raw = rawFromCounts(scope, { ...counts![0]!, ...content![0]! });
  const fromMs = context.dateFrom.getTime();
  const toMs = context.dateTo.getTime();
  const previousFromMs = context.previousFrom.getTime();
  const orders = raw.orders;
  for (const row of rows!) {
    const at = row.created_at instanceof Date ? row.created_at.getTime() : Date.parse(String(row.created_at));
    const current = at >= fromMs && at < toMs;
    const previous = at >= previousFromMs && at < fromMs;
    if (!current && !previous) continue;
    const status = String(row.status);
    if (current) orders.ordersCurrent++;
    else orders.ordersPrevious++;
    if (status === 'cancelled') {
      if (current) orders.cancelledCurrent++;
      else orders.cancelledPrevious++;
    }
    if (status === 'cancelled' || status === 'refunded') continue;
    const currency = String(row.currency).trim();
    let revenue = orders.revenue.get(currency);
    if (!revenue)
      orders.revenue.set(
        currency,
        (revenue = { ordersCurrent: 0n, revenueCurrent: 0n, ordersPrevious: 0n, revenuePrevious: 0n }),
      );
    const amount = BigInt(String(row.total_amount));
    if (current) {
      revenue.ordersCurrent++;
      revenue.revenueCurrent += amount;
    } else {
      revenue.ordersPrevious++;
      revenue.revenuePrevious += amount;
    }
  }
  orders.revenue = new Map([...orders.revenue].sort(([a], [b]) => a.localeCompare(b)));
  return composeNumbers(raw, context.includeTrends);
}

export type { Scope as DashboardScope };
