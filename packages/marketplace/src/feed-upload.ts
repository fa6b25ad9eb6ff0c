/**
 * Where an uploaded feed waits for its import task: a uniquely named file in the upload directory,
 * written from the request's body stream (at most `maxFeedBytes`) and read back by the
 * `import-feed` task, never held in memory. The job holds a lease while its upload runs, so a
 * process that dies mid-upload leaves a job recovery fails, and its partial file is removed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { nowTimestamp, OrionError, sqlDialectOf } from '@orion/contracts';
import { requireStore } from '@orion/tenancy';
import { sql, type Kysely } from 'kysely';
import { FeedUnreadableError, type FeedSource } from './feed-reader.js';
import { holdLease, leaseExpiry, newLeaseOwner, type HeldLease } from './import-lease.js';
import { toImportJob, type ImportJob } from './marketplace-records.js';
import type { MarketplaceDatabase } from './schema.js';

/** The file a job's feed was kept in before feed files had unique names (jobs uploaded before 0.2). */
export function feedUploadPath(uploadDir: string, importJobId: number): string {
  return join(uploadDir, `${importJobId}.feed`);
}

const uploadDirs = new WeakMap<object, Promise<string>>();

/**
 * The upload directory: `configured` when set; else one that belongs to this app's database, so
 * two apps on one machine never share it: beside a SQLite file (`/srv/shop/orion.db` →
 * `/srv/shop/orion.db-marketplace-feeds`), or `<os tmpdir>/orion-marketplace-feeds/<database>-<hash
 * of server and database>` on PostgreSQL.
 */
export function resolveUploadDir(db: Kysely<MarketplaceDatabase>, configured: string | undefined): Promise<string> {
  if (configured !== undefined) return Promise.resolve(configured);
  let found = uploadDirs.get(db);
  if (!found) {
    found = defaultUploadDirOf(db);
    uploadDirs.set(db, found);
  }
  return found;
}

async function defaultUploadDirOf(db: Kysely<MarketplaceDatabase>): Promise<string> {
  const shared = join(tmpdir(), 'orion-marketplace-feeds');
  if (sqlDialectOf(db) === 'sqlite') {
    const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
    const file = rows.find((row) => row.name === 'main')?.file ?? '';
    // an in-memory database lives only in this process
    if (file === '') return join(shared, `memory-${process.pid}-${randomUUID()}`);
    return join(dirname(file), `${basename(file)}-marketplace-feeds`);
  }
  const { rows } = await sql<{
    name: string;
    server: string | null;
    port: number | null;
  }>`select current_database() as name, inet_server_addr()::text as server, inet_server_port() as port`.execute(db);
  const { name, server, port } = rows[0]!;
  const hash = createHash('sha256')
    .update(`${server ?? 'local'}:${port ?? ''}/${name}`)
    .digest('hex')
    .slice(0, 12);
  return join(shared, `${name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}-${hash}`);
}

/** A pending job whose upload runs, with its lease. */
export interface StartedUpload {
  job: ImportJob;
  file: string;
  lease: HeldLease;
}

/**
 * Creates the pending job of an upload, holding its lease, with a unique feed file name (the job
 * id and a random part, so no other deployment's or earlier job's file is ever overwritten).
 *
 * @throws OrionError `ORION_ERR_NOT_FOUND` when the store does not exist.
 */
export async function startUpload(
  db: Kysely<MarketplaceDatabase>,
  input: { storeId: number; platformId: number; source: string; uploadDir: string; leaseMs: number },
): Promise<StartedUpload> {
  await requireStore(db, input.storeId);
  const owner = newLeaseOwner();
  const row = await db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('marketplace_import_jobs')
      .values({
        store_id: input.storeId,
        platform_id: input.platformId,
        source: input.source,
        status: 'pending',
        created_at: nowTimestamp(),
        lease_owner: owner,
        lease_expires_at: leaseExpiry(input.leaseMs),
        heartbeat_at: nowTimestamp(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return trx
      .updateTable('marketplace_import_jobs')
      .set({ feed_path: join(input.uploadDir, `${created.id}-${randomUUID()}.feed`) })
      .where('id', '=', created.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return {
    job: toImportJob(row),
    file: row.feed_path!,
    lease: holdLease(db, row.id, owner, 'pending', input.leaseMs),
  };
}

/**
 * Ends an upload's lease: with `uploaded`, the job then waits for its `import-feed` task; without,
 * the job is free for {@link MarketplaceService.runImportJob} to fail. False when the lease was lost.
 */
export async function endUpload(
  db: Kysely<MarketplaceDatabase>,
  upload: StartedUpload,
  uploaded: boolean,
): Promise<boolean> {
  upload.lease.release();
  const result = await db
    .updateTable('marketplace_import_jobs')
    .set({ lease_owner: null, lease_expires_at: null, ...(uploaded ? { uploaded_at: nowTimestamp() } : {}) })
    .where('id', '=', upload.job.id)
    .where('lease_owner', '=', upload.lease.owner)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Streams `body` into `file` (creating its directory), chunk by chunk, refusing more than
 * `maxBytes` with the host's `ORION_ERR_PAYLOAD_TOO_LARGE` (413). The file must not exist yet: an upload
 * never overwrites another job's feed. A partly written file is removed on failure.
 */
export async function saveFeedUpload(
  body: ReadableStream<Uint8Array>,
  file: string,
  maxBytes = Number.MAX_SAFE_INTEGER,
): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const target = createWriteStream(file, { flags: 'wx' });
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > maxBytes) callback(new OrionError('ORION_ERR_PAYLOAD_TOO_LARGE', { limit: maxBytes }));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body), limit, target);
  } catch (error) {
    // the file may be opened even after the stream failed: remove it unless it was someone else's
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await rm(file, { force: true });
    throw error;
  }
}

/** A feed that fails to read with `message`: running a pending job on it fails the job with that message. */
export function unreadableFeed(message: string): FeedSource {
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.reject(new FeedUnreadableError(message)),
    }),
  };
}
