/**
 * Seeds the cms through its own routes (the module exports no service for pages, media or themes):
 * a few pages per store and per platform, some published and some drafts; small PNG logos and
 * banners for some stores; a theme for about one store in three. The routes run on Orion's own
 * request handler, with a context the seed makes up for the store's owner or the platform's
 * admin; nothing is served over the network.
 */
import { type FetchHandler, type Orion, type RequestContext } from '@orion/core';
import { demoPng } from './demo-images.js';
import type { DemoStore } from './demo-stores.js';
import { elapsed, type SeedContext } from './seed-context.js';
import { seededRandom } from '@orion/testing';

/** A page to create: a slug, a title, a Markdown body and whether it is published. */
interface PlannedPage {
  slug: string;
  title: string;
  body: string;
  status: 'draft' | 'published';
  locale?: string;
}

/** The seed's own headers, naming the scope of a request to {@link seedHandler}. */
const storeHeader = 'x-seed-store';
const platformHeader = 'x-seed-platform';

const cmsStorePermissions = ['cms.view', 'cms.manage'];
const cmsAdminPermissions = ['cms.platform.view', 'cms.platform.manage'];

/** A store's pages: the first three always, the others for some stores; `returns` stays a draft in some. */
function storePages(store: DemoStore): PlannedPage[] {
  const random = seededRandom(`cms-pages:${store.code}`);
  const pages: PlannedPage[] = [
    {
      slug: 'about-us',
      title: `About ${store.name}`,
      body: `# ${store.name}\n\nA shop of **${store.merchantName}**: chosen products, friendly people, quick delivery.`,
      status: 'published',
    },
    {
      slug: 'shipping',
      title: 'Shipping and delivery',
      body: '## Delivery\n\n- Orders before 14:00 leave the same day\n- Free delivery from 50 EUR\n- Pick-up in the shop',
      status: 'published',
    },
    {
      slug: 'returns',
      title: 'Returns',
      body: 'You may return an item within **14 days**. Write to us first; we send you a label.',
      status: random.chance(0.6) ? 'published' : 'draft',
    },
  ];
  if (random.chance(0.5)) {
    pages.push({
      slug: 'ueber-uns',
      title: `Über ${store.name}`,
      body: `# ${store.name}\n\nEin Geschäft von ${store.merchantName}.`,
      status: 'published',
      locale: 'de',
    });
  }
  if (random.chance(0.4))
    pages.push({
      slug: 'summer-sale',
      title: 'Summer sale',
      body: 'Up to **30 %** off: coming soon.',
      status: 'draft',
    });
  return pages;
}

/** A platform's own pages. */
function platformPages(platformName: string): PlannedPage[] {
  return [
    {
      slug: 'terms',
      title: `Terms of ${platformName}`,
      body: '## Terms\n\n1. Sellers ship what they list.\n2. Buyers pay on order.',
      status: 'published',
    },
    {
      slug: 'privacy',
      title: 'Privacy',
      body: 'We keep only what an order needs, for as long as the law asks.',
      status: 'published',
    },
    {
      slug: 'help/selling',
      title: 'Selling on the platform',
      body: '## How to sell\n\nImport your feed, check it, publish.',
      status: 'published',
    },
    { slug: 'seller-fees-2027', title: 'Seller fees from 2027', body: 'Draft: the new fee table.', status: 'draft' },
  ];
}

const themes = ['luxembourg-classic', 'summer-sale', 'minimal-dark'];
const colors = ['#2f5bea', '#e4572e', '#17a398', '#8a4fff', '#f2a541', '#33658a'];

/**
 * Seeds pages, media files and themes for the stores with an active membership (each through
 * its first platform) and pages for every platform, skipping a store or platform that has pages
 * (or media, or a theme) already. Returns how many rows it wrote.
 */
export async function seedCms(
  { orion, log }: SeedContext,
  stores: readonly DemoStore[],
  platforms: readonly { id: number; name: string }[],
): Promise<number> {
  const started = performance.now();
  const call = seedCall(seedHandler(orion));
  let pages = 0;
  let media = 0;
  let themed = 0;

  for (const platform of platforms) {
    const scope = { platform: platform.id };
    if ((await call<{ pages: unknown[] }>(scope, 'GET', '/admin/cms/pages?limit=1')).pages.length > 0) continue;
    for (const page of platformPages(platform.name)) {
      await call(scope, 'POST', '/admin/cms/pages', page);
      pages++;
    }
  }

  const members = stores.filter((store) => store.platformIds.length > 0);
  for (const [index, store] of members.entries()) {
    const scope = { platform: store.platformIds[0]!, store: store.id };
    if ((await call<{ pages: unknown[] }>(scope, 'GET', '/store/cms/pages?limit=1')).pages.length === 0) {
      for (const page of storePages(store)) {
        await call(scope, 'POST', '/store/cms/pages', page);
        pages++;
      }
    }
    const color = colors[index % colors.length]!;
    // Media for the first active stores: a logo, and a banner for every other one.
    let logoId: number | undefined;
    if (store.isActive && index < 8) {
      const existing = await call<{ media: { id: number }[] }>(scope, 'GET', '/store/cms/media?limit=50');
      if (existing.media.length === 0) {
        const uploads = [{ name: 'logo.png', bytes: demoPng(96, 96, color) }];
        if (index % 2 === 0) uploads.push({ name: 'banner.png', bytes: demoPng(480, 120, color) });
        for (const upload of uploads) {
          const file = await call<{ id: number }>(
            scope,
            'POST',
            `/store/cms/media?fileName=${upload.name}`,
            upload.bytes,
          );
          logoId ??= file.id;
          media++;
        }
      } else logoId = existing.media.at(-1)!.id;
    }
    if (store.isActive && index % 3 === 0) {
      const theme = await call<{ themeCode: string }>(scope, 'GET', '/store/cms/theme');
      if (theme.themeCode === 'default') {
        const settings = {
          primaryColor: color,
          accentColor: '#222222',
          ...(logoId === undefined ? {} : { logoMediaId: logoId }),
        };
        await call(scope, 'PUT', '/store/cms/theme', { themeCode: themes[index % themes.length], settings });
        themed++;
      }
    }
  }

  const written = pages + media + themed;
  log(
    written === 0
      ? '  cms: the stores and platforms have their pages already'
      : `  cms: ${pages} pages, ${media} media files, ${themed} themes (${elapsed(started)})`,
  );
  return written;
}

/** Orion's request handler for the seed: the context comes from the seed's own two headers. */
function seedHandler(orion: Orion): FetchHandler {
  return orion.createRequestHandler({
    resolveContext: (request): RequestContext => {
      const platformId = Number(request.headers.get(platformHeader));
      const storeId = request.headers.get(storeHeader);
      if (storeId === null) return { platformId, permissions: cmsAdminPermissions };
      return { platformId, storeId: Number(storeId), permissions: cmsStorePermissions };
    },
  });
}

/** A request to the handler that answers the JSON body of a 2xx answer and throws otherwise. */
function seedCall(handler: FetchHandler) {
  return async <T = unknown>(
    scope: { platform: number; store?: number },
    method: string,
    path: string,
    body?: object | Buffer,
  ): Promise<T> => {
    const headers: Record<string, string> = { [platformHeader]: String(scope.platform) };
    if (scope.store !== undefined) headers[storeHeader] = String(scope.store);
    let payload: BodyInit | undefined;
    if (Buffer.isBuffer(body)) {
      payload = new Uint8Array(body);
      headers['content-type'] = 'application/octet-stream';
      headers['content-length'] = String(body.length);
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const response = await handler(
      new Request(`http://seed.invalid/api/v1${path}`, {
        method,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
      }),
    );
    const text = await response.text();
    if (!response.ok) throw new Error(`the cms seed's ${method} ${path} answered ${response.status}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
}
