/** Real files for the media tests: a 1×1 PNG, a PDF, and bodies streamed in chunks. */
import { createHash } from 'node:crypto';

/** A valid 1×1 PNG. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A small valid PDF. */
export const tinyPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** `bytes` bytes that read as a PNG: a real 1×1 PNG followed by filler (its type comes from the first bytes). */
export function pngOfSize(bytes: number): Buffer {
  const tail = Buffer.alloc(Math.max(0, bytes - tinyPng.length), 7);
  return Buffer.concat([tinyPng, tail]);
}

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** `data` as a request body stream in chunks of `chunk` bytes (no length known in advance). */
export function chunked(data: Buffer, chunk = 16 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= data.length) return controller.close();
      controller.enqueue(new Uint8Array(data.subarray(offset, offset + chunk)));
      offset += chunk;
    },
  });
}
