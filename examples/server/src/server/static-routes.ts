import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { OrionError } from '@orion/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The `chart.js` UMD build in the installed package. Its exports map offers only the ESM and CJS
 * entries (`dist/chart.js`, `dist/chart.cjs`), so the UMD file is found next to the CJS entry.
 */
export function chartJsUmdFile(): string {
  return join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');
}

/**
 * The page: `GET /` is `<publicDir>/index.html`, `GET /assets/vendor/chart.umd.js` the chart.js
 * UMD build, and `GET /assets/*` the files under `<publicDir>/assets/` (never outside it).
 * A missing file answers 404 `ORION_ERR_ROUTE_NOT_FOUND`.
 */
export function registerStaticRoutes(app: FastifyInstance, options: { publicDir: string }): void {
  const publicDir = resolve(options.publicDir);
  const assetsDir = join(publicDir, 'assets');
  const chartFile = chartJsUmdFile();
  app.get('/', (request, reply) => sendFile(request, reply, join(publicDir, 'index.html')));
  app.get('/assets/vendor/chart.umd.js', (request, reply) => sendFile(request, reply, chartFile));
  app.get<{ Params: { '*': string } }>('/assets/*', (request, reply) => {
    const file = resolve(assetsDir, request.params['*']);
    if (!file.startsWith(assetsDir + sep) || file.includes('\0')) throw notFound(request);
    return sendFile(request, reply, file);
  });
}

async function sendFile(request: FastifyRequest, reply: FastifyReply, file: string): Promise<FastifyReply> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw notFound(request);
  return reply
    .type(contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream')
    .header('content-length', info.size)
    .header('cache-control', 'no-cache')
    .send(createReadStream(file));
}

function notFound(request: FastifyRequest): OrionError {
  return new OrionError('ORION_ERR_ROUTE_NOT_FOUND', { method: request.method, path: request.url.split('?')[0] });
}
