#!/usr/bin/env node
// Serves dist/playground on 127.0.0.1: a tiny static server (GET/HEAD only, known content types, nothing
// outside the directory). `npm run playground [-- --port N]` builds the page first, then runs this.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The file under `root` a request path names, or undefined (outside root, a dot file, not a file, unknown type). */
export function resolveRequestPath(root, requestPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(requestPath, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.split('/').some((segment) => segment.startsWith('.') && segment !== '')) return undefined;
  const base = resolve(root);
  let file = resolve(join(base, pathname));
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!statSync(file).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return CONTENT_TYPES[extname(file)] ? file : undefined;
}

/** Starts the server; port 0 picks a free one. Resolves with the page's URL and a close function. */
export function startPlaygroundServer({ root = 'dist/playground', port = 8337 } = {}) {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveRequestPath(root, request.url ?? '/');
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    // Revalidated on every use (no-cache), answered 304 when unchanged: a rebuilt page is never stale, and a
    // worker started twice (monaco-yaml restarts its worker when its schema changes) is not downloaded twice.
    const stat = statSync(file);
    const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
    const headers = { 'cache-control': 'no-cache', etag, 'x-content-type-options': 'nosniff' };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': CONTENT_TYPES[extname(file)], 'content-length': stat.size });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolvePromise({
        url: `http://127.0.0.1:${address.port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

function argument(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(argument('--port') ?? 8337);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (0-65535), not ${argument('--port')}`);
    process.exit(2);
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'playground');
  try {
    statSync(join(root, 'index.html'));
  } catch {
    console.error(`${root} has no index.html: run node scripts/build-playground.mjs first`);
    process.exit(2);
  }
  startPlaygroundServer({ root, port }).then(
    ({ url }) => console.log(`GitOps Authoring playground: ${url}  (Ctrl+C to stop)`),
    (error) => {
      console.error(`cannot listen on 127.0.0.1:${port}: ${error.message}`);
      process.exit(2);
    },
  );
}
