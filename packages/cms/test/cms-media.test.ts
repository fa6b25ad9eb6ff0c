/**
 * Media uploads with real files in a real directory, on SQLite and PostgreSQL: type from the
 * bytes, size limit, names that try to escape the directory, and failures that leave nothing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmsMediaServiceRef, type RequestContext } from '@orion/contracts';
import type { TestHost } from '@orion/testing';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cmsMediaUploadedEventRef, cmsModule, cmsPermissions } from '../src/index.js';
import { chunked, pngOfSize, sha256, tinyPdf, tinyPng } from './media-fixtures.js';

const media = '/api/v1/store/cms/media';
const maxBytes = 64 * 1024;

describeEachDatabase('cms media', (dialect) => {
  const hosts = useTestHosts(dialect);
  let host: TestHost;
  let root: string;
  let mediaDir: string;
  let platformId: number;
  let storeId: number;
  let editor: RequestContext;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'orion-cms-media-'));
    mediaDir = join(root, 'app', 'media');
    host = await hosts.start({
      modules: [cmsModule],
      env: { CMS_MEDIA_DIR: mediaDir, CMS_MEDIA_MAX_BYTES: String(maxBytes) },
      // uploads carry binary bodies, which host.request does not send: they go through host.fetch
      resolveContext: (request) => JSON.parse(request.headers.get('x-test-context')!),
    });
    ({ platformId, storeId } = await host.seedTenancy());
    editor = { platformId, storeId, permissions: [cmsPermissions.view, cmsPermissions.manage] };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** What an upload answers: the stored file, or an error (each test reads the side it expects). */
  interface UploadAnswer {
    id: number;
    fileName: string;
    bytes: number;
    error: { code: string };
  }

  /** POSTs `body` as the upload, with a content-length when it is a Buffer, streamed in chunks otherwise. */
  async function upload(body: Buffer | ReadableStream<Uint8Array>, fileName?: string, context = editor) {
    const query = fileName === undefined ? '' : `?fileName=${encodeURIComponent(fileName)}`;
    const response = await host.fetch(
      new Request(`http://orion.test${media}${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-test-context': JSON.stringify(context) },
        body,
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      }),
    );
    return { status: response.status, body: (await response.json()) as UploadAnswer };
  }

  const rows = () => host.db.selectFrom('cms_media_files').selectAll().execute();
  const filesOnDisk = () => (existsSync(mediaDir) ? readdirSync(mediaDir) : []);
  const everythingUnder = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? everythingUnder(join(dir, entry.name)) : [join(dir, entry.name)],
    );

  it('stores an image under a generated name, with its type from the bytes, size and sha256, and serves it back', async () => {
    const seen: unknown[] = [];
    host.orion.events.on(cmsMediaUploadedEventRef, ({ payload }) => void seen.push(payload));
    const uploaded = await upload(tinyPng, 'holiday.txt');
    await host.orion.events.drain();
    expect(seen).toEqual([{ mediaId: uploaded.body.id, storeId, contentType: 'image/png', bytes: tinyPng.length }]);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      storeId,
      fileName: 'holiday.txt',
      contentType: 'image/png',
      bytes: tinyPng.length,
      sha256: sha256(tinyPng),
    });

    const [row] = await rows();
    expect(row!.storage_name).toMatch(/^[0-9a-f]{32}$/);
    expect(filesOnDisk()).toEqual([row!.storage_name]);
    expect(readFileSync(join(mediaDir, row!.storage_name)).equals(tinyPng)).toBe(true);

    const content = await host.fetch(
      new Request(`http://orion.test${media}/${uploaded.body.id}/content`, {
        headers: { 'x-test-context': JSON.stringify(editor) },
      }),
    );
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toBe('image/png');
    expect(content.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await content.arrayBuffer()).equals(tinyPng)).toBe(true);

    const pdf = await upload(chunked(tinyPdf, 10), 'terms.pdf');
    expect(pdf.body).toMatchObject({ contentType: 'application/pdf', bytes: tinyPdf.length });
    const list = await host.request('GET', media, { context: editor });
    expect(list.body.media.map((file: { fileName: string }) => file.fileName)).toEqual(['terms.pdf', 'holiday.txt']);
    const images = await host.request('GET', `${media}?type=image/`, { context: editor });
    expect(images.body.media.map((file: { fileName: string }) => file.fileName)).toEqual(['holiday.txt']);
  });

  it('refuses bytes of a type not on the allow-list, whatever the file name says, and keeps nothing', async () => {
    for (const [bytes, name] of [
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.svg'],
      [Buffer.from('just text, not a picture'), 'photo.png'],
      [Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), 'setup.jpg'],
    ] as const) {
      const refused = await upload(bytes, name);
      expect(refused.status).toBe(415);
      expect(refused.body.error.code).toBe('CMS_ERR_MEDIA_TYPE_NOT_ALLOWED');
    }
    const seen: unknown[] = [];
    host.orion.events.on(cmsMediaUploadedEventRef, ({ payload }) => void seen.push(payload));
    const empty = await upload(Buffer.alloc(0), 'empty.png');
    expect(empty.body.error.code).toBe('CMS_ERR_MEDIA_EMPTY');
    await host.orion.events.drain();
    expect(seen).toEqual([]);
    expect(await rows()).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
  });

  it('stops an oversized upload at the limit, streamed or announced, without leaving a partial file', async () => {
    const exactly = await upload(chunked(pngOfSize(maxBytes), 1000));
    expect(exactly.status).toBe(201);
    expect(exactly.body.bytes).toBe(maxBytes);

    let pulled = 0;
    const big = pngOfSize(maxBytes * 20);
    const streamed = chunked(big, 4096);
    const reader = streamed.getReader();
    const counting = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        pulled += value.length;
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    const tooLarge = await upload(counting, 'big.png');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toMatchObject({ code: 'CMS_ERR_MEDIA_TOO_LARGE', details: { maxBytes } });
    // reading stopped near the limit, far from the whole body
    expect(pulled).toBeLessThan(maxBytes * 2);

    // a first chunk already over the limit: stopped before the temporary file may even be open
    for (let i = 0; i < 5; i++) expect((await upload(chunked(pngOfSize(maxBytes + 1), maxBytes + 1))).status).toBe(413);

    const announced = await upload(big, 'big.png');
    expect(announced.status).toBe(413);

    expect((await rows()).length).toBe(1);
    expect(filesOnDisk()).toEqual([(await rows())[0]!.storage_name]);
  });

  it('keeps a file name with a path as a label only: the file stays inside the media directory', async () => {
    for (const name of [
      '../../escaped.png',
      '..\\..\\escaped.png',
      '/etc/passwd',
      '.hidden',
      'a\u0001b\nc.png',
      '../',
    ]) {
      const uploaded = await upload(tinyPng, name);
      expect(uploaded.status, name).toBe(201);
      // eslint-disable-next-line no-control-regex -- control characters must not survive in the stored name
      expect(uploaded.body.fileName, name).not.toMatch(/[\\/\u0000\u0001\n]|^\./);
    }
    // a NUL is refused like in any other text input (PostgreSQL can not store it): 400, nothing kept
    const nul = await upload(tinyPng, 'a\u0000b.png');
    expect(nul.status).toBe(400);
    expect(nul.body.error.code).toBe('ORION_ERR_VALIDATION');
    expect((await rows()).map((row) => row.file_name)).toEqual([
      'escaped.png',
      'escaped.png',
      'passwd',
      'hidden',
      'abc.png',
      'upload',
    ]);
    // nothing was written anywhere but the media directory
    expect(everythingUnder(root).every((file) => file.startsWith(mediaDir + '/'))).toBe(true);
    expect(filesOnDisk()).toHaveLength(6);
  });

  it('leaves neither a row nor a file when recording the upload fails', async () => {
    // the table is away while the bytes arrive, so recording the file fails after it was written
    await sql`alter table cms_media_files rename to cms_media_files_away`.execute(host.db);
    const failed = await upload(tinyPng, 'lost.png');
    await sql`alter table cms_media_files_away rename to cms_media_files`.execute(host.db);
    expect(failed.status).toBe(500);
    expect(await rows()).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
  });

  it('deletes a file’s row and bytes, and keeps each store’s files to itself', async () => {
    const uploaded = await upload(tinyPng, 'a.png');
    const other = await host.seedTenancy({ platformId });
    const neighbour = { ...editor, storeId: other.storeId };
    expect((await host.request('GET', `${media}/${uploaded.body.id}`, { context: neighbour })).status).toBe(404);
    expect((await host.request('DELETE', `${media}/${uploaded.body.id}`, { context: neighbour })).status).toBe(404);

    expect((await host.request('GET', `${media}/${uploaded.body.id}`, { context: editor })).body).toEqual(
      uploaded.body,
    );
    expect((await host.request('DELETE', `${media}/${uploaded.body.id}`, { context: editor })).status).toBe(204);
    expect(await rows()).toEqual([]);
    await expect.poll(filesOnDisk).toEqual([]);
    const gone = await host.request('GET', `${media}/${uploaded.body.id}`, { context: { ...editor, locale: 'lb' } });
    expect(gone.body.error).toMatchObject({
      code: 'CMS_ERR_MEDIA_NOT_FOUND',
      message: `D’Mediendatei ${uploaded.body.id} gouf an dësem Buttek net fonnt.`,
    });
  });

  it('provides the store’s media to other modules through cmsMediaServiceRef, and serves it on the storefront', async () => {
    const png = await upload(tinyPng, 'p.png');
    await upload(tinyPdf, 'd.pdf');
    const service = await host.orion.services.require(cmsMediaServiceRef, { platformId });
    expect((await service.listMedia({ storeId, contentTypePrefix: 'image/' })).map((file) => file.id)).toEqual([
      png.body.id,
    ]);
    expect(await service.getMedia({ storeId, mediaId: png.body.id })).toEqual(png.body);
    expect(await service.getMedia({ storeId: storeId + 1, mediaId: png.body.id })).toBeUndefined();
    const opened = await service.openMedia({ storeId, mediaId: png.body.id });
    expect(Buffer.from(await new Response(opened!.stream).arrayBuffer()).equals(tinyPng)).toBe(true);

    const path = service.mediaPath(png.body.id);
    const shopper = { platformId, storeId, permissions: [] };
    const served = await host.fetch(
      new Request(`http://orion.test${path}`, { headers: { 'x-test-context': JSON.stringify(shopper) } }),
    );
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(tinyPng)).toBe(true);
  });

  it('refuses an upload without the permission', async () => {
    const refused = await upload(tinyPng, 'x.png', { ...editor, permissions: [cmsPermissions.view] });
    expect(refused.status).toBe(403);
    expect(filesOnDisk()).toEqual([]);
  });
});
