/**
 * Type tests of typed modules: `databaseType` and `config.schema` type a module's hooks, and
 * `moduleKit` types the routes, tasks, services and metrics providers written in other files.
 * `tsc` checks this file (the package's tsconfig includes `test/`): every `@ts-expect-error` below
 * must be an error, so a typing that regresses to `any` fails the build.
 */
import type { Kysely } from 'kysely';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { AnyDatabase } from '../src/database/any-database.js';
import { defineRoute } from '../src/http/route-definition.js';
import type { ResolvedMetricsContext } from '../src/metrics/metrics-context.js';
import type { MetricsProviderProtocol } from '../src/metrics/metrics-provider.js';
import type { MetricValue } from '../src/metrics/metric-value.js';
import type { AnyModuleConfig } from '../src/module/any-module-config.js';
import { databaseType } from '../src/module/database-type.js';
import { defineModule } from '../src/module/define-module.js';
import type { ModuleDefinition } from '../src/module/module-definition.js';
import { moduleKit } from '../src/module/module-kit.js';
import { createServiceRef } from '../src/services/service-ref.js';
import { defineTask } from '../src/tasks/task-definition.js';

interface StoresTable {
  id: number;
  name: string;
}
interface NotesTable {
  id: number;
  store_id: number;
  body: string;
}
interface NotesDatabase {
  stores: StoresTable;
  notes: NotesTable;
}
const notesConfigSchema = z.object({ maxLength: z.coerce.number().int() });
type NotesConfig = z.output<typeof notesConfigSchema>;

const notes = moduleKit<NotesDatabase, NotesConfig>();

const listNotes = notes.route({
  method: 'GET',
  path: '/notes',
  query: z.object({ limit: z.coerce.number().int() }),
  handler: ({ db, query, config }) => {
    expectTypeOf(db).toEqualTypeOf<Kysely<NotesDatabase>>();
    expectTypeOf(query).toEqualTypeOf<{ limit: number }>();
    expectTypeOf(config).toEqualTypeOf<NotesConfig>();
    // @ts-expect-error a misspelt column in a route handler's query
    void db.selectFrom('notes').select(['id', 'bodyy']);
    // @ts-expect-error a configuration property the module does not have
    void config.maxLenght;
    return db.selectFrom('notes').select(['id', 'body']).limit(Math.min(query.limit, config.maxLength)).execute();
  },
});

const purgeNotes = notes.task({
  name: 'purge-notes',
  payload: z.object({ storeId: z.number() }),
  handler: async ({ db, payload, config }) => {
    expectTypeOf(db).toEqualTypeOf<Kysely<NotesDatabase>>();
    expectTypeOf(config).toEqualTypeOf<NotesConfig>();
    // @ts-expect-error a misspelt table in a task
    await db.deleteFrom('note').where('store_id', '=', payload.storeId).execute();
    await db.deleteFrom('notes').where('store_id', '=', payload.storeId).execute();
  },
});

const notesMetricsProvider = notes.metricsProvider({
  metricsCategory: 'notes',
  async getStoreMetrics(db, storeId, context) {
    expectTypeOf(db).toEqualTypeOf<Kysely<NotesDatabase>>();
    expectTypeOf(storeId).toEqualTypeOf<number>();
    expectTypeOf(context).toEqualTypeOf<ResolvedMetricsContext>();
    // @ts-expect-error a misspelt table in a metrics provider
    void db.selectFrom('notez');
    const row = await db
      .selectFrom('notes')
      .where('store_id', '=', storeId)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return [{ key: 'notes.count', value: Number(row.n), label: 'Notes', category: 'notes' }];
  },
  getPlatformMetrics: () => [],
});

/** A class provider: possible, with its parameter types written out. */
class NotesClassMetricsProvider implements MetricsProviderProtocol<NotesDatabase> {
  readonly metricsCategory = 'notes';
  async getStoreMetrics(db: Kysely<NotesDatabase>, storeId: number): Promise<MetricValue[]> {
    await db.selectFrom('notes').select('id').where('store_id', '=', storeId).execute();
    return [];
  }
  getPlatformMetrics(): MetricValue[] {
    return [];
  }
}

const noteCounterRef = createServiceRef<{ count(storeId: number): Promise<number> }>({ id: 'notes.counter' });

const notesModule = defineModule({
  code: 'notes',
  name: 'Notes',
  version: '1.0.0',
  database: databaseType<NotesDatabase>(),
  config: { schema: notesConfigSchema, envPrefix: 'NOTES_', defaults: { maxLength: 500 } },
  routes: notes.routes({ store: [listNotes] }),
  tasks: [purgeNotes],
  provides: [
    notes.provideService(noteCounterRef, ({ db }) => ({
      count: async (storeId) => {
        expectTypeOf(db).toEqualTypeOf<Kysely<NotesDatabase>>();
        const rows = await db.selectFrom('notes').select('id').where('store_id', '=', storeId).execute();
        return rows.length;
      },
    })),
  ],
  metricsProvider: () => notesMetricsProvider,
  onStartup: async ({ db, config }) => {
    expectTypeOf(db).toEqualTypeOf<Kysely<NotesDatabase>>();
    expectTypeOf(config).toEqualTypeOf<NotesConfig>();
    // @ts-expect-error a misspelt table in a lifecycle hook
    await db.selectFrom('notess').selectAll().execute();
    // @ts-expect-error a configuration property the module does not have
    void config.maxLenght;
  },
});

describe('typed modules', () => {
  it('infers the database and configuration types from database and config', () => {
    expectTypeOf(notesModule).toEqualTypeOf<ModuleDefinition<NotesConfig, NotesDatabase>>();
    expect(notesModule.database).toEqual({ $$type: '@orion/DatabaseType' });
    expect(Object.isFrozen(notesModule.database)).toBe(true);
  });

  it('lets the host hold a typed module as ModuleDefinition<any, any>', () => {
    const modules: ModuleDefinition[] = [notesModule];
    expect(modules[0]?.code).toBe('notes');
  });

  it('keeps the kit an identity: it returns what it is given', () => {
    const route = { method: 'GET' as const, path: '/', handler: () => null };
    expect(notes.route(route)).toBe(route);
    expect(notes.metricsProvider(notesMetricsProvider)).toBe(notesMetricsProvider);
    expect(new NotesClassMetricsProvider().metricsCategory).toBe('notes');
  });

  it('rejects parts typed for another database in a typed module', () => {
    interface OtherDatabase {
      others: { id: number };
    }
    const other = moduleKit<OtherDatabase>();
    const otherRoute = other.route({
      method: 'GET',
      path: '/',
      handler: ({ db }) => db.selectFrom('others').selectAll().execute(),
    });
    const otherProvider = other.metricsProvider({
      metricsCategory: 'other',
      getStoreMetrics: () => [],
      getPlatformMetrics: () => [],
    });
    expectTypeOf(otherProvider).toExtend<MetricsProviderProtocol<OtherDatabase>>();
    const build = () =>
      defineModule({
        code: 'notes',
        name: 'Notes',
        version: '1.0.0',
        database: databaseType<NotesDatabase>(),
        // @ts-expect-error a route written for another database
        routes: { store: [otherRoute] },
      });
    expect(build().routes.store).toHaveLength(1);
  });

  it('keeps everything Kysely<any> without a declared database', () => {
    const untyped = defineModule({
      code: 'scratch',
      name: 'Scratch',
      version: '1.0.0',
      routes: {
        store: [
          defineRoute({
            method: 'GET',
            path: '/',
            handler: ({ db, config }) =>
              db
                .selectFrom('anything')
                .selectAll()
                .execute()
                .then(() => config.whatever),
          }),
        ],
      },
      tasks: [
        defineTask({
          name: 'scratch',
          payload: z.object({}),
          handler: ({ db }) => db.selectFrom('whatever').selectAll().execute(),
        }),
      ],
      onStartup: ({ db }) => {
        expectTypeOf(db).toEqualTypeOf<Kysely<AnyDatabase>>();
      },
    });
    expectTypeOf<AnyDatabase>().toBeAny();
    expectTypeOf<AnyModuleConfig>().toBeAny();
    expectTypeOf(untyped).toEqualTypeOf<ModuleDefinition<AnyModuleConfig, AnyDatabase>>();
    moduleKit().route({
      method: 'GET',
      path: '/',
      handler: ({ db, config }) =>
        expectTypeOf({ db, config }).toEqualTypeOf<{ db: Kysely<AnyDatabase>; config: AnyModuleConfig }>(),
    });
    expect('database' in untyped).toBe(false);
  });

  it('accepts untyped routes and tasks in a typed module', () => {
    const mixed = defineModule({
      code: 'mixed',
      name: 'Mixed',
      version: '1.0.0',
      database: databaseType<NotesDatabase>(),
      routes: { store: [defineRoute({ method: 'GET', path: '/', handler: () => null })] },
      tasks: [defineTask({ name: 'noop', payload: z.object({}), handler: () => undefined })],
    });
    expectTypeOf(mixed).toEqualTypeOf<ModuleDefinition<AnyModuleConfig, NotesDatabase>>();
  });
});
