/**
 * Item 14 of issue 14: a request line or headers over Node's 16 KiB limit never reach a router; with
 * `orionClientErrorHandler` they answer 431 with Orion's error body instead of Fastify's (or Node's
 * empty) one. Raw sockets, so the request is exactly as sent.
 */
import { connect, type AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { orionClientErrorHandler } from '../../src/index.js';

type Started = { port: number; close(): Promise<void> };

const servers: Record<string, () => Promise<Started>> = {
  fastify: async () => {
    const app = Fastify({ clientErrorHandler: orionClientErrorHandler() });
    app.get('/*', () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
  },
  hono: async () => {
    const app = new Hono();
    app.get('/*', (c) => c.json({ ok: true }));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    server.on('clientError', orionClientErrorHandler());
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return {
      port: (server.address() as AddressInfo).port,
      close: () => new Promise((done) => server.close(() => done())),
    };
  },
};

function raw(port: number, request: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (data: Buffer) => (received += data.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const [head = '', ...rest] = received.split('\r\n\r\n');
      resolve({ status: Number(head.slice(9, 12)), head, body: rest.join('\r\n\r\n') });
    });
    socket.write(request);
  });
}

describe.each(Object.keys(servers))('oversized requests through %s', (name) => {
  let server: Started;
  afterEach(() => server?.close());

  const expected431 = {
    error: {
      code: 'ORION_ERR_REQUEST_HEADERS_TOO_LARGE',
      message: 'The request line or headers are too large (16384 bytes at most).',
      details: { limit: 16384 },
    },
  };

  it('answers a 20 KB URL with 431 and Orion’s error body', async () => {
    server = await servers[name]!();
    const answer = await raw(server.port, `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(answer.head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(answer.body)).toEqual(expected431);
  });

  it('answers a 20 KB header with 431 and Orion’s error body, and garbage with 400', async () => {
    server = await servers[name]!();
    const answer = await raw(server.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toEqual(expected431);
    const garbage = await raw(server.port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body)).toMatchObject({ error: { code: 'ORION_ERR_VALIDATION' } });
  });
});
