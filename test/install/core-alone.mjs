// An app with only @orion/core: starts the host on ORION_DATABASE and reports how start-up ended and
// every warning and error the host logged.
import { createOrion, isOrionError } from '@orion/core';

const logged = [];
const record = (level) => (message) => logged.push(`${level}: ${message}`);
try {
  const orion = await createOrion({
    database: process.env.ORION_DATABASE,
    logger: { debug() {}, info() {}, warn: record('warn'), error: record('error') },
  });
  const modules = orion.registry.all().map((module) => module.code);
  // the request handler routes without Hono: an unknown route answers 404 with its code
  const handler = orion.createRequestHandler({ resolveContext: () => ({ platformId: 1, permissions: [] }) });
  const response = await handler(new Request('http://localhost/api/v1/admin/nothing/here'));
  const unknownRoute = { status: response.status, code: (await response.json()).error.code };
  await orion.close();
  console.log(JSON.stringify({ started: true, modules, unknownRoute, logged }));
} catch (error) {
  console.log(
    JSON.stringify({
      started: false,
      code: isOrionError(error) ? error.code : null,
      message: error.message,
      details: error.details ?? null,
      logged,
    }),
  );
}
