import { parseFeedPrice } from './feed-price.js';

/** A feed row ready for staging. Money in minor units. */
export interface StagedRow {
  externalId: string;
  sku: string;
  title: string;
  price: number;
  currency: string;
  quantity: number | null;
}

const availabilities = new Set(['in stock', 'out of stock', 'preorder', 'backorder', 'limited availability']);

/**
 * Checks one feed row in the common merchant-feed shape (`id`, `title`, `price` as `12.99 EUR`,
 * optional `sku` / `mpn`, `quantity`, `availability`, …) and returns it ready for staging, or the
 * reasons it can not be staged.
 *
 * - SKU: `sku`, else `mpn`, else `id`.
 * - Quantity: `quantity` when present (a whole number ≥ 0); else 0 when `availability` is
 *   `out of stock`; else unknown (`null`), and publishing leaves stock as it is.
 */
export function checkFeedRow(fields: Record<string, string>): StagedRow | string {
  const problems: string[] = [];
  const field = (name: string) => (fields[name] ?? '').trim();
  const externalId = field('id');
  const title = field('title');
  if (externalId === '') problems.push('id is empty');
  else if (externalId.length > 255) problems.push('id is longer than 255 characters');
  if (title === '') problems.push('title is empty');
  else if (title.length > 500) problems.push('title is longer than 500 characters');
  const price = parseFeedPrice(field('price'));
  if (typeof price === 'string') problems.push(price);
  const sku = field('sku') || field('mpn') || externalId;
  if (sku.length > 255) problems.push('sku is longer than 255 characters');
  const availability = field('availability').toLowerCase().replace(/_/g, ' ');
  if (availability !== '' && !availabilities.has(availability)) {
    problems.push(`availability "${fields.availability}" is not one of ${[...availabilities].join(', ')}`);
  }
  let quantity: number | null = null;
  const rawQuantity = field('quantity');
  if (rawQuantity !== '') {
    if (!/^\d{1,9}$/.test(rawQuantity)) problems.push(`quantity "${rawQuantity}" is not a whole number ≥ 0`);
    else quantity = Number(rawQuantity);
  } else if (availability === 'out of stock') {
    quantity = 0;
  }
  if (problems.length > 0 || typeof price === 'string') return problems.join('; ');
  return { externalId, sku, title, price: price.amount, currency: price.currency, quantity };
}
