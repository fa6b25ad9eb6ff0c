#!/usr/bin/env node
import { runCli } from './run-cli.js';

// `orion … | head`: once the reader has gone, nothing more can be said; stop quietly instead of
// crashing with an EPIPE stack trace (other stdout errors still surface)
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2));
