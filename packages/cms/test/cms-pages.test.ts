/** The page routes of the store, admin and storefront frontends, on SQLite and PostgreSQL. */
import type { RequestContext } from '@orion/contracts';
import type { TestHost } from '@orion/testing';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { beforeEach, expect, it } from 'vitest';
import { cmsModule, cmsPagePublishedEventRef, cmsPermissions } from '../src/index.js';

const storePages = '/api/v1/store/cms/pages';
const adminPages = '/api/v1/admin/cms/pages';

describeEachDatabase('cms pages', (dialect) => {
  const hosts = useTestHosts(dialect);
  let host: TestHost;
  let platformId: number;
  let storeId: number;
  let editor: RequestContext;
  let operator: RequestContext;

  beforeEach(async () => {
    host = await hosts.start({ modules: [cmsModule] });
    ({ platformId, storeId } = await host.seedTenancy());
    editor = { platformId, storeId, permissions: [cmsPermissions.view, cmsPermissions.manage] };
    operator = { platformId, permissions: [cmsPermissions.platformView, cmsPermissions.platformManage] };
  });

  const create = (context: RequestContext, body: Record<string, unknown>, path = storePages) =>
    host.request('POST', path, { context, body });

  it('creates a draft page with its Markdown rendered and sanitised, then publishes and unpublishes it', async () => {
    const created = await create(editor, {
      slug: ' About-Us ',
      title: 'About us',
      body: '# Who we are\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2)) <b onclick="alert(3)">bold</b>',
      locale: 'de',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      storeId,
      platformId: null,
      slug: 'about-us',
      status: 'draft',
      publishedAt: null,
      locale: 'de',
    });
    expect(created.body.bodyHtml).toContain('<h1>Who we are</h1>');
    expect(created.body.bodyHtml).toContain('<b>bold</b>');
    expect(created.body.bodyHtml).not.toMatch(/script|alert|onclick|javascript/);
    expect(created.body.bodyHtml).toContain('<a rel="noopener noreferrer">x</a>');

    const published = await host.request('POST', `${storePages}/${created.body.id}/publish`, { context: editor });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(Date.parse(published.body.publishedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.createdAt));

    const storefront = await host.request('GET', '/api/v1/storefront/cms/page?slug=about-us', {
      context: { platformId, storeId, permissions: [] },
    });
    expect(storefront.status).toBe(200);
    expect(storefront.body.id).toBe(created.body.id);

    const draft = await host.request('POST', `${storePages}/${created.body.id}/unpublish`, { context: editor });
    expect(draft.body).toMatchObject({ status: 'draft', publishedAt: published.body.publishedAt });
    expect(
      (
        await host.request('GET', '/api/v1/storefront/cms/page?slug=about-us', {
          context: { platformId, storeId, permissions: [] },
        })
      ).status,
    ).toBe(404);
  });

  it('publishes cms.page_published when a page is published, never for a draft', async () => {
    const seen: unknown[] = [];
    host.orion.events.on(cmsPagePublishedEventRef, ({ platformId: on, payload }) => void seen.push({ on, ...payload }));
    const draft = await create(editor, { slug: 'draft', title: 'Draft', body: '' });
    const live = await create(
      operator,
      { slug: 'live', title: 'Live', body: '', status: 'published', locale: 'fr' },
      adminPages,
    );
    await host.request('POST', `${storePages}/${draft.body.id}/publish`, { context: editor });
    await host.orion.events.drain();
    expect(seen).toEqual([
      { on: platformId, pageId: live.body.id, storeId: null, platformId, slug: 'live', locale: 'fr' },
      { on: platformId, pageId: draft.body.id, storeId, platformId: null, slug: 'draft', locale: 'en' },
    ]);
  });

  it('updates, lists by filter and deletes pages', async () => {
    const a = await create(editor, { slug: 'a', title: 'A', body: 'a', status: 'published' });
    expect(a.body.publishedAt).toBe(a.body.createdAt);
    const b = await create(editor, { slug: 'b', title: 'B', body: 'b', locale: 'fr' });
    const changed = await host.request('PATCH', `${storePages}/${b.body.id}`, {
      context: editor,
      body: { title: 'Bee', body: '*bee*' },
    });
    expect(changed.body).toMatchObject({ title: 'Bee', body: '*bee*', bodyHtml: '<p><em>bee</em></p>\n', slug: 'b' });
    expect((await host.request('PATCH', `${storePages}/${b.body.id}`, { context: editor, body: {} })).status).toBe(400);

    const slugs = async (query = '') =>
      (await host.request('GET', `${storePages}${query}`, { context: editor })).body.pages.map(
        (p: { slug: string }) => p.slug,
      );
    expect(await slugs()).toEqual(['a', 'b']);
    expect(await slugs('?status=published')).toEqual(['a']);
    expect(await slugs('?locale=fr')).toEqual(['b']);
    expect(await slugs('?limit=1&offset=1')).toEqual(['b']);

    expect((await host.request('DELETE', `${storePages}/${a.body.id}`, { context: editor })).status).toBe(204);
    expect(await slugs()).toEqual(['b']);
    const gone = await host.request('GET', `${storePages}/${a.body.id}`, { context: { ...editor, locale: 'fr' } });
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({
      code: 'CMS_ERR_PAGE_NOT_FOUND',
      message: `La page ${a.body.id} est introuvable.`,
    });
  });

  it('keeps slugs unique per scope: per store, per platform, and a store page never collides with a platform page', async () => {
    const other = await host.seedTenancy({ platformId });
    const neighbour = { ...editor, storeId: other.storeId };
    expect((await create(editor, { slug: 'faq', title: 'FAQ', body: '' })).status).toBe(201);
    expect((await create(neighbour, { slug: 'faq', title: 'FAQ', body: '' })).status).toBe(201);
    expect((await create(operator, { slug: 'faq', title: 'FAQ', body: '' }, adminPages)).status).toBe(201);

    const taken = await create(editor, { slug: 'faq', title: 'Again', body: '' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'CMS_ERR_SLUG_TAKEN', details: { slug: 'faq' } });
    expect((await create(operator, { slug: 'faq', title: 'Again', body: '' }, adminPages)).status).toBe(409);
    const second = await create(editor, { slug: 'help', title: 'Help', body: '' });
    expect(
      (await host.request('PATCH', `${storePages}/${second.body.id}`, { context: editor, body: { slug: 'faq' } }))
        .status,
    ).toBe(409);

    const otherPlatform = await host.seedTenancy();
    const otherOperator = { ...operator, platformId: otherPlatform.platformId };
    expect((await create(otherOperator, { slug: 'faq', title: 'FAQ', body: '' }, adminPages)).status).toBe(201);
    expect(
      await host.db
        .selectFrom('cms_pages')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: dialect === 'postgres' ? '5' : 5 });
  });

  it('keeps each store’s and platform’s pages to themselves', async () => {
    const page = await create(editor, { slug: 'ours', title: 'Ours', body: '' });
    const other = await host.seedTenancy({ platformId });
    const neighbour = { ...editor, storeId: other.storeId };
    expect((await host.request('GET', storePages, { context: neighbour })).body).toEqual({ pages: [] });
    expect((await host.request('GET', `${storePages}/${page.body.id}`, { context: neighbour })).status).toBe(404);
    expect(
      (await host.request('PATCH', `${storePages}/${page.body.id}`, { context: neighbour, body: { title: 'Theirs' } }))
        .status,
    ).toBe(404);
    expect((await host.request('DELETE', `${storePages}/${page.body.id}`, { context: neighbour })).status).toBe(404);
    // the platform's own pages are not the store's
    expect((await host.request('GET', adminPages, { context: operator })).body).toEqual({ pages: [] });
    expect((await host.request('GET', `${adminPages}/${page.body.id}`, { context: operator })).status).toBe(404);
  });

  it('serves platform pages on the admin frontend and lists a platform store’s pages there', async () => {
    const platformPage = await create(
      operator,
      { slug: 'terms', title: 'Terms', body: 'Be nice.', status: 'published' },
      adminPages,
    );
    expect(platformPage.body).toMatchObject({ storeId: null, platformId, status: 'published' });
    const storefront = await host.request('GET', '/api/v1/storefront/cms/platform-page?slug=terms', {
      context: { platformId, permissions: [] },
    });
    expect(storefront.body.id).toBe(platformPage.body.id);

    await create(editor, { slug: 'store-page', title: 'Store page', body: '' });
    const listed = await host.request('GET', `/api/v1/admin/cms/stores/${storeId}/pages`, { context: operator });
    expect(listed.body.pages.map((p: { slug: string }) => p.slug)).toEqual(['store-page']);

    const elsewhere = await host.seedTenancy();
    expect(
      (await host.request('GET', `/api/v1/admin/cms/stores/${elsewhere.storeId}/pages`, { context: operator })).status,
    ).toBe(404);
  });

  it('refuses callers without the permission and invalid input', async () => {
    expect((await host.request('GET', storePages, { context: { ...editor, permissions: [] } })).status).toBe(403);
    expect(
      (await create({ ...editor, permissions: [cmsPermissions.view] }, { slug: 'x', title: 'X', body: '' })).status,
    ).toBe(403);
    expect((await host.request('GET', adminPages, { context: editor })).status).toBe(403);
    expect((await create(editor, { slug: '../etc', title: 'X', body: '' })).status).toBe(400);
    expect((await create(editor, { slug: 'x', title: '', body: '' })).status).toBe(400);
    expect((await create(editor, { slug: 'x', title: 'X', body: '', status: 'archived' })).status).toBe(400);
    expect((await create(editor, { slug: 'x', title: 'X', body: '', extra: 1 })).status).toBe(400);
  });

  it('lists its menu items by frontend and permission, translated', async () => {
    const store = await host.orion.menu({
      platformId,
      frontend: 'store',
      permissions: [cmsPermissions.view],
      locale: 'de',
    });
    expect(store.filter((item) => item.module === 'cms').map((item) => [item.id, item.label])).toEqual([
      ['cms.pages', 'Seiten'],
      ['cms.media', 'Medien'],
      ['cms.theme', 'Design'],
    ]);
    const admin = await host.orion.menu({ platformId, frontend: 'admin', permissions: [cmsPermissions.platformView] });
    expect(admin.filter((item) => item.module === 'cms').map((item) => item.id)).toEqual(['cms.platform-pages']);
    expect(
      (await host.orion.menu({ platformId, frontend: 'store', permissions: [] })).some((item) => item.module === 'cms'),
    ).toBe(false);
  });
});
