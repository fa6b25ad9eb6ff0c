/**
 * What each demo store sells: its merchant's assortment (a product line per merchant), the first
 * products of it for a small store and more for a big one, priced in the store's currency. The
 * catalog, inventory and orders steps all read this one plan, so order items and stock name the
 * catalog's SKUs, and orders still have SKUs in an app without the catalog.
 */
import type { DemoStore } from './demo-stores.js';
import { seededRandom, type SeededRandom } from '@orion/testing';

/** A product of a store; `price` in minor units of the store's currency. */
export interface DemoProduct {
  sku: string;
  title: string;
  price: number;
  isActive: boolean;
  isFeatured: boolean;
  /** How often it sells, relative to the store's other products. */
  popularity: number;
}

/** A product line: `[name, variants, lowest and highest price in EUR]`. */
type Line = [string, string[], number, number];

interface Theme {
  prefix: string;
  brands: string[];
  lines: Line[];
}

const themes: Record<string, Theme> = {
  'Maison Lëtzebuerg': {
    prefix: 'ML',
    brands: ['Domaine Kox', 'Caves Wengler', 'Maison', 'Fermes Ardennaises', 'Bio Haff'],
    lines: [
      ['Riesling Grand Premier Cru', ['2021', '2022', '2023', 'magnum'], 14, 32],
      ['Crémant de Luxembourg brut', ['75 cl', 'rosé', 'gift box', 'magnum'], 11, 38],
      ['Pinot gris', ['2022', '2023', '6 bottles'], 9, 60],
      ['Quetsch jam', ['250 g', '450 g', 'duo'], 4, 9],
      ['Mirabelle eau-de-vie', ['35 cl', '70 cl'], 22, 45],
      ['Moselle honey', ['250 g', '500 g', 'comb'], 6, 14],
      ['Munnerefer mustard', ['200 g', 'à l’ancienne', 'trio'], 3, 9],
      ['Smoked Ardennes ham', ['150 g', '300 g', 'whole'], 7, 85],
      ['Pralines', ['9 pieces', '16 pieces', '36 pieces'], 9, 34],
      ['Gift hamper', ['Classic', 'Moselle', 'Grand'], 35, 120],
    ],
  },
  'Nordlicht Handel': {
    prefix: 'NH',
    brands: ['Nordlicht', 'Fjellgang', 'Eifelwerk', 'Sturmfest'],
    lines: [
      ['Merino base layer', ['S', 'M', 'L', 'XL'], 45, 79],
      ['Rain jacket', ['S', 'M', 'L', 'XL'], 89, 249],
      ['Wool socks', ['36-38', '39-42', '43-46'], 12, 24],
      ['Hiking boots', ['40', '41', '42', '43', '44', '45'], 119, 229],
      ['Fleece pullover', ['S', 'M', 'L', 'XL'], 49, 99],
      ['Day pack', ['18 l', '25 l', '32 l'], 59, 139],
      ['Beanie', ['grey', 'navy', 'rust'], 19, 35],
      ['Softshell trousers', ['S', 'M', 'L', 'XL'], 69, 139],
      ['Thermos flask', ['0.5 l', '0.75 l', '1 l'], 24, 42],
    ],
  },
  'Atelier Moselle': {
    prefix: 'AM',
    brands: ['Atelier', 'Terre de Moselle', 'Grès Bleu', 'Linnen'],
    lines: [
      ['Stoneware mug', ['blue', 'sand', 'slate', 'set of 4'], 14, 52],
      ['Serving bowl', ['small', 'large', 'oval'], 24, 79],
      ['Linen tea towel', ['natural', 'indigo', 'set of 2'], 12, 26],
      ['Table runner', ['140 cm', '180 cm', '240 cm'], 29, 59],
      ['Scented candle', ['vineyard', 'cedar', 'fig'], 18, 39],
      ['Vase', ['tall', 'bud', 'amphora'], 29, 129],
      ['Dinner plate', ['single', 'set of 4', 'set of 6'], 16, 119],
      ['Cushion cover', ['ochre', 'moss', 'ink'], 25, 45],
    ],
  },
  'Kaffi Kultur': {
    prefix: 'KK',
    brands: ['Kaffi Kultur', 'Roasters’ Choice', 'Single Estate'],
    lines: [
      ['Espresso blend', ['250 g', '500 g', '1 kg'], 8, 36],
      ['Filter roast Ethiopia', ['250 g', '500 g', '1 kg'], 9, 39],
      ['Decaf Colombia', ['250 g', '500 g'], 9, 19],
      ['Cold brew', ['can', '6-pack', '24-pack'], 3, 58],
      ['Moka pot', ['3 cups', '6 cups', '9 cups'], 29, 59],
      ['Pour-over kettle', ['0.6 l', '1 l'], 39, 89],
      ['Hand grinder', ['classic', 'pro'], 49, 189],
      ['Ceramic cup', ['espresso', 'cappuccino', 'latte'], 9, 19],
      ['Barista course', ['beginner', 'latte art', 'home roasting'], 49, 149],
      ['Subscription', ['1 month', '3 months', '12 months'], 19, 199],
    ],
  },
  'Velo Vert': {
    prefix: 'VV',
    brands: ['Velo Vert', 'Kanton', 'Rouleur', 'Trail Lab'],
    lines: [
      ['City bike', ['S', 'M', 'L'], 549, 1290],
      ['E-bike', ['S', 'M', 'L'], 1890, 3990],
      ['Helmet', ['S', 'M', 'L'], 49, 149],
      ['Inner tube', ['26"', '28"', '29"'], 6, 12],
      ['LED light set', ['basic', 'bright', 'dynamo'], 19, 89],
      ['Pannier bag', ['single', 'pair'], 39, 119],
      ['Service', ['basic', 'full', 'e-bike'], 49, 149],
      ['Cycling gloves', ['S', 'M', 'L', 'XL'], 19, 45],
      ['Bike lock', ['cable', 'U-lock', 'folding'], 24, 99],
    ],
  },
  'Bijoux Ardennes': {
    prefix: 'BA',
    brands: ['Ardennes', 'Clervaux Atelier', 'Sûre', 'Oesling'],
    lines: [
      ['Silver ring', ['50', '52', '54', '56', '58'], 49, 189],
      ['Gold pendant', ['leaf', 'star', 'heart'], 149, 690],
      ['Earrings', ['studs', 'hoops', 'drops'], 39, 249],
      ['Bracelet', ['chain', 'bangle', 'charm'], 59, 390],
      ['Necklace', ['40 cm', '45 cm', '50 cm'], 69, 490],
      ['Engraving', ['name', 'date', 'message'], 15, 35],
      ['Watch strap', ['leather', 'mesh', 'nylon'], 29, 89],
      ['Jewellery box', ['small', 'large'], 39, 129],
    ],
  },
};

const genericTheme: Theme = {
  prefix: 'GN',
  brands: ['House', 'Select', 'Classic'],
  lines: [
    ['Gift card', ['25', '50', '100'], 25, 100],
    ['Tote bag', ['natural', 'black'], 12, 19],
    ['Notebook', ['A5', 'A4'], 8, 16],
  ],
};

/** Price factors of the stores' currencies against the assortment's euro prices. */
const currencyFactor: Record<string, number> = { EUR: 1, CHF: 1.05, GBP: 0.87 };

/** Products in the whole demo at scale 1. */
const productsAtScaleOne = 1_500;

/**
 * The products of every store: about 1,500 × `scale` in all, by the square root of the store's
 * size (at least a few each), ~6 % inactive and ~8 % featured. The same stores give the same plan.
 */
export function planProducts(stores: readonly DemoStore[], scale: number): Map<number, DemoProduct[]> {
  const target = Math.max(stores.length * 3, Math.round(productsAtScaleOne * scale));
  const roots = stores.map((store) => Math.sqrt(store.weight));
  const rootSum = roots.reduce((sum, root) => sum + root, 0);
  const minimum = Math.max(3, Math.round(10 * scale));
  const assortments = new Map<string, Assortment[]>();
  const plan = new Map<number, DemoProduct[]>();
  stores.forEach((store, index) => {
    const size = Math.max(minimum, Math.round((target * roots[index]!) / rootSum));
    const assortment = assortmentOf(store.merchantName, size, assortments);
    const random = seededRandom(`products:${store.code}`);
    const factor = currencyFactor[store.defaultCurrency] ?? 1;
    plan.set(
      store.id,
      assortment.slice(0, size).map((item, rank) => ({
        sku: item.sku,
        title: item.title,
        price: shelfPrice(item.euros * factor),
        // The bestsellers stay on sale; the long tail has the discontinued products.
        isActive: rank < 2 || !random.chance(0.07),
        isFeatured: random.chance(rank < 10 ? 0.3 : 0.05),
        popularity: 1 / (rank + 1) ** 0.9,
      })),
    );
  });
  return plan;
}

interface Assortment {
  sku: string;
  title: string;
  euros: number;
}

/** The merchant's assortment, best sellers first, at least `size` long; shared by its stores. */
function assortmentOf(merchantName: string, size: number, cache: Map<string, Assortment[]>): Assortment[] {
  const cached = cache.get(merchantName);
  if (cached && cached.length >= size) return cached;
  const theme = themes[merchantName] ?? genericTheme;
  const random = seededRandom(`assortment:${merchantName}`);
  const combinations = random.shuffle(
    theme.lines.flatMap((line) =>
      line[1].flatMap((variant) => theme.brands.map((brand) => ({ line, variant, brand }))),
    ),
  );
  const assortment: Assortment[] = [];
  for (let index = 0; assortment.length < Math.max(size, cached?.length ?? 0); index++) {
    const { line, variant, brand } = combinations[index % combinations.length]!;
    const edition = Math.floor(index / combinations.length);
    assortment.push({
      sku: `${theme.prefix}-${String(index + 1).padStart(4, '0')}`,
      title: `${brand} ${line[0]}, ${variant}${edition > 0 ? ` (edition ${edition + 1})` : ''}`,
      euros: between(random, line[2], line[3]),
    });
  }
  cache.set(merchantName, assortment);
  return assortment;
}

/** A price between `low` and `high`, leaning to the low end. */
function between(random: SeededRandom, low: number, high: number): number {
  return low + (high - low) * random.next() ** 1.6;
}

/** A price as shops write them, in minor units: 12.90, 44.90, 449.00. */
function shelfPrice(major: number): number {
  if (major < 100) return Math.ceil(major) * 100 - 10;
  return Math.max(1, Math.round(major / 10)) * 1_000 - 100;
}
