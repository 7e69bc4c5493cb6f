// 401 in the middle of a session (a token revoked, then renewed): a small proxy in front of the test API
// server answers 401 for a while. Status goes Unauthorized and every result Unknown; then it recovers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createDriftService, type LiveDriftService } from '../../src/adapters/drift/drift-service.js';
import { loadWorkspace } from '../../src/adapters/fs/load-workspace.js';
import { Backoff } from '../../src/adapters/kube/backoff.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { writeRepo } from './drift-e2e-support.js';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {a: "1"}\n';
let cluster: TestCluster;
let proxy: Server;
let deny = false;
const sockets = new Set<Socket>();
let live: LiveDriftService;
let repo: { dir: string; cleanup(): void };

before(async () => {
  cluster = await startTestCluster({ seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }] });
  await cluster.run('apply', '-f', cluster.write('cm.yaml', CM));
  const target = new URL(cluster.handle.url);
  proxy = createServer((req, res) => {
    if (deny) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }));
      return;
    }
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  proxy.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const kubeconfig = join(cluster.dir, 'proxied-kubeconfig');
  const port = (proxy.address() as AddressInfo).port;
  writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\ncurrent-context: p\nclusters: [{name: p, cluster: {server: "http://127.0.0.1:${port}"}}]\nusers: [{name: p, user: {token: t}}]\ncontexts: [{name: p, context: {cluster: p, user: p}}]\n`);
  repo = writeRepo({ 'cm.yaml': CM });
  live = await createDriftService({ root: repo.dir, index: loadWorkspace(repo.dir).index, kubeconfig, processEnv: { PATH: process.env.PATH ?? '', HOME: tmpdir() }, informer: { backoff: new Backoff(20, 200) } });
  await live.whenSynced(10_000);
});

after(async () => {
  live?.stop();
  repo?.cleanup();
  for (const s of sockets) s.destroy();
  await new Promise((r) => proxy?.close(r));
  await cluster?.stop();
});

function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const test = () => {
      if (!check()) return;
      clearTimeout(timer);
      live.off('status', test);
      live.off('changed', test);
      live.off('reset', test);
      resolve();
    };
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}: ${live.status} ${JSON.stringify(live.results().map((r) => [r.status, r.reason]))}`)), timeoutMs);
    live.on('status', test);
    live.on('changed', test);
    live.on('reset', test);
    test();
  });
}

test('401 mid-session: Unauthorized, every result Unknown with the reason; recovers when access is back', async () => {
  assert.deepEqual(live.results().map((r) => r.status), ['Synced']);
  deny = true;
  for (const s of sockets) s.destroy(); // the watch connection drops; the re-list is refused
  await until('Unauthorized', () => live.status === 'Unauthorized' && live.results().every((r) => r.status === 'Unknown'));
  assert.match(live.results()[0]?.reason ?? '', /unauthorized/i);
  deny = false;
  await until('recovered', () => live.status === 'Connected' && live.results().every((r) => r.status === 'Synced'));
});
