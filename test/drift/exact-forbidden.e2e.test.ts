// --exact needs patch rights for its dry-run: with a read-only token the results are Unknown with the
// server's reason (exit 2), never a silent fallback that would claim exactness.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { runDriftCli, writeRepo } from './drift-e2e-support.js';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {a: "1"}\n';
let cluster: TestCluster;
let repo: { dir: string; cleanup(): void };
let viewerKubeconfig: string;

before(async () => {
  // kubectl sends bearer tokens only over TLS.
  cluster = await startTestCluster({ tls: true, token: 'admin-token', readOnlyTokens: ['viewer-token'], seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }] });
  repo = writeRepo({ 'cm.yaml': CM });
  await cluster.run('apply', '-f', `${repo.dir}/cm.yaml`);
  viewerKubeconfig = cluster.write('viewer-kubeconfig', readFileSync(cluster.handle.kubeconfigPath, 'utf8').replace('admin-token', 'viewer-token'));
});

after(async () => {
  await cluster?.stop();
  repo?.cleanup();
});

test('read-only access: the normalized comparison works', async () => {
  const r = await runDriftCli([repo.dir, '--kubeconfig', viewerKubeconfig]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
});

test('read-only access with --exact: Unknown with the refusal, exit 2', async () => {
  const r = await runDriftCli([repo.dir, '--kubeconfig', viewerKubeconfig, '--exact', '--format', 'json']);
  const json = JSON.parse(r.stdout) as { resources: { id: string; status: string; strategy: string; reason?: string }[] };
  assert.equal(r.code, 2);
  assert.deepEqual(json.resources.map((x) => [x.id, x.status, x.strategy]), [['ConfigMap shop/settings', 'Unknown', 'server-dry-run']]);
  assert.match(json.resources[0]?.reason ?? '', /server-side dry-run failed: forbidden \(403\)/);
});
