// Only starts the host and reports how start-up ended, as an app's process would.
import { createOrion, isOrionError } from '@orion/core';

try {
  const orion = await createOrion({
    database: process.env.ORION_DATABASE,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  await orion.close();
  console.log(JSON.stringify({ started: true }));
} catch (error) {
  console.log(
    JSON.stringify({
      started: false,
      code: isOrionError(error) ? error.code : null,
      message: error.message,
      details: error.details ?? null,
    }),
  );
}
