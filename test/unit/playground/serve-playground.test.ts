import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRequestPath, startPlaygroundServer } from '../../../scripts/serve-playground.mjs';

const root = mkdtempSync(join(tmpdir(), 'playground-serve-'));
mkdirSync(join(root, 'schemas'));
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'schemas', 'index.json'), '{}');
writeFileSync(join(root, '.env'), 'secret');
writeFileSync(join(root, 'notes.txt'), 'unknown type');

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
