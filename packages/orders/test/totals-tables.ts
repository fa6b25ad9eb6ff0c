/** Every orders totals table's rows, in key order and in one shape on both databases, to compare before and after a rebuild. */
import { sql, type Kysely } from 'kysely';
import type { OrdersDatabase } from '../src/index.js';

const tables = {
  orders_daily_totals: ['store_id', 'day', 'currency'],
  orders_hourly_totals: ['store_id', 'hour', 'currency'],
  orders_store_totals: ['store_id'],
  orders_platform_daily_totals: ['platform_id', 'day', 'currency'],
  orders_platform_hourly_totals: ['platform_id', 'hour', 'currency'],
  orders_platform_totals: ['platform_id'],
} as const;

export async function totalsTables(db: Kysely<OrdersDatabase>): Promise<Record<string, Record<string, string>[]>> {
  const result: Record<string, Record<string, string>[]> = {};
  for (const [table, key] of Object.entries(tables)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.join(
      key.map((column) => sql.ref(column)),
    )}`.execute(db);
    result[table] = rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([column, value]) => [
          column,
          value instanceof Date
            ? value.toISOString()
            : column === 'day' || column === 'hour'
              ? new Date(String(value)).toISOString()
              : String(value).trim(),
        ]),
      ),
    );
  }
  return result;
}
