/**
 * The datasets the benchmark runs on: their shapes, where each one lives (a SQLite file under
 * `bench/.cache/`, a PostgreSQL database `orion_bench_<size>`), and the marker table that says a
 * database holds a complete dataset of a given size and seed.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyDatabase } from '@orion/contracts';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

export type DatasetSize = 'smoke' | '100k' | '1m' | '10m';
export type BenchDialect = 'sqlite' | 'postgres';

export const datasetSizes: readonly DatasetSize[] = ['smoke', '100k', '1m', '10m'];

/** Row counts of one dataset. */
export interface DatasetShape {
  platforms: number;
  merchants: number;
  stores: number;
  orders: number;
  products: number;
  inventoryRows: number;
  importJobs: number;
  stagedProducts: number;
  users: number;
  storeUsers: number;
  domains: number;
}

/** The shape at 1m; the other sizes scale it. */
const oneMillion: DatasetShape = {
  platforms: 3,
  merchants: 2_500,
  stores: 10_000,
  orders: 1_000_000,
  products: 200_000,
  inventoryRows: 300_000,
  importJobs: 20_000,
  stagedProducts: 100_000,
  users: 50_000,
  storeUsers: 50_000,
  domains: 12_000,
};

function scaled(factor: number): DatasetShape {
  const shape = { ...oneMillion };
  for (const key of Object.keys(shape) as (keyof DatasetShape)[]) {
    if (key !== 'platforms') shape[key] = Math.round(oneMillion[key] * factor);
  }
  return shape;
}

export const datasetShapes: Record<DatasetSize, DatasetShape> = {
  smoke: {
    platforms: 3,
    merchants: 12,
    stores: 40,
    orders: 3_000,
    products: 400,
    inventoryRows: 600,
    importJobs: 80,
    stagedProducts: 400,
    users: 100,
    storeUsers: 100,
    domains: 48,
  },
  '100k': scaled(0.1),
  '1m': oneMillion,
  '10m': scaled(10),
};

/** Orders span the 365 days before this instant; the harness asks for the 30 days before it. */
export const datasetEnd = new Date('2026-11-01T00:00:00.000Z');
export const datasetDays = 365;
export const defaultSeed = 20_261_101;
/** Bump when the generator's output changes, so older generated databases are rebuilt (7: orders summaries by triggers). */
export const generatorVersion = 7;

export const benchRoot = fileURLToPath(new URL('..', import.meta.url));
export const cacheDir = join(benchRoot, '.cache');
export const defaultPostgresUrl =
  process.env.ORION_BENCH_POSTGRES_URL ??
  process.env.ORION_TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/** Where a dataset lives. */
export interface DatasetLocation {
  dialect: BenchDialect;
  /** What `createOrion({ database })` takes. */
  url: string;
  /** The SQLite file, or the PostgreSQL database name. */
  name: string;
}

/** The SQLite file or PostgreSQL database of `size`; `name` overrides the default. */
export function datasetLocation(
  dialect: BenchDialect,
  size: DatasetSize,
  options: { name?: string; directory?: string; postgresUrl?: string } = {},
): DatasetLocation {
  if (dialect === 'sqlite') {
    const directory = options.directory ?? cacheDir;
    mkdirSync(directory, { recursive: true });
    const file = join(directory, options.name ?? `orion-bench-${size}.db`);
    return { dialect, url: `sqlite:${file}`, name: file };
  }
  const name = options.name ?? `orion_bench_${size}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid PostgreSQL database name "${name}"`);
  const parsed = new URL(options.postgresUrl ?? defaultPostgresUrl);
  parsed.pathname = `/${name}`;
  return { dialect, url: parsed.toString(), name };
}

/** What the marker table records. */
export interface DatasetMarker {
  size: string;
  seed: number;
  generatorVersion: number;
}

/** The dataset marker of an open database, or `undefined` when there is none (empty or partly generated). */
export async function readMarker(db: Kysely<AnyDatabase>): Promise<DatasetMarker | undefined> {
  try {
    const row = await db
      .selectFrom('orion_bench_dataset')
      .select(['size', 'seed', 'generator_version'])
      .executeTakeFirst();
    return row
      ? { size: String(row.size), seed: Number(row.seed), generatorVersion: Number(row.generator_version) }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Records that the database holds a complete dataset; written last, after `analyze`. */
export async function writeMarker(db: Kysely<AnyDatabase>, marker: DatasetMarker, rows: DatasetShape): Promise<void> {
  await db.schema
    .createTable('orion_bench_dataset')
    .addColumn('size', 'varchar(16)', (c) => c.notNull())
    .addColumn('seed', 'bigint', (c) => c.notNull())
    .addColumn('generator_version', 'integer', (c) => c.notNull())
    .addColumn('shape', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db
    .insertInto('orion_bench_dataset')
    .values({
      size: marker.size,
      seed: marker.seed,
      generator_version: marker.generatorVersion,
      shape: JSON.stringify(rows),
      generated_at: new Date().toISOString(),
    })
    .execute();
}

/** Runs one statement on the server's maintenance database (create or drop a database). */
async function postgresAdmin(location: DatasetLocation, statement: string): Promise<void> {
  const parsed = new URL(location.url);
  parsed.pathname = '/postgres';
  const db = new Kysely<AnyDatabase>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: parsed.toString(), max: 1 }) }),
  });
  try {
    await sql.raw(statement).execute(db);
  } finally {
    await db.destroy();
  }
}

/** Whether the dataset's database exists at all (the marker says whether it is complete). */
export async function datasetExists(location: DatasetLocation): Promise<boolean> {
  if (location.dialect === 'sqlite') return existsSync(location.name);
  const parsed = new URL(location.url);
  parsed.pathname = '/postgres';
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  try {
    const result = await client.query('select 1 from pg_database where datname = $1', [location.name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

/** Removes the dataset's database and leaves an empty one (PostgreSQL) or none (SQLite). */
export async function resetDataset(location: DatasetLocation): Promise<void> {
  if (location.dialect === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${location.name}${suffix}`, { force: true });
    return;
  }
  await postgresAdmin(location, `drop database if exists ${location.name} with (force)`);
  await postgresAdmin(location, `create database ${location.name}`);
}

/** Drops the dataset's database (PostgreSQL) or file (SQLite). */
export async function dropDataset(location: DatasetLocation): Promise<void> {
  if (location.dialect === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${location.name}${suffix}`, { force: true });
    return;
  }
  await postgresAdmin(location, `drop database if exists ${location.name} with (force)`);
}
