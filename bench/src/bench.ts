/**
 * `pnpm bench --size 1m [--db sqlite|postgres|both] [--calls N] [--memory-calls N] [--admin-reference-calls N] [--seed N] [--json out.json]`
 *
 * Reuses the generated database of the size when its marker matches (otherwise generates it),
 * measures every figure on each database, prints the table and writes the results as JSON
 * (default `bench/results/<size>.json`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchRoot, datasetLocation, defaultSeed } from './dataset.js';
import { argument, parseDialects, parseSize } from './generate.js';
import { runHarness, type DialectResult } from './harness.js';
import { figuresOf, formatProviders, formatTable } from './report.js';

async function main(): Promise<void> {
  const size = parseSize(argument('size'));
  const dialects = parseDialects(argument('db'));
  const seed = Number(argument('seed', String(defaultSeed)));
  const calls = Number(argument('calls', '1000'));
  const memoryCalls = Number(argument('memory-calls', '10000'));
  const adminReferenceCalls = argument('admin-reference-calls');
  // pnpm runs the script in bench/; a relative --json is taken from where the user typed the command.
  const json = resolve(
    process.env.INIT_CWD ?? process.cwd(),
    argument('json', join(benchRoot, 'results', `${size}.json`))!,
  );

  const results: DialectResult[] = [];
  for (const dialect of dialects) {
    results.push(
      await runHarness({
        location: datasetLocation(dialect, size),
        size,
        seed,
        calls,
        memoryCalls,
        ...(adminReferenceCalls ? { adminReferenceCalls: Number(adminReferenceCalls) } : {}),
      }),
    );
  }

  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1_073_741_824) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  console.log(
    `\nOrion benchmark, size ${size}, seed ${seed}, ${calls} calls; ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}\n`,
  );
  console.log(formatTable(results));
  console.log(`\n${formatProviders(results)}\n`);
  const mismatches = results.flatMap((result) =>
    result.equality.mismatches.map((mismatch) => ({ dialect: result.dialect, ...mismatch })),
  );
  for (const result of results) {
    console.log(
      `${result.dialect}: the three ways agree on ${result.equality.storesChecked} stores and ${result.equality.platformsChecked} platforms${result.equality.mismatches.length ? ' EXCEPT the mismatches below' : ''}`,
    );
  }
  if (mismatches.length > 0) console.log(JSON.stringify(mismatches, null, 2));

  mkdirSync(dirname(json), { recursive: true });
  const figures = results.flatMap(figuresOf);
  writeFileSync(
    json,
    `${JSON.stringify({ size, seed, calls, machine, at: new Date().toISOString(), figures, results }, null, 2)}\n`,
  );
  console.log(`\nResults written to ${json}`);
  if (mismatches.length > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
