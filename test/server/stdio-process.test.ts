// The server as a process, the way the extension starts it: main.ts wiring, stdio transport, real schemas.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DidOpenTextDocumentNotification, HoverRequest, PublishDiagnosticsNotification, type MarkupContent, type ProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { startStdioServer, type StdioServer } from './support/stdio-server.js';

/** 20,000 keys, ~450 KB: over the 256 KiB from which files are parsed and linted off the main thread. */
const largeMap = (name: string, tail = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Array.from({ length: 20_000 }, (_, i) => `  key-${i}: value-${i}\n`).join('')}${tail}`;

describe('the server process over stdio', () => {
  const root = mkdtempSync(join(tmpdir(), 'gitops-stdio-'));
  // On disk before start-up: read in a worker, not on the main thread.
  writeFileSync(join(root, 'on-disk.yaml'), largeMap('on-disk'));
  let server: StdioServer;
  let connection: ProtocolConnection;
  const published: PublishDiagnosticsParams[] = [];
  let onPublish: () => void = () => undefined;

  before(async () => {
    server = await startStdioServer(['--import', 'tsx', 'src/server/main.ts'], pathToFileURL(root).href, (c) => {
      c.onNotification(PublishDiagnosticsNotification.type, (p) => {
        published.push(p);
        onPublish();
      });
    });
    connection = server.connection;
  });

  after(async () => {
    assert.equal(await server.stop(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  /** Opens a document and resolves with its first diagnostics (rejects after `timeoutMs` without). */
  async function openAndWait(uri: string, text: string, timeoutMs: number): Promise<PublishDiagnosticsParams> {
    const diagnostics = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics within ${timeoutMs / 1000} s`)), timeoutMs);
      onPublish = () => {
        const found = published.find((p) => p.uri === uri);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      };
    });
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return diagnostics;
  }

  it('publishes diagnostics and answers hovers from the bundled schemas', async () => {
    const uri = pathToFileURL(join(root, 'd.yaml')).href;
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 2\n  replicaz: 3\n';
    const result = await openAndWait(uri, text, 20_000);
    assert.equal(result.version, 1);
    // The schema validator is wired in: the typo is an unknown field, exactly where it is written.
    const unknown = result.diagnostics.find((d) => d.range.start.line === 6);
    assert.ok(unknown, JSON.stringify(result.diagnostics));
    assert.deepEqual(unknown.range, { start: { line: 6, character: 2 }, end: { line: 6, character: 10 } });
    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 5, character: 4 } });
    assert.match((hover?.contents as MarkupContent).value, /\*\*replicas\*\* `integer`/);
  });

  it('lints a large document in the lint worker main.ts starts (from source here, dist/lint-worker.js when bundled)', async () => {
    const uri = pathToFileURL(join(root, 'large.yaml')).href;
    const text = largeMap('large', '  key-0: again\n');
    const result = await openAndWait(uri, text, 60_000);
    // The worker read it (no file-limits finding saying it could not) and found the duplicate key on the last line.
    assert.deepEqual(result.diagnostics.map((d) => [d.code, d.range.start.line]), [['yaml-syntax', 20_005]]);
  });

  it('reads a large file on disk in a worker at start-up: a reference to it resolves', async () => {
    const uri = pathToFileURL(join(root, 'pod.yaml')).href;
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n      envFrom:\n        - configMapRef:\n            name: on-disk\n        - configMapRef:\n            name: absent\n';
    const result = await openAndWait(uri, text, 60_000);
    // The absent one dangles (the rule ran); the one on disk does not (the worker's parse is in the index).
    assert.deepEqual(result.diagnostics.filter((d) => d.code === 'dangling-reference').map((d) => d.range.start.line), [12]);
  });
});
