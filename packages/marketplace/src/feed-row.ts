import { skuSchema, textSchema } from '@orion/contracts';
import { z } from 'zod';
import { boundedText } from './bounded-text.js';
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

/** A product title as the catalog takes it: 1 to 255 characters, no NUL. */
const feedTitleSchema = textSchema.min(1).max(255);

/** Where the feed reader marks bytes that are not UTF-8 (a noncharacter, never in a real feed). */
export const invalidUtf8Marker = '\uFDD0';

/** How a value is shown in a row error: quoted, at most 80 characters, control characters escaped. */
function shown(value: string): string {
  const short = value.length > 80 ? `${value.slice(0, 79)}…` : value;
  return JSON.stringify(short);
}

/**
 * Checks one feed row in the common merchant-feed shape (`id`, `title`, `price` as `12.99 EUR`,
 * optional `sku` / `mpn`, `quantity`, `availability`, …) with the rules catalog and inventory apply
 * when the row is published (the shared `skuSchema`, a title of at most 255 characters, an ISO 4217
 * currency in use, a price in minor units), and returns it ready for staging, or the reasons it can
 * not be staged: a row that would be refused at publishing is refused here, by line and SKU, and
 * never blocks the store's other rows.
 *
 * - SKU: `sku`, else `mpn`, else `id`.
 * - Quantity: `quantity` when present (a whole number ≥ 0); else 0 when `availability` is
 *   `out of stock`; else unknown (`null`), and publishing leaves stock as it is.
 * - A row with bytes that are not UTF-8, or with a NUL character, is refused whole.
 */
export function checkFeedRow(fields: Record<string, string>): StagedRow | string {
  const values = Object.values(fields);
  if (values.some((value) => value.includes(invalidUtf8Marker))) {
    return 'the row is not valid UTF-8 text (save the feed as UTF-8)';
  }
  if (values.some((value) => value.includes('\u0000'))) return 'the row contains a NUL character';
  const problems: string[] = [];
  const field = (name: string) => (fields[name] ?? '').trim();
  const externalId = field('id');
  const title = field('title');
  if (externalId === '') problems.push('id is empty');
  else if (externalId.length > 255) problems.push('id is longer than 255 characters');
  if (title === '') problems.push('title is empty');
  else if (!feedTitleSchema.safeParse(title).success) problems.push('title is longer than 255 characters');
  const price = parseFeedPrice(field('price'));
  if (typeof price === 'string') problems.push(price);
  const sku = field('sku') || field('mpn') || externalId;
  const checkedSku = sku === '' ? undefined : skuSchema.safeParse(sku);
  if (checkedSku && !checkedSku.success) {
    problems.push(`SKU ${shown(sku)}: ${z.prettifyError(checkedSku.error).replace(/^✖ /, '').split('\n')[0]}`);
  }
  const availability = field('availability').toLowerCase().replace(/_/g, ' ');
  if (availability !== '' && !availabilities.has(availability)) {
    problems.push(`availability ${shown(fields.availability ?? '')} is not one of ${[...availabilities].join(', ')}`);
  }
  let quantity: number | null = null;
  const rawQuantity = field('quantity');
  if (rawQuantity !== '') {
    if (!/^\d{1,9}$/.test(rawQuantity)) problems.push(`quantity ${shown(rawQuantity)} is not a whole number ≥ 0`);
    else quantity = Number(rawQuantity);
  } else if (availability === 'out of stock') {
    quantity = 0;
  }
  if (problems.length > 0 || typeof price === 'string') return boundedText(problems.join('; '));
  return {
    externalId,
    sku: checkedSku?.success ? checkedSku.data : sku,
    title,
    price: price.amount,
    currency: price.currency,
    quantity,
  };
}
