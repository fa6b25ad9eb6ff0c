import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FeedUnreadableError, maxFeedLineLength, readFeed, type FeedRecord } from './feed-reader.js';

async function collect(source: Parameters<typeof readFeed>[0]): Promise<FeedRecord[]> {
  const records: FeedRecord[] = [];
  for await (const record of readFeed(source)) records.push(record);
  return records;
}

describe('readFeed', () => {
  it('reads CSV with quoted fields, normalised column names and line numbers', async () => {
    const feed = 'ID,Title,Price,Image Link\n1,"Mug, blue",12.99 EUR,http://x\n\n2,"Say ""hi""",3 EUR,\n';
    expect(await collect(Readable.from([feed]))).toEqual([
      { line: 2, fields: { id: '1', title: 'Mug, blue', price: '12.99 EUR', image_link: 'http://x' } },
      { line: 4, fields: { id: '2', title: 'Say "hi"', price: '3 EUR', image_link: '' } },
    ]);
  });

  it('reads TSV, where commas in a title are plain text, and a BOM and CRLF line ends', async () => {
    const feed = '\uFEFFid\ttitle\tprice\r\n1\tMug, blue, large\t12.99 EUR\r\n';
    expect(await collect([feed])).toEqual([
      { line: 2, fields: { id: '1', title: 'Mug, blue, large', price: '12.99 EUR' } },
    ]);
  });

  it('reads byte chunks split anywhere, even inside a multi-byte character and the header', async () => {
    const bytes = Buffer.from('id;title;price\n1;Kaffi Lëtzebuerg;4.50 EUR\n', 'utf8');
    const chunks = [...bytes].map((byte) => Uint8Array.of(byte));
    expect(await collect(Readable.from(chunks))).toEqual([
      { line: 2, fields: { id: '1', title: 'Kaffi Lëtzebuerg', price: '4.50 EUR' } },
    ]);
  });

  it('reads a Web ReadableStream', async () => {
    const stream = new Blob(['id,title,price\n7,Pen,1 EUR\n']).stream();
    expect(await collect(stream)).toHaveLength(1);
  });

  it('reads stray quotes leniently, as merchant feeds have them', async () => {
    const feed = 'id,title,price\n1,"broken "quote" here,2 EUR\n2,12" pizza,3 EUR\n';
    expect(await collect([feed])).toEqual([
      { line: 2, fields: { id: '1', title: '"broken "quote" here', price: '2 EUR' } },
      { line: 3, fields: { id: '2', title: '12" pizza', price: '3 EUR' } },
    ]);
  });

  it('reports a quote that never closes as an error record, keeping the rows before it', async () => {
    const feed = 'id,title,price\n1,Mug,2 EUR\n2,"unclosed,3 EUR\n3,Lost,4 EUR\n';
    const records = await collect([feed]);
    expect(records.filter((record) => record.fields)).toEqual([
      { line: 2, fields: { id: '1', title: 'Mug', price: '2 EUR' } },
    ]);
    expect(records.filter((record) => record.error)).toEqual([
      { line: 4, error: expect.stringContaining('Quote Not Closed') },
    ]);
  });

  it.each([
    ['an empty feed', '', 'the feed is empty'],
    ['a header without required columns', 'id,name\n1,x\n', 'lacks the column'],
    ['a header-only feed without price', 'id,title\n', 'lacks the column price'],
    ['binary data', '\u0000\u0001\u0002PNG', 'not UTF-8 text'],
  ])('fails %s with FeedUnreadableError', async (_label, feed, message) => {
    await expect(collect([feed])).rejects.toThrow(FeedUnreadableError);
    await expect(collect([feed])).rejects.toThrow(message);
  });

  it('fails when the source itself fails midway', async () => {
    function* failing() {
      yield 'id,title,price\n1,Mug,1 EUR\n';
      throw new Error('connection reset');
    }
    await expect(collect(failing())).rejects.toThrow(/can not be read: connection reset/);
  });

  it('a header-only feed with the required columns has no rows', async () => {
    expect(await collect(['id,title,price\n'])).toEqual([]);
  });

  it('marks a Latin-1 row instead of decoding it to U+FFFD, and reads the UTF-8 rows around it (issue 14)', async () => {
    const bytes = Buffer.concat([
      Buffer.from('id\ttitle\tprice\n1\tCrème brûlée\t4 EUR\n', 'utf8'),
      Buffer.from('2\tCrème brûlée\t5 EUR\n', 'latin1'),
      Buffer.from('3\tÜ\uFFFD kept\t6 EUR\n', 'utf8'),
    ]);
    // byte by byte too, so a character split across chunks is not taken for bad bytes
    for (const source of [[bytes], [...bytes].map((byte) => Uint8Array.of(byte))]) {
      const records = await collect(Readable.from(source));
      expect(records.map((record) => record.fields?.title)).toEqual([
        'Crème brûlée',
        'Cr\uFDD0me br\uFDD0l\uFDD0e',
        'Ü\uFFFD kept',
      ]);
    }
  });

  it('drops a line longer than the limit while streaming and reads on (issue 14)', async () => {
    const long = 'x'.repeat(maxFeedLineLength + 10);
    const records = await collect([
      'id,title,price\n1,Mug,1 EUR\n2,',
      long.slice(0, 600_000),
      long.slice(600_000),
      '\n3,Cup,2 EUR\n',
    ]);
    expect(records).toEqual([
      { line: 2, fields: { id: '1', title: 'Mug', price: '1 EUR' } },
      { line: 3, error: `the line is longer than ${maxFeedLineLength} characters` },
      { line: 4, fields: { id: '3', title: 'Cup', price: '2 EUR' } },
    ]);
  });

  it('refuses a 20 MB feed without a newline with a short message, without holding it (issue 14)', async () => {
    const chunk = 'a,'.repeat(32 * 1024);
    const chunks = function* () {
      for (let index = 0; index < 320; index++) yield chunk; // 20 MB
    };
    const error = await collect(chunks()).catch((thrown: unknown) => thrown as Error);
    expect(error).toBeInstanceOf(FeedUnreadableError);
    expect((error as Error).message).toBe(`the header line is longer than ${maxFeedLineLength} characters`);
  });
});
