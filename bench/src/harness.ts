/**
 * The measurements of one dataset on one database: the two dashboards through Orion, the same
 * numbers by hand-written SQL and by a JavaScript reduce, each provider alone, start-up,
 * discovery and memory over many calls. It also checks that the three ways give the same numbers.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  createOrion,
  metricsContextSchema,
  openDatabase,
  resolveMetricsContext,
  type MetricsContext,
  type MetricsProviderProtocol,
  type Orion,
} from '@orion/core';
import type { AnyDatabase } from '@orion/contracts';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { benchModules } from './bench-modules.js';
import { differences, numbersOfDashboard, type DashboardNumbers } from './dashboard-numbers.js';
import {
  datasetEnd,
  datasetExists,
  defaultSeed,
  generatorVersion,
  readMarker,
  type BenchDialect,
  type DatasetLocation,
  type DatasetSize,
} from './dataset.js';
import { generateDataset, quietLogger } from './generate.js';
import { handWrittenDashboard, javascriptReduceDashboard, type DashboardScope } from './hand-written-sql.js';
import { seededRandom } from '@orion/testing';
import { percentile } from './random.js';
import { measureDiscovery, measureStartup, type TimingSummary } from './startup.js';

export interface HarnessOptions {
  location: DatasetLocation;
  size: DatasetSize;
  seed?: number;
  /** Timed store-dashboard calls per way (Orion, hand-written, reduce). Default 1,000. */
  calls?: number;
  /** Untimed calls per way first. Default: a tenth of `calls`, at least 20. */
  warmup?: number;
  /** Timed admin-dashboard calls per way. Default: a tenth of `calls`, at least 10. */
  adminCalls?: number;
  /**
   * Timed admin-dashboard calls of the two reference ways (hand-written SQL, JavaScript reduce),
   * which read the platform's raw rows: seconds each at `10m`. Default: `adminCalls`.
   */
  adminReferenceCalls?: number;
  /** Consecutive store-dashboard calls for the memory figure. Default 10,000. */
  memoryCalls?: number;
  /** Store samples whose three answers are compared. Default 20. */
  verifyStores?: number;
  startupRuns?: number;
  discoveryRuns?: number;
  log?: (line: string) => void;
}

export interface LatencySummary {
  calls: number;
  p50: number;
  p99: number;
  mean: number;
}

export interface WaysSummary {
  orion: LatencySummary;
  handWritten: LatencySummary;
  javascriptReduce: LatencySummary;
  /** Orion's p50 ÷ the hand-written p50 (and the same for p99). */
  ratioToHandWritten: { p50: number; p99: number };
  /** Orion's p50 ÷ the reduce's p50. */
  ratioToJavascriptReduce: { p50: number; p99: number };
}

export interface ProviderOverlap {
  calls: number;
  /** The whole store-dashboard call. */
  whole: LatencySummary;
  /** Per call, the slowest provider called alone. */
  slowest: LatencySummary;
  /** Per call, whole ÷ slowest. */
  ratio: { p50: number; p99: number };
  /** Per call, the sum of the providers called alone. */
  sum: LatencySummary;
  /** Per call, the host's own share: the whole call minus the sum of its providers alone (same sample). */
  hostShare: LatencySummary;
  /** Each provider alone. */
  providers: Record<string, LatencySummary>;
  /** How often each provider was the slowest. */
  slowestCounts: Record<string, number>;
}

export interface DialectResult {
  dialect: BenchDialect;
  size: DatasetSize;
  seed: number;
  dataset: { generated: boolean; seconds?: number; counts: Record<string, number> };
  store: WaysSummary & { samples: number; platforms: Record<string, number> };
  admin: WaysSummary & { platformId: number; stores: number; windowOrders: number };
  providers: ProviderOverlap;
  startup: TimingSummary;
  discovery: TimingSummary & { packages: number; modules: string[] };
  memory: {
    calls: number;
    rssBeforeMb: number;
    rssAfterMb: number;
    growthMb: number;
    heapGrowthMb: number;
    gc: boolean;
  };
  equality: {
    storesChecked: number;
    platformsChecked: number;
    mismatches: { scope: string; way: string; keys: string[] }[];
  };
  /** Every store sample's numbers were compared; these are a few, for the reader. */
  exampleStore?: { storeId: number; platformId: number; numbers: DashboardNumbers };
}

/** The dashboard context every figure uses: 30 days before the dataset's end, with trends. */
export const benchContext: MetricsContext = { period: '30d', includeTrends: true, dateTo: datasetEnd };

function latency(times: number[]): LatencySummary {
  return {
    calls: times.length,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((sum, time) => sum + time, 0) / Math.max(1, times.length),
  };
}

async function timeEach<T>(items: readonly T[], call: (item: T) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await call(item);
    times.push(performance.now() - started);
  }
  return times;
}

function gcFunction(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** Reuses the dataset when its marker matches `size` and `seed`; generates it otherwise. */
export async function ensureDataset(
  location: DatasetLocation,
  size: DatasetSize,
  seed: number,
  log: (line: string) => void,
): Promise<{ generated: boolean; seconds?: number }> {
  if (await datasetExists(location)) {
    const database = openDatabase(location.url, process.cwd(), quietLogger);
    const marker = await readMarker(database.db);
    await database.close();
    if (marker && marker.size === size && marker.seed === seed && marker.generatorVersion === generatorVersion) {
      log(`[bench ${size} ${location.dialect}] reusing ${location.name}`);
      return { generated: false };
    }
  }
  const result = await generateDataset({ location, size, seed, log });
  return { generated: true, seconds: result.seconds };
}

async function tableCounts(db: Kysely<AnyDatabase>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    'stores',
    'store_platforms',
    'orders',
    'order_items',
    'products',
    'inventory_items',
    'marketplace_import_jobs',
    'marketplace_products',
    'users',
    'store_users',
    'store_domains',
  ]) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Runs every measurement of `options.size` on one database. */
export async function runHarness(options: HarnessOptions): Promise<DialectResult> {
  const { location, size } = options;
  const dialect = location.dialect;
  const seed = options.seed ?? defaultSeed;
  const calls = options.calls ?? 1_000;
  const warmup = options.warmup ?? Math.max(20, Math.round(calls / 10));
  const adminCalls = options.adminCalls ?? Math.max(10, Math.round(calls / 10));
  const adminReferenceCalls = options.adminReferenceCalls ?? adminCalls;
  const memoryCalls = options.memoryCalls ?? 10_000;
  const verifyStores = options.verifyStores ?? 20;
  const log = options.log ?? ((line: string) => console.log(line));
  const tag = `[bench ${size} ${dialect}]`;

  const dataset = await ensureDataset(location, size, seed, log);
  const orion: Orion = await createOrion({ modules: benchModules, database: location.url, logger: quietLogger });
  try {
    const db = orion.db;
    const counts = await tableCounts(db);
    const window = resolveMetricsContext(metricsContextSchema.parse(benchContext));
    const stats = orion.statsAggregator;

    // Samples: active memberships drawn with the seed, so every platform appears in proportion.
    const memberships = await db
      .selectFrom('store_platforms')
      .select(['store_id', 'platform_id'])
      .where('is_active', '=', true)
      .orderBy('store_id')
      .orderBy('platform_id')
      .execute();
    const random = seededRandom(seed + 100);
    const samples = Array.from({ length: calls }, () => {
      const row = memberships[random.int(0, memberships.length - 1)]!;
      return { storeId: Number(row.store_id), platformId: Number(row.platform_id) };
    });
    const warmSamples = Array.from({ length: warmup }, () => {
      const row = memberships[random.int(0, memberships.length - 1)]!;
      return { storeId: Number(row.store_id), platformId: Number(row.platform_id) };
    });
    const platformCounts = new Map<number, number>();
    for (const row of memberships)
      platformCounts.set(Number(row.platform_id), (platformCounts.get(Number(row.platform_id)) ?? 0) + 1);
    const largest = [...platformCounts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
    const samplePlatforms: Record<string, number> = {};
    for (const sample of samples) samplePlatforms[sample.platformId] = (samplePlatforms[sample.platformId] ?? 0) + 1;

    const storeScope = (sample: { storeId: number; platformId: number }): DashboardScope => ({
      kind: 'store',
      ...sample,
    });
    const orionStore = (sample: { storeId: number; platformId: number }) =>
      stats.getStoreDashboardStats({ ...sample, context: benchContext });
    const handStore = (sample: { storeId: number; platformId: number }) =>
      handWrittenDashboard(db, dialect, storeScope(sample), window);
    const reduceStore = (sample: { storeId: number; platformId: number }) =>
      javascriptReduceDashboard(db, dialect, storeScope(sample), window);
    const platformScope: DashboardScope = { kind: 'platform', platformId: largest[0] };
    const orionAdmin = () => stats.getAdminDashboardStats({ platformId: largest[0], context: benchContext });
    const handAdmin = () => handWrittenDashboard(db, dialect, platformScope, window);
    const reduceAdmin = () => javascriptReduceDashboard(db, dialect, platformScope, window);

    // The same numbers, three ways: a few stores and every platform.
    const mismatches: DialectResult['equality']['mismatches'] = [];
    const compare = (
      scope: string,
      orionNumbers: DashboardNumbers,
      hand: DashboardNumbers,
      reduce: DashboardNumbers,
    ) => {
      const toHand = differences(orionNumbers, hand);
      if (toHand.length > 0) mismatches.push({ scope, way: 'hand-written SQL', keys: toHand });
      const toReduce = differences(orionNumbers, reduce);
      if (toReduce.length > 0) mismatches.push({ scope, way: 'JavaScript reduce', keys: toReduce });
    };
    const checked = samples.slice(0, verifyStores);
    let exampleStore: DialectResult['exampleStore'];
    for (const sample of checked) {
      const numbers = numbersOfDashboard(await orionStore(sample));
      exampleStore ??= { ...sample, numbers };
      compare(
        `store ${sample.storeId} in platform ${sample.platformId}`,
        numbers,
        await handStore(sample),
        await reduceStore(sample),
      );
    }
    const platformIds = [...platformCounts.keys()].sort((a, b) => a - b);
    for (const platformId of platformIds) {
      const scope: DashboardScope = { kind: 'platform', platformId };
      compare(
        `platform ${platformId}`,
        numbersOfDashboard(await stats.getAdminDashboardStats({ platformId, context: benchContext })),
        await handWrittenDashboard(db, dialect, scope, window),
        await javascriptReduceDashboard(db, dialect, scope, window),
      );
    }
    if (mismatches.length > 0) log(`${tag} MISMATCH: ${JSON.stringify(mismatches)}`);

    log(`${tag} store dashboards: ${warmup} warm-up and ${calls} timed calls per way`);
    const ways = async (
      items: readonly { storeId: number; platformId: number }[],
      warm: readonly { storeId: number; platformId: number }[],
      orionCall: (item: { storeId: number; platformId: number }) => Promise<unknown>,
      handCall: (item: { storeId: number; platformId: number }) => Promise<unknown>,
      reduceCall: (item: { storeId: number; platformId: number }) => Promise<unknown>,
      referenceItems: readonly { storeId: number; platformId: number }[] = items,
    ): Promise<WaysSummary> => {
      await timeEach(warm, orionCall);
      const orionTimes = latency(await timeEach(items, orionCall));
      const referenceWarm = warm.slice(0, Math.max(1, Math.min(warm.length, referenceItems.length)));
      await timeEach(referenceWarm, handCall);
      const handTimes = latency(await timeEach(referenceItems, handCall));
      await timeEach(referenceWarm, reduceCall);
      const reduceTimes = latency(await timeEach(referenceItems, reduceCall));
      return {
        orion: orionTimes,
        handWritten: handTimes,
        javascriptReduce: reduceTimes,
        ratioToHandWritten: { p50: orionTimes.p50 / handTimes.p50, p99: orionTimes.p99 / handTimes.p99 },
        ratioToJavascriptReduce: { p50: orionTimes.p50 / reduceTimes.p50, p99: orionTimes.p99 / reduceTimes.p99 },
      };
    };
    const store = await ways(samples, warmSamples, orionStore, handStore, reduceStore);

    log(
      `${tag} admin dashboard of platform ${largest[0]} (${largest[1]} stores): ${adminCalls} timed calls (${adminReferenceCalls} for hand-written SQL and the reduce)`,
    );
    const adminItems = Array.from({ length: adminCalls }, () => ({ storeId: 0, platformId: largest[0] }));
    const adminWarm = adminItems.slice(0, Math.max(3, Math.round(adminCalls / 10)));
    const admin = await ways(
      adminItems,
      adminWarm,
      orionAdmin,
      handAdmin,
      reduceAdmin,
      adminItems.slice(0, adminReferenceCalls),
    );
    const windowOrders = await db
      .selectFrom('orders')
      .where('store_id', 'in', (eb: ExpressionBuilder<AnyDatabase, 'orders'>) =>
        eb
          .selectFrom('store_platforms')
          .select('store_id')
          .where('platform_id', '=', largest[0])
          .where('is_active', '=', true),
      )
      .where('created_at', '>=', window.previousFrom.toISOString())
      .where('created_at', '<', window.dateTo.toISOString())
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();

    // Each provider alone, against the whole call, on the same samples.
    log(`${tag} providers alone vs the whole call`);
    const providers: { code: string; provider: MetricsProviderProtocol }[] = [];
    for (const module of orion.registry.all()) {
      if (module.definition.metricsProvider && module.tier !== 'internal') {
        providers.push({ code: module.code, provider: await module.definition.metricsProvider() });
      }
    }
    const overlapSamples = samples.slice(0, Math.min(samples.length, 500));
    const whole: number[] = [];
    const slowest: number[] = [];
    const ratios: number[] = [];
    const sums: number[] = [];
    const shares: number[] = [];
    const alone: Record<string, number[]> = Object.fromEntries(providers.map(({ code }) => [code, []]));
    const slowestCounts: Record<string, number> = {};
    for (const sample of [...warmSamples.slice(0, 20), ...overlapSamples]) {
      const timed = overlapSamples.includes(sample);
      let started = performance.now();
      await orionStore(sample);
      const wholeTime = performance.now() - started;
      let max = 0;
      let maxCode = '';
      let sum = 0;
      for (const { code, provider } of providers) {
        started = performance.now();
        await provider.getStoreMetrics(db, sample.storeId, window);
        const time = performance.now() - started;
        sum += time;
        if (timed) alone[code]!.push(time);
        if (time > max) [max, maxCode] = [time, code];
      }
      if (!timed) continue;
      whole.push(wholeTime);
      slowest.push(max);
      ratios.push(wholeTime / max);
      sums.push(sum);
      shares.push(wholeTime - sum);
      slowestCounts[maxCode] = (slowestCounts[maxCode] ?? 0) + 1;
    }
    const providerOverlap: ProviderOverlap = {
      calls: whole.length,
      whole: latency(whole),
      slowest: latency(slowest),
      ratio: { p50: percentile(ratios, 50), p99: percentile(ratios, 99) },
      sum: latency(sums),
      hostShare: latency(shares),
      providers: Object.fromEntries(Object.entries(alone).map(([code, times]) => [code, latency(times)])),
      slowestCounts,
    };

    // Resident memory over many consecutive calls.
    log(`${tag} memory: ${memoryCalls} consecutive store dashboards`);
    const gc = gcFunction();
    const collect = () => {
      gc?.();
      gc?.();
    };
    // Settle first: a short run of the same calls, then collect the earlier phases' garbage.
    for (let i = 0; i < Math.min(500, memoryCalls); i++) await orionStore(samples[i % samples.length]!);
    collect();
    const before = process.memoryUsage();
    for (let i = 0; i < memoryCalls; i++) await orionStore(samples[i % samples.length]!);
    collect();
    const after = process.memoryUsage();
    const mb = (bytes: number) => bytes / 1_048_576;

    log(`${tag} start-up and discovery`);
    const startup = await measureStartup(location.url, options.startupRuns ?? 20);
    const discovery = await measureDiscovery(options.discoveryRuns ?? 30);

    return {
      dialect,
      size,
      seed,
      dataset: { ...dataset, counts },
      store: { ...store, samples: samples.length, platforms: samplePlatforms },
      admin: { ...admin, platformId: largest[0], stores: largest[1], windowOrders: Number(windowOrders.n) },
      providers: providerOverlap,
      startup,
      discovery,
      memory: {
        calls: memoryCalls,
        rssBeforeMb: mb(before.rss),
        rssAfterMb: mb(after.rss),
        growthMb: mb(after.rss - before.rss),
        heapGrowthMb: mb(after.heapUsed - before.heapUsed),
        gc: gc !== undefined,
      },
      equality: { storesChecked: checked.length, platformsChecked: platformIds.length, mismatches },
      ...(exampleStore ? { exampleStore } : {}),
    };
  } finally {
    await orion.close();
  }
}
