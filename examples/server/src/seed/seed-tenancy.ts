/**
 * Seeds tenancy: two platforms, six merchants and their 35 stores in four countries' currencies,
 * memberships (some stores on both platforms, a few memberships and stores inactive), the
 * merchants' owners and the stores' teams, and domains.
 */
import { TenancyService } from '@orion/core';
import { randomPerson } from './demo-people.js';
import { count, type SeedContext } from './seed-context.js';
import { seededRandom } from '@orion/testing';

/** The platforms, by code. */
export const demoPlatforms = [
  { code: 'letzshop', name: 'Letzshop Marketplace' },
  { code: 'wholesale', name: 'Wholesale Portal' },
] as const;

const currencyOfCountry: Record<string, string> = { CH: 'CHF', GB: 'GBP' };

/** Each merchant and where its stores are: `[place, ISO country]`; `Online` is its web shop. */
const merchants: { name: string; stores: [string, string][] }[] = [
  {
    name: 'Maison Lëtzebuerg',
    stores: [
      ['Luxembourg-Ville', 'LU'],
      ['Esch-sur-Alzette', 'LU'],
      ['Remich', 'LU'],
      ['Diekirch', 'LU'],
      ['Online', 'LU'],
      ['Zürich', 'CH'],
    ],
  },
  {
    name: 'Nordlicht Handel',
    stores: [
      ['Trier', 'DE'],
      ['Saarbrücken', 'DE'],
      ['Koblenz', 'DE'],
      ['Basel', 'CH'],
      ['Luzern', 'CH'],
      ['Online', 'DE'],
    ],
  },
  {
    name: 'Atelier Moselle',
    stores: [
      ['Grevenmacher', 'LU'],
      ['Metz', 'FR'],
      ['Nancy', 'FR'],
      ['London', 'GB'],
      ['Online', 'LU'],
    ],
  },
  {
    name: 'Kaffi Kultur',
    stores: [
      ['Luxembourg Gare', 'LU'],
      ['Kirchberg', 'LU'],
      ['Belval', 'LU'],
      ['Ettelbruck', 'LU'],
      ['Bern', 'CH'],
      ['Manchester', 'GB'],
      ['Online', 'LU'],
    ],
  },
  {
    name: 'Velo Vert',
    stores: [
      ['Luxembourg', 'LU'],
      ['Mersch', 'LU'],
      ['Genève', 'CH'],
      ['Arlon', 'BE'],
      ['Online', 'LU'],
    ],
  },
  {
    name: 'Bijoux Ardennes',
    stores: [
      ['Clervaux', 'LU'],
      ['Wiltz', 'LU'],
      ['Bastogne', 'BE'],
      ['Edinburgh', 'GB'],
      ['Brighton', 'GB'],
      ['Online', 'LU'],
    ],
  },
];

/** `Maison Lëtzebuerg` → `maison-letzebuerg`. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Writes the tenancy part of the demo in one transaction, so an interrupted start leaves nothing
 * half-made; does nothing when the database has platforms already. Returns whether it wrote.
 */
export async function seedTenancy({ orion, log }: SeedContext): Promise<boolean> {
  if ((await new TenancyService(orion.db).listPlatforms()).length > 0) {
    log('  tenancy: the database already holds platforms and stores: reusing them');
    return false;
  }
  const totals = await orion.db.transaction().execute(async (trx) => {
    const tenancy = new TenancyService(trx);
    const random = seededRandom(20261122);
    const [marketplace, wholesale] = [
      await tenancy.createPlatform(demoPlatforms[0]),
      await tenancy.createPlatform(demoPlatforms[1]),
    ];
    const emails = new Set<string>();
    const newUser = async (domain: string) => {
      const person = randomPerson(random);
      let email = `${person.handle}@${domain}`;
      for (let n = 2; emails.has(email); n++) email = `${person.handle}${n}@${domain}`;
      emails.add(email);
      return tenancy.createUser({ email, name: person.name });
    };
    let stores = 0;
    let domains = 0;
    for (const [index, { name: merchantName, stores: places }] of merchants.entries()) {
      const merchant = await tenancy.createMerchant({ name: merchantName });
      const domain = `${slug(merchantName).replace(/-/g, '')}.example`;
      const owner = await newUser(domain);
      let manager: number | undefined;
      for (const [place, country] of places) {
        const code = `${slug(merchantName)}-${slug(place)}`;
        const store = await tenancy.createStore({
          merchantId: merchant.id,
          code,
          name: `${merchantName} ${place}`,
          defaultCurrency: currencyOfCountry[country] ?? 'EUR',
        });
        stores++;
        // Half the stores sell on the marketplace only, a fifth wholesale only, the rest on both;
        // a few left the wholesale portal (their membership stays, inactive).
        const roll = random.next();
        if (roll < 0.8) await tenancy.addStoreToPlatform(store.id, marketplace.id);
        if (roll >= 0.5) await tenancy.addStoreToPlatform(store.id, wholesale.id);
        if (roll >= 0.5 && random.chance(0.15)) await tenancy.removeStoreFromPlatform(store.id, wholesale.id);
        if (place !== 'Online' && random.chance(0.1)) await tenancy.setStoreActive(store.id, false);

        await tenancy.addStoreUser({ storeId: store.id, userId: owner.id, role: 'owner' });
        const team = random.int(1, 4);
        for (let member = 0; member < team; member++) {
          // Now and then the manager of the merchant's previous store runs this one too.
          const shared = member === 0 && manager !== undefined && random.chance(0.25);
          const userId = shared ? manager! : (await newUser(domain)).id;
          await tenancy.addStoreUser({ storeId: store.id, userId, role: member === 0 ? 'manager' : 'staff' });
          if (member === 0) manager = userId;
          else if (random.chance(0.12)) await tenancy.setStoreUserActive(store.id, userId, false);
        }
        const hosts =
          place === 'Online'
            ? [`shop.${domain}`, `www.${domain}`]
            : random.chance(0.6)
              ? [`${slug(place)}.${domain}`]
              : [];
        for (const host of hosts) {
          const added = await tenancy.addDomain({ storeId: store.id, domain: host });
          domains++;
          if (random.chance(0.75)) await tenancy.verifyDomain(added.id);
        }
      }
      log(`  tenancy: merchant ${index + 1}/${merchants.length}: ${merchantName}, ${places.length} stores`);
    }
    return { stores, users: emails.size, domains };
  });
  log(
    `  tenancy: 2 platforms, ${merchants.length} merchants, ${totals.stores} stores, ${count(totals.users)} users, ${totals.domains} domains`,
  );
  return true;
}
