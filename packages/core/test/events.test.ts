import {
  createEventRef,
  defineModule,
  defineRoute,
  defineTask,
  inTransaction,
  type EventRef,
  type ModuleEvent,
  type ModuleEvents,
  type AnyDatabase,
} from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import type { Kysely } from 'kysely';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { recordingLogger, useOrionHosts } from '../../../test/support/orion-host.js';
import type { Orion } from '../src/index.js';
import { memberStore } from '../../../test/support/member-store.js';

interface NoteAdded {
  noteId: number;
  text: string;
}
const noteAdded = createEventRef<NoteAdded>('notes.added');

/** A module that writes notes and publishes `notes.added` after the write commits. */
let notesEvents: ModuleEvents | undefined;
const notesModule = defineModule({
  code: 'notes',
  name: 'Notes',
  version: '1.0.0',
  requires: ['tenancy'],
  migrations: {
    notes_001_create: {
      up: async (db: Kysely<AnyDatabase>) => {
        await db.schema
          .createTable('event_notes')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('text', 'text')
          .execute();
      },
    },
  },
  events: { 'notes.added': z.object({ noteId: z.number().int().positive(), text: z.string().min(1) }) },
  onStartup: ({ events }) => {
    notesEvents = events;
  },
  routes: {
    store: [
      defineRoute({
        method: 'POST',
        path: '/notes',
        body: z.object({ noteId: z.number(), text: z.string() }),
        handler: ({ body, context, events, db }) =>
          inTransaction(db, async (trx) => {
            await trx.insertInto('event_notes').values({ id: body.noteId, text: body.text }).execute();
            events.publish(noteAdded, body, { platformId: context.platformId, transaction: trx });
          }),
      }),
    ],
  },
  tasks: [
    defineTask({
      name: 'announce',
      payload: z.object({ noteId: z.number() }),
      handler: ({ payload, platformId, events }) =>
        events.publish(noteAdded, { noteId: payload.noteId, text: 'from a task' }, { platformId }),
    }),
  ],
});

/** A module that reacts to notes; only where it is enabled. */
const seenByLoyalty: ModuleEvent<NoteAdded>[] = [];
/** What loyalty's declarative subscriber saw: the event's platform and its context's. */
const declared: { eventPlatform: number; contextPlatform: number | undefined; points: number }[] = [];
const loyaltyModule = defineModule({
  code: 'loyalty',
  name: 'Loyalty',
  version: '1.0.0',
  requires: ['notes'],
  config: { schema: z.object({ points: z.coerce.number().default(10) }), envPrefix: 'LOYALTY_' },
  subscribes: {
    'notes.added': (event, { platformId, config }) => {
      declared.push({ eventPlatform: event.platformId, contextPlatform: platformId, points: config.points });
    },
  },
  onStartup: ({ events }) => {
    events.subscribe(noteAdded, (event) => {
      seenByLoyalty.push(event);
    });
  },
});

/** What `run` throws; fails the test when it returns. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function addNote(db: Kysely<AnyDatabase>, events: ModuleEvents, platformId: number, noteId: number, fail = false) {
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto('event_notes')
      .values({ id: noteId, text: `note ${noteId}` })
      .execute();
    events.publish(noteAdded, { noteId, text: `note ${noteId}` }, { platformId, transaction: trx });
    if (fail) throw new Error('rolled back on purpose');
  });
}

describe('module event declarations', () => {
  it('rejects event names outside the module’s own <code>.<name> and the host’s lifecycle names', () => {
    for (const name of ['orders.placed', 'notes', 'notes.Added', 'notes.added!']) {
      expect(() =>
        defineModule({ code: 'notes', name: 'Notes', version: '1.0.0', events: { [name]: z.object({}) } }),
      ).toThrow(expect.objectContaining({ code: 'ORION_ERR_MODULE_DEFINITION_INVALID' }));
    }
    expect(() =>
      defineModule({ code: 'module', name: 'M', version: '1.0.0', events: { 'module.startup': z.object({}) } }),
    ).toThrow(expect.objectContaining({ code: 'ORION_ERR_MODULE_DEFINITION_INVALID' }));
    const ok = defineModule({
      code: 'order-notes',
      name: 'N',
      version: '1.0.0',
      events: { 'order-notes.note_added': z.object({}), 'order-notes.note-removed': z.object({}) },
    });
    expect(Object.keys(ok.events ?? {})).toEqual(['order-notes.note_added', 'order-notes.note-removed']);
  });

  it('types publish and subscribe through refs (checked by tsc)', () => {
    const typed = (events: ModuleEvents) => {
      // @ts-expect-error text must be a string
      events.publish(noteAdded, { noteId: 1, text: 2 }, { platformId: 1 });
      events.subscribe(noteAdded, ({ payload }) => {
        expectTypeOf(payload).toEqualTypeOf<NoteAdded>();
      });
      events.subscribe('notes.added', ({ payload }) => {
        expectTypeOf(payload).toBeUnknown();
      });
      const fromSchema = createEventRef('notes.added', z.object({ noteId: z.number() }));
      expectTypeOf(fromSchema).toEqualTypeOf<EventRef<{ noteId: number }>>();
    };
    expect(typed).toBeTypeOf('function');
  });

  it('rejects an event ref that is not <module code>.<name>', () => {
    expect(() => createEventRef('placed')).toThrow(TypeError);
    for (const name of ['module.startup', 'orders']) {
      expect(() => defineModule({ code: 'x', name: 'X', version: '1.0.0', subscribes: { [name]: () => {} } })).toThrow(
        expect.objectContaining({ code: 'ORION_ERR_MODULE_DEFINITION_INVALID' }),
      );
    }
  });
});

describeEachDatabase('the event bus', (dialect) => {
  const hosts = useOrionHosts(dialect);

  async function start(extra: Parameters<typeof hosts.start>[0] = {}) {
    seenByLoyalty.length = 0;
    declared.length = 0;
    notesEvents = undefined;
    const logger = recordingLogger();
    const orion = await hosts.start({ modules: [notesModule, loyaltyModule], logger, ...extra });
    const tenancy = new TenancyService(orion.db);
    const platformId = (await tenancy.createPlatform({ code: 'main', name: 'Main' })).id;
    return { orion, logger, platformId, events: notesEvents! };
  }

  function collect(orion: Orion) {
    const seen: ModuleEvent<NoteAdded>[] = [];
    orion.events.on(noteAdded, (event) => {
      seen.push(event);
    });
    return seen;
  }

  it('gives start-up hooks an events member and delivers after the transaction commits, with platform, module, name and time', async () => {
    const { orion, platformId, events } = await start();
    expect(events).toBeDefined();
    const seen = collect(orion);
    const rowsWhenDelivered: unknown[] = [];
    orion.events.on('notes.added', async () => {
      rowsWhenDelivered.push(await orion.db.selectFrom('event_notes').select('id').execute());
    });
    const before = Date.now();
    await inTransaction(orion.db, async (trx) => {
      await trx.insertInto('event_notes').values({ id: 1, text: 'note 1' }).execute();
      events.publish(noteAdded, { noteId: 1, text: 'note 1' }, { platformId, transaction: trx });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).toEqual([]); // still inside the transaction
    });
    await orion.events.drain();
    expect(seen).toEqual([
      {
        module: 'notes',
        name: 'notes.added',
        platformId,
        occurredAt: expect.any(String),
        payload: { noteId: 1, text: 'note 1' },
      },
    ]);
    expect(Date.parse(seen[0]!.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(rowsWhenDelivered).toEqual([[{ id: 1 }]]); // the subscriber sees the committed row
    expect(seenByLoyalty.map((event) => event.payload.noteId)).toEqual([1]);
  });

  it('drops the event when the transaction rolls back', async () => {
    const { orion, platformId, events } = await start();
    const seen = collect(orion);
    await expect(addNote(orion.db, events, platformId, 2, true)).rejects.toThrow('rolled back on purpose');
    await addNote(orion.db, events, platformId, 3);
    await orion.events.drain();
    expect(seen.map((event) => event.payload.noteId)).toEqual([3]);
    expect(await orion.db.selectFrom('event_notes').select('id').execute()).toEqual([{ id: 3 }]);
  });

  it('waits for the outermost inTransaction when calls nest', async () => {
    const { orion, platformId, events } = await start();
    const seen = collect(orion);
    await expect(
      inTransaction(orion.db, async (trx) => {
        await addNote(trx, events, platformId, 4); // nested: joins trx
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    await orion.events.drain();
    expect(seen).toEqual([]);
  });

  it('without a transaction delivers after publish returns, never inside the publisher’s stack', async () => {
    const { orion, platformId, events } = await start();
    const seen = collect(orion);
    events.publish('notes.added', { noteId: 5, text: 'five' }, { platformId });
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual([]);
    await orion.events.drain();
    expect(seen.map((event) => event.payload)).toEqual([{ noteId: 5, text: 'five' }]);
  });

  it('validates the payload, and refuses undeclared events, other modules’ events and foreign transactions', async () => {
    const { orion, platformId, events } = await start();
    const seen = collect(orion);
    expect(thrown(() => events.publish('notes.added', { noteId: -1, text: '' }, { platformId }))).toMatchObject({
      code: 'ORION_ERR_VALIDATION',
      details: { subject: 'payload of event "notes.added"' },
    });
    expect(thrown(() => events.publish('notes.removed', {}, { platformId }))).toMatchObject({
      code: 'ORION_ERR_EVENT_UNDECLARED',
      details: { code: 'notes', event: 'notes.removed' },
    });
    expect(
      thrown(() => orion.events.forModule('loyalty').publish(noteAdded, { noteId: 1, text: 'x' }, { platformId })),
    ).toMatchObject({
      code: 'ORION_ERR_EVENT_UNDECLARED',
      details: { code: 'loyalty', event: 'notes.added' },
    });
    expect(thrown(() => events.publish(noteAdded, { noteId: 1, text: 'x' }, { platformId: 0 }))).toMatchObject({
      code: 'ORION_ERR_VALIDATION',
    });
    const foreign = await orion.db
      .transaction()
      .execute((trx) =>
        Promise.resolve(
          thrown(() => events.publish(noteAdded, { noteId: 1, text: 'x' }, { platformId, transaction: trx })),
        ),
      );
    expect(foreign).toMatchObject({ code: 'ORION_ERR_EVENT_TRANSACTION_UNKNOWN' });
    await orion.events.drain();
    expect(seen).toEqual([]);
  });

  it('isolates and logs a failing subscriber', async () => {
    const { orion, platformId, events, logger } = await start();
    orion.events.on(noteAdded, () => {
      throw new Error('subscriber broke');
    });
    orion.events
      .forModule('loyalty')
      .subscribe('notes.added', () => Promise.reject(new Error('async subscriber broke')));
    const seen = collect(orion);
    await addNote(orion.db, events, platformId, 6);
    await orion.events.drain();
    expect(seen.map((event) => event.payload.noteId)).toEqual([6]);
    expect(seenByLoyalty.map((event) => event.payload.noteId)).toEqual([6]);
    const errors = logger.entries.filter((entry) => entry.level === 'error');
    expect(errors.map((entry) => entry.message).sort()).toEqual([
      'Subscriber of notes.added (module "loyalty") failed',
      'Subscriber of notes.added (the app) failed',
    ]);
    expect((errors[0]!.meta!.error as Error).message).toMatch(/subscriber broke/);
  });

  it('lets the app observe module.startup and module.shutdown through createOrion({ subscribe })', async () => {
    const lifecycle: string[] = [];
    const { orion } = await start({
      subscribe: (events) => {
        events.on('module.startup', ({ code }) => {
          lifecycle.push(`startup ${code}`);
        });
        events.on('module.shutdown', ({ code }) => {
          lifecycle.push(`shutdown ${code}`);
        });
      },
    });
    expect(lifecycle).toEqual(['startup tenancy', 'startup notes', 'startup loyalty']);
    await orion.close();
    expect(lifecycle.slice(3)).toEqual(['shutdown loyalty', 'shutdown notes', 'shutdown tenancy']);
  });

  it('calls a module’s subscribers only on platforms where that module is enabled; the app’s on every platform', async () => {
    const { orion, platformId, events } = await start();
    const other = (await new TenancyService(orion.db).createPlatform({ code: 'other', name: 'Other' })).id;
    await orion.modules.disable(other, 'loyalty');
    const seen = collect(orion);
    await addNote(orion.db, events, platformId, 7);
    await addNote(orion.db, events, other, 8);
    await orion.events.drain();
    expect(seen.map((event) => [event.platformId, event.payload.noteId])).toEqual([
      [platformId, 7],
      [other, 8],
    ]);
    expect(seenByLoyalty.map((event) => [event.platformId, event.payload.noteId])).toEqual([[platformId, 7]]);
    expect(declared).toEqual([{ eventPlatform: platformId, contextPlatform: platformId, points: 10 }]);
  });

  it('gives route and task handlers the module’s events', async () => {
    const { orion, platformId } = await start();
    const seen = collect(orion);
    const storeId = await memberStore(orion.db, platformId);
    const handle = orion.createRequestHandler({ resolveContext: () => ({ platformId, storeId, permissions: [] }) });
    const response = await handle(
      new Request('http://localhost/api/v1/store/notes/notes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ noteId: 9, text: 'from a route' }),
      }),
    );
    expect(response.status).toBe(204);
    await orion.tasks.enqueue({ module: 'notes', task: 'announce', platformId, payload: { noteId: 10 } });
    await orion.tasks.runPending();
    await orion.events.drain();
    expect(seen.map((event) => [event.payload.noteId, event.payload.text])).toEqual([
      [9, 'from a route'],
      [10, 'from a task'],
    ]);
  });
});
