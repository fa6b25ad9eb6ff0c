/**
 * `tsx src/explain.ts --size 1m [--db sqlite|postgres|both]`: the statements one store dashboard
 * and one admin dashboard run, captured from Kysely's log, with the database's plan for each
 * (`EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN (ANALYZE, BUFFERS)` on PostgreSQL), for the store with
 * the most orders and the largest platform. BENCHMARKS.md quotes its output.
 */
import { pathToFileURL } from 'node:url';
import { createOrion, openDatabase } from '@orion/core';
import type { AnyDatabase } from '@orion/contracts';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { benchModules } from './bench-modules.js';
import { datasetLocation, type BenchDialect, type DatasetSize } from './dataset.js';
import { argument, parseDialects, parseSize, quietLogger } from './generate.js';
import { benchContext } from './harness.js';

interface Captured {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

async function explainOne(dialect: BenchDialect, size: DatasetSize): Promise<void> {
  const location = datasetLocation(dialect, size);
  const captured: Captured[] = [];
  const log = (event: {
    level: string;
    query: { sql: string; parameters: readonly unknown[] };
    queryDurationMillis: number;
  }) => {
    captured.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
  };
  let db: Kysely<AnyDatabase>;
  let close: () => Promise<void>;
  if (dialect === 'postgres') {
    db = new Kysely<AnyDatabase>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: location.url, max: 10 }) }),
      log,
    });
    close = () => db.destroy();
  } else {
    // The host's own SQLite setup; a plugin compiles each statement as it passes, to print it.
    const opened = openDatabase(location.url, process.cwd(), quietLogger);
    const base = opened.db;
    db = base.withPlugin({
      transformQuery: (args) => {
        const compiled = base.getExecutor().compileQuery(args.node, args.queryId);
        captured.push({
          sql: compiled.sql,
          parameters: compiled.parameters.map((value) => (typeof value === 'boolean' ? Number(value) : value)),
          ms: Number.NaN,
        });
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    });
    close = () => opened.close();
  }
  const orion = await createOrion({ modules: benchModules, database: db, logger: quietLogger });
  const biggest = await orion.db
    .selectFrom('orders')
    .innerJoin('store_platforms', 'store_platforms.store_id', 'orders.store_id')
    .where('store_platforms.is_active', '=', true)
    .groupBy(['orders.store_id', 'store_platforms.platform_id'])
    .select(['orders.store_id', 'store_platforms.platform_id', (eb) => eb.fn.countAll().as('n')])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const median = await orion.db
    .selectFrom('store_platforms')
    .select(['store_id', 'platform_id'])
    .where('is_active', '=', true)
    .orderBy('store_id')
    .offset(
      Math.floor(
        Number(
          (
            await orion.db
              .selectFrom('store_platforms')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ) / 2,
      ),
    )
    .limit(1)
    .executeTakeFirstOrThrow();
  const largest = await orion.db
    .selectFrom('store_platforms')
    .where('is_active', '=', true)
    .groupBy('platform_id')
    .select(['platform_id', (eb) => eb.fn.countAll().as('n')])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();

  const cases: [string, () => Promise<unknown>][] = [
    [
      `store dashboard, store ${biggest.store_id} (${biggest.n} orders, the most)`,
      () =>
        orion.statsAggregator.getStoreDashboardStats({
          storeId: Number(biggest.store_id),
          platformId: Number(biggest.platform_id),
          context: benchContext,
        }),
    ],
    [
      `store dashboard, store ${median.store_id} (a middle store id)`,
      () =>
        orion.statsAggregator.getStoreDashboardStats({
          storeId: Number(median.store_id),
          platformId: Number(median.platform_id),
          context: benchContext,
        }),
    ],
    [
      `admin dashboard, platform ${largest.platform_id} (${largest.n} active stores)`,
      () =>
        orion.statsAggregator.getAdminDashboardStats({
          platformId: Number(largest.platform_id),
          context: benchContext,
        }),
    ],
  ];
  for (const [title, call] of cases) {
    await call();
    captured.length = 0;
    const started = performance.now();
    await call();
    const whole = performance.now() - started;
    // On SQLite the plugin also sees the subqueries a provider builds; keep the statements actually run.
    const statements = captured.filter(
      (statement) => !captured.some((other) => other !== statement && other.sql.includes(`(${statement.sql})`)),
    );
    console.log(
      `\n## ${dialect} ${size}: ${title}: ${statements.length} statements, whole call ${whole.toFixed(2)} ms`,
    );
    for (const statement of statements) {
      console.log(
        `\n-- ${Number.isNaN(statement.ms) ? '' : `${statement.ms.toFixed(3)} ms (Kysely's log)`}\n${statement.sql}\n-- parameters: ${JSON.stringify(statement.parameters)}`,
      );
      const explain =
        dialect === 'postgres'
          ? CompiledQuery.raw(`explain (analyze, buffers, costs off) ${statement.sql}`, [...statement.parameters])
          : CompiledQuery.raw(`explain query plan ${statement.sql}`, [...statement.parameters]);
      const plan = await db.executeQuery(explain);
      for (const row of plan.rows as Record<string, unknown>[])
        console.log(
          `   ${String(dialect === 'postgres' ? row['QUERY PLAN'] : `${String(row.id)}/${String(row.parent)} ${String(row.detail)}`)}`,
        );
    }
  }
  await orion.close();
  await close();
}

async function main(): Promise<void> {
  const size = parseSize(argument('size'));
  for (const dialect of parseDialects(argument('db'))) await explainOne(dialect, size);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
