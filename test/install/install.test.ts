import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { PackedApp, packPackages, seedBetterSqlitePrebuild, type PackageManager } from './packed-app.js';

const here = fileURLToPath(new URL('.', import.meta.url));
let packDir: string;
let tarballs: Record<string, string>;
/** Installs take the workspace's compiled better-sqlite3 instead of compiling it each time. */
let installEnv: Record<string, string>;
/** The web framework the app brings, from the registry. */
const fastify = '^5.12.8';
/** PostgreSQL's driver and task queue, optional peers of @orion/core the app brings to run on PostgreSQL. */
const postgres = { pg: '^8.23.1', 'pg-boss': '^10.4.2' };

beforeAll(async () => {
  packDir = mkdtempSync(join(tmpdir(), 'orion-pack-'));
  tarballs = await packPackages(packDir, [
    '@orion/contracts',
    '@orion/core',
    '@orion/tenancy',
    '@orion/orders',
    '@orion/catalog',
    '@orion/inventory',
    '@orion/marketplace',
    '@orion/customers',
    '@orion/cms',
  ]);
  installEnv = await seedBetterSqlitePrebuild(join(packDir, 'prebuilds'));
}, 120_000);
afterAll(() => rmSync(packDir, { recursive: true, force: true }));

interface Dashboards {
  modules: string[];
  store: string[];
  admin: string[];
  failures: string[];
  revenue: number | null;
  tables: string[];
  orderRows: number | null;
  customers: number | null;
}

describe.each<PackageManager>(['npm', 'pnpm'])('an app installed from packed tarballs with %s', (manager) => {
  let app: PackedApp;
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), `orion-${manager}-app-`));
    for (const script of ['dashboards.mjs', 'start.mjs', 'server.mjs'])
      copyFileSync(join(here, script), join(dir, script));
    app = new PackedApp(dir, manager, tarballs, installEnv);
    for (const dialect of testDialects()) databases.push(await createTestDatabase(dialect));
  }, 60_000);
  afterAll(async () => {
    rmSync(app.dir, { recursive: true, force: true });
    await Promise.all(databases.splice(0).map((database) => database.drop()));
  });

  async function dashboards(): Promise<Dashboards[]> {
    const results: Dashboards[] = [];
    for (const database of databases) {
      results.push(JSON.parse(await app.node('dashboards.mjs', { ORION_DATABASE: database.url })) as Dashboards);
    }
    return results;
  }

  /**
   * Starts the app's Fastify server and makes each request (a path to GET, or `{ method, path, body }`);
   * the statuses it got and the JSON answers, by path (`METHOD path` for a request).
   */
  async function requests(paths: (string | { method: string; path: string; body?: unknown })[]) {
    const results: { statuses: Record<string, number>; bodies: Record<string, { items?: unknown }> }[] = [];
    for (const database of databases) {
      results.push(
        JSON.parse(
          await app.node('server.mjs', { ORION_DATABASE: database.url, PATHS: JSON.stringify(paths), BODIES: '1' }),
        ),
      );
    }
    return results;
  }
  async function statuses(paths: Parameters<typeof requests>[0]): Promise<Record<string, number>[]> {
    return (await requests(paths)).map((result) => result.statuses);
  }
  const ordersPath = '/api/v1/store/orders/orders';
  const catalogPath = '/api/v1/store/catalog/products';
  const customersPath = '/api/v1/store/customers/customers';
  /** An order placed through the orders route, as a shop's checkout would. */
  const placeOrder = (customerEmail: string) => ({
    method: 'POST',
    path: ordersPath,
    body: { customerEmail, items: [{ sku: 'MUG', quantity: 1, unitPrice: 1250 }] },
  });

  it('core + orders (no customers): the dashboards show tenancy and orders; the Fastify app places orders and 404s catalog and customers', async () => {
    await app.install(['@orion/core', '@orion/orders'], { fastify, ...postgres });
    for (const result of await dashboards()) {
      expect(result.modules).toEqual(['tenancy', 'orders']);
      expect(result.store).toEqual(['tenancy', 'orders']);
      expect(result.admin).toEqual(['tenancy', 'orders']);
      expect(result.failures).toEqual([]);
      expect(result.revenue).toBe(25);
      expect(result.tables).not.toContain('customers');
    }
    for (const result of await statuses([placeOrder('ada@example.com'), ordersPath, catalogPath, customersPath])) {
      expect(result).toEqual({
        [`POST ${ordersPath}`]: 201,
        [ordersPath]: 200,
        [catalogPath]: 404,
        [customersPath]: 404,
      });
    }
  }, 600_000);

  it('adding catalog, customers and cms adds their categories; orders placed through the route now record their customer', async () => {
    await app.install(['@orion/core', '@orion/orders', '@orion/catalog', '@orion/customers', '@orion/cms'], {
      fastify,
      ...postgres,
    });
    for (const result of await requests([
      placeOrder('Grace@Example.com'),
      placeOrder('grace@example.com'),
      ordersPath,
      catalogPath,
      customersPath,
    ])) {
      expect(result.statuses).toEqual({
        [`POST ${ordersPath}`]: 201,
        [ordersPath]: 200,
        [catalogPath]: 200,
        [customersPath]: 200,
      });
      // The orders placed before customers was installed are not customers; the new ones are one, with both orders.
      expect(result.bodies[customersPath]?.items).toEqual([
        expect.objectContaining({ email: 'grace@example.com', ordersCount: 2, isActive: true }),
      ]);
    }
    for (const result of await dashboards()) {
      expect(result.modules).toEqual(expect.arrayContaining(['tenancy', 'orders', 'catalog', 'customers', 'cms']));
      expect([...result.store].sort()).toEqual(['catalog', 'cms', 'customers', 'orders', 'tenancy']);
      expect([...result.admin].sort()).toEqual(['catalog', 'cms', 'customers', 'orders', 'tenancy']);
      expect(result.failures).toEqual([]);
      expect(result.customers).toBe(1);
      expect(result.tables).toEqual(
        expect.arrayContaining(['customers', 'customer_order_activity', 'cms_pages', 'cms_media_files']),
      );
    }
  }, 600_000);

  it('removing orders removes it from both dashboards, keeps its tables and rows, and the app keeps running', async () => {
    await app.install(['@orion/core', '@orion/catalog'], postgres);
    for (const result of await dashboards()) {
      expect(result.modules).toEqual(['tenancy', 'catalog']);
      expect(result.store).toEqual(['tenancy', 'catalog']);
      expect(result.admin).toEqual(['tenancy', 'catalog']);
      expect(result.tables).toEqual(expect.arrayContaining(['orders', 'order_items', 'orion_migrations_orders']));
      expect(result.orderRows).toBe(4); // one by the app's own code, three through the route
    }
  }, 600_000);

  it('marketplace without inventory fails start-up with the missing-requirement error naming @orion/inventory', async () => {
    await app.install(['@orion/core', '@orion/catalog', '@orion/marketplace'], postgres);
    for (const database of databases) {
      const outcome = JSON.parse(await app.node('start.mjs', { ORION_DATABASE: database.url }));
      expect(outcome).toMatchObject({
        started: false,
        code: 'ORION_ERR_MODULE_REQUIREMENT_MISSING',
        details: { code: 'marketplace', required: 'inventory', packageName: '@orion/inventory' },
      });
      expect(outcome.message).toContain('npm install @orion/inventory');
    }
  }, 600_000);
});
