import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { defineErrors, defineModule, defineRoute, OrionError, type RequestContext } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { recordingLogger, useOrionHosts } from '../../../test/support/orion-host.js';
import type { Orion } from '../src/index.js';
import { memberStore } from '../../../test/support/member-store.js';

/** A module's own error codes, as a module outside this repository would write them. */
const orderNotesErrors = defineErrors({
  ORDER_NOTES_ERR_TOO_LONG: {
    message: 'A note has at most {max} characters; this one has {length}.',
    status: 422,
    messages: {
      de: 'Eine Notiz hat höchstens {max} Zeichen; diese hat {length}.',
      fr: 'Une note a au plus {max} caractères ; celle-ci en a {length}.',
      lb: 'Eng Notiz huet héchstens {max} Zeechen; dës huet {length}.',
    },
  },
  ORDER_NOTES_ERR_LOCKED: { message: 'The notes of order {orderId} are locked.', status: 409 },
  ORDER_NOTES_ERR_ARCHIVE_DOWN: {
    message: 'The notes archive does not answer.',
    status: 503,
    messages: {
      de: 'Das Notizarchiv antwortet nicht.',
      fr: 'L’archive des notes ne répond pas.',
      lb: 'D’Notizenarchiv äntwert net.',
    },
  },
  ORDER_NOTES_ERR_ARCHIVE_BROKEN: { message: 'The notes archive answered {answer}.', status: 502 },
});

const throwing = (path: string, error: () => Error) =>
  defineRoute({
    method: 'GET',
    path,
    handler: () => {
      throw error();
    },
  });

const orderNotes = defineModule({
  code: 'order-notes',
  name: 'Order notes',
  version: '1.0.0',
  errors: orderNotesErrors,
  routes: {
    store: [
      throwing('/too-long', () => orderNotesErrors.create('ORDER_NOTES_ERR_TOO_LONG', { max: 500, length: 612 })),
      throwing('/locked', () => orderNotesErrors.create('ORDER_NOTES_ERR_LOCKED', { orderId: 7 })),
      throwing('/archive-down', () => orderNotesErrors.create('ORDER_NOTES_ERR_ARCHIVE_DOWN')),
      throwing('/archive-broken', () =>
        orderNotesErrors.create('ORDER_NOTES_ERR_ARCHIVE_BROKEN', { answer: 'secret 42' }),
      ),
      throwing('/undeclared', () => new OrionError('ORDER_NOTES_ERR_UNDECLARED', { orderId: 7 })),
      throwing('/host-code', () => new OrionError('ORION_ERR_NOT_FOUND', { entity: 'Note', id: 9 })),
    ],
  },
});

/** The app's authentication: the platform from a header, the locale from `?locale=` or Accept-Language. */
function resolveContext(request: Request): RequestContext {
  const url = new URL(request.url);
  return {
    platformId: Number(request.headers.get('x-platform')),
    storeId: 1,
    permissions: [],
    locale: url.searchParams.get('locale') ?? request.headers.get('accept-language')?.split(',')[0] ?? undefined,
  };
}

interface Body {
  error: { code: string; message: string; details?: Record<string, unknown>; correlationId?: string };
}

describeEachDatabase('module error codes over HTTP', (dialect) => {
  const hosts = useOrionHosts(dialect);
  let orion: Orion;
  let logger: ReturnType<typeof recordingLogger>;
  let platformId: number;
  let url: string;
  let close: () => Promise<void>;

  beforeEach(async () => {
    logger = recordingLogger();
    orion = await hosts.start({ modules: [orderNotes], logger });
    platformId = (await new TenancyService(orion.db).createPlatform({ code: 'on', name: 'On' })).id;
    await memberStore(orion.db, platformId); // store 1, the contexts' store
    const server = serve({ fetch: orion.createRequestHandler({ resolveContext }), port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/store/order-notes`;
    close = () => new Promise((done) => server.close(() => done()));
  });
  afterEach(() => close());

  const call = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, { headers: { 'x-platform': String(platformId), ...headers } });
    return { status: response.status, body: (await response.json()) as Body, headers: response.headers };
  };

  it('a module’s 4xx code answers its declared status, its code, its details and the German message', async () => {
    const german = await call('/too-long?locale=de');
    expect(german.status).toBe(422);
    expect(german.body).toEqual({
      error: {
        code: 'ORDER_NOTES_ERR_TOO_LONG',
        message: 'Eine Notiz hat höchstens 500 Zeichen; diese hat 612.',
        details: { max: 500, length: 612 },
      },
    });
    const french = await call('/too-long', { 'accept-language': 'fr-LU,fr;q=0.9' });
    expect(french.body.error.message).toBe('Une note a au plus 500 caractères ; celle-ci en a 612.');
    const english = await call('/too-long');
    expect(english.body.error.message).toBe('A note has at most 500 characters; this one has 612.');
  });

  it('a code without a translation answers in English', async () => {
    const locked = await call('/locked?locale=de');
    expect(locked.status).toBe(409);
    expect(locked.body).toEqual({
      error: { code: 'ORDER_NOTES_ERR_LOCKED', message: 'The notes of order 7 are locked.', details: { orderId: 7 } },
    });
  });

  it('a module’s 5xx codes answer like the host’s server errors', async () => {
    const down = await call('/archive-down', { 'accept-language': 'lb' });
    expect(down.status).toBe(503);
    expect(down.body).toEqual({
      error: { code: 'ORDER_NOTES_ERR_ARCHIVE_DOWN', message: 'D’Notizenarchiv äntwert net.' },
    });

    const broken = await call('/archive-broken?locale=de');
    expect(broken.status).toBe(502);
    expect(broken.body.error.code).toBe('ORION_ERR_INTERNAL');
    expect(JSON.stringify(broken.body)).not.toContain('secret');
    expect(broken.headers.get('x-correlation-id')).toBe(broken.body.error.correlationId);
    const logged = logger.entries.find((entry) => entry.meta?.correlationId === broken.body.error.correlationId);
    expect((logged?.meta?.error as OrionError).code).toBe('ORDER_NOTES_ERR_ARCHIVE_BROKEN');
  });

  it('a code no installed module declares answers 500, without a TypeError', async () => {
    const undeclared = await call('/undeclared?locale=de');
    expect(undeclared.status).toBe(500);
    expect(undeclared.body.error.code).toBe('ORION_ERR_INTERNAL');
    const logged = logger.entries.find((entry) => entry.meta?.correlationId === undeclared.body.error.correlationId);
    expect((logged?.meta?.error as Error).message).toBe('ORDER_NOTES_ERR_UNDECLARED (orderId: 7)');
  });

  it('the host’s codes answer as before, and the translator knows the module’s codes', async () => {
    const hostCode = await call('/host-code?locale=de');
    expect(hostCode.status).toBe(404);
    expect(hostCode.body.error).toMatchObject({ code: 'ORION_ERR_NOT_FOUND', message: 'Note 9 existiert nicht.' });
    expect(orion.translator.error('fr', 'ORDER_NOTES_ERR_ARCHIVE_DOWN', {}, 'fallback')).toBe(
      'L’archive des notes ne répond pas.',
    );
    expect(orion.translator.errorStatus('ORDER_NOTES_ERR_TOO_LONG')).toBe(422);
    expect(orion.translator.errorStatus('ORION_ERR_NOT_FOUND')).toBeUndefined();
  });
});
