import { columnTypes, databaseType, defineModule, moduleKit, nowTimestamp, toNumber } from '@orion/contracts';
import { activeStoreIdsInPlatform, callerStoreId, type StoredTimestamp, type TenancyDatabase } from '@orion/tenancy';
import type { Generated } from 'kysely';
import { z } from 'zod';

/** The tables the module reads and writes: its own, and tenancy's. */
export interface OrderNotesDatabase extends TenancyDatabase {
  order_notes: { id: Generated<number>; store_id: number; text: string; created_at: StoredTimestamp };
}

const configSchema = z.object({ maxLength: z.coerce.number().int().positive() });

// types routes, tasks and providers written outside defineModule({...}): db is Kysely<OrderNotesDatabase>
const orderNotes = moduleKit<OrderNotesDatabase, z.output<typeof configSchema>>();

const addNote = orderNotes.route({
  method: 'POST',
  path: '/notes',
  permission: 'order-notes.write',
  body: z.object({ text: z.string().min(1) }),
  handler: async ({ body, context, db, config }) => {
    await db
      .insertInto('order_notes')
      .values({
        store_id: callerStoreId(context, 'order-notes.write'),
        text: body.text.slice(0, config.maxLength),
        created_at: nowTimestamp(),
      })
      .execute();
  },
});

const orderNotesMetricsProvider = orderNotes.metricsProvider({
  metricsCategory: 'order-notes',
  async getStoreMetrics(db, storeId, { dateFrom, dateTo }) {
    const { n } = await db
      .selectFrom('order_notes')
      .where('store_id', '=', storeId)
      .where('created_at', '>=', dateFrom.toISOString())
      .where('created_at', '<', dateTo.toISOString())
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return [{ key: 'order-notes.count', value: toNumber(n), label: 'Notes', category: 'order-notes' }];
  },
  async getPlatformMetrics(db, platformId) {
    // scope to the platform's stores with tenancy's helper: one query, never one per store
    const { n } = await db
      .selectFrom('order_notes')
      .where('store_id', 'in', activeStoreIdsInPlatform(db, platformId))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return [{ key: 'order-notes.count', value: toNumber(n), label: 'Notes', category: 'order-notes' }];
  },
});

export const orderNotesModule = defineModule({
  code: 'order-notes', // kebab-case, unique
  name: 'Order notes',
  version: '1.0.0',
  requires: ['orders'], // installed and enabled first; the cascade follows it
  database: databaseType<OrderNotesDatabase>(), // db is Kysely<OrderNotesDatabase> in hooks too
  permissions: [{ code: 'order-notes.write', label: 'Write order notes' }],
  // ORDER_NOTES_MAX_LENGTH sets maxLength; an empty value counts as unset
  config: { schema: configSchema, envPrefix: 'ORDER_NOTES_', defaults: { maxLength: 500 } },
  migrations: {
    'order-notes_001_create_notes': {
      // <code>_<NNN>_<what>, frozen in time: Kysely<any>
      async up(db) {
        const t = columnTypes(db); // id / timestamp / boolean types for SQLite and PostgreSQL
        await db.schema
          .createTable('order_notes')
          .addColumn('id', 'integer', t.id)
          .addColumn('store_id', 'integer', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('created_at', t.timestamp, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('order_notes_store_created')
          .on('order_notes')
          .columns(['store_id', 'created_at'])
          .execute();
      },
    },
  },
  routes: { store: [addNote] }, // POST /api/v1/store/order-notes/notes
  metricsProvider: () => orderNotesMetricsProvider,
  onEnable: ({ platformId, config, logger }) =>
    logger.info(`notes of up to ${config.maxLength} characters on platform ${platformId}`),
  healthCheck: () => true,
});
