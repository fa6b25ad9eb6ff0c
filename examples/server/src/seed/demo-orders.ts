/**
 * The demo's year of orders, planned before anything is written: ~40,000 × scale orders over the
 * 365 days ending now, shaped so that a daily chart looks alive (growth over the year, weekdays,
 * seasons, Black Friday and Christmas, a little noise), spread over the stores by their skewed
 * sizes, each with items of its store's products and a status that fits its age.
 */
import type { OrderItemInput, OrderStatus } from '@orion/orders';
import { randomPerson } from './demo-people.js';
import type { DemoProduct } from './demo-products.js';
import type { DemoStore } from './demo-stores.js';
import { seededRandom, type SeededRandom } from '@orion/testing';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** Orders in the whole demo at scale 1. */
const ordersAtScaleOne = 40_000;

/** An order to place, then to move along its life cycle by `path`. */
export interface PlannedOrder {
  storeId: number;
  orderNumber: string;
  customerEmail: string;
  currency: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  items: OrderItemInput[];
  /** The status changes after placing it, in order: `['paid', 'shipped', 'delivered']`. */
  path: OrderStatus[];
}

/** Orders per hour of the day, Luxembourg time: quiet nights, a lunch bump and an evening peak. */
const hourShape = [
  0.2, 0.1, 0.06, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.1, 1.25, 1.35, 1.4, 1.3, 1.2, 1.15, 1.15, 1.2, 1.35, 1.55, 1.6,
  1.35, 0.9, 0.45,
];
/** Sunday to Saturday. */
const weekdayShape = [0.85, 1, 0.97, 1, 1.05, 1.12, 1.25];
/** January to December. */
const monthShape = [0.8, 0.85, 0.95, 1, 1.05, 1, 0.9, 0.8, 1, 1.05, 1.2, 1.45];

/**
 * Plans the orders, oldest first. The same stores, products, scale and `now` give the same plan;
 * a later `now` gives the same orders, shifted in time.
 */
export function planOrders(
  stores: readonly DemoStore[],
  products: ReadonlyMap<number, DemoProduct[]>,
  scale: number,
  now: Date,
): PlannedOrder[] {
  const random = seededRandom('orders');
  const target = Math.max(1, Math.round(ordersAtScaleOne * scale));
  const end = now.getTime();
  const start = end - 365 * dayMs;

  // The expected orders of every hour of the year, then scaled to the target.
  const cells: { from: number; to: number; weight: number }[] = [];
  const dayNoise = new Map<number, number>();
  for (let from = Math.floor(start / hourMs) * hourMs; from < end; from += hourMs) {
    const cellFrom = Math.max(from, start);
    const cellTo = Math.min(from + hourMs, end);
    const local = new Date(cellFrom + hourMs); // Luxembourg, near enough
    const day = Math.floor(local.getTime() / dayMs);
    if (!dayNoise.has(day)) dayNoise.set(day, noise(random));
    const growth = 0.55 + 0.7 * ((cellFrom - start) / (end - start)) ** 1.3;
    const weight =
      growth *
      dayNoise.get(day)! *
      weekdayShape[local.getUTCDay()]! *
      monthShape[local.getUTCMonth()]! *
      holidayShape(local) *
      hourShape[local.getUTCHours()]! *
      ((cellTo - cellFrom) / hourMs);
    cells.push({ from: cellFrom, to: cellTo, weight });
  }
  const totalWeight = cells.reduce((sum, cell) => sum + cell.weight, 0);

  const selling = stores.filter((store) => (products.get(store.id) ?? []).length > 0);
  const trends = new Map(
    selling.map((store) => [store.id, seededRandom(`orders-trend:${store.code}`).next() * 1.5 - 0.6]),
  );
  const weightSum = selling.reduce((sum, store) => sum + store.weight, 0);
  const customers = new Map(
    selling.map((store) => [store.id, new CustomerBook(store, (target * store.weight) / weightSum)]),
  );
  const numbers = new Map<number, number>();
  const orders: PlannedOrder[] = [];
  for (const cell of cells) {
    const expected = (cell.weight * target) / totalWeight;
    const many = Math.floor(expected + random.next());
    const times = Array.from({ length: many }, () => cell.from + random.next() * (cell.to - cell.from)).sort(
      (a, b) => a - b,
    );
    for (const time of times) {
      const progress = (time - start) / (end - start);
      const open = selling.filter(
        (store) => time >= store.opensAt && (store.closesAt === undefined || time < store.closesAt),
      );
      if (open.length === 0) continue;
      const store = random.weighted(
        open,
        open.map((candidate) => candidate.weight * Math.max(0.1, 1 + trends.get(candidate.id)! * (progress - 0.5))),
      );
      const number = (numbers.get(store.id) ?? 0) + 1;
      numbers.set(store.id, number);
      const ageDays = (end - time) / dayMs;
      orders.push({
        storeId: store.id,
        orderNumber: `${initials(store.code)}-${100_000 + number}`,
        customerEmail: customers.get(store.id)!.next(random),
        currency: store.defaultCurrency,
        createdAt: new Date(Math.floor(time)).toISOString(),
        items: itemsFor(products.get(store.id)!, ageDays, random),
        path: pathFor(ageDays, random),
      });
    }
  }
  return orders;
}

/** A day's own ups and downs: mostly ±15 %, now and then a promotion day. */
function noise(random: SeededRandom): number {
  const wobble = 1 + (random.next() + random.next() + random.next() - 1.5) * 0.3;
  return random.chance(0.012) ? wobble * 1.8 : wobble;
}

/** Black Friday, Cyber Monday, and the quiet days around Christmas and New Year. */
function holidayShape(local: Date): number {
  const year = local.getUTCFullYear();
  const firstFriday = 1 + ((5 - new Date(Date.UTC(year, 10, 1)).getUTCDay() + 7) % 7);
  const sinceBlackFriday = Math.floor((local.getTime() - Date.UTC(year, 10, firstFriday + 21)) / dayMs);
  if (sinceBlackFriday === 0) return 2.8;
  if (sinceBlackFriday === 1) return 1.7;
  if (sinceBlackFriday === 3) return 1.9; // Cyber Monday
  const month = local.getUTCMonth();
  const date = local.getUTCDate();
  if (month === 11 && date >= 10 && date <= 20) return 1.25;
  if (month === 11 && date === 24) return 0.6;
  if (month === 11 && (date === 25 || date === 26)) return 0.35;
  if ((month === 11 && date === 31) || (month === 0 && date === 1)) return 0.5;
  return 1;
}

/** One to four lines of the store's products, popular ones more often; recent orders only of products still on sale. */
function itemsFor(products: DemoProduct[], ageDays: number, random: SeededRandom): OrderItemInput[] {
  const onSale = ageDays < 60 ? products.filter((product) => product.isActive) : products;
  const choices = onSale.length > 0 ? onSale : products;
  const lines = Math.min(choices.length, random.weighted([1, 2, 3, 4], [0.55, 0.27, 0.12, 0.06]));
  const chosen = new Set<DemoProduct>();
  while (chosen.size < lines) {
    chosen.add(
      random.weighted(
        choices,
        choices.map((product) => product.popularity),
      ),
    );
  }
  return [...chosen].map((product) => ({
    sku: product.sku,
    quantity: product.price > 50_000 ? 1 : random.weighted([1, 2, 3], [0.75, 0.18, 0.07]),
    unitPrice: product.price,
  }));
}

/**
 * Where the order is now, by its age: recent orders pending, paid or shipped, older ones mostly
 * delivered; ~5 % cancelled and ~3 % refunded at any age.
 */
function pathFor(ageDays: number, random: SeededRandom): OrderStatus[] {
  const delivered: OrderStatus[] = ['paid', 'shipped', 'delivered'];
  const roll = random.next();
  if (roll < 0.05) return random.chance(0.7) ? ['cancelled'] : ['paid', 'cancelled'];
  if (roll < 0.081 && ageDays > 2) {
    return random.weighted<OrderStatus[]>(
      [
        ['paid', 'refunded'],
        ['paid', 'shipped', 'refunded'],
        [...delivered, 'refunded'],
      ],
      [0.2, 0.3, 0.5],
    );
  }
  if (ageDays < 0.25) return random.chance(0.55) ? [] : ['paid'];
  if (ageDays < 1) return random.weighted<OrderStatus[]>([[], ['paid'], ['paid', 'shipped']], [0.2, 0.55, 0.25]);
  if (ageDays < 3) return random.weighted<OrderStatus[]>([['paid'], ['paid', 'shipped'], delivered], [0.15, 0.6, 0.25]);
  if (ageDays < 7) return random.weighted<OrderStatus[]>([['paid', 'shipped'], delivered], [0.35, 0.65]);
  if (ageDays < 14) return random.weighted<OrderStatus[]>([['paid', 'shipped'], delivered], [0.08, 0.92]);
  return random.chance(0.004) ? ['paid', 'shipped'] : delivered;
}

/** A store's customers: regulars come back often, most buy once or twice. */
class CustomerBook {
  readonly #store: DemoStore;
  readonly #size: number;
  readonly #emails = new Map<number, string>();

  /** `expectedOrders`: about how many orders the store will have; a customer orders 2.5 times on average. */
  constructor(store: DemoStore, expectedOrders: number) {
    this.#store = store;
    this.#size = Math.max(20, Math.round(expectedOrders / 2.5));
  }

  next(random: SeededRandom): string {
    const index = Math.floor(this.#size * random.next() ** 1.8);
    let email = this.#emails.get(index);
    if (email === undefined) {
      const person = randomPerson(seededRandom(`customer:${this.#store.code}:${index}`));
      const domain = { CHF: 'example.ch', GBP: 'example.co.uk' }[this.#store.defaultCurrency] ?? 'example.lu';
      email = `${person.handle}${index % 89 === 0 ? '' : index % 89}@${domain}`;
      this.#emails.set(index, email);
    }
    return email;
  }
}

/** `kaffi-kultur-luxembourg-gare` → `KKLG`. */
function initials(code: string): string {
  return code
    .split('-')
    .map((part) => part[0]!.toUpperCase())
    .join('');
}
