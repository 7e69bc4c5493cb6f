#!/usr/bin/env node
// Serves dist/playground on 127.0.0.1: a tiny static server (GET/HEAD only, known content types, nothing
// outside the directory), compressing text files with brotli or gzip when the browser accepts it (each file
// version compressed once, kept in memory). `npm run playground [-- --port N]` builds the page first, then runs this.
import { createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Types worth compressing (text, fonts); images are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.ttf']);
const COMPRESS = {
  br: (body) => promisify(brotliCompress)(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

/**
 * The encoding to answer an `Accept-Encoding` header with: brotli, else gzip, when accepted (q > 0, by name or
 * `*`); undefined for the file as it is.
 */
export function chooseEncoding(acceptEncoding) {
  const accepted = new Map();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    accepted.set(name, q === undefined ? 1 : Number(q.slice(2)));
  }
  return Object.keys(COMPRESS).find((encoding) => (accepted.get(encoding) ?? accepted.get('*') ?? 0) > 0);
}

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
  /** `file\0encoding` → the compressed body of one file version (its etag). */
  const compressed = new Map();
  const compressedBody = (file, etag, encoding) => {
    const key = `${file}\0${encoding}`;
    const known = compressed.get(key);
    if (known?.etag === etag) return known.body;
    const body = readFile(file).then(COMPRESS[encoding]);
    compressed.set(key, { etag, body });
    body.catch(() => compressed.delete(key));
    return body;
  };
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
    // Each encoding is its own representation: its own etag; caches keep them apart by Accept-Encoding (Vary).
    const stat = statSync(file);
    const isCompressible = COMPRESSIBLE.has(extname(file));
    const encoding = isCompressible ? chooseEncoding(request.headers['accept-encoding']) : undefined;
    const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}${encoding ? `-${encoding}` : ''}"`;
    const headers = { 'cache-control': 'no-cache', etag, 'x-content-type-options': 'nosniff', ...(isCompressible ? { vary: 'Accept-Encoding' } : {}) };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers).end();
      return;
    }
    const type = CONTENT_TYPES[extname(file)];
    if (!encoding) {
      response.writeHead(200, { ...headers, 'content-type': type, 'content-length': stat.size });
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
      return;
    }
    compressedBody(file, etag, encoding).then(
      (body) => {
        response.writeHead(200, { ...headers, 'content-type': type, 'content-encoding': encoding, 'content-length': body.length });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('could not read the file\n'),
    );
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
