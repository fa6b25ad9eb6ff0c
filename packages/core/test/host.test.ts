import { defineModule, type ModuleDefinitionInput, type AnyDatabase } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { sql, type Kysely } from 'kysely';
import { expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { rejectionOf } from '../../../test/support/rejection.js';
import { recordingLogger, useOrionHosts } from '../../../test/support/orion-host.js';

const mod = (code: string, extra: Partial<ModuleDefinitionInput> = {}) =>
  defineModule({ code, name: code, version: '1.0.0', ...extra });

const table = (code: string, name: string) => ({
  up: async (db: Kysely<AnyDatabase>) => {
    await db.schema
      .createTable(name)
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .execute();
  },
});

const inventory = mod('inventory', {
  requires: ['tenancy'],
  migrations: { inventory_001_create: table('inventory', 'inv_items') },
});
const marketplace = mod('marketplace', {
  requires: ['inventory'],
  migrations: { marketplace_001_create: table('marketplace', 'mkt_jobs') },
});
const orders = mod('orders', { requires: ['tenancy'] });
const audit = mod('audit', { isInternal: true });

describeEachDatabase('the host', (dialect) => {
  const hosts = useOrionHosts(dialect);

  async function platform(host: Awaited<ReturnType<typeof hosts.start>>, code = 'main') {
    return (await new TenancyService(host.db).createPlatform({ code, name: code })).id;
  }

  it('runs each module’s migrations once, in dependency order, tracked per module', async () => {
    const host = await hosts.start({ modules: [marketplace, inventory] });
    const tables = await host.db.introspection.getTables();
    const names = tables.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'stores',
        'inv_items',
        'mkt_jobs',
        'orion_module_states',
        'orion_migrations_tenancy',
        'orion_migrations_marketplace',
      ]),
    );
    const again = await host.migrate();
    expect(again.steps).toEqual([]);
    const executed = await host.db.selectFrom('orion_migrations_marketplace').select('name').execute();
    expect(executed).toEqual([{ name: 'marketplace_001_create' }]);
    expect(await host.pendingMigrations()).toEqual([]);
  });

  it('two hosts starting at once on one database both come up, and migrations run once', async () => {
    await hosts.url();
    const [first, second] = await Promise.all([
      hosts.start({ modules: [marketplace, inventory] }),
      hosts.start({ modules: [marketplace, inventory] }),
    ]);
    const rows = await first.db.selectFrom('orion_migrations_inventory').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(second.registry.codes()).toEqual(['tenancy', 'inventory', 'marketplace']);
  });

  it('ORION_ERR_MIGRATION_FAILED names the module and the migration, and stops start-up', async () => {
    const broken = mod('broken', {
      migrations: {
        broken_001_ok: table('broken', 'broken_ok'),
        broken_002_fails: {
          up: async (db: Kysely<AnyDatabase>) => void (await sql`select * from no_such_table`.execute(db)),
        },
      },
    });
    const error = await rejectionOf(hosts.start({ modules: [broken] }));
    expect(error.code).toBe('ORION_ERR_MIGRATION_FAILED');
    expect(error.details).toMatchObject({ code: 'broken', migration: 'broken_002_fails' });
  });

  it('validates the module graph before touching the database', async () => {
    const url = await hosts.url();
    const error = await rejectionOf(hosts.start({ modules: [marketplace], database: url }));
    expect(error.code).toBe('ORION_ERR_MODULE_REQUIREMENT_MISSING');
    const check = await hosts.start({ modules: [] });
    const tables = (await check.db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('mkt_jobs');
  });

  it('enable turns on missing requirements; disable turns off dependents; each is one change', async () => {
    const host = await hosts.start({ modules: [marketplace, inventory, orders], enabledByDefault: false });
    const events: string[] = [];
    host.events.on('module.enabled', ({ code, requestedBy }) => void events.push(`+${code}<${requestedBy}`));
    host.events.on('module.disabled', ({ code }) => void events.push(`-${code}`));
    const p = await platform(host);
    expect(await host.modules.listEnabled(p)).toEqual(['tenancy']);

    const preview = await host.modules.enable(p, 'marketplace', { dryRun: true });
    expect(preview.changed).toEqual(['inventory', 'marketplace']);
    expect(await host.modules.listEnabled(p)).toEqual(['tenancy']);

    const enabled = await host.modules.enable(p, 'marketplace', { userId: 9 });
    expect(enabled.changed).toEqual(['inventory', 'marketplace']);
    expect(await host.modules.listEnabled(p)).toEqual(['tenancy', 'inventory', 'marketplace']);
    expect((await host.modules.enable(p, 'marketplace')).changed).toEqual([]);

    const disabled = await host.modules.disable(p, 'inventory');
    expect(disabled.changed).toEqual(['marketplace', 'inventory']);
    expect(await host.modules.isEnabled(p, 'marketplace')).toBe(false);
    expect((await host.modules.disable(p, 'inventory')).changed).toEqual([]);
    expect(events).toEqual(['+inventory<marketplace', '+marketplace<marketplace', '-marketplace', '-inventory']);

    const rows = await host.db
      .selectFrom('orion_module_states')
      .select(['module_code', 'updated_by'])
      .where('module_code', '=', 'inventory')
      .execute();
    expect(rows).toEqual([{ module_code: 'inventory', updated_by: null }]);
  });

  it('optional modules without a stored state are enabled by default, but never without their requirements', async () => {
    const host = await hosts.start({ modules: [marketplace, inventory, orders, audit] });
    const p = await platform(host);
    expect(await host.modules.listEnabled(p)).toEqual(['tenancy', 'inventory', 'marketplace', 'orders', 'audit']);
    await host.modules.disable(p, 'inventory');
    expect(await host.modules.listEnabled(p)).toEqual(['tenancy', 'orders', 'audit']);
    const other = await platform(host, 'other');
    expect(await host.modules.listEnabled(other)).toHaveLength(5);
  });

  it('core modules can not be disabled; unknown modules and platforms and bad ids get coded errors', async () => {
    const host = await hosts.start({ modules: [orders] });
    const p = await platform(host);
    expect((await rejectionOf(host.modules.disable(p, 'tenancy'))).code).toBe('ORION_ERR_MODULE_ALWAYS_ENABLED');
    expect((await rejectionOf(host.modules.enable(p, 'catalog'))).code).toBe('ORION_ERR_MODULE_NOT_INSTALLED');
    expect((await rejectionOf(host.modules.enable(p + 100, 'orders'))).code).toBe('ORION_ERR_PLATFORM_NOT_FOUND');
    expect((await rejectionOf(host.modules.enable(0, 'orders'))).code).toBe('ORION_ERR_VALIDATION');
    expect((await rejectionOf(host.modules.listEnabled(1.5))).code).toBe('ORION_ERR_VALIDATION');
    expect((await rejectionOf(host.modules.enable(p, 'orders', { userId: -1 }))).code).toBe('ORION_ERR_VALIDATION');
    expect((await host.modules.enable(p, 'tenancy')).changed).toEqual([]);
  });

  it('keeps the state of uninstalled modules and brings it back when they are reinstalled', async () => {
    const url = await hosts.url();
    const first = await hosts.start({ modules: [orders, inventory], database: url });
    const p = await platform(first);
    await first.modules.disable(p, 'orders');
    await first.close();

    const without = await hosts.start({ modules: [inventory], database: url });
    expect(await without.modules.listEnabled(p)).toEqual(['tenancy', 'inventory']);
    await without.modules.disable(p, 'inventory');
    await without.close();

    const again = await hosts.start({ modules: [orders, inventory], database: url });
    expect(await again.modules.listEnabled(p)).toEqual(['tenancy']);
    const rows = await again.db
      .selectFrom('orion_module_states')
      .select('module_code')
      .orderBy('module_code')
      .execute();
    expect(rows.map((row) => row.module_code)).toEqual(['inventory', 'orders']);
  });

  it('runs lifecycle hooks; a failing hook or subscriber is logged and never breaks the caller', async () => {
    const calls: string[] = [];
    const logger = recordingLogger();
    const hooked = mod('hooked', {
      onStartup: () => void calls.push('startup'),
      onEnable: ({ platformId, userId }) => void calls.push(`enable ${platformId} by ${userId}`),
      onDisable: () => {
        throw new Error('disable hook exploded');
      },
      onShutdown: () => void calls.push('shutdown'),
    });
    const host = await hosts.start({ modules: [hooked], logger, enabledByDefault: false });
    host.events.on('module.enabled', () => {
      throw new Error('subscriber exploded');
    });
    const p = await platform(host);
    await host.modules.enable(p, 'hooked', { userId: 3 });
    const result = await host.modules.disable(p, 'hooked');
    expect(result.changed).toEqual(['hooked']);
    expect(result.hookFailures).toEqual([expect.objectContaining({ module: 'hooked', hook: 'onDisable' })]);
    expect(await host.modules.isEnabled(p, 'hooked')).toBe(false);
    await host.close();
    expect(calls).toEqual(['startup', `enable ${p} by 3`, 'shutdown']);
    const logged = logger.entries.filter((entry) => entry.level === 'error').map((entry) => entry.message);
    expect(logged).toEqual(['Subscriber of module.enabled failed', 'onDisable hook of module "hooked" failed']);
  });

  it('module config comes from defaults and prefixed environment variables, with per-platform overrides', async () => {
    const { z } = await import('zod');
    const configured = mod('feeds', {
      config: {
        schema: z.object({ apiTimeout: z.coerce.number().int().positive(), apiUrl: z.string().url() }),
        envPrefix: 'FEEDS_',
        defaults: { apiTimeout: 30 },
      },
    });
    const env = { FEEDS_API_TIMEOUT: '60', FEEDS_API_URL: 'https://feeds.example', OTHER: 'x' };
    const host = await hosts.start({ modules: [configured], env });
    expect(host.config('feeds')).toEqual({ apiTimeout: 60, apiUrl: 'https://feeds.example' });
    const p = await platform(host);
    const changed = vi.fn();
    host.events.on('module.config_changed', changed);
    await host.platformConfig.set(p, 'feeds', { apiTimeout: 90 });
    expect(await host.platformConfig.get(p, 'feeds')).toEqual({ apiTimeout: 90, apiUrl: 'https://feeds.example' });
    expect(changed).toHaveBeenCalledWith(expect.objectContaining({ platformId: p, code: 'feeds' }));
    const badOverride = await rejectionOf(host.platformConfig.set(p, 'feeds', { apiTimeout: -5 }));
    expect(badOverride.code).toBe('ORION_ERR_CONFIG_INVALID');
    expect(badOverride.message).toContain('platform override "apiTimeout"');
    expect((await host.platformConfig.get(p, 'feeds')).apiTimeout).toBe(90);
    // a dry run validates and resolves, and stores and emits nothing
    const dryRun = await host.platformConfig.set(p, 'feeds', { apiTimeout: '45' }, { dryRun: true });
    expect(dryRun).toEqual({ apiTimeout: 45, apiUrl: 'https://feeds.example' });
    expect(await host.platformConfig.getOverrides(p, 'feeds')).toEqual({ apiTimeout: 90 });
    expect(changed).toHaveBeenCalledTimes(1);

    const badEnv = await rejectionOf(
      hosts.start({ modules: [configured], env: { ...env, FEEDS_API_TIMEOUT: 'soon' } }),
    );
    expect(badEnv.code).toBe('ORION_ERR_CONFIG_INVALID');
    expect(badEnv.message).toContain('FEEDS_API_TIMEOUT');
    const missing = await rejectionOf(hosts.start({ modules: [configured], env: {} }));
    expect(missing.message).toContain('FEEDS_API_URL');
  });

  it('health reports the database and each module’s check', async () => {
    const flaky = mod('flaky', { healthCheck: () => ({ status: 'degraded', message: 'feed API slow' }) });
    const slow = mod('slow', { healthCheck: () => new Promise<boolean>(() => {}) });
    const fine = mod('fine', { healthCheck: () => Promise.resolve(true) });
    const host = await hosts.start({ modules: [flaky, fine], healthCheckTimeoutMs: 200 });
    const report = await host.health();
    expect(report.status).toBe('degraded');
    expect(report.database.status).toBe('healthy');
    expect(report.modules.flaky).toMatchObject({ status: 'degraded', message: 'feed API slow' });
    expect(report.modules.fine?.status).toBe('healthy');
    const stuck = await hosts.start({ modules: [slow], healthCheckTimeoutMs: 100 });
    expect((await stuck.health()).modules.slow).toMatchObject({
      status: 'unhealthy',
      message: 'no answer within 100 ms',
    });
    const core = mod('billing', { isCore: true, healthCheck: () => false });
    expect((await (await hosts.start({ modules: [core] })).health()).status).toBe('unhealthy');
  });

  it('services are found by ref without importing the provider, and hidden where it is disabled', async () => {
    const { createServiceRef, provideService } = await import('@orion/contracts');
    const greeterRef = createServiceRef<{ greet(name: string): string }>({ id: 'greeter.greeting' });
    const factory = vi.fn(() => ({ greet: (name: string) => `hello ${name}` }));
    const greeter = mod('greeter', { provides: [provideService(greeterRef, factory)] });
    const host = await hosts.start({ modules: [greeter] });
    const p = await platform(host);
    expect((await host.services.require(greeterRef)).greet('ada')).toBe('hello ada');
    expect(await host.services.get(greeterRef, { platformId: p })).toBeDefined();
    await host.modules.disable(p, 'greeter');
    expect(await host.services.get(greeterRef, { platformId: p })).toBeUndefined();
    expect((await rejectionOf(host.services.require(greeterRef, { platformId: p }))).code).toBe(
      'ORION_ERR_SERVICE_UNAVAILABLE',
    );
    expect(factory).toHaveBeenCalledTimes(1);
  });
});

it('ORION_ERR_DATABASE_INVALID for an unsupported database option, before anything opens', async () => {
  const { createOrion } = await import('../src/index.js');
  const error = await rejectionOf(createOrion({ modules: [], database: 'mysql://root:secret@localhost/x' }));
  expect(error.code).toBe('ORION_ERR_DATABASE_INVALID');
  expect(error.message).not.toContain('secret');
  expect((await rejectionOf(createOrion({ modules: [], database: 'sqlite:' }))).code).toBe(
    'ORION_ERR_DATABASE_INVALID',
  );
});
