/**
 * The hostile suite's bad input (issue 14), over real HTTP on both databases: on every installed
 * module route with path parameters, a query or a body (listed from `orion.registry`), generated
 * bad values — ids like `0x10`, `1e3`, ` 12`, `-1` and huge numbers, NUL characters, over-long
 * strings, wrong types, unknown currencies, deep and large JSON under the body limit, malformed
 * JSON — and a body over the limit (JSON: 1 MiB + 1; a streamed upload: 20 MB against a 1 MiB
 * limit). Where the route's own schema refuses the input, the answer must be a coded 4xx; where it
 * accepts it, a 2xx or a coded 4xx; never a 5xx, never database or driver text, never a stack line.
 * When the cases outnumber the budget they are sampled with a seeded random, so a failure
 * reproduces.
 */
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import type { TestHost } from '../../packages/testing/src/index.js';
import { describeEachDatabase, useTestHosts } from '../../packages/testing/src/vitest.js';
import { afterEach, expect, it } from 'vitest';
import type { z } from 'zod';
import { seededRandom } from '../support/random.js';
import { headerContext, serveOverHttp, type RouteServer } from '../support/route-server.js';
import {
  allPermissions,
  fillPath,
  hostileModules,
  installedRoutes,
  isCodedError,
  paramNames,
  rawDatabaseText,
  type InstalledRoute,
} from './hostile-host.js';

/** The most cases one route gets (sampled beyond). */
const perRoute = 40;
const mib = 1024 * 1024;

const badIds = [
  '0x10',
  '1e3',
  ' 12',
  '12 ',
  '+12',
  '-1',
  '0',
  '012',
  '12.0',
  '1234567890123456',
  '99999999999999999999999',
  'abc',
  'NaN',
  '1\u0000',
];
// over-long: 8,000 characters in a URL (Node's HTTP parser answers 431 itself past 16 KB of request
// line and headers, before Orion sees the request), 100,000 in a body; a lone surrogate in bodies only
const badTexts = ['a\u0000b', '\u0000', 'x'.repeat(8_000), '', '   ', '<script>', "'; DROP TABLE orders; --"];
const badBodyTexts = [...badTexts, 'x'.repeat(100_000), '\uD800'];
const badValues: unknown[] = [
  ...badBodyTexts,
  -1,
  0,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '1e3',
  '0x10',
  'QQQ',
  'eur',
  true,
  null,
  {},
  [],
  [1, 2, 3],
  { $gt: '' },
];

/** A deep array (nesting `depth`), as JSON text. */
const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Bodies the routes accept, to vary one field at a time; other routes start from `{}`. */
const validBodies: Record<string, Record<string, unknown>> = {
  'POST /api/v1/store/catalog/products': { sku: 'MUG-01', title: 'Mug', price: 1299, currency: 'EUR' },
  'POST /api/v1/store/orders/orders': {
    customerEmail: 'ada@example.com',
    items: [{ sku: 'MUG-01', quantity: 1, unitPrice: 1299 }],
  },
  'POST /api/v1/store/cms/pages': { slug: 'about', title: 'About', body: 'Hello' },
  'POST /api/v1/admin/cms/pages': { slug: 'terms', title: 'Terms', body: 'Hello' },
  'POST /api/v1/store/customers/customers': { email: 'grace@example.com', firstName: 'Grace' },
  'PUT /api/v1/store/inventory/items/:sku': { quantity: 3 },
};

interface Case {
  route: InstalledRoute;
  what: string;
  params: Record<string, string>;
  query: string;
  body?: string | (() => ReadableStream<Uint8Array>);
  /** Whether the answer must be a refusal: the route's schema refuses the input, or the body is too large. */
  mustRefuse: boolean;
  status?: number;
}

function shapeOf(schema: unknown): Record<string, z.ZodType> | undefined {
  const shape = (schema as { shape?: unknown } | undefined)?.shape;
  return shape && typeof shape === 'object' ? (shape as Record<string, z.ZodType>) : undefined;
}

const accepts = (schema: unknown, value: unknown) =>
  (schema as z.ZodType | undefined)?.safeParse(value).success ?? true;

/** The query a route needs besides the value attacked (uploads name their source). */
const validQueries: Record<string, Record<string, string>> = {
  'POST /api/v1/store/marketplace/imports': { source: 'hostile.csv' },
  'POST /api/v1/store/cms/media': { fileName: 'hostile.txt' },
};

function casesOf(route: InstalledRoute, ids: Record<string, string>): Case[] {
  const { route: definition, name, template } = route;
  const cases: Case[] = [];
  const names = paramNames(template);
  const jsonBody = definition.body !== undefined && definition.body !== 'stream';
  const base = validBodies[name] ?? {};
  const baseQuery = validQueries[name] ?? {};
  const queryText = (values: Record<string, string>) => {
    const text = new URLSearchParams({ ...baseQuery, ...values }).toString();
    return text ? `?${text}` : '';
  };
  const baseBody = jsonBody ? JSON.stringify(base) : definition.body === 'stream' ? 'id,title\n' : undefined;
  const plain = { route, params: ids, query: queryText({}), ...(baseBody === undefined ? {} : { body: baseBody }) };
  const routeParams = (values: Record<string, string>) => Object.fromEntries(names.map((n) => [n, values[n] ?? '1']));

  for (const param of names) {
    for (const value of [...badIds, ...badTexts]) {
      const params = { ...ids, [param]: value };
      cases.push({
        ...plain,
        what: `:${param}=${JSON.stringify(value).slice(0, 40)}`,
        params,
        mustRefuse: !accepts(definition.params, routeParams(params)),
      });
    }
    // a lone surrogate's bytes, which are not UTF-8: whatever the route makes of it, never a 5xx
    cases.push({ ...plain, what: `:${param}=%ED%A0%80`, params: { ...ids, [param]: '\uD800' }, mustRefuse: false });
  }
  if (definition.query) {
    const keys = Object.keys(shapeOf(definition.query) ?? { limit: 0, offset: 0 });
    for (const key of keys) {
      for (const value of [...badIds, ...badTexts, '\uD800', 'QQQ', 'eur', '2026-13-45', '2026-01-01T25:00']) {
        const query = queryText({ [key]: value });
        // the schema judges what the server receives: the value as URLSearchParams encoded it
        const received = Object.fromEntries(new URLSearchParams(query.slice(1)));
        cases.push({
          ...plain,
          what: `?${key}=${JSON.stringify(value).slice(0, 40)}`,
          query,
          mustRefuse: !accepts(definition.query, received),
        });
      }
      const repeated = `${queryText({})}${queryText({}) ? '&' : '?'}${key}=1&${key}=2`;
      cases.push({
        ...plain,
        what: `?${key} twice`,
        query: repeated,
        mustRefuse: !accepts(definition.query, { ...baseQuery, [key]: ['1', '2'] }),
      });
    }
  }
  if (jsonBody) {
    const refuses = (body: unknown) => !accepts(definition.body, body);
    for (const text of ['[]', '"text"', '42', 'null', '{', '{"a":', 'not json', deep(5000)]) {
      let parsed: unknown;
      let malformed = false;
      try {
        parsed = JSON.parse(text);
      } catch {
        malformed = true;
      }
      cases.push({ ...plain, what: `body ${text.slice(0, 20)}`, body: text, mustRefuse: malformed || refuses(parsed) });
    }
    const keys = Object.keys({ ...shapeOf(definition.body), ...base });
    for (const key of keys) {
      for (const value of [...badValues, 'DEEP']) {
        const body = value === 'DEEP' ? `{"${key}":${deep(5000)}}` : JSON.stringify({ ...base, [key]: value });
        const parsed = value === 'DEEP' ? { [key]: JSON.parse(deep(5000)) } : { ...base, [key]: value };
        cases.push({
          ...plain,
          what: `body.${key}=${String(JSON.stringify(value)).slice(0, 40)}`,
          body,
          mustRefuse: refuses(parsed),
        });
      }
    }
    // large but under the limit, then over it
    const large = JSON.stringify({
      ...base,
      padding: Array.from({ length: 20_000 }, (_, i) => ({ i, text: 'x'.repeat(30) })),
    });
    cases.push({
      ...plain,
      what: `a ${Math.round(large.length / 1024)} KB body`,
      body: large,
      mustRefuse: refuses(JSON.parse(large)),
    });
    cases.push({
      ...plain,
      what: 'a body of 1 MiB + 1',
      body: `{"x":"${'y'.repeat(mib - 7)}"}`,
      mustRefuse: true,
      status: 413,
    });
  }
  if (definition.body === 'stream') {
    cases.push({
      ...plain,
      what: 'a streamed 20 MB body over a 1 MiB limit',
      body: () => {
        let sent = 0;
        const chunk = new TextEncoder().encode('1,x\n'.repeat(16 * 1024));
        return new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent >= 20 * mib) return controller.close();
            sent += chunk.length;
            controller.enqueue(chunk);
          },
        });
      },
      mustRefuse: true,
      status: 413,
    });
  }
  return cases;
}

describeEachDatabase('hostile: bad input on every module route', (dialect) => {
  const hosts = useTestHosts(dialect);
  let server: RouteServer | undefined;
  afterEach(() => server?.close());

  it('answers every bad value with a coded 4xx, never a 5xx or database text', async () => {
    const host: TestHost = await hosts.start({ modules: hostileModules });
    const { platformId, storeId } = await host.seedTenancy();
    // the demo's limits for JSON bodies (1 MiB, the default), and a 1 MiB limit for uploads
    server = await serveOverHttp(
      host.orion.createRequestHandler({ resolveContext: headerContext, streamBodyLimit: mib }),
    );
    const permissions = allPermissions(host).join(',');
    const ids = {
      productId: '1',
      orderId: '1',
      customerId: '1',
      pageId: '1',
      mediaId: '1',
      jobId: '1',
      sku: 'MUG-01',
      storeId: String(storeId),
    };

    const random = seededRandom(`hostile-bad-input-${dialect}`);
    const routes = installedRoutes(host);
    const figures = { routes: 0, attempts: 0, refused: 0, accepted: 0, oversize: 0, failures: [] as string[] };
    for (const route of routes) {
      let cases = casesOf(route, ids);
      if (cases.length === 0) continue;
      figures.routes++;
      // always the over-limit bodies; the rest sampled
      const fixed = cases.filter((c) => c.status === 413);
      cases = [...fixed, ...random.shuffle(cases.filter((c) => c.status !== 413)).slice(0, perRoute - fixed.length)];
      for (const attempt of cases) {
        figures.attempts++;
        const headers = new Headers({ 'x-platform': String(platformId), 'x-permissions': permissions });
        if (route.frontend !== 'admin') headers.set('x-store', String(storeId));
        const body = typeof attempt.body === 'function' ? attempt.body() : attempt.body;
        if (typeof body === 'string' && route.route.body !== 'stream') headers.set('content-type', 'application/json');
        const path = fillPath(route.template, attempt.params) + attempt.query;
        let status: number;
        let text: string;
        try {
          if (attempt.status === 413 && body !== undefined) {
            // on a connection of its own: the server closes it after refusing the unread rest
            ({ status, text } = await sendOnOwnConnection(`${server.url}${path}`, route.route.method, headers, body));
          } else {
            const response = await fetch(`${server.url}${path}`, {
              method: route.route.method,
              headers,
              ...(body === undefined ? {} : { body }),
            });
            status = response.status;
            text = await response.text();
          }
        } catch (error) {
          figures.failures.push(`${route.name} ${attempt.what}: no answer (${String(error)})`);
          continue;
        }
        const problems: string[] = [];
        if (status >= 500) problems.push(`${status}`);
        if (rawDatabaseText.test(text)) problems.push('raw database text');
        if (status >= 200 && status < 300) {
          if (attempt.mustRefuse) problems.push(`${status} for input its schema refuses`);
          else figures.accepted++;
        } else if (status < 500) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          if (!isCodedError(parsed)) problems.push(`uncoded ${status}`);
          else if (attempt.status !== undefined && status !== attempt.status)
            problems.push(`${status}, expected ${attempt.status}`);
        }
        if (problems.length === 0 && !(status >= 200 && status < 300)) figures.refused++;
        if (problems.length === 0 && attempt.status === 413) figures.oversize++;
        if (problems.length)
          figures.failures.push(`${route.name} ${attempt.what}: ${problems.join(', ')} — ${text.slice(0, 200)}`);
      }
    }
    console.info(
      `[${dialect}] hostile bad input: ${figures.routes} routes, ${figures.attempts} attempts, ${figures.refused} clean refusals, ${figures.accepted} accepted (valid for the schema), ${figures.oversize} oversized bodies refused with 413, ${figures.failures.length} failures`,
    );
    expect(figures.failures).toEqual([]);
  });
});

/**
 * One request on a connection of its own (no keep-alive pool), its body streamed: the answer may
 * come, and the server close the connection, before the body is all sent.
 */
function sendOnOwnConnection(
  url: string,
  method: string,
  headers: Headers,
  body: string | ReadableStream<Uint8Array>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers: Object.fromEntries(headers), agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      response.on('error', reject);
    });
    // the server may reset the connection once it answered: the answer already came, or `reject` tells
    outgoing.on('error', reject);
    const source = typeof body === 'string' ? Readable.from([body]) : Readable.fromWeb(body as never);
    source.on('error', () => outgoing.destroy());
    source.pipe(outgoing);
  });
}
