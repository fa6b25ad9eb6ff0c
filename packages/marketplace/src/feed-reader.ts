import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { boundedText } from './bounded-text.js';
import { invalidUtf8Marker } from './feed-row.js';

/** Where a feed comes from: a Node stream, a Web stream (a `Request` body), or any (async) iterable of text or bytes. */
export type FeedSource =
  Readable | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** One data row of a feed, by normalised column name, with the line it ended on. */
export type FeedRecord =
  | { line: number; fields: Record<string, string>; error?: undefined }
  | { line: number; error: string; fields?: undefined };

/** A feed that can not be read at all; the import fails with its message. */
export class FeedUnreadableError extends Error {
  override readonly name = 'FeedUnreadableError';
}

/** Columns every feed must have. */
export const requiredFeedColumns = ['id', 'title', 'price'] as const;

const headerProbeLimit = 64 * 1024;

/** The longest line a feed may have, in characters: a longer one is one row error, never held whole. */
export const maxFeedLineLength = 1024 * 1024;

/** What the reader puts in place of a line longer than {@link maxFeedLineLength}. */
const lineTooLongMarker = '\uFDD1';

/** A record (several lines in quotes) may be at most this long; past it the rest of the feed is not read. */
const maxRecordSize = 8 * maxFeedLineLength;

/**
 * Streams a CSV or TSV merchant feed with a header row, one {@link FeedRecord} at a time: memory
 * stays flat whatever the feed's size. The delimiter (tab, semicolon or comma) is read off the
 * header line; column names are lower-cased with spaces as underscores (`Image Link` → `image_link`).
 * A record the CSV parser can not make sense of (a stray quote, say) becomes a record with an
 * `error`, and reading goes on. So does a row with bytes that are not UTF-8 (a Latin-1 row, say:
 * its fields carry a marker {@link checkFeedRow} refuses), and a line longer than
 * {@link maxFeedLineLength} characters (it is dropped while streaming: memory stays bounded).
 *
 * Parsing is csv-parse's (the `csv` project), not hand-written.
 *
 * @throws FeedUnreadableError when the feed is empty, is not text, or lacks a required column.
 */
export async function* readFeed(source: FeedSource): AsyncGenerator<FeedRecord> {
  const chunks = toChunks(source)[Symbol.asyncIterator]();
  let head = '';
  let finished = false;
  while (!head.includes('\n') && head.length < headerProbeLimit) {
    const next = await chunks.next();
    if (next.done) {
      finished = true;
      break;
    }
    head += next.value;
  }
  const headerLine = head.split(/\r?\n/, 1)[0]!.replace(/^\uFEFF/, '');
  if (headerLine.trim() === '') throw new FeedUnreadableError('the feed is empty: expected a header row');
  if (headerLine.includes(lineTooLongMarker)) {
    throw new FeedUnreadableError(`the header line is longer than ${maxFeedLineLength} characters`);
  }
  if (headerLine.includes('\u0000') || headerLine.includes(invalidUtf8Marker)) {
    throw new FeedUnreadableError('the feed is not UTF-8 text');
  }
  const delimiter = detectDelimiter(headerLine);
  const skipped: FeedRecord[] = [];
  let columns: string[] = [];
  const parser = parse({
    delimiter,
    bom: true,
    columns: (header: string[]) => {
      columns = header.map((name) => name.trim().toLowerCase().replace(/\s+/g, '_'));
      return columns;
    },
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    relax_quotes: true,
    max_record_size: maxRecordSize,
  });
  parser.on('skip', (error: Error & { lines?: number; code?: string }) => {
    if (error.code === 'CSV_MAX_RECORD_SIZE') {
      // csv-parse stops here: say so, once, rather than end the feed silently
      if (skipped.some((entry) => entry.error?.startsWith('the row is longer'))) return;
      skipped.push({
        line: error.lines ?? 0,
        error: `the row is longer than ${maxRecordSize} characters (a quote that never closes?); the rest of the feed was not read`,
      });
      return;
    }
    skipped.push({ line: error.lines ?? 0, error: boundedText(`the row can not be parsed (${error.message})`) });
  });

  const rest = async function* () {
    yield head;
    if (finished) return;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  };
  const input = Readable.from(rest(), { objectMode: false });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  let checkedColumns = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: Info }>) {
      if (!checkedColumns) {
        checkedColumns = true;
        checkColumns(columns);
      }
      yield* skipped.splice(0);
      if (Object.values(record).some((value) => typeof value === 'string' && value.includes(lineTooLongMarker))) {
        yield { line: info.lines, error: `the line is longer than ${maxFeedLineLength} characters` };
        continue;
      }
      yield { line: info.lines, fields: record };
    }
  } catch (error) {
    if (error instanceof FeedUnreadableError) throw error;
    throw new FeedUnreadableError(boundedText(`the feed can not be read: ${(error as Error).message}`));
  } finally {
    input.destroy();
  }
  if (!checkedColumns) checkColumns(columns);
  yield* skipped.splice(0);
}

function checkColumns(columns: string[]): void {
  const missing = requiredFeedColumns.filter((name) => !columns.includes(name));
  if (missing.length === 0) return;
  throw new FeedUnreadableError(
    boundedText(
      `the header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${columns.join(', ') || 'none'})`,
    ),
  );
}

function detectDelimiter(headerLine: string): string {
  const counts = ['\t', ';', ','].map((candidate) => [candidate, headerLine.split(candidate).length - 1] as const);
  const [best, count] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return count > 0 ? best : ',';
}

async function* toChunks(source: FeedSource): AsyncGenerator<string> {
  const decoder = new Utf8Marker();
  const iterable: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> =
    typeof (source as ReadableStream).getReader === 'function'
      ? Readable.fromWeb(source as import('node:stream/web').ReadableStream<Uint8Array>)
      : (source as AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>);
  const lines = new LineBound(maxFeedLineLength);
  for await (const chunk of iterable) {
    const text = lines.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk));
    if (text) yield text;
  }
  const tail = lines.push(decoder.end()) + lines.end();
  if (tail) yield tail;
}

/**
 * Passes text on line by line, holding at most `max` characters of an unfinished line: a longer
 * line is dropped as it streams and replaced by a marker line, so a feed without newlines never
 * fills memory.
 */
class LineBound {
  #pending = '';
  #skipping = false;

  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  push(text: string): string {
    let out = '';
    let rest = text;
    for (;;) {
      const newline = rest.indexOf('\n');
      if (newline === -1) break;
      const piece = rest.slice(0, newline + 1);
      rest = rest.slice(newline + 1);
      if (this.#skipping) {
        out += `${lineTooLongMarker}\n`;
        this.#skipping = false;
      } else if (this.#pending.length + piece.length - 1 > this.#max) {
        out += `${lineTooLongMarker}\n`;
      } else {
        out += this.#pending + piece;
      }
      this.#pending = '';
    }
    if (this.#skipping) return out;
    if (this.#pending.length + rest.length > this.#max) {
      this.#pending = '';
      this.#skipping = true;
    } else {
      this.#pending += rest;
    }
    return out;
  }

  end(): string {
    const last = this.#skipping ? lineTooLongMarker : this.#pending;
    this.#pending = '';
    this.#skipping = false;
    return last;
  }
}

/**
 * Decodes UTF-8 chunk by chunk (a character split across chunks is kept for the next), putting
 * {@link invalidUtf8Marker} where the bytes are not UTF-8 instead of silently decoding them to
 * U+FFFD, so the row they are in can be refused.
 */
class Utf8Marker {
  #carry: Buffer = Buffer.alloc(0);

  decode(chunk: Uint8Array): string {
    const bytes =
      this.#carry.length > 0
        ? Buffer.concat([this.#carry, chunk])
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const cut = incompleteTailStart(bytes);
    this.#carry = Buffer.from(bytes.subarray(cut));
    return decodeMarked(bytes.subarray(0, cut));
  }

  end(): string {
    const rest = this.#carry;
    this.#carry = Buffer.alloc(0);
    return rest.length > 0 ? decodeMarked(rest) : '';
  }
}

/** Where a character that the chunk cuts off starts (the chunk's length when none is cut). */
function incompleteTailStart(bytes: Buffer): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return back < length ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

function decodeMarked(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  let start = 0;
  let index = 0;
  while (index < bytes.length) {
    const length = validSequenceLength(bytes, index);
    if (length > 0) {
      index += length;
      continue;
    }
    out += bytes.toString('utf8', start, index) + invalidUtf8Marker;
    index += 1;
    start = index;
  }
  return out + bytes.toString('utf8', start, index);
}

/** The length of the valid UTF-8 sequence at `at`, or 0 (overlong forms and surrogates are invalid). */
function validSequenceLength(bytes: Buffer, at: number): number {
  const first = bytes[at]!;
  if (first < 0x80) return 1;
  const continuation = (offset: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[at + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const low = first === 0xe0 ? 0xa0 : 0x80;
    const high = first === 0xed ? 0x9f : 0xbf;
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const low = first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xf4 ? 0x8f : 0xbf;
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}
