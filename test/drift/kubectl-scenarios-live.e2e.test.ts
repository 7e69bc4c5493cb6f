// The language server's drift service (informers, one watch event at a time) through a sequence of kubectl
// scenarios on one app: each command's result arrives as the CLI computes it, and every step back to Git
// is Synced again — never a stale result from the step before.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResourceDrift } from '../../src/core/drift/drift-types.js';
import { createDriftService, type LiveDriftService } from '../../src/adapters/drift/drift-service.js';
import { Backoff } from '../../src/adapters/kube/backoff.js';
import { loadWorkspace } from '../../src/adapters/fs/load-workspace.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { writeRepo } from './drift-e2e-support.js';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: live, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25"}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: live}
data: {color: blue}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: app, namespace: live}
spec:
  interval: 1m
  url: https://example.com/org/app.git
  ref: {branch: main}
`;
const DEPLOY = 'apps/Deployment/live/web';
const CONFIG = '/ConfigMap/live/web-config';
const SOURCE = 'source.toolkit.fluxcd.io/GitRepository/live/app';

let cluster: TestCluster;
let repo: { dir: string; cleanup(): void };
let service: LiveDriftService;

const resultOf = (id: string): ResourceDrift | undefined => service.results().find((r) => `${r.key.group}/${r.key.kind}/${r.key.namespace}/${r.key.name}` === id);
const summary = (id: string) => {
  const r = resultOf(id);
  return r && [r.status, r.fields.map((f) => [f.path, f.change, f.liveValue, f.attribution?.manager, f.attribution?.subresource])];
};

/** Resolves when `check` holds (checked after every service event), or fails at the deadline. */
function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const onEvent = () => {
      if (!check()) return;
      stop();
      resolve();
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(service.results().map((r) => [r.id, r.status, r.fields.map((f) => f.path)]))}`));
    }, timeoutMs);
    const stop = () => {
      clearTimeout(timer);
      service.off('changed', onEvent);
      service.off('reset', onEvent);
    };
    service.on('changed', onEvent);
    service.on('reset', onEvent);
    onEvent();
  });
}

const k = (...args: string[]) => cluster.run(...args, '-n', 'live');

before(async () => {
  cluster = await startTestCluster({ seedDir: 'test/fixtures/cluster/crds', seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'live' } }], bookmarkIntervalMs: 200 });
  repo = writeRepo({ 'apps/web.yaml': APP });
  await cluster.run('apply', '--server-side', '--field-manager=kustomize-controller', '-f', join(repo.dir, 'apps/web.yaml'));
  service = await createDriftService({ root: repo.dir, index: loadWorkspace(repo.dir).index, kubeconfig: cluster.handle.kubeconfigPath, processEnv: { PATH: process.env.PATH ?? '', HOME: tmpdir() }, informer: { backoff: new Backoff(20, 200) } });
  await service.whenSynced(10_000);
});

after(async () => {
  service?.stop();
  repo?.cleanup();
  await cluster?.stop();
});

const reapply = () => cluster.run('apply', '--server-side', '--field-manager=kustomize-controller', '--force-conflicts', '-f', join(repo.dir, 'apps/web.yaml'));

test('applied by Flux: Synced', () => {
  assert.deepEqual([summary(DEPLOY)?.[0], summary(CONFIG)?.[0], summary(SOURCE)?.[0]], ['Synced', 'Synced', 'Synced']);
});

test('rollout pause then resume: Drifted (spec.paused by kubectl-rollout), then Synced', async () => {
  await k('rollout', 'pause', 'deployment/web');
  await until('paused drift', () => resultOf(DEPLOY)?.status === 'Drifted');
  assert.deepEqual(summary(DEPLOY), ['Drifted', [['.spec.paused', 'added-live', true, 'kubectl-rollout', undefined]]]);
  await k('rollout', 'resume', 'deployment/web');
  await until('Synced after resume', () => resultOf(DEPLOY)?.status === 'Synced');
});

test('autoscale above Git\'s replicas: the HPA\'s scale arrives as a watch event, attributed to kube-controller-manager', async () => {
  await k('autoscale', 'deployment', 'web', '--min=4', '--max=6');
  await until('the HPA scaling web', () => resultOf(DEPLOY)?.fields.some((f) => f.path === '.spec.replicas') === true);
  assert.deepEqual(summary(DEPLOY), ['Drifted', [['.spec.replicas', 'changed', 4, 'kube-controller-manager', 'scale']]]);
  await k('delete', 'hpa', 'web');
  await reapply();
  await until('Synced after re-applying Git', () => resultOf(DEPLOY)?.status === 'Synced');
});

test('delete --cascade=orphan is Missing at once; applying Git again is Synced (the ReplicaSet adopted)', async () => {
  await k('delete', 'deployment', 'web', '--cascade=orphan');
  await until('Missing', () => resultOf(DEPLOY)?.status === 'Missing');
  await reapply();
  await until('Synced after the re-apply', () => resultOf(DEPLOY)?.status === 'Synced');
  assert.match(await k('rollout', 'status', 'deployment/web', '--timeout=20s'), /successfully rolled out/);
});

test('a merge patch deleting a declared key and replace --force of Git\'s ConfigMap: Drifted, then Synced', async () => {
  await k('patch', 'configmap', 'web-config', '--type=merge', '-p', '{"data":{"color":null}}');
  await until('the key missing live', () => resultOf(CONFIG)?.status === 'Drifted');
  // The only key gone, the empty map is left out (omitempty): the whole of .data is missing live.
  assert.deepEqual(summary(CONFIG), ['Drifted', [['.data', 'missing-live', undefined, undefined, undefined]]]);
  const file = cluster.write('web-config.yaml', APP.split('---\n')[1] ?? '');
  await cluster.run('replace', '--force', '-f', file);
  await until('Synced after replace --force', () => resultOf(CONFIG)?.status === 'Synced');
});

test('a patch the server refuses (a value of the wrong type) changes nothing: still Synced', async () => {
  const r = await cluster.kubectl(['patch', 'deployment', 'web', '-n', 'live', '--type=merge', '-p', '{"spec":{"replicas":"3"}}']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32/);
  await k('label', 'configmap', 'web-config', 'probe=1');
  await until('the label event (a later write) to arrive', () => resultOf(CONFIG)?.liveOnlyMetadata?.some((f) => f.path === '.metadata.labels.probe') === true);
  assert.equal(resultOf(DEPLOY)?.status, 'Synced');
});

test('kubectl delete of the CRD of a kind Git declares: its object turns Unknown (never Missing), the others stay Synced', async () => {
  await cluster.run('delete', 'crd', 'gitrepositories.source.toolkit.fluxcd.io');
  await until('the GitRepository Unknown', () => resultOf(SOURCE)?.status === 'Unknown');
  assert.match(resultOf(SOURCE)?.reason ?? '', /^the cluster no longer serves GitRepository \(source\.toolkit\.fluxcd\.io\): HTTP 404 \(was its CRD deleted\?\); retrying in \d+ s$/);
  assert.deepEqual([resultOf(DEPLOY)?.status, resultOf(CONFIG)?.status], ['Synced', 'Synced']);
});
