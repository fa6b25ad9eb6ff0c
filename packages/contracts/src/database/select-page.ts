import type { SelectQueryBuilder } from 'kysely';
import type { AnyDatabase } from './any-database.js';

/** Kysely's own type for a query with nothing selected yet (the `O` of `db.selectFrom(table)`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- it must be Kysely's `{}` to match its builders
type NothingSelected = {};

/** One page of a list: its items, how many items the list has on every page together, and the page asked for. */
export interface Page<Item> {
  /** The page's items, at most `limit`. */
  items: Item[];
  /** How many items the whole list has. */
  total: number;
  /** The most items the page may have, as asked for. */
  limit: number;
  /** How many items of the list come before the page, as asked for. */
  offset: number;
}

/**
 * What {@link selectPage} reads: the page (`limit`, `offset`), the rows in order, and how a row becomes
 * an item. `O` is the list query's selection: nothing yet (Kysely's `{}`).
 */
export interface SelectPageOptions<DB, TB extends keyof DB, Row, Item, O> {
  /** The most rows to read (validated: {@link pageQuerySchema}). */
  limit: number;
  /** How many rows of the list to skip first. */
  offset: number;
  /** The list's rows in their order, from the list's query: `(query) => query.selectAll().orderBy('id')`. */
  rows: (query: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, Row>;
  /** The item a row becomes. */
  toItem: (row: Row) => Item;
}

/**
 * Reads one page of the list that `query` selects from (its tables and conditions, nothing
 * selected yet), and how many rows the whole list has, as two statements run side by side: the
 * rows (`rows`, then `limit` and `offset`) and `count(*)` over `query`. Validate `limit` and
 * `offset` first, with {@link pageQuerySchema}.
 *
 * @example
 * ```ts
 * import { selectPage } from '@orion/contracts';
 *
 * const page = await selectPage(db.selectFrom('notes').where('store_id', '=', storeId), {
 *   limit: 20,
 *   offset: 0,
 *   rows: (query) => query.select(['id', 'body']).orderBy('id'),
 *   toItem: (row) => ({ id: Number(row.id), body: String(row.body) }),
 * });
 * page.total; // every note of the store
 * ```
 */
export async function selectPage<DB, TB extends keyof DB, O, Row, Item>(
  query: SelectQueryBuilder<DB, TB, O>,
  { limit, offset, rows, toItem }: SelectPageOptions<DB, TB, Row, Item, O>,
): Promise<Page<Item>> {
  const counted = query as unknown as SelectQueryBuilder<AnyDatabase, string, NothingSelected>;
  const [items, count] = await Promise.all([
    rows(query).limit(limit).offset(offset).execute(),
    counted.select((eb) => eb.fn.countAll<number | string | bigint>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(toItem), total: Number(count.total), limit, offset };
}
