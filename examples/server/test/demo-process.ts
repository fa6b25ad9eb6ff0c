/**
 * Runs the README's demo (`src/main.ts`, what `pnpm demo` runs) as a child process on a given
 * database, waits until it prints its URL and tokens, and talks to it over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = fileURLToPath(new URL('..', import.meta.url));

export interface RunningDemo {
  /** The page's URL as printed, such as `http://127.0.0.1:41234/`. */
  url: string;
  /** Every token the demo printed, in order. */
  tokens: string[];
  /** A store token of a store on more than one platform (else the first store token), its store and first platform. */
  storeToken: string;
  storeId: number;
  storePlatformId: number;
  /** The first platform admin token and its platform. */
  adminToken: string;
  adminPlatformId: number;
  /** Everything the process printed so far. */
  output(): string;
  /** GET `path` with a bearer token; resolves the JSON body of a 2xx answer, rejects otherwise. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, read untyped: the assertions check its shape
  get(path: string, token: string): Promise<any>;
  /** SIGTERM, and the exit code once the process ended. */
  stop(): Promise<number | null>;
}

export interface StartDemoOptions {
  databaseUrl: string;
  /** DEMO_SCALE: a fraction of the full demo, for tests. */
  scale?: number;
  timeoutMs?: number;
}

/**
 * Starts `src/main.ts` on `PORT=0` and resolves once its URL and tokens are printed. Its cms media
 * files go to a temporary folder of the database (the same on a second start on that database),
 * not into the app's own `media/`.
 */
export async function startDemo(options: StartDemoOptions): Promise<RunningDemo> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: appDir,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      DEMO_SCALE: String(options.scale ?? 0.05),
      CMS_MEDIA_DIR: join(
        tmpdir(),
        `orion-demo-media-${createHash('sha256').update(options.databaseUrl).digest('hex').slice(0, 16)}`,
      ),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  try {
    await waitFor(
      child,
      () => /#token=/.test(output) && /demo ready/i.test(output),
      options.timeoutMs ?? 180_000,
      () => output,
    );
    // The token lines follow the ready line; give the last of them a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)![1]!;
  const tokens = [...output.matchAll(/#token=([\w-]+)/g)].map((match) => match[1]!);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, read untyped: the assertions check its shape
  const get = async (path: string, token: string): Promise<any> => {
    const response = await fetch(new URL(path, url), { headers: { authorization: `Bearer ${token}` } });
    const body = await response.json();
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };

  const sessions = await Promise.all(
    tokens.map(async (token) => ({ token, session: await get('/api/v1/session', token) })),
  );
  const stores = sessions.filter(({ session }) => session.kind === 'store' && session.platforms.length > 0);
  const store = stores.find(({ session }) => session.platforms.length > 1) ?? stores[0];
  const admin = sessions.find(({ session }) => session.kind === 'platform');
  if (!store || !admin) throw new Error(`The demo printed no store or no admin token:\n${output}`);

  return {
    url,
    tokens,
    storeToken: store.token,
    storeId: store.session.storeId,
    storePlatformId: store.session.platforms[0].id,
    adminToken: admin.token,
    adminPlatformId: admin.session.platformId,
    output: () => output,
    get,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

async function waitFor(
  child: ChildProcess,
  done: () => boolean,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (child.exitCode !== null)
      throw new Error(`The demo exited with ${child.exitCode} before it was ready:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`The demo was not ready within ${timeoutMs} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
