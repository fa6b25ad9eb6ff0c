/**
 * Readers for values whose type differs by driver: PostgreSQL returns `bigint` counts and sums as
 * strings, timestamps as `Date` and booleans as `boolean`; SQLite returns numbers, ISO text and 0/1.
 */

/** A count or sum as a JavaScript number (`null` → 0). */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

/** A stored boolean (`true`, `1`, `'1'`, `'t'`) as a JavaScript boolean. */
export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true' || value === 1n;
}

/** A stored timestamp as ISO-8601 UTC text, `2026-11-22T10:00:00.000Z`. */
export function toIsoTimestamp(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError(`Not a timestamp: ${String(value)}`);
}

/** The current time as the text Orion stores: ISO-8601 UTC with milliseconds. */
export function nowTimestamp(): string {
  return new Date().toISOString();
}
