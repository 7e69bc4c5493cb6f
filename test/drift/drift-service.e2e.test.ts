// The drift service against the test API server, driven by the real kubectl: a desired state that grows
// (a new kind, a new namespace) is watched, not Missing; one that shrinks stops the informers it no longer
// needs; a `kubectl scale` is one `changed` event with just that resource.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResourceDrift } from '../../src/core/drift/drift-types.js';
import type { KubeObject } from '../../src/core/resource/manifest-resource.js';
import { createDriftService, type LiveDriftService } from '../../src/adapters/drift/drift-service.js';
import { DriftServiceError } from '../../src/adapters/drift/drift-service-api.js';
import { Backoff } from '../../src/adapters/kube/backoff.js';
import { loadWorkspace } from '../../src/adapters/fs/load-workspace.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { APP, writeRepo } from './drift-e2e-support.js';

const CONFIG_ONLY = `apiVersion: v1
kind: ConfigMap
metadata: {name: api-config, namespace: shop}
data: {mode: production}
`;
const BILLING = `apiVersion: v1
kind: ConfigMap
metadata: {name: rates, namespace: billing}
data: {vat: "20"}
`;
/** The app without its ConfigMap (which the repository declares from the start in its own file). */
const WORKLOAD = APP.split(/^---\n/m).filter((doc) => !doc.includes('kind: ConfigMap')).join('---\n');
const DEPLOY = 'apps/Deployment/shop/api-server';
const BILLING_CM = '/ConfigMap/billing/rates';

let cluster: TestCluster;
let repo: { dir: string; cleanup(): void };
let service: LiveDriftService;

const processEnv = () => ({ PATH: process.env.PATH ?? '', HOME: tmpdir() });
const resultOf = (id: string) => service.results().find((r) => `${r.key.group}/${r.key.kind}/${r.key.namespace}/${r.key.name}` === id);

/** Resolves when `check` holds (checked after every service event), or fails at the deadline. */
function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const test = () => {
      if (!check()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}: ${service.status} ${JSON.stringify(service.results().map((r) => [r.id, r.status, r.reason]))}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      service.off('changed', test);
      service.off('reset', test);
      service.off('status', test);
    };
    service.on('changed', test);
    service.on('reset', test);
    service.on('status', test);
    test();
  });
}

before(async () => {
  cluster = await startTestCluster({
    seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'billing' } }],
    bookmarkIntervalMs: 200,
  });
  await cluster.run('apply', '-f', cluster.write('app.yaml', APP));
  await cluster.run('apply', '-f', cluster.write('billing.yaml', BILLING));
  repo = writeRepo({ 'apps/config.yaml': CONFIG_ONLY });
  service = await createDriftService({ root: repo.dir, index: loadWorkspace(repo.dir).index, kubeconfig: cluster.handle.kubeconfigPath, processEnv: processEnv(), informer: { backoff: new Backoff(20, 200) } });
  await service.whenSynced(10_000);
});

after(async () => {
  service?.stop();
  repo?.cleanup();
  await cluster?.stop();
});

test('starts with the one kind Git declares, watched in its namespace only', () => {
  assert.deepEqual(service.results().map((r) => [r.id, r.status]), [['ConfigMap shop/api-config', 'Synced']]);
  assert.deepEqual(service.watchedPaths(), ['/api/v1/namespaces/shop/configmaps']);
  assert.equal(service.status, 'Connected');
  assert.deepEqual(service.counts(), { Synced: 1, Drifted: 0, Missing: 0, Orphan: 0, Unknown: 0 });
  const { git, live } = service.objectsOf('/ConfigMap/shop/api-config');
  assert.deepEqual([git?.data, live?.data], [{ mode: 'production' }, { mode: 'production' }]);
});

test('setDesired with a new kind and a new namespace: discovered, watched, compared (not Missing)', async () => {
  writeFileSync(join(repo.dir, 'apps/app.yaml'), WORKLOAD);
  writeFileSync(join(repo.dir, 'apps/billing.yaml'), BILLING);
  const resets: (readonly ResourceDrift[])[] = [];
  service.on('reset', (r) => resets.push(r));
  await service.setDesired(loadWorkspace(repo.dir).index);
  assert.equal(resets.length, 1);
  // Right after the reset the new kinds and the new namespace are Unknown ('listing…'), never Missing; the
  // ConfigMap already compared in shop stays Synced while billing's ConfigMaps list. Then all are compared.
  assert.deepEqual(resets[0]?.map((r) => [r.id, r.status, r.reason]), [
    ['ConfigMap billing/rates', 'Unknown', 'listing…'],
    ['ConfigMap shop/api-config', 'Synced', undefined],
    ['Deployment.apps shop/api-server', 'Unknown', 'listing…'],
    ['Secret shop/api-db', 'Unknown', 'listing…'],
    ['Service shop/api-server', 'Unknown', 'listing…'],
  ]);
  await until('every resource compared', () => service.results().length === 5 && service.results().every((r) => r.status === 'Synced'));
  assert.equal(resultOf(BILLING_CM)?.status, 'Synced');
  assert.equal(resultOf(DEPLOY)?.status, 'Synced');
  assert.deepEqual(service.watchedPaths(), [
    '/api/v1/namespaces/billing/configmaps', '/api/v1/namespaces/shop/configmaps', '/api/v1/namespaces/shop/secrets', '/api/v1/namespaces/shop/services', '/apis/apps/v1/namespaces/shop/deployments',
  ]);
});

test('a kubectl scale is one changed event with just that resource', async () => {
  const events: { upserted: readonly ResourceDrift[]; removedIds: readonly string[] }[] = [];
  const onChanged = (upserted: readonly ResourceDrift[], removedIds: readonly string[]) => events.push({ upserted, removedIds });
  service.on('changed', onChanged);
  await cluster.run('scale', 'deployment', 'api-server', '--replicas=5', '-n', 'shop');
  await until('deployment drifted', () => resultOf(DEPLOY)?.status === 'Drifted');
  service.off('changed', onChanged);
  assert.ok(events.length >= 1);
  for (const e of events) {
    assert.deepEqual(e.upserted.map((r) => r.id), ['Deployment.apps shop/api-server']);
    assert.deepEqual(e.removedIds, []);
  }
  const field = events.at(-1)?.upserted[0]?.fields[0];
  assert.equal(field?.path, '.spec.replicas');
  assert.equal(field?.liveValue, 5);
  assert.equal(field?.attribution?.subresource, 'scale');
});

test('removing a kind from Git stops its informer: its results go, nothing lists or watches it again', async () => {
  rmSync(join(repo.dir, 'apps/app.yaml'));
  await service.setDesired(loadWorkspace(repo.dir).index);
  assert.deepEqual(service.results().map((r) => r.id), ['ConfigMap billing/rates', 'ConfigMap shop/api-config']);
  assert.deepEqual(service.watchedPaths(), ['/api/v1/namespaces/billing/configmaps', '/api/v1/namespaces/shop/configmaps']);
  const mark = cluster.handle.requests.length;
  // Every open watch ends: the informers still wanted list again; a stopped one would too if it still ran.
  cluster.handle.faults.dropWatches();
  const since = () => cluster.handle.requests.slice(mark).filter((r) => r.userAgent.startsWith('gitops-authoring'));
  await until('configmaps listed again', () => since().filter((r) => r.path.endsWith('/configmaps') && r.query.watch === undefined).length >= 2);
  await cluster.run('scale', 'deployment', 'api-server', '--replicas=6', '-n', 'shop');
  await cluster.run('patch', 'configmap', 'api-config', '-n', 'shop', '--type=merge', '-p', '{"data":{"mode":"debug"}}');
  await until('configmap drift seen', () => resultOf('/ConfigMap/shop/api-config')?.status === 'Drifted');
  assert.deepEqual(since().filter((r) => !r.path.endsWith('/configmaps')).map((r) => r.path), []);
  assert.equal(resultOf(DEPLOY), undefined);
});

test('getLive reads one object with one GET; absent is undefined', async () => {
  const mark = cluster.handle.requests.length;
  const cm = await service.getLive('v1', 'ConfigMap', 'billing', 'rates');
  assert.equal((cm?.data as Record<string, string> | undefined)?.vat, '20');
  assert.deepEqual(cluster.handle.requests.slice(mark).filter((r) => r.userAgent.startsWith('gitops-authoring')).map((r) => [r.verb, r.path]), [['get', '/api/v1/namespaces/billing/configmaps/rates']]);
  assert.equal(await service.getLive('v1', 'ConfigMap', 'billing', 'nope'), undefined);
});

test('getLive of a kind drift does not watch: its group is discovered once, then each read is one GET', async () => {
  const nameOf = (o: KubeObject | undefined) => (o?.metadata as { name?: string } | undefined)?.name;
  assert.equal(nameOf(await service.getLive('v1', 'Namespace', '', 'billing')), 'billing');
  const mark = cluster.handle.requests.length;
  assert.equal(nameOf(await service.getLive('v1', 'Namespace', '', 'shop')), 'shop');
  assert.deepEqual(cluster.handle.requests.slice(mark).filter((r) => r.userAgent.startsWith('gitops-authoring')).map((r) => [r.verb, r.path]), [['get', '/api/v1/namespaces/shop']]);
});

test('a desired state that cannot be built rejects setDesired with the reason; the comparison goes on', async () => {
  const before = service.results().map((r) => [r.id, r.status]);
  writeFileSync(join(repo.dir, 'apps/kustomization.yaml'), 'resources: [config.yaml, not-there.yaml]\n');
  try {
    await assert.rejects(service.setDesired(loadWorkspace(repo.dir).index), (e: unknown) => e instanceof DriftServiceError && e.problem.kind === 'desired-state' && /the desired state could not be built/.test(e.message));
    assert.deepEqual(service.results().map((r) => [r.id, r.status]), before);
  } finally {
    rmSync(join(repo.dir, 'apps/kustomization.yaml'));
  }
  await service.setDesired(loadWorkspace(repo.dir).index);
  assert.deepEqual(service.results().map((r) => [r.id, r.status]), before);
});

test('a service that cannot start says why, with the kind of problem', async () => {
  const empty = writeRepo({ 'README.md': '# nothing\n' });
  try {
    const index = loadWorkspace(repo.dir).index;
    await assert.rejects(createDriftService({ root: repo.dir, index, kubeconfig: join(empty.dir, 'missing-kubeconfig'), processEnv: processEnv() }), (e: unknown) => e instanceof DriftServiceError && e.problem.kind === 'no-kubeconfig' && /no kubeconfig found/.test(e.message));
    await assert.rejects(createDriftService({ root: empty.dir, index: loadWorkspace(empty.dir).index, kubeconfig: cluster.handle.kubeconfigPath, processEnv: processEnv() }), (e: unknown) => e instanceof DriftServiceError && e.problem.kind === 'desired-state' && /nothing to compare/.test(e.message));
    await assert.rejects(createDriftService({ root: repo.dir, index, kubeconfig: cluster.handle.kubeconfigPath, context: 'nope', processEnv: processEnv() }), (e: unknown) => e instanceof DriftServiceError && e.problem.kind === 'kubeconfig' && /context 'nope' not found/.test(e.message));
  } finally {
    empty.cleanup();
  }
});
