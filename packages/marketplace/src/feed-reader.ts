import { Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';

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

/**
 * Streams a CSV or TSV merchant feed with a header row, one {@link FeedRecord} at a time: memory
 * stays flat whatever the feed's size. The delimiter (tab, semicolon or comma) is read off the
 * header line; column names are lower-cased with spaces as underscores (`Image Link` → `image_link`).
 * A record the CSV parser can not make sense of (a stray quote, say) becomes a record with an
 * `error`, and reading goes on.
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
  if (headerLine.includes('\u0000') || headerLine.includes('\uFFFD')) {
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
  });
  parser.on('skip', (error: Error & { lines?: number }) => {
    skipped.push({ line: error.lines ?? 0, error: `the row can not be parsed (${error.message})` });
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
      yield { line: info.lines, fields: record };
    }
  } catch (error) {
    if (error instanceof FeedUnreadableError) throw error;
    throw new FeedUnreadableError(`the feed can not be read: ${(error as Error).message}`);
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
    `the header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${columns.join(', ') || 'none'})`,
  );
}

function detectDelimiter(headerLine: string): string {
  const counts = ['\t', ';', ','].map((candidate) => [candidate, headerLine.split(candidate).length - 1] as const);
  const [best, count] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return count > 0 ? best : ',';
}

async function* toChunks(source: FeedSource): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  const iterable: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> =
    typeof (source as ReadableStream).getReader === 'function'
      ? Readable.fromWeb(source as import('node:stream/web').ReadableStream<Uint8Array>)
      : (source as AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>);
  for await (const chunk of iterable) {
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}
