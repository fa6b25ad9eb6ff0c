/** A store's theme: the default one without a row, one row per store, settings validated. */
import type { RequestContext } from '@orion/contracts';
import type { TestHost } from '@orion/testing';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { beforeEach, expect, it } from 'vitest';
import { cmsModule, cmsPermissions, defaultThemeCode } from '../src/index.js';

const theme = '/api/v1/store/cms/theme';

describeEachDatabase('cms theme', (dialect) => {
  const hosts = useTestHosts(dialect);
  let host: TestHost;
  let platformId: number;
  let storeId: number;
  let editor: RequestContext;

  beforeEach(async () => {
    host = await hosts.start({ modules: [cmsModule] });
    ({ platformId, storeId } = await host.seedTenancy());
    editor = { platformId, storeId, permissions: [cmsPermissions.view, cmsPermissions.manage] };
  });

  it('answers the default theme until the store chooses one, then keeps one row per store', async () => {
    expect((await host.request('GET', theme, { context: editor })).body).toEqual({
      storeId,
      themeCode: defaultThemeCode,
      settings: {},
      updatedAt: null,
    });

    const settings = {
      primaryColor: '#0a7cff',
      fontFamily: 'Inter',
      custom: { heroStyle: 'wide', columns: 3, dark: true },
    };
    const set = await host.request('PUT', theme, { context: editor, body: { themeCode: 'summer-sale', settings } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ storeId, themeCode: 'summer-sale', settings });
    expect((await host.request('GET', theme, { context: editor })).body).toEqual(set.body);

    await host.request('PUT', theme, { context: editor, body: { themeCode: 'classic' } });
    expect((await host.request('GET', theme, { context: editor })).body).toMatchObject({
      themeCode: 'classic',
      settings: {},
    });
    expect(await host.db.selectFrom('cms_themes').select(['store_id', 'theme_code']).execute()).toEqual([
      { store_id: storeId, theme_code: 'classic' },
    ]);

    const admin = await host.adminDashboard({ platformId });
    expect(admin.values['cms.themed_stores']).toBe(1);
    await host.request('PUT', theme, { context: editor, body: { themeCode: defaultThemeCode } });
    expect((await host.adminDashboard({ platformId })).values['cms.themed_stores']).toBe(0);
  });

  it('refuses invalid codes and settings, and callers without the permission', async () => {
    for (const body of [
      { themeCode: 'Not Kebab' },
      { themeCode: 'classic', settings: { primaryColor: 'red' } },
      { themeCode: 'classic', settings: { unknown: 1 } },
      { themeCode: 'classic', settings: { custom: { nested: { a: 1 } } } },
      { themeCode: 'classic', settings: { logoMediaId: -1 } },
    ]) {
      const refused = await host.request('PUT', theme, { context: editor, body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.code).toBe('ORION_ERR_VALIDATION');
    }
    expect(
      (
        await host.request('PUT', theme, {
          context: { ...editor, permissions: [cmsPermissions.view] },
          body: { themeCode: 'classic' },
        })
      ).status,
    ).toBe(403);
    expect(await host.db.selectFrom('cms_themes').selectAll().execute()).toEqual([]);
  });
});
