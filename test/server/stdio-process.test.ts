// The server as a process, the way the extension starts it: main.ts wiring, stdio transport, real schemas.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type MarkupContent,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

describe('the server process over stdio', () => {
  const root = mkdtempSync(join(tmpdir(), 'gitops-stdio-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let connection: ProtocolConnection;
  const published: PublishDiagnosticsParams[] = [];
  let onPublish: () => void = () => undefined;

  before(async () => {
    connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.push(p);
      onPublish();
    });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {} });
    await connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
    connection.dispose();
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
    // 20,000 keys, ~450 KB: over the 256 KiB from which documents are linted off the main thread.
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: large\ndata:\n${Array.from({ length: 20_000 }, (_, i) => `  key-${i}: value-${i}\n`).join('')}  key-0: again\n`;
    const result = await openAndWait(uri, text, 60_000);
    // The worker read it (no file-limits finding saying it could not) and found the duplicate key on the last line.
    assert.deepEqual(result.diagnostics.map((d) => [d.code, d.range.start.line]), [['yaml-syntax', 20_005]]);
  });
});
