import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, resolveRequestPath, startPlaygroundServer } from '../../../scripts/serve-playground.mjs';

const root = mkdtempSync(join(tmpdir(), 'playground-serve-'));
mkdirSync(join(root, 'schemas'));
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'schemas', 'index.json'), '{}');
writeFileSync(join(root, '.env'), 'secret');
writeFileSync(join(root, 'notes.txt'), 'unknown type');
const BUNDLE = `${'export const rule = "image-tag";\n'.repeat(2000)}`;
writeFileSync(join(root, 'app.js'), BUNDLE);
writeFileSync(join(root, 'icon.png'), Buffer.alloc(4096, 7));

/** A GET with exactly these headers, its body as received (fetch would decompress it). */
function getRaw(url: URL, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('the static server serves files under its root, index.html for a directory', () => {
  assert.equal(resolveRequestPath(root, '/'), join(root, 'index.html'));
  assert.equal(resolveRequestPath(root, '/schemas/index.json?x=1'), join(root, 'schemas', 'index.json'));
});

test('the static server refuses traversal, dot files, unknown types and missing files', () => {
  for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/schemas/..%2f..%2fpackage.json', '/.env', '/notes.txt', '/missing.js', '/%00index.html', '//etc/passwd']) {
    assert.equal(resolveRequestPath(root, path), undefined, path);
  }
});

test('the server answers with content types, 304 for an unchanged file, 404 outside its root, 405 for writes', async () => {
  const server = await startPlaygroundServer({ root, port: 0 });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const first = await fetch(new URL('schemas/index.json', server.url));
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('content-type'), 'application/json; charset=utf-8');
    const etag = first.headers.get('etag');
    assert.ok(etag);
    assert.equal((await fetch(new URL('schemas/index.json', server.url), { headers: { 'if-none-match': etag } })).status, 304);
    assert.equal((await fetch(new URL('%2e%2e/%2e%2e/etc/passwd', server.url))).status, 404);
    assert.equal((await fetch(server.url, { method: 'POST', body: 'x' })).status, 405);
  } finally {
    await server.close();
  }
});

test('the encoding follows Accept-Encoding: brotli first, then gzip, never one refused with q=0', () => {
  assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br', 'what Chromium sends');
  assert.equal(chooseEncoding('gzip, deflate'), 'gzip');
  assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip');
  assert.equal(chooseEncoding('gzip;q=0'), undefined);
  assert.equal(chooseEncoding('identity'), undefined);
  assert.equal(chooseEncoding(undefined), undefined);
});

test('text files are served compressed when accepted, with Content-Encoding, Vary and an etag of their own', async () => {
  const server = await startPlaygroundServer({ root, port: 0 });
  try {
    const url = new URL('app.js', server.url);
    const gzipped = await getRaw(url, { 'accept-encoding': 'gzip' });
    assert.equal(gzipped.status, 200);
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.equal(gzipped.headers.vary, 'Accept-Encoding');
    assert.equal(Number(gzipped.headers['content-length']), gzipped.body.length);
    assert.ok(gzipped.body.length < BUNDLE.length / 10, `${gzipped.body.length} bytes for ${BUNDLE.length}`);
    assert.equal(gunzipSync(gzipped.body).toString('utf8'), BUNDLE);

    const brotli = await getRaw(url, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(brotli.body).toString('utf8'), BUNDLE);
    assert.notEqual(brotli.headers.etag, gzipped.headers.etag, 'each encoding is its own representation');
    assert.equal((await getRaw(url, { 'accept-encoding': 'br', 'if-none-match': String(brotli.headers.etag) })).status, 304);
    assert.equal((await getRaw(url, { 'accept-encoding': 'gzip', 'if-none-match': String(brotli.headers.etag) })).status, 200, 'a brotli etag does not validate gzip');

    const plain = await getRaw(url, {});
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers.vary, 'Accept-Encoding');
    assert.equal(plain.body.toString('utf8'), BUNDLE);

    const image = await getRaw(new URL('icon.png', server.url), { 'accept-encoding': 'gzip, br' });
    assert.equal(image.headers['content-encoding'], undefined, 'images are compressed already');
    assert.equal(image.body.length, 4096);
  } finally {
    await server.close();
  }
});
