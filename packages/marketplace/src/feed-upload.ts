/**
 * Where an uploaded feed waits for its import task: `<uploadDir>/<jobId>.feed`, written from the
 * request's body stream and read back by the `import-feed` task, never held in memory.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { FeedUnreadableError, type FeedSource } from './feed-reader.js';

/** The file an import job's uploaded feed is kept in until the job runs. */
export function feedUploadPath(uploadDir: string, importJobId: number): string {
  return join(uploadDir, `${importJobId}.feed`);
}

/**
 * Streams `body` into `file` (creating its directory), chunk by chunk. The file must not exist
 * yet: an upload never overwrites another job's feed. A partly written file is removed on failure.
 */
export async function saveFeedUpload(body: ReadableStream<Uint8Array>, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const target = createWriteStream(file, { flags: 'wx' });
  let opened = false;
  target.once('open', () => {
    opened = true;
  });
  try {
    await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), target);
  } catch (error) {
    if (opened) await rm(file, { force: true });
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
