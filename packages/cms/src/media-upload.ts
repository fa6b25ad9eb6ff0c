/**
 * Receiving a media upload: the request body is streamed into a temporary file in the media
 * directory, counted, hashed and cut off at the size limit; its type is then detected from its
 * first bytes with `file-type` (never from the file name) and checked against an allow-list.
 * The caller records the row and only then renames the temporary file to its final, generated
 * name; on any failure both are removed, so a failed upload leaves neither a row nor a file.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';
import { cmsErrors } from './cms-errors.js';

/**
 * The content types the cms stores, detected from the bytes: raster images and PDF. SVG is left
 * out on purpose: it is text that can carry scripts, and `file-type` does not detect it.
 */
export const allowedMediaTypes: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'application/pdf',
];

/** How many leading bytes `file-type` gets to recognise a file (its own sample size). */
const sniffBytes = 4100;

/** A stored file's generated name: 32 hex digits, never derived from the uploaded name. */
export const storageNamePattern = /^[0-9a-f]{32}$/;

/** The path of a stored file; throws on a name that is not a generated one (it could not escape `dir` anyway). */
export function mediaFilePath(dir: string, storageName: string): string {
  if (!storageNamePattern.test(storageName)) throw new TypeError(`Not a stored media file name: ${storageName}`);
  return join(dir, storageName);
}

/**
 * The uploaded file name kept as metadata: its last path segment (so `../../etc/passwd` is
 * `passwd`), without control characters, at most 255 characters; `upload` when nothing is left.
 */
export function sanitizeFileName(name: string | undefined): string {
  const lastSegment = (name ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .replace(/^\.+/, '');
  return cleaned.slice(0, 255) || 'upload';
}

/** An upload received into a temporary file, checked and waiting to be kept or discarded. */
export interface ReceivedUpload {
  storageName: string;
  bytes: number;
  sha256: string;
  contentType: string;
  /** Renames the temporary file to its final name. */
  keep(): Promise<void>;
  /** Removes the temporary file and the final one, whichever exists. */
  discard(): Promise<void>;
}

/**
 * Streams `body` into `<dir>/.<name>.part`, stopping with `CMS_ERR_MEDIA_TOO_LARGE` as soon as
 * more than `maxBytes` arrived, then checks it is not empty and its detected type is allowed.
 * Any failure removes the temporary file before it is thrown.
 *
 * @throws OrionError `CMS_ERR_MEDIA_TOO_LARGE`, `CMS_ERR_MEDIA_EMPTY`, `CMS_ERR_MEDIA_TYPE_NOT_ALLOWED`
 */
export async function receiveUpload(
  body: ReadableStream<Uint8Array>,
  options: { dir: string; maxBytes: number },
): Promise<ReceivedUpload> {
  await mkdir(options.dir, { recursive: true });
  const storageName = randomUUID().replaceAll('-', '');
  const finalPath = mediaFilePath(options.dir, storageName);
  const tempPath = join(options.dir, `.${storageName}.part`);
  const discard = async () => {
    await rm(tempPath, { force: true });
    await rm(finalPath, { force: true });
  };

  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) {
        callback(cmsErrors.create('CMS_ERR_MEDIA_TOO_LARGE', { maxBytes: options.maxBytes }));
        return;
      }
      hash.update(chunk);
      if (headBytes < sniffBytes) {
        head.push(chunk.subarray(0, sniffBytes - headBytes));
        headBytes += Math.min(chunk.length, sniffBytes - headBytes);
      }
      callback(null, chunk);
    },
  });

  try {
    await pipeline(Readable.fromWeb(body), meter, createWriteStream(tempPath, { flags: 'wx' }));
    if (bytes === 0) throw cmsErrors.create('CMS_ERR_MEDIA_EMPTY');
    const detected = await fileTypeFromBuffer(Buffer.concat(head));
    const contentType = detected?.mime ?? 'unknown';
    if (!allowedMediaTypes.includes(contentType))
      throw cmsErrors.create('CMS_ERR_MEDIA_TYPE_NOT_ALLOWED', { contentType });
    return {
      storageName,
      bytes,
      sha256: hash.digest('hex'),
      contentType,
      keep: () => rename(tempPath, finalPath),
      discard,
    };
  } catch (error) {
    await discard();
    throw error;
  }
}
