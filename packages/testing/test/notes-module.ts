/**
 * A small module for the kit's own tests and README: a `notes` table, a store route to list and
 * write the store's notes, a platform route, and a metrics provider counting notes.
 */
import { activeStoreIdsInPlatform, columnTypes, defineModule, routeResponse, type AnyDatabase } from '@orion/core';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';

export const notesModule = defineModule({
  code: 'notes',
  name: 'Notes',
  version: '1.0.0',
  permissions: [
    { code: 'notes.view', label: 'See notes' },
    { code: 'notes.write', label: 'Write notes' },
  ],
  migrations: {
    notes_001_create_notes: {
      up: async (db: Kysely<AnyDatabase>) => {
        const t = columnTypes(db);
        await db.schema
          .createTable('notes')
          .addColumn('id', 'integer', t.id)
          .addColumn('store_id', 'integer', (column) => column.notNull().references('stores.id'))
          .addColumn('body', 'varchar(500)', (column) => column.notNull())
          .execute();
      },
    },
  },
  routes: {
    store: [
      {
        method: 'GET',
        path: '/',
        permission: 'notes.view',
        handler: async ({ db, context }) => ({
          items: await db
            .selectFrom('notes')
            .select(['id', 'body'])
            .where('store_id', '=', context.storeId!)
            .orderBy('id')
            .execute(),
        }),
      },
      {
        method: 'POST',
        path: '/',
        permission: 'notes.write',
        body: z.object({ body: z.string().min(1).max(500) }).strict(),
        handler: async ({ db, context, body }) => {
          const note = await db
            .insertInto('notes')
            .values({ store_id: context.storeId!, body: body.body })
            .returning(['id', 'body'])
            .executeTakeFirstOrThrow();
          return routeResponse(201, note);
        },
      },
    ],
  },
  metricsProvider: () => ({
    metricsCategory: 'notes',
    async getStoreMetrics(db, storeId) {
      const row = await db
        .selectFrom('notes')
        .select(sql<string | number>`count(*)`.as('count'))
        .where('store_id', '=', storeId)
        .executeTakeFirstOrThrow();
      return [{ key: 'notes.count', value: Number(row.count), label: 'Notes', category: 'notes' }];
    },
    async getPlatformMetrics(db, platformId) {
      const row = await db
        .selectFrom('notes')
        .select(sql<string | number>`count(*)`.as('count'))
        .where('store_id', 'in', activeStoreIdsInPlatform(db, platformId))
        .executeTakeFirstOrThrow();
      return [{ key: 'notes.count', value: Number(row.count), label: 'Notes', category: 'notes' }];
    },
  }),
});
