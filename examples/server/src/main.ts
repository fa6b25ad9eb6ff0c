/**
 * The README's main command (`pnpm demo`): starts the demo HTTP server, then Orion on the embedded
 * SQLite database `orion-demo.db` (or `DATABASE_URL`) with the modules this app's package.json
 * lists, seeds the demo data on first start, issues demo tokens and prints the page's links.
 *
 * Environment: `HOST` (default 127.0.0.1), `PORT` (default 3000; 0 picks a free port),
 * `DATABASE_URL`, `DEMO_SCALE` (default 1; e.g. 0.05 for a small demo), `CMS_MEDIA_DIR` (where the
 * cms keeps uploaded files; default `media/` in this folder, which git ignores).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createOrion, isOrionError, type Orion } from '@orion/core';
import { demoAccessModule } from './access/demo-access-module.js';
import { issueDemoTokens } from './demo-tokens.js';
import { seedDemo } from './seed/seed-demo.js';
import { buildServer } from './server/build-server.js';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const scale = Number(process.env.DEMO_SCALE ?? 1);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
if (!Number.isFinite(scale) || scale <= 0)
  throw new Error(`DEMO_SCALE must be a positive number, not "${process.env.DEMO_SCALE}"`);
// The cms reads its configuration from the environment: the demo's media files stay in its folder.
process.env.CMS_MEDIA_DIR ??= join(appDir, 'media');

const server = buildServer();
let starting: Promise<Orion> | undefined;
let stopping: Promise<void> | undefined;

/** Stops answering, then closes Fastify (waiting for requests in flight) and Orion, even mid-start. */
function stop(reason: string): Promise<void> {
  stopping ??= (async () => {
    console.log(`${reason}: stopping…`);
    server.markStopping();
    await server.app.close();
    const orion = await starting?.catch(() => undefined);
    await orion?.close();
  })();
  return stopping;
}

async function main(): Promise<void> {
  await server.app.listen({ host, port });
  const address = server.app.server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const base = `http://${shownHost}:${address.port}/`;
  console.log(`Listening on ${base} (${base}health/ready answers 503 until the demo is ready)`);

  starting = createOrion({
    cwd: appDir,
    database: process.env.DATABASE_URL ?? 'sqlite:orion-demo.db',
    modules: [demoAccessModule],
    discover: true,
  });
  const orion = await starting;
  if (stopping) return;
  console.log(`Orion on ${orion.dialect}; modules: ${orion.registry.codes().join(', ')}`);
  for (const skip of orion.discovery?.skipped ?? [])
    console.log(`  discovery skipped ${skip.packageName}: ${skip.detail}`);

  console.log('Seeding…');
  const demo = await seedDemo(orion, { log: (line) => console.log(line), scale });
  if (stopping) return;
  const tokens = await issueDemoTokens(orion, demo);
  orion.tasks.startWorker();
  server.attach(orion);

  console.log(`\nOrion demo ready: ${base}`);
  for (const token of tokens) console.log(`  ${token.description} [${token.label}]\n    ${base}#token=${token.token}`);
  const example = tokens.find((token) => token.kind === 'platform') ?? tokens[0];
  if (example) {
    console.log('\nThe JSON API takes the same tokens (fresh ones on every start):');
    console.log(`  curl -H "Authorization: Bearer ${example.token}" ${base}api/v1/session`);
  }
  console.log(`Health: ${base}health/ready; Prometheus metrics: ${base}metrics. Stop with Ctrl+C.`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}

main().catch(async (error: unknown) => {
  if (stopping) return; // failures of a start cut short by a signal are expected
  console.error('The demo could not start:', isOrionError(error) ? `${error.code}: ${error.message}` : error);
  await stop('start-up failed').catch(() => {});
  process.exit(1);
});
