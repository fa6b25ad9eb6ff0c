/**
 * `createOrion({ readDatabase })` given a Kysely instance instead of a URL (issue 13). No replica is
 * needed to see where each statement goes: the primary and the read instance are two Kysely
 * instances of their own on the same test database, each logging the SQL it runs. The dashboards'
 * metrics reads must go through the read instance; start-up, writes, enablement and the membership
 * checks through the primary; `readFrom: 'primary'` must bypass the read instance; and `close()` must
 * leave an instance the app passed in open, as it does a passed-in `database`. Beside SQLite the
 * instance is refused as the URL form is (test/multiprocess/replica.test.ts has the real replica).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnyDatabase, MetricValue } from '../../packages/contracts/src/index.js';
import { createOrion, openDatabase, type Orion } from '../../packages/core/src/index.js';
import { OrdersService, ordersModule } from '../../packages/orders/src/index.js';
import { recordingLogger, seedTenancy } from '../../packages/testing/src/index.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../../packages/testing/src/vitest.js';

/**
 * A Kysely instance of the app's own on `url`, recording every statement it runs in `log`. Its pool
 * reports an idle connection's error into `errors` (as an app's pool should handle it) instead of
 * crashing the process; the test expects none.
 */
function loggingKysely(url: string, applicationName: string, log: string[], errors: unknown[]): Kysely<AnyDatabase> {
  const pool = new pg.Pool({ connectionString: url, application_name: applicationName });
  pool.on('error', (error) => errors.push(error));
  return new Kysely<AnyDatabase>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') log.push(event.query.sql);
    },
  });
}

/** Answers a query: the instance has not been destroyed. */
async function isOpen(db: Kysely<AnyDatabase>): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
  return rows[0]?.one === 1;
}

/** The store dashboard's membership check (tenancy's `storePlatformAccess`) and the admin one's platform check. */
const isMembershipCheck = (statement: string) => statement.includes('"active_member"');
const isPlatformCheck = (statement: string) =>
  /^select "platforms"\."id" from "platforms" where "platforms"\."id" = \$1$/.test(statement);

describe.each(testDialects().filter((dialect) => dialect === 'postgres'))(
  'readDatabase given as a Kysely instance [%s]',
  (dialect) => {
    let database: TestDatabase;
    let primaryLog: string[];
    let readLog: string[];
    let primary: Kysely<AnyDatabase>;
    let read: Kysely<AnyDatabase>;
    let orion: Orion | undefined;
    let poolErrors: unknown[];

    beforeEach(async () => {
      poolErrors = [];
      database = await createTestDatabase(dialect);
      primaryLog = [];
      readLog = [];
      primary = loggingKysely(database.url, 'orion-test-primary', primaryLog, poolErrors);
      read = loggingKysely(database.url, 'orion-test-read', readLog, poolErrors);
    });

    afterEach(async () => {
      await orion?.close();
      orion = undefined;
      await read.destroy();
      await primary.destroy();
      await database.drop();
      expect(poolErrors).toEqual([]);
    });

    it('serves the dashboards’ metrics reads; writes, enablement, membership checks and readFrom: primary go to the primary', async () => {
      orion = await createOrion({
        database: primary,
        readDatabase: read,
        modules: [ordersModule],
        logger: recordingLogger(),
      });
      expect(orion.readDb).not.toBe(orion.db);
      const { platformId, storeId } = await seedTenancy(orion.db);
      const orders = new OrdersService(orion.db);
      for (let i = 0; i < 3; i++) {
        await orders.placeOrder({
          storeId,
          customerEmail: `buyer-${i}@example.com`,
          items: [{ sku: 'TEA-50G', quantity: 1, unitPrice: 1200 }],
        });
      }
      await orion.modules.disable(platformId, 'orders');
      await orion.modules.enable(platformId, 'orders');
      // migrations, seeding, orders and enablement: all on the primary
      expect(primaryLog.some((statement) => statement.startsWith('insert into "orders"'))).toBe(true);
      expect(readLog).toEqual([]);

      const storeDashboard = async (readFrom?: 'primary' | 'replica') => {
        primaryLog.length = 0;
        readLog.length = 0;
        const stats = await orion!.statsAggregator.getStoreDashboardStats({
          storeId,
          platformId,
          ...(readFrom ? { readFrom } : {}),
        });
        expect(stats.failures).toEqual([]);
        return stats.categories.orders?.find((metric: MetricValue) => metric.key === 'orders.total')?.value;
      };

      expect(await storeDashboard()).toBe(3);
      // the providers run together and Kysely logs a statement when it finishes: compare in any order
      const metricsReads = [...readLog].sort();
      expect(metricsReads.length).toBeGreaterThan(0);
      expect(metricsReads.some(isMembershipCheck)).toBe(false);
      expect(primaryLog.some(isMembershipCheck)).toBe(true);
      expect(primaryLog.filter((statement) => metricsReads.includes(statement))).toEqual([]);

      expect(await storeDashboard('replica')).toBe(3);
      expect([...readLog].sort()).toEqual(metricsReads);

      // a fresh read: the same metrics statements, on the primary, and nothing on the read instance
      expect(await storeDashboard('primary')).toBe(3);
      expect(readLog).toEqual([]);
      expect(primaryLog).toEqual(expect.arrayContaining(metricsReads));

      primaryLog.length = 0;
      const admin = await orion.statsAggregator.getAdminDashboardStats({ platformId });
      expect(admin.failures).toEqual([]);
      expect(admin.categories.orders?.length).toBeGreaterThan(0);
      expect(readLog.length).toBeGreaterThan(0);
      expect(readLog.some(isPlatformCheck)).toBe(false);
      expect(primaryLog.some(isPlatformCheck)).toBe(true);
    });

    it('is left open by close(), as a passed-in database is', async () => {
      orion = await createOrion({ database: primary, readDatabase: read, modules: [], logger: recordingLogger() });
      // in use before close(): Kysely's destroy() does nothing to an instance that never connected
      expect(await isOpen(orion.readDb)).toBe(true);
      await orion.close();
      orion = undefined;
      expect(await isOpen(read)).toBe(true);
      expect(await isOpen(primary)).toBe(true);
    });

    it('is left open by close() when Orion opened the primary from a URL', async () => {
      orion = await createOrion({ database: database.url, readDatabase: read, modules: [], logger: recordingLogger() });
      const owned = orion.db;
      expect(await isOpen(orion.readDb)).toBe(true);
      await orion.close();
      orion = undefined;
      await expect(isOpen(owned)).rejects.toThrow();
      expect(await isOpen(read)).toBe(true);
    });
  },
);

describe('a Kysely readDatabase beside SQLite', () => {
  const postgresInstance = () => new Kysely<AnyDatabase>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) });

  it('is refused with a coded validation error before anything is opened', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'orion-read-instance-'));
    const read = postgresInstance();
    const otherPrimary = postgresInstance();
    const sqlite = openDatabase('sqlite::memory:');
    try {
      const file = join(folder, 'orion.db');
      await expect(
        createOrion({ database: `sqlite:${file}`, readDatabase: read, modules: [], logger: recordingLogger() }),
      ).rejects.toMatchObject({ code: 'ORION_ERR_VALIDATION' });
      expect(existsSync(file)).toBe(false);
      // the default database is SQLite too
      await expect(
        createOrion({ cwd: folder, readDatabase: read, modules: [], logger: recordingLogger() }),
      ).rejects.toMatchObject({ code: 'ORION_ERR_VALIDATION' });
      expect(existsSync(file)).toBe(false);
      // an app's own SQLite instance as the primary
      await expect(
        createOrion({ database: sqlite.db, readDatabase: read, modules: [], logger: recordingLogger() }),
      ).rejects.toMatchObject({ code: 'ORION_ERR_VALIDATION' });
      // a SQLite instance as the read database beside PostgreSQL
      await expect(
        createOrion({ database: otherPrimary, readDatabase: sqlite.db, modules: [], logger: recordingLogger() }),
      ).rejects.toMatchObject({ code: 'ORION_ERR_VALIDATION' });
    } finally {
      await sqlite.close();
      await read.destroy();
      await otherPrimary.destroy();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
