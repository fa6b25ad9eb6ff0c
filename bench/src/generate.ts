/**
 * The deterministic data generator: `tsx src/generate.ts --size 1m [--db sqlite|postgres|both] [--seed N]`.
 *
 * It starts the host once on an empty database (which runs every module's migration), then writes
 * the rows straight through Kysely, in multi-row inserts batched inside transactions, with
 * explicit ids, and ends with `analyze` and the marker row that lets the harness reuse the data.
 */
import { pathToFileURL } from 'node:url';
import { createOrion, type Logger } from '@orion/core';
import { ordersModule } from '@orion/orders';
import { customersModule } from '@orion/customers';
import type { AnyDatabase } from '@orion/contracts';
import { sql, type Kysely } from 'kysely';
import { benchModules } from './bench-modules.js';
import {
  datasetDays,
  datasetEnd,
  datasetLocation,
  datasetShapes,
  datasetSizes,
  defaultSeed,
  generatorVersion,
  resetDataset,
  writeMarker,
  type BenchDialect,
  type DatasetLocation,
  type DatasetShape,
  type DatasetSize,
} from './dataset.js';
import { seededRandom } from '@orion/testing';
import { ZipfSampler, distribute } from './random.js';

const dayMs = 86_400_000;
export const currencies = ['EUR', 'USD', 'GBP'] as const;
export const locations = ['main', 'north', 'south'] as const;
const liveStatuses = ['pending', 'paid', 'shipped', 'delivered'] as const;

/** A logger for hosts the benchmark starts: warnings and errors only, to stderr. */
export const quietLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

export interface GenerateOptions {
  location: DatasetLocation;
  size: DatasetSize;
  seed?: number;
  /** Progress lines; default `console.log`. */
  log?: (line: string) => void;
}

/** Row counts actually written. */
export type GenerateResult = DatasetShape & {
  order_items: number;
  store_platforms: number;
  customers: number;
  customer_order_activity: number;
  cms_pages: number;
  cms_media_files: number;
  cms_themes: number;
  seconds: number;
};

/** The slugs of a platform's own pages and of a store's pages (a store takes the first zero to five). */
const platformPageSlugs = ['home', 'about', 'terms', 'privacy', 'help', 'news'] as const;
const storePageSlugs = ['about', 'contact', 'faq', 'shipping', 'returns'] as const;
const themeCodes = ['default', 'minimal', 'bold'] as const;

/** Rows written per multi-row insert: within SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
function batchRows(columns: number): number {
  return Math.min(2_000, Math.floor(30_000 / columns));
}

/** Rows per transaction. */
const rowsPerTransaction = 50_000;

/**
 * Collects rows of one table and writes them in multi-row inserts, several per transaction.
 * `add` returns a promise only when a transaction was written, so the caller can `await` cheaply.
 */
class TableWriter {
  readonly #db: Kysely<AnyDatabase>;
  readonly #table: string;
  readonly #pending: Record<string, unknown>[] = [];
  readonly #perInsert: number;
  readonly #progress: (written: number) => void;
  written = 0;

  constructor(db: Kysely<AnyDatabase>, table: string, columns: number, progress: (written: number) => void = () => {}) {
    this.#db = db;
    this.#table = table;
    this.#perInsert = batchRows(columns);
    this.#progress = progress;
  }

  add(row: Record<string, unknown>): Promise<void> | undefined {
    this.#pending.push(row);
    return this.#pending.length >= rowsPerTransaction ? this.flush() : undefined;
  }

  /** Rows this table's rows refer to: that writer is flushed first, so no foreign key points ahead. */
  refersTo: TableWriter | undefined;

  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    await this.refersTo?.flush();
    const rows = this.#pending.splice(0, this.#pending.length);
    await this.#db.transaction().execute(async (trx) => {
      for (let start = 0; start < rows.length; start += this.#perInsert) {
        await trx
          .insertInto(this.#table)
          .values(rows.slice(start, start + this.#perInsert))
          .execute();
      }
    });
    this.written += rows.length;
    this.#progress(this.written);
  }
}

/**
 * Generates the dataset `size` into `location`, replacing whatever was there.
 *
 * The same seed writes the same rows: every random choice comes from one seeded {@link Random}
 * per table, in a fixed order.
 */
export async function generateDataset(options: GenerateOptions): Promise<GenerateResult> {
  const { location, size } = options;
  const seed = options.seed ?? defaultSeed;
  const log = options.log ?? ((line: string) => console.log(line));
  const shape = datasetShapes[size];
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  log(`[generate ${size} ${location.dialect}] ${location.name}: creating the schema`);
  await resetDataset(location);
  const orion = await createOrion({
    modules: benchModules,
    database: location.url,
    logger: quietLogger,
    migrate: true,
  });
  const db = orion.db;
  try {
    if (location.dialect === 'sqlite') {
      // A bulk load: nothing to lose if the machine stops (the marker is written last).
      await sql`pragma synchronous = off`.execute(db);
      await sql`pragma cache_size = -1000000`.execute(db);
      await sql`pragma temp_store = memory`.execute(db);
    }
    const writer = (table: string, columns: number) => {
      let next = 0;
      const step =
        table === 'orders' || table === 'order_items'
          ? Math.max(100_000, Math.round(shape.orders / 10))
          : Number.POSITIVE_INFINITY;
      return new TableWriter(db, table, columns, (written) => {
        if (written >= next) {
          log(`[generate ${size} ${location.dialect}] ${table}: ${written.toLocaleString('en')} rows (${elapsed()})`);
          next = written + step;
        }
      });
    };
    const end = datasetEnd.getTime();
    const start = end - datasetDays * dayMs;
    const iso = (ms: number) => new Date(Math.floor(ms)).toISOString();

    // Tenancy: platforms, merchants, stores, memberships, users, teams, domains.
    const tenancy = seededRandom(seed);
    const platforms = writer('platforms', 5);
    for (let p = 1; p <= shape.platforms; p++) {
      await platforms.add({
        id: p,
        code: `platform-${p}`,
        name: `Platform ${p}`,
        is_active: true,
        created_at: iso(start - 400 * dayMs),
      });
    }
    await platforms.flush();

    const merchants = writer('merchants', 3);
    for (let m = 1; m <= shape.merchants; m++) {
      await merchants.add({ id: m, name: `Merchant ${m}`, created_at: iso(start - tenancy.int(30, 700) * dayMs) });
    }
    await merchants.flush();

    const platformWeights = Array.from({ length: shape.platforms }, (_, i) => [0.55, 0.3, 0.15][i] ?? 0.1);
    const platformIds = Array.from({ length: shape.platforms }, (_, i) => i + 1);
    const stores = writer('stores', 7);
    const memberships = writer('store_platforms', 5);
    // At 10m there are more memberships than one transaction's rows before the stores are all written.
    memberships.refersTo = stores;
    const storeCurrency: string[] = [];
    let membershipId = 0;
    for (let s = 1; s <= shape.stores; s++) {
      const currency = tenancy.weighted(currencies, [0.6, 0.25, 0.15]);
      storeCurrency[s] = currency;
      const createdAt = start - tenancy.int(0, 700) * dayMs;
      await stores.add({
        id: s,
        merchant_id: ((s - 1) % shape.merchants) + 1,
        code: `store-${s}`,
        name: `Store ${s}`,
        is_active: !tenancy.chance(0.05),
        default_currency: currency,
        created_at: iso(createdAt),
      });
      const primary = tenancy.weighted(platformIds, platformWeights);
      const joined = [primary];
      if (shape.platforms > 1 && tenancy.chance(1 / 3)) {
        const others = platformIds.filter((p) => p !== primary);
        joined.push(others[tenancy.int(0, others.length - 1)]!);
      }
      for (const platformId of joined) {
        await memberships.add({
          id: ++membershipId,
          store_id: s,
          platform_id: platformId,
          is_active: !tenancy.chance(0.05),
          created_at: iso(createdAt),
        });
      }
    }
    await stores.flush();
    await memberships.flush();

    // One permutation of the stores ranks them for every skewed law: a store big in orders is big in products too.
    const storeOrder = tenancy.shuffle(Array.from({ length: shape.stores }, (_, i) => i));
    const storeId = (index: number) => index + 1;

    const users = writer('users', 5);
    const team = writer('store_users', 6);
    const teamSampler = new ZipfSampler(storeOrder, 0.6);
    const teamPairs = new Set<string>();
    const roles = ['owner', 'admin', 'staff', 'staff'];
    let storeUserId = 0;
    for (let u = 1; u <= shape.users; u++) {
      await users.add({
        id: u,
        email: `user${u}@example.com`,
        name: `User ${u}`,
        is_active: !tenancy.chance(0.03),
        created_at: iso(start - tenancy.int(0, 700) * dayMs),
      });
    }
    await users.flush();
    for (let k = 0; k < shape.storeUsers; k++) {
      // Every store gets one member first, the rest follow the law; (store, user) stays unique.
      const user = (k % shape.users) + 1;
      let store = k < shape.stores ? storeId(k) : storeId(teamSampler.sample(tenancy));
      while (teamPairs.has(`${store}:${user}`)) store = storeId(tenancy.int(0, shape.stores - 1));
      teamPairs.add(`${store}:${user}`);
      await team.add({
        id: ++storeUserId,
        store_id: store,
        user_id: user,
        role: roles[tenancy.int(0, roles.length - 1)]!,
        is_active: !tenancy.chance(0.1),
        created_at: iso(start - tenancy.int(0, 365) * dayMs),
      });
    }
    await team.flush();

    const domains = writer('store_domains', 5);
    for (let d = 1; d <= shape.domains; d++) {
      const store = d <= shape.stores ? d : storeId(tenancy.int(0, shape.stores - 1));
      await domains.add({
        id: d,
        store_id: store,
        domain: d <= shape.stores ? `store-${store}.example.com` : `shop-${d}.example.net`,
        is_verified: tenancy.chance(0.7),
        created_at: iso(start - tenancy.int(0, 365) * dayMs),
      });
    }
    await domains.flush();
    log(
      `[generate ${size} ${location.dialect}] tenancy done: ${shape.stores} stores, ${membershipId} memberships (${elapsed()})`,
    );

    // Orders in time order (as a live shop writes them), each to a store drawn by the Zipf law.
    // Each order's customer is the store's: a new one about one time in three (always for a store's
    // first order), else one of the store's earlier customers. The customers' rows and one activity
    // row per order are written as the customers module's recordOrder would have left them.
    const ordersRandom = seededRandom(seed + 1);
    const customersRandom = seededRandom(seed + 5);
    const storeCustomers: number[][] = [];
    const customerStore: number[] = [];
    const customerFirst: string[] = [];
    const customerLast: string[] = [];
    const customerOrders: number[] = [];
    const orderCustomer = new Int32Array(shape.orders);
    const orderStore = new Int32Array(shape.orders);
    const orderPlaced: string[] = [];
    const orderSampler = new ZipfSampler(storeOrder, 1.0);
    // The orders' summaries are kept by the database's triggers as the rows go in (issue 12).
    // ORION_BENCH_ORDERS_SUMMARIES=rebuild measures the alternative: the summaries and their
    // triggers dropped during the load, then rebuilt once (orders_003 down, then up, which refills).
    const summariesByRebuild = process.env.ORION_BENCH_ORDERS_SUMMARIES === 'rebuild';
    const summaryMigration = ordersModule.migrations.orders_003_summary_triggers!;
    if (summariesByRebuild) await summaryMigration.down!(db);
    const ordersStarted = performance.now();
    const orders = writer('orders', 8);
    const items = writer('order_items', 5);
    const span = end - start;
    for (let i = 0; i < shape.orders; i++) {
      const store = storeId(orderSampler.sample(ordersRandom));
      const createdAt = start + ((i + ordersRandom.next()) * span) / shape.orders;
      const home = storeCurrency[store]!;
      const currency = ordersRandom.chance(0.9) ? home : currencies[ordersRandom.int(0, currencies.length - 1)]!;
      const roll = ordersRandom.next();
      const status =
        roll < 0.05
          ? 'cancelled'
          : roll < 0.08
            ? 'refunded'
            : liveStatuses[ordersRandom.int(0, liveStatuses.length - 1)]!;
      const quantity = ordersRandom.int(1, 3);
      const unitPrice = ordersRandom.int(199, 25_000);
      const id = i + 1;
      ordersRandom.int(1, 200_000); // the former random e-mail: drawn still, so the orders stay those of generator 5
      const placedAt = iso(createdAt);
      const known = (storeCustomers[store] ??= []);
      let customer: number;
      if (known.length === 0 || customersRandom.chance(1 / 3)) {
        customer = customerStore.length + 1;
        customerStore.push(store);
        customerFirst.push(placedAt);
        customerOrders.push(0);
        customerLast.push(placedAt);
        known.push(customer);
      } else {
        customer = known[customersRandom.int(0, known.length - 1)]!;
      }
      customerLast[customer - 1] = placedAt;
      customerOrders[customer - 1] = customerOrders[customer - 1]! + 1;
      orderCustomer[i] = customer;
      orderStore[i] = store;
      orderPlaced.push(placedAt);
      const pendingOrders = orders.add({
        id,
        store_id: store,
        order_number: `ORD-${id}`,
        customer_email: `customer${customer}@example.com`,
        status,
        currency,
        total_amount: quantity * unitPrice,
        created_at: placedAt,
      });
      if (pendingOrders) await pendingOrders;
      const pendingItems = items.add({
        id,
        order_id: id,
        sku: `SKU-${store}-${ordersRandom.int(1, 50)}`,
        quantity,
        unit_price: unitPrice,
      });
      if (pendingItems) await pendingItems;
    }
    await orders.flush();
    await items.flush();
    const ordersSeconds = (performance.now() - ordersStarted) / 1000;
    if (summariesByRebuild) await summaryMigration.up(db);
    log(
      `[generate ${size} ${location.dialect}] orders and items written in ${ordersSeconds.toFixed(1)} s, ${
        summariesByRebuild
          ? `summaries rebuilt afterwards in ${((performance.now() - ordersStarted) / 1000 - ordersSeconds).toFixed(1)} s (no triggers during the load)`
          : 'summaries kept by the triggers as they went in'
      } (${elapsed()})`,
    );
    // The customers go in before their activity rows (which reference them).
    const customers = writer('customers', 15);
    for (let c = 1; c <= customerStore.length; c++) {
      const pending = customers.add({
        id: c,
        store_id: customerStore[c - 1],
        email: `customer${c}@example.com`,
        first_name: null,
        last_name: null,
        name_key: '',
        phone: null,
        locale: null,
        is_active: true,
        first_order_at: customerFirst[c - 1],
        last_order_at: customerLast[c - 1],
        orders_count: customerOrders[c - 1],
        created_at: customerFirst[c - 1],
        updated_at: customerLast[c - 1],
      });
      if (pending) await pending;
    }
    await customers.flush();
    // ORION_BENCH_CUSTOMERS_ACTIVITY=rebuild: the activity's derived column and rollups (customers_004
    // onwards) and their triggers dropped during the load, then made again once, which refills them.
    const activityByRebuild = process.env.ORION_BENCH_CUSTOMERS_ACTIVITY === 'rebuild';
    const activityMigrations = Object.keys(customersModule.migrations)
      .filter((name) => name >= 'customers_004')
      .sort();
    if (activityByRebuild)
      for (const name of [...activityMigrations].reverse()) await customersModule.migrations[name]!.down!(db);
    const activityStarted = performance.now();
    const activity = writer('customer_order_activity', 4);
    for (let i = 0; i < shape.orders; i++) {
      const pending = activity.add({
        id: i + 1,
        store_id: orderStore[i],
        customer_id: orderCustomer[i],
        placed_at: orderPlaced[i],
      });
      if (pending) await pending;
    }
    await activity.flush();
    const activitySeconds = (performance.now() - activityStarted) / 1000;
    if (activityByRebuild) for (const name of activityMigrations) await customersModule.migrations[name]!.up(db);
    log(
      `[generate ${size} ${location.dialect}] customer activity written in ${activitySeconds.toFixed(1)} s, ${
        activityByRebuild
          ? `${activityMigrations.join(', ')} made again afterwards in ${((performance.now() - activityStarted) / 1000 - activitySeconds).toFixed(1)} s (no triggers during the load)`
          : 'kept by the triggers as it went in'
      } (${elapsed()})`,
    );
    orderPlaced.length = 0;
    log(
      `[generate ${size} ${location.dialect}] customers: ${customers.written.toLocaleString('en')}, ${activity.written.toLocaleString('en')} activity rows (${elapsed()})`,
    );

    // Catalog: products per store by a milder law.
    const catalogRandom = seededRandom(seed + 2);
    const productCounts = distribute(shape.products, new ZipfSampler(storeOrder, 0.7).shares());
    const products = writer('products', 10);
    let productId = 0;
    for (let index = 0; index < shape.stores; index++) {
      const store = storeId(index);
      for (let k = 1; k <= productCounts[index]!; k++) {
        const createdAt = end - catalogRandom.next() * 2 * datasetDays * dayMs;
        const pending = products.add({
          id: ++productId,
          store_id: store,
          sku: `P-${store}-${k}`,
          title: `Product ${k} of store ${store}`,
          price: catalogRandom.int(99, 99_999),
          currency: storeCurrency[store],
          is_active: catalogRandom.chance(0.9),
          is_featured: catalogRandom.chance(0.1),
          created_at: iso(createdAt),
          updated_at: iso(createdAt),
        });
        if (pending) await pending;
      }
    }
    await products.flush();
    // Written in SQL, past the catalog's services: the catalog's triggers kept the per-store totals.

    // Inventory: SKUs in up to three locations per store.
    const inventoryRandom = seededRandom(seed + 3);
    const inventoryCounts = distribute(shape.inventoryRows, new ZipfSampler(storeOrder, 0.7).shares());
    const inventory = writer('inventory_items', 8);
    let inventoryId = 0;
    for (let index = 0; index < shape.stores; index++) {
      const store = storeId(index);
      for (let j = 0; j < inventoryCounts[index]!; j++) {
        const roll = inventoryRandom.next();
        const threshold = inventoryRandom.chance(0.8) ? 5 : 0;
        const quantity =
          roll < 0.08
            ? inventoryRandom.int(-2, 0)
            : roll < 0.2
              ? inventoryRandom.int(1, 5)
              : inventoryRandom.int(6, 500);
        const pending = inventory.add({
          id: ++inventoryId,
          store_id: store,
          sku: `SKU-${store}-${Math.floor(j / locations.length) + 1}`,
          location: locations[j % locations.length],
          quantity,
          reserved_quantity: quantity > 0 ? inventoryRandom.int(0, Math.min(quantity, 3)) : 0,
          low_stock_threshold: threshold,
          updated_at: iso(end - inventoryRandom.next() * 90 * dayMs),
        });
        if (pending) await pending;
      }
    }
    await inventory.flush();
    // Written in SQL, past the inventory's services: the inventory's triggers kept the per-store totals.

    // Marketplace: import jobs per store by the law, staged products spread over the jobs.
    const marketRandom = seededRandom(seed + 4);
    const jobCounts = distribute(shape.importJobs, new ZipfSampler(storeOrder, 0.8).shares());
    const stagedCounts = distribute(
      shape.stagedProducts,
      new Float64Array(shape.importJobs).fill(1 / Math.max(1, shape.importJobs)),
    );
    const jobs = writer('marketplace_import_jobs', 11);
    const staged = writer('marketplace_products', 11);
    let jobId = 0;
    let stagedId = 0;
    const jobStores: number[] = [];
    const jobCreated: number[] = [];
    for (let index = 0; index < shape.stores; index++) {
      const store = storeId(index);
      for (let k = 0; k < jobCounts[index]!; k++) {
        const id = ++jobId;
        const createdAt = start + marketRandom.next() * datasetDays * dayMs;
        const roll = marketRandom.next();
        // No 'processing' jobs: the marketplace start-up hook fails those as interrupted, which would change the data.
        const status = roll < 0.8 ? 'completed' : roll < 0.92 ? 'failed' : 'pending';
        const rows = stagedCounts[id - 1] ?? 0;
        const pendingJob = jobs.add({
          id,
          store_id: store,
          source: `https://feeds.example.com/${store}/${id}.csv`,
          status,
          total_rows: rows,
          imported_rows: status === 'completed' ? rows : 0,
          error_rows: status === 'failed' ? rows : 0,
          error_message: status === 'failed' ? 'The feed could not be read' : null,
          created_at: iso(createdAt),
          started_at: status === 'pending' ? null : iso(createdAt + 1_000),
          completed_at: status === 'completed' || status === 'failed' ? iso(createdAt + 60_000) : null,
        });
        if (pendingJob) await pendingJob;
        jobStores.push(store);
        jobCreated.push(createdAt);
      }
    }
    await jobs.flush();
    for (let id = 1; id <= jobId; id++) {
      const store = jobStores[id - 1]!;
      const createdAt = jobCreated[id - 1]!;
      const rows = stagedCounts[id - 1] ?? 0;
      for (let r = 1; r <= rows; r++) {
        const stagedRoll = marketRandom.next();
        const pending = staged.add({
          id: ++stagedId,
          store_id: store,
          import_job_id: id,
          external_id: `ext-${r}`,
          sku: `F-${store}-${id}-${r}`,
          title: `Feed product ${r}`,
          price: marketRandom.int(99, 99_999),
          currency: storeCurrency[store],
          quantity: marketRandom.int(0, 100),
          status: stagedRoll < 0.6 ? 'staged' : stagedRoll < 0.9 ? 'published' : 'rejected',
          created_at: iso(createdAt + 30_000),
        });
        if (pending) await pending;
      }
    }
    await staged.flush();
    log(
      `[generate ${size} ${location.dialect}] marketplace: ${jobId.toLocaleString('en')} jobs, ${stagedId.toLocaleString('en')} staged products (${elapsed()})`,
    );

    // Cms: a few pages per platform and per store (some published), media files in half of the
    // stores, a theme row in about a third.
    const cmsRandom = seededRandom(seed + 6);
    const pages = writer('cms_pages', 12);
    const media = writer('cms_media_files', 8);
    const themes = writer('cms_themes', 4);
    let pageId = 0;
    let mediaId = 0;
    const page = (scope: { store_id: number } | { platform_id: number }, slug: string) => {
      const createdAt = end - cmsRandom.next() * 2 * datasetDays * dayMs;
      const published = cmsRandom.chance(0.6);
      const title = slug[0]!.toUpperCase() + slug.slice(1);
      return pages.add({
        id: ++pageId,
        store_id: null,
        platform_id: null,
        ...scope,
        slug,
        title,
        body: `# ${title}\n\nGenerated page.`,
        body_html: `<h1>${title}</h1>\n<p>Generated page.</p>`,
        status: published ? 'published' : 'draft',
        published_at: published ? iso(createdAt + 3_600_000) : null,
        locale: 'en',
        created_at: iso(createdAt),
        updated_at: iso(createdAt),
      });
    };
    for (let p = 1; p <= shape.platforms; p++) {
      for (const slug of platformPageSlugs) await page({ platform_id: p }, slug);
    }
    for (let s = 1; s <= shape.stores; s++) {
      const count = cmsRandom.int(0, storePageSlugs.length);
      for (let k = 0; k < count; k++) await page({ store_id: s }, storePageSlugs[k]!);
      if (cmsRandom.chance(0.5)) {
        const files = cmsRandom.int(1, 4);
        for (let k = 1; k <= files; k++) {
          const id = ++mediaId;
          const pending = media.add({
            id,
            store_id: s,
            file_name: `image-${k}.png`,
            storage_name: `bench-${id}.png`,
            content_type: 'image/png',
            bytes: cmsRandom.int(1_000, 2_000_000),
            sha256: id.toString(16).padStart(64, '0'),
            created_at: iso(end - cmsRandom.next() * datasetDays * dayMs),
          });
          if (pending) await pending;
        }
      }
      if (cmsRandom.chance(0.3)) {
        const pending = themes.add({
          store_id: s,
          theme_code: themeCodes[cmsRandom.int(0, themeCodes.length - 1)],
          settings: '{}',
          updated_at: iso(end - cmsRandom.next() * datasetDays * dayMs),
        });
        if (pending) await pending;
      }
    }
    await pages.flush();
    await media.flush();
    await themes.flush();
    log(
      `[generate ${size} ${location.dialect}] cms: ${pages.written.toLocaleString('en')} pages, ${media.written.toLocaleString('en')} media files, ${themes.written.toLocaleString('en')} themes (${elapsed()})`,
    );

    if (location.dialect === 'postgres') {
      // Explicit ids leave the identity sequences behind; move them past the data.
      for (const table of [
        'platforms',
        'merchants',
        'stores',
        'store_platforms',
        'users',
        'store_users',
        'store_domains',
        'orders',
        'order_items',
        'products',
        'inventory_items',
        'marketplace_import_jobs',
        'marketplace_products',
        'customers',
        'customer_order_activity',
        'cms_pages',
        'cms_media_files',
      ]) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
          db,
        );
      }
      await sql`vacuum analyze`.execute(db);
    } else {
      await sql`analyze`.execute(db);
      await sql`pragma wal_checkpoint(truncate)`.execute(db);
    }
    await writeMarker(db, { size, seed, generatorVersion }, shape);
    const seconds = (performance.now() - started) / 1000;
    log(`[generate ${size} ${location.dialect}] done in ${seconds.toFixed(1)} s`);
    return {
      ...shape,
      order_items: items.written,
      store_platforms: membershipId,
      customers: customers.written,
      customer_order_activity: activity.written,
      cms_pages: pages.written,
      cms_media_files: media.written,
      cms_themes: themes.written,
      seconds,
    };
  } finally {
    await orion.close();
  }
}

/** `--name value` from argv. */
export function argument(name: string, fallback?: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = process.argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

export function parseSize(value: string | undefined): DatasetSize {
  const size = (value ?? '1m') as DatasetSize;
  if (!datasetSizes.includes(size)) throw new Error(`--size must be one of ${datasetSizes.join(', ')}`);
  return size;
}

export function parseDialects(value: string | undefined): BenchDialect[] {
  if (value === undefined || value === 'both') return ['sqlite', 'postgres'];
  if (value === 'sqlite' || value === 'postgres') return [value];
  throw new Error('--db must be sqlite, postgres or both');
}

async function main(): Promise<void> {
  const size = parseSize(argument('size'));
  const seed = Number(argument('seed', String(defaultSeed)));
  for (const dialect of parseDialects(argument('db'))) {
    await generateDataset({ location: datasetLocation(dialect, size), size, seed });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
