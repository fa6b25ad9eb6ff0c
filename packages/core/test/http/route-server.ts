/**
 * Starts `route-server-process.ts` (Orion with one `probe` module behind the Fastify or Hono
 * adapter) as a child process, for the HTTP tests that need the server in a process of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./route-server-process.ts', import.meta.url));
export interface RouteServer {
  url: string;
  platformId: number;
  storeId: number;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `route-server-process.ts` on `databaseUrl` through one adapter. */
export async function startRouteServer(
  databaseUrl: string,
  adapter: 'fastify' | 'hono',
  env: Record<string, string> = {},
): Promise<RouteServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, DATABASE_URL: databaseUrl, ADAPTER: adapter, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = await new Promise<string[]>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^listening (\S+) (\d+) (\d+)$/m.exec(output);
      if (line) resolve(line.slice(1));
    });
    child.once('exit', (code) => reject(new Error(`the route server exited (${code}): ${output}`)));
  });
  return {
    url: ready[0]!,
    platformId: Number(ready[1]),
    storeId: Number(ready[2]),
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
