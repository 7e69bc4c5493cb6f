// Custom resources: the CRDs are installed in the test API server (which applies their schema defaults);
// Flux and Argo CD objects applied with kubectl are Synced, and a kubectl patch of a spec field is drift.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { runDriftCli, writeRepo } from './drift-e2e-support.js';

let cluster: TestCluster;
let repo: { dir: string; cleanup(): void };

before(async () => {
  cluster = await startTestCluster({ seedDir: 'test/fixtures/cluster/crds' });
  repo = writeRepo({});
  mkdirSync(join(repo.dir, 'gitops'));
  cpSync('test/fixtures/cluster/gitops-objects', join(repo.dir, 'gitops'), { recursive: true });
  await cluster.run('apply', '-f', join(repo.dir, 'gitops'));
});

after(async () => {
  await cluster?.stop();
  repo?.cleanup();
});

interface Json { resources: { id: string; status: string; fields: { path: string; attribution?: { manager: string } }[] }[] }

test('custom resources applied with kubectl are Synced', async () => {
  const r = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json']);
  const json = JSON.parse(r.stdout) as Json;
  const custom = json.resources.filter((x) => /toolkit\.fluxcd\.io|argoproj\.io/.test(x.id));
  assert.ok(custom.length >= 3, JSON.stringify(json.resources.map((x) => x.id)));
  assert.deepEqual(json.resources.filter((x) => x.status !== 'Synced').map((x) => [x.id, x.status, x.fields.map((f) => f.path)]), [], r.stderr);
});

test('a kubectl patch of a custom resource field is drift attributed to kubectl-patch', async () => {
  await cluster.run('patch', 'kustomizations.kustomize.toolkit.fluxcd.io', 'apps', '-n', 'flux-system', '--type=merge', '-p', '{"spec":{"prune":false}}');
  const r = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json']);
  const ks = (JSON.parse(r.stdout) as Json).resources.find((x) => x.id === 'Kustomization.kustomize.toolkit.fluxcd.io flux-system/apps');
  assert.equal(ks?.status, 'Drifted');
  assert.deepEqual(ks?.fields.map((f) => [f.path, f.attribution?.manager]), [['.spec.prune', 'kubectl-patch']]);
});

test('kubectl delete of a CRD Git still uses: its objects are Unknown (kind not served), never Missing; exit 2', async () => {
  await cluster.run('delete', 'crd', 'helmreleases.helm.toolkit.fluxcd.io');
  const r = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json']);
  const json = JSON.parse(r.stdout) as { resources: { id: string; status: string; reason?: string }[] };
  const helm = json.resources.filter((x) => x.id.startsWith('HelmRelease.'));
  assert.ok(helm.length > 0);
  assert.deepEqual(helm.map((x) => x.status), helm.map(() => 'Unknown'), JSON.stringify(helm));
  assert.equal(helm[0]?.reason, 'the cluster does not serve the API group \'helm.toolkit.fluxcd.io\' (is its CRD installed?)');
  assert.deepEqual(json.resources.filter((x) => x.status === 'Unknown' || x.status === 'Missing').map((x) => x.id), helm.map((x) => x.id), 'the other kinds are still compared');
  assert.equal(r.code, 2);
});
