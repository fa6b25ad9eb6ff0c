/**
 * Helpers of the write-path differential tests (issue 12): membership flips through the tenancy
 * service and through plain SQL, kept in a plain model the expected numbers are computed from;
 * `COPY` into a PostgreSQL table; and the comparison of one category of every store and platform
 * dashboard with numbers the test computes in plain TypeScript.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import type { AnyDatabase } from '../../packages/contracts/src/index.js';
import type { Orion } from '../../packages/core/src/index.js';
import { TenancyService } from '../../packages/tenancy/src/index.js';
import { comparableMetrics, type ComparableMetric } from './metric-oracle.js';
import type { Random } from './random.js';
import type { TenancyFixture } from './tenancy-fixture.js';

/** Store memberships as the test last wrote them: `storeId:platformId` → active. */
export class MembershipModel {
  readonly #rows = new Map<string, boolean>();

  constructor(fixture: TenancyFixture) {
    for (const m of fixture.memberships) this.#rows.set(`${m.storeId}:${m.platformId}`, m.isActive);
  }

  set(storeId: number, platformId: number, isActive: boolean | undefined): void {
    if (isActive === undefined) this.#rows.delete(`${storeId}:${platformId}`);
    else this.#rows.set(`${storeId}:${platformId}`, isActive);
  }

  get(storeId: number, platformId: number): boolean | undefined {
    return this.#rows.get(`${storeId}:${platformId}`);
  }

  /** Ids of the stores with an active membership in the platform. */
  activeStoreIds(platformId: number): Set<number> {
    const ids = new Set<number>();
    for (const [key, active] of this.#rows) {
      const [store, platform] = key.split(':').map(Number);
      if (active && platform === platformId) ids.add(store!);
    }
    return ids;
  }

  /** One platform the store is actively on, for its store dashboard. */
  storePlatform(storeId: number, platformIds: number[]): number | undefined {
    return platformIds.find((platformId) => this.get(storeId, platformId) === true);
  }
}

/**
 * Flips one random membership: activates or deactivates it through the service or in SQL, deletes
 * it in SQL, or inserts a missing one in SQL. Returns what it did, for the failure message.
 */
export async function flipMembership(
  db: Kysely<AnyDatabase>,
  random: Random,
  fixture: TenancyFixture,
  model: MembershipModel,
): Promise<string> {
  const store = random.pick(fixture.stores).id;
  const platform = random.pick(fixture.platformIds);
  const current = model.get(store, platform);
  const tenancy = new TenancyService(db);
  if (current === undefined) {
    if (random.chance(0.5)) {
      await tenancy.addStoreToPlatform(store, platform);
    } else {
      await db
        .insertInto('store_platforms')
        .values({ store_id: store, platform_id: platform, is_active: true, created_at: new Date().toISOString() })
        .execute();
    }
    model.set(store, platform, true);
    return `join ${store}:${platform}`;
  }
  const way = random.int(0, 3);
  if (way === 0) {
    await db.deleteFrom('store_platforms').where('store_id', '=', store).where('platform_id', '=', platform).execute();
    model.set(store, platform, undefined);
    return `sql delete ${store}:${platform}`;
  }
  const next = !current;
  if (way === 1) {
    await tenancy.setMembershipActive(store, platform, next);
  } else {
    await db
      .updateTable('store_platforms')
      .set({ is_active: next })
      .where('store_id', '=', store)
      .where('platform_id', '=', platform)
      .execute();
  }
  model.set(store, platform, next);
  return `${way === 1 ? 'service' : 'sql'} ${next ? 'activate' : 'deactivate'} ${store}:${platform}`;
}

/**
 * Writes `rows` into `table` with PostgreSQL's `COPY … FROM` (a CSV file the server reads, so the
 * statement is a real `COPY`, as a bulk loader runs it). The server runs on this machine in the
 * tests; the file is removed afterwards.
 */
export async function copyRows(
  db: Kysely<AnyDatabase>,
  table: string,
  columns: string[],
  rows: (string | number | boolean)[][],
): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'orion-copy-'));
  try {
    const file = join(folder, 'rows.csv');
    const csv = rows.map((row) => row.map((value) => `"${String(value).replaceAll('"', '""')}"`).join(',')).join('\n');
    await writeFile(file, `${csv}\n`);
    await chmod(folder, 0o755);
    await chmod(file, 0o644);
    await sql
      .raw(`copy ${table} (${columns.join(', ')}) from '${file.replaceAll("'", "''")}' with (format csv)`)
      .execute(db);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The dashboard window and context the write-path tests read. */
export interface WritePathContext {
  dateFrom: Date;
  dateTo: Date;
  includeTrends: boolean;
}

/**
 * Compares `category` on the store dashboard of every store with an active membership and on the
 * admin dashboard of every platform with `expected(storeIds, level, platformId)` (the platform the
 * dashboard is read for, which a platform's own rows count on). Returns how many figures it checked.
 */
export async function compareDashboards(
  orion: Orion,
  category: string,
  fixture: TenancyFixture,
  model: MembershipModel,
  context: WritePathContext,
  expected: (storeIds: Set<number>, level: 'store' | 'platform', platformId: number) => ComparableMetric[],
): Promise<number> {
  let figures = 0;
  for (const store of fixture.stores) {
    const platformId = model.storePlatform(store.id, fixture.platformIds);
    if (platformId === undefined) continue;
    const stats = await orion.statsAggregator.getStoreDashboardStats({ storeId: store.id, platformId, context });
    expect(stats.failures).toEqual([]);
    const actual = comparableMetrics(stats.categories[category] ?? []);
    expect({ storeId: store.id, metrics: actual }).toEqual({
      storeId: store.id,
      metrics: expected(new Set([store.id]), 'store', platformId),
    });
    figures += actual.length;
  }
  for (const platformId of fixture.platformIds) {
    const stats = await orion.statsAggregator.getAdminDashboardStats({ platformId, context });
    expect(stats.failures).toEqual([]);
    const actual = comparableMetrics(stats.categories[category] ?? []);
    expect({ platformId, metrics: actual }).toEqual({
      platformId,
      metrics: expected(model.activeStoreIds(platformId), 'platform', platformId),
    });
    figures += actual.length;
  }
  return figures;
}

/** A dashboard window `[dateFrom, dateTo)` the write-path tests compare. */
export interface WritePathWindow {
  dateFrom: Date;
  dateTo: Date;
}

/**
 * {@link compareDashboards} for each of `windows`, without and with trends: `expected(includeTrends,
 * window)` gives the expected figures of that context. Returns how many figures it checked.
 */
export async function compareDashboardWindows(
  orion: Orion,
  category: string,
  fixture: TenancyFixture,
  model: MembershipModel,
  windows: readonly WritePathWindow[],
  expected: (
    includeTrends: boolean,
    window: WritePathWindow,
  ) => (storeIds: Set<number>, level: 'store' | 'platform', platformId: number) => ComparableMetric[],
): Promise<number> {
  let figures = 0;
  for (const window of windows) {
    for (const includeTrends of [false, true]) {
      const context = { ...window, includeTrends };
      figures += await compareDashboards(orion, category, fixture, model, context, expected(includeTrends, window));
    }
  }
  return figures;
}
