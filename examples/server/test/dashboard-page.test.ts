/// <reference lib="dom" />
/**
 * The dashboard page in a real headless Chromium, against the real demo server (`src/main.ts`)
 * on a small seeded database: the store view and the admin view, a period change, a module
 * switched off with its dependents, and back on. Screenshots go to a temporary folder, or with
 * UPDATE_SCREENSHOTS=1 (on the full-size demo) to examples/server/screenshots/, the ones the README shows.
 */
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, launchBrowser } from '../../../test/support/browser.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/support/databases.js';
import { startDemo, type RunningDemo } from './demo-process.js';

const updating = process.env.UPDATE_SCREENSHOTS === '1';
/** The README's screenshots show the full demo; the test itself runs on a twentieth of it. */
const scale = updating ? 1 : 0.05;
const screenshots = updating
  ? join(import.meta.dirname, '..', 'screenshots')
  : mkdtempSync(join(tmpdir(), 'orion-screenshots-'));

for (const dialect of testDialects()) {
  describeWithBrowser(`the dashboard page in Chromium [${dialect}]`, () => {
    let database: TestDatabase;
    let demo: RunningDemo;
    let browser: Browser;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      demo = await startDemo({ databaseUrl: database.url, scale });
      browser = await launchBrowser();
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await demo?.stop();
      await database?.drop();
    });

    /** Opens the page as a browser asking for `locale`, signed in with `token`, and waits for the first render. */
    async function open(token: string, locale: string): Promise<Page> {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${demo.url}#token=${token}`);
      await page.waitForSelector('body[data-ready]');
      expect(problems).toEqual([]);
      return page;
    }

    /** Waits for the render after an action (the page stamps `data-ready` after each one). */
    async function rerendered(page: Page, action: () => Promise<unknown>): Promise<void> {
      const before = await page.getAttribute('body', 'data-ready');
      await action();
      await page.waitForFunction((previous) => document.body.dataset.ready !== previous, before);
    }

    const categories = (page: Page) =>
      page.$$eval('[data-category]', (sections) => sections.map((s) => (s as HTMLElement).dataset.category));

    it('shows the store view in the browser’s language, with cards, trends and a chart, and follows the period', async () => {
      const page = await open(demo.storeToken, 'de-DE');
      expect(await page.textContent('[data-testid="title"]')).toContain('Shop-Dashboard');
      expect(await categories(page)).toEqual(
        expect.arrayContaining(['orders', 'catalog', 'inventory', 'customers', 'cms']),
      );
      // The two core modules' cards: the page's German headings, the modules' German labels.
      expect(await page.textContent('[data-category="customers"] h2')).toBe('Kunden');
      expect(await page.textContent('[data-category="cms"] h2')).toBe('Inhalte');
      // The cards say what the API says, formatted for German.
      const api = await demo.get(
        `/api/v1/platforms/${demo.storePlatformId}/stores/${demo.storeId}/dashboard?period=30d&includeTrends=true&locale=de`,
        demo.storeToken,
      );
      const count = api.categories.orders.find((metric: { key: string }) => metric.key === 'orders.count');
      expect(await page.textContent('[data-metric="orders.count"] [data-testid="value"]')).toBe(
        new Intl.NumberFormat('de').format(count.value),
      );
      expect(await page.textContent('[data-metric="orders.count"] .label')).toBe(count.label);
      for (const key of ['customers.active', 'customers.returning', 'cms.pages', 'cms.media_bytes']) {
        const metric = [...api.categories.customers, ...api.categories.cms].find(
          (candidate: { key: string }) => candidate.key === key,
        );
        expect(await page.textContent(`[data-metric="${key}"] .label`)).toBe(metric.label);
      }
      expect(await page.textContent('[data-metric="customers.active"] .label')).toBe('Aktive Kunden');
      const activeCustomers = api.categories.customers.find(
        (metric: { key: string }) => metric.key === 'customers.active',
      );
      expect(activeCustomers.value).toBeGreaterThan(0);
      expect(await page.textContent('[data-metric="customers.active"] [data-testid="value"]')).toBe(
        new Intl.NumberFormat('de').format(activeCustomers.value),
      );
      expect(await page.$$('[data-testid="trend"]')).not.toHaveLength(0);
      expect(await page.isVisible('[data-testid="chart-panel"]')).toBe(true);
      const points = Number(await page.getAttribute('[data-testid="chart"]', 'data-points'));
      expect(points).toBeGreaterThanOrEqual(30);
      await page.screenshot({ path: join(screenshots, 'store-dashboard-de.png'), fullPage: true });

      const window30 = await page.textContent('[data-testid="window"]');
      await rerendered(page, () => page.selectOption('[data-testid="period"]', '7d'));
      expect(Number(await page.getAttribute('[data-testid="chart"]', 'data-points'))).toBeLessThanOrEqual(8);
      expect(await page.textContent('[data-testid="window"]')).not.toBe(window30);
      const week = await demo.get(
        `/api/v1/platforms/${demo.storePlatformId}/stores/${demo.storeId}/dashboard?period=7d&locale=de`,
        demo.storeToken,
      );
      const weekCount = week.categories.orders.find((metric: { key: string }) => metric.key === 'orders.count');
      expect(await page.textContent('[data-metric="orders.count"] [data-testid="value"]')).toBe(
        new Intl.NumberFormat('de').format(weekCount.value),
      );
      await page.context().close();
    });

    it('shows the admin view, and switching a module off removes its cards and its dependents’ after a preview', async () => {
      const page = await open(demo.adminToken, 'en-US');
      expect(await page.textContent('[data-testid="title"]')).toContain('Platform dashboard');
      expect(await page.isVisible('[data-testid="modules-panel"]')).toBe(true);
      expect(await categories(page)).toEqual(
        expect.arrayContaining(['tenancy', 'orders', 'catalog', 'inventory', 'marketplace', 'customers', 'cms']),
      );
      expect(await page.textContent('[data-category="customers"] h2')).toBe('Customers');
      expect(await page.textContent('[data-category="cms"] h2')).toBe('Content');
      expect(await page.textContent('[data-metric="customers.returning"] .label')).toBe('Returning customers');
      expect(await page.textContent('[data-metric="cms.themed_stores"] .label')).toBe('Themed stores');
      // Media storage is shown in bytes' units, not as a bare number.
      expect(await page.textContent('[data-metric="cms.media_bytes"] [data-testid="value"]')).toMatch(
        /\d (byte|kB|MB)$/,
      );
      await page.screenshot({ path: join(screenshots, 'admin-dashboard-en.png'), fullPage: true });

      // Switching inventory off previews the cascade (marketplace requires inventory) and applies nothing yet.
      await page.click('[data-testid="toggle-inventory"]');
      await page.waitForSelector('[data-testid="cascade"][open]');
      expect(
        await page.$$eval('[data-testid="cascade-list"] li', (items) => items.map((item) => item.textContent)),
      ).toEqual(expect.arrayContaining(['inventory', 'marketplace']));
      await page.screenshot({ path: join(screenshots, 'admin-cascade-preview-en.png') });
      await page.click('[data-testid="cascade-cancel"]');
      // The dialog's close event (and so the switch's reset) comes in a later task than the click.
      await page.waitForSelector('[data-testid="cascade"][open]', { state: 'detached' });
      await page.waitForFunction(
        () => document.querySelector<HTMLInputElement>('[data-testid="toggle-inventory"]')?.checked === true,
        undefined,
        { timeout: 5_000 },
      );
      expect(await page.isChecked('[data-testid="toggle-inventory"]')).toBe(true);
      expect(await categories(page)).toEqual(expect.arrayContaining(['inventory', 'marketplace']));

      await page.click('[data-testid="toggle-inventory"]');
      await page.waitForSelector('[data-testid="cascade"][open]');
      await rerendered(page, () => page.click('[data-testid="cascade-apply"]'));
      const without = await categories(page);
      expect(without).not.toContain('inventory');
      expect(without).not.toContain('marketplace');
      expect(without).toEqual(expect.arrayContaining(['tenancy', 'orders', 'catalog']));
      expect(await page.isChecked('[data-testid="toggle-marketplace"]')).toBe(false);

      // Switching marketplace back on brings its requirement with it.
      await page.click('[data-testid="toggle-marketplace"]');
      await page.waitForSelector('[data-testid="cascade"][open]');
      expect(
        await page.$$eval('[data-testid="cascade-list"] li', (items) => items.map((item) => item.textContent)),
      ).toEqual(expect.arrayContaining(['inventory', 'marketplace']));
      await rerendered(page, () => page.click('[data-testid="cascade-apply"]'));
      expect(await categories(page)).toEqual(expect.arrayContaining(['inventory', 'marketplace']));
      expect(await page.isChecked('[data-testid="toggle-inventory"]')).toBe(true);
      await page.context().close();

      for (const name of ['store-dashboard-de.png', 'admin-dashboard-en.png', 'admin-cascade-preview-en.png']) {
        expect(statSync(join(screenshots, name)).size).toBeGreaterThan(10_000);
      }
    });
  });
}

mkdirSync(screenshots, { recursive: true });
