import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { isUniqueViolation, nowTimestamp, type AnyDatabase } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { ordersModule } from '../src/index.js';

const ordersTables = ['order_items', 'orders'];

it('declares an optional module that requires tenancy, with conventionally named migrations', () => {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
    orion: { export: string };
  };
  expect(ordersModule).toMatchObject({
    code: 'orders',
    name: 'Orders',
    isCore: false,
    isInternal: false,
    requires: ['tenancy'],
  });
  expect(ordersModule.version).toBe(packageJson.version);
  expect(packageJson.orion.export).toBe('ordersModule');
  expect(Object.keys(ordersModule.migrations)).toEqual([
    'orders_001_create_tables',
    'orders_002_create_summaries',
    'orders_003_summary_triggers',
  ]);
  expect(typeof ordersModule.migrations.orders_001_create_tables?.down).toBe('function');
  expect(ordersModule.permissions.map((permission) => permission.code)).toEqual([
    'orders.view',
    'orders.place',
    'orders.manage',
    'orders.platform.view',
  ]);
  expect(ordersModule.menuItems).toEqual([
    expect.objectContaining({ id: 'orders.list', frontend: 'store', path: '/orders', permission: 'orders.view' }),
    expect.objectContaining({
      id: 'orders.store-orders',
      frontend: 'admin',
      path: '/orders',
      permission: 'orders.platform.view',
    }),
  ]);
});

describeEachDatabase('orders migrations', (dialect) => {
  const hosts = useTestHosts(dialect);

  async function tableNames(db: Kysely<AnyDatabase>): Promise<string[]> {
    const { rows } =
      dialect === 'sqlite'
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)
        : await sql<{
            name: string;
          }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
    return rows
      .map((row) => row.name)
      .filter((name) => ordersTables.includes(name))
      .sort();
  }

  async function indexNames(db: Kysely<AnyDatabase>, table: string): Promise<string[]> {
    const { rows } =
      dialect === 'sqlite'
        ? await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'index' and tbl_name = ${table}`.execute(db)
        : await sql<{
            name: string;
          }>`select indexname as name from pg_indexes where tablename = ${table} and schemaname = current_schema()`.execute(
            db,
          );
    return rows.map((row) => row.name);
  }

  async function setup() {
    const { orion } = await hosts.start({ modules: [ordersModule] });
    const db = orion.db;
    const now = nowTimestamp();
    const merchant = await db
      .insertInto('merchants')
      .values({ name: 'M', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const store = await db
      .insertInto('stores')
      .values({ merchant_id: merchant.id, code: 'acme', name: 'Acme', default_currency: 'EUR', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const orderRow = (extra: Record<string, unknown> = {}) => ({
      store_id: store.id,
      order_number: 'A-1',
      customer_email: 'ada@example.com',
      status: 'pending',
      currency: 'EUR',
      total_amount: 1000,
      created_at: now,
      ...extra,
    });
    return { db, storeId: store.id, orderRow };
  }

  it('creates both tables with NOT NULL columns and the dashboard index', async () => {
    const { db } = await setup();
    expect(await tableNames(db)).toEqual(ordersTables);
    const tables = await db.introspection.getTables();
    for (const name of ordersTables) {
      const table = tables.find((candidate) => candidate.name === name)!;
      for (const column of table.columns.filter((candidate) => candidate.name !== 'id')) {
        expect({ table: name, column: column.name, nullable: column.isNullable }).toEqual({
          table: name,
          column: column.name,
          nullable: false,
        });
      }
    }
    expect(await indexNames(db, 'orders')).toEqual(expect.arrayContaining(['orders_store_created_idx']));
    expect(await indexNames(db, 'order_items')).toEqual(expect.arrayContaining(['order_items_order_id_idx']));
  });

  it('enforces the foreign keys, check constraints and the per-store unique order number', async () => {
    const { db, storeId, orderRow } = await setup();
    const order = await db.insertInto('orders').values(orderRow()).returning('id').executeTakeFirstOrThrow();
    const failing = [
      orderRow({ order_number: 'A-2', store_id: 987_654 }),
      orderRow({ order_number: 'A-3', status: 'lost' }),
      orderRow({ order_number: 'A-4', currency: 'eur' }),
      orderRow({ order_number: 'A-5', currency: 'EU' }),
      orderRow({ order_number: 'A-6', total_amount: -1 }),
      orderRow({ order_number: 'A-7', customer_email: null }),
    ];
    for (const values of failing) {
      await expect(db.insertInto('orders').values(values).execute(), JSON.stringify(values)).rejects.toThrow();
    }
    const duplicate = await db
      .insertInto('orders')
      .values(orderRow())
      .execute()
      .catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);

    const item = { order_id: order.id, sku: 'X', quantity: 1, unit_price: 100 };
    await db.insertInto('order_items').values(item).execute();
    for (const values of [
      { ...item, quantity: 0 },
      { ...item, unit_price: -1 },
      { ...item, order_id: 987_654 },
    ]) {
      await expect(db.insertInto('order_items').values(values).execute(), JSON.stringify(values)).rejects.toThrow();
    }
    // Money beyond 2^31 fits (bigint), and comes back exactly.
    const big = await db
      .insertInto('orders')
      .values(orderRow({ order_number: 'BIG', total_amount: Number.MAX_SAFE_INTEGER }))
      .returning('total_amount')
      .executeTakeFirstOrThrow();
    expect(Number(big.total_amount)).toBe(Number.MAX_SAFE_INTEGER);

    // Items go with their order; a store with orders can not be deleted.
    await db.deleteFrom('orders').where('id', '=', order.id).execute();
    expect(await db.selectFrom('order_items').selectAll().execute()).toEqual([]);
    await expect(db.deleteFrom('stores').where('id', '=', storeId).execute()).rejects.toThrow();
  });

  it('creates the totals tables from the orders already there, and drops only them going down', async () => {
    const { db, storeId, orderRow } = await setup();
    await db
      .insertInto('orders')
      .values([
        orderRow({ order_number: 'A-1', created_at: '2026-03-01T23:59:59.999Z', total_amount: 1000 }),
        orderRow({
          order_number: 'A-2',
          created_at: '2026-03-01T00:00:00.000Z',
          total_amount: 250,
          status: 'refunded',
        }),
        orderRow({
          order_number: 'A-3',
          created_at: '2026-03-02T00:00:00.000Z',
          total_amount: 700,
          status: 'cancelled',
        }),
        orderRow({ order_number: 'A-4', created_at: '2026-03-02T10:00:00.000Z', total_amount: 300, currency: 'USD' }),
      ])
      .execute();
    const migration = ordersModule.migrations.orders_002_create_summaries!;
    await migration.down!(db);
    expect(await tableNames(db)).toEqual(['order_items', 'orders']);
    await migration.up(db);
    const daily = await db.selectFrom('orders_daily_totals').selectAll().orderBy(['day', 'currency']).execute();
    expect(
      daily.map((row) => ({
        ...row,
        day: new Date(row.day).toISOString(),
        orders: Number(row.orders),
        cancelled: Number(row.cancelled),
        revenue_orders: Number(row.revenue_orders),
        revenue_minor: Number(row.revenue_minor),
      })),
    ).toEqual([
      {
        store_id: storeId,
        day: '2026-03-01T00:00:00.000Z',
        currency: 'EUR',
        orders: 2,
        cancelled: 0,
        revenue_orders: 1,
        revenue_minor: 1000,
      },
      {
        store_id: storeId,
        day: '2026-03-02T00:00:00.000Z',
        currency: 'EUR',
        orders: 1,
        cancelled: 1,
        revenue_orders: 0,
        revenue_minor: 0,
      },
      {
        store_id: storeId,
        day: '2026-03-02T00:00:00.000Z',
        currency: 'USD',
        orders: 1,
        cancelled: 0,
        revenue_orders: 1,
        revenue_minor: 300,
      },
    ]);
    expect((await db.selectFrom('orders_store_totals').selectAll().execute()).map((row) => Number(row.orders))).toEqual(
      [4],
    );
  });

  it('migrates down to nothing and up again', async () => {
    const { db } = await setup();
    const migration = ordersModule.migrations.orders_001_create_tables!;
    await migration.down!(db);
    expect(await tableNames(db)).toEqual([]);
    await migration.up(db);
    expect(await tableNames(db)).toEqual(ordersTables);
  });
});
