// The language server as `npm run build` bundles it (an ES module split into chunks, started through the
// CommonJS loader dist/server.js), as a process over stdio: the first diagnostics come from the start-up
// chunks, and drift (@kubernetes/client-node, against the test API server) and the readiness report still
// work when first asked, from the chunks loaded then (ADR 0002). start-up-bundle.test.ts checks which code
// is in which chunk; this checks that the chunks run.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { DidOpenTextDocumentNotification, PublishDiagnosticsNotification, type ProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { loaderSource, SPLIT_ENTRIES, splitBundleOptions } from '../../scripts/bundle-options.mjs';
import { driftEnvironmentsNotification, driftWatchRequest, type DriftEnvironmentsParams } from '../../src/protocol/drift-messages.js';
import { readinessReportRequest } from '../../src/protocol/lsp-extensions.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { startStdioServer, type StdioServer } from './support/stdio-server.js';

const DEMO_APP = resolve('test/fixtures/cluster/demo-app');
const DEADLINE_MS = 30_000;

describe('the bundled server process (ES module chunks loaded on first use)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'gitops-bundled-server-'));
  let cluster: TestCluster;
  let server: StdioServer;
  let connection: ProtocolConnection;
  const published: PublishDiagnosticsParams[] = [];
  const environments: DriftEnvironmentsParams[] = [];
  let onMessage: () => void = () => undefined;

  /** Resolves once `condition` holds after a message from the server; rejects at the deadline. */
  const waitFor = <T>(condition: () => T | undefined, what: string): Promise<T> =>
    new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), DEADLINE_MS);
      onMessage = () => {
        const found = condition();
        if (found === undefined) return;
        clearTimeout(timer);
        onMessage = () => undefined;
        resolvePromise(found);
      };
      onMessage();
    });

  before(async () => {
    const entry = SPLIT_ENTRIES.find((e) => e.name === 'server');
    assert.ok(entry);
    await build({ ...splitBundleOptions(entry, { outdir }), sourcemap: false });
    writeFileSync(join(outdir, 'server.js'), loaderSource(entry));
    cluster = await startTestCluster({ seedDir: 'test/fixtures/cluster/demo-app' });
    // Schema data is found beside the bundle, else under src/ from the working directory (the repository here).
    const listen = (c: ProtocolConnection) => {
      c.onNotification(PublishDiagnosticsNotification.type, (p) => {
        published.push(p);
        onMessage();
      });
      c.onNotification(driftEnvironmentsNotification, (p) => {
        environments.push(p);
        onMessage();
      });
    };
    server = await startStdioServer([join(outdir, 'server.js')], pathToFileURL(DEMO_APP).href, listen, { ...process.env, KUBECONFIG: cluster.handle.kubeconfigPath });
    connection = server.connection;
  });

  after(async () => {
    assert.equal(await server.stop(), 0);
    await cluster.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  it('publishes the first diagnostics of an opened manifest', async () => {
    const uri = pathToFileURL(join(DEMO_APP, 'deployment.yaml')).href;
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicaz: 3\n';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const result = await waitFor(() => published.find((p) => p.uri === uri), 'diagnostics');
    assert.ok(result.diagnostics.some((d) => d.range.start.line === 5), JSON.stringify(result.diagnostics));
  });

  it('compares the folder with the cluster when drift is first watched (the drift chunk, client-node)', async () => {
    await connection.sendRequest(driftWatchRequest, { watching: true, kubeconfig: cluster.handle.kubeconfigPath });
    const connected = await waitFor(() => environments.at(-1)?.environments.find((e) => e.state === 'Connected' && e.counts.Synced + e.counts.Drifted > 0), 'a Connected environment with results');
    assert.equal(connected.context, 'gitops-test');
    await connection.sendRequest(driftWatchRequest, { watching: false });
  });

  it('answers the readiness report when first asked (the readiness chunks)', async () => {
    const result = await connection.sendRequest(readinessReportRequest, {});
    assert.equal(result.folders.length, 1);
    assert.equal(result.folders[0]?.error, undefined);
    assert.ok(result.folders[0]?.report, JSON.stringify(result.folders[0]));
  });
});
