import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeDrift } from '../../../src/core/drift/compute-drift.js';
import { computeResourceDrift } from '../../../src/core/drift/compute-resource-drift.js';
import { DriftStatus, FieldChange, SuggestedAction } from '../../../src/core/drift/drift-types.js';
import { defaultPullPolicy } from '../../../src/core/drift/server-defaults.js';
import { suggestIgnoreRule } from '../../../src/core/drift/suggest-ignore-rule.js';
import { readArgoIgnoreDifferences } from '../../../src/core/drift/ignore-rules.js';
import type { KubeObject } from '../../../src/core/resource/manifest-resource.js';

const key = { group: '', kind: 'ConfigMap', namespace: 'ns', name: 'c' };
const cm = (data: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns', ...extra }, data });

test('empty vs absent and zero values that the server drops are no drift', () => {
  const git: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', labels: {} }, spec: { containers: [{ name: 'a', image: 'x:1', args: [] }], hostNetwork: false, nodeSelector: {} } };
  const live: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [{ name: 'a', image: 'x:1', imagePullPolicy: 'IfNotPresent' }] } };
  assert.equal(computeResourceDrift({ key: { group: '', kind: 'Pod', namespace: 'ns', name: 'p' }, object: git }, live).status, DriftStatus.Synced);
});

test('a changed value is drift, a value only live has is not (unless Git used to set it)', () => {
  const r = computeResourceDrift({ key, object: cm({ a: '1' }) }, cm({ a: '2', extra: 'x' }));
  assert.equal(r.status, DriftStatus.Drifted);
  assert.deepEqual(r.fields.map((f) => [f.path, f.change, f.gitValue, f.liveValue]), [['.data.a', FieldChange.Changed, '1', '2']]);
});

test('a field set in Git and absent live is drift that a sync reverts', () => {
  const r = computeResourceDrift({ key, object: cm({ a: '1', b: '2' }) }, cm({ a: '1' }));
  assert.equal(r.fields[0]?.change, FieldChange.MissingLive);
  assert.equal(r.fields[0]?.suggestedAction, SuggestedAction.Revert);
});

test('disconnected means Unknown for every resource, never a stale Synced', () => {
  const results = computeDrift({ desired: [{ key, object: cm({ a: '1' }) }], live: [cm({ a: '1' })], clusterUnknownReason: 'cluster unreachable' });
  assert.deepEqual(results.map((r) => [r.status, r.reason]), [[DriftStatus.Unknown, 'cluster unreachable']]);
});

test('a kind the cluster does not serve is Unknown with the reason', () => {
  const results = computeDrift({ desired: [{ key, object: cm({ a: '1' }) }], live: [], unknownKinds: new Map([['/ConfigMap', 'forbidden: list configmaps']]) });
  assert.equal(results[0]?.status, DriftStatus.Unknown);
  assert.equal(results[0]?.reason, 'forbidden: list configmaps');
});

test('default image pull policy follows the tag', () => {
  assert.equal(defaultPullPolicy('nginx'), 'Always');
  assert.equal(defaultPullPolicy('nginx:latest'), 'Always');
  assert.equal(defaultPullPolicy('registry:5000/nginx'), 'Always');
  assert.equal(defaultPullPolicy('registry:5000/nginx:1.2'), 'IfNotPresent');
  assert.equal(defaultPullPolicy('nginx@sha256:abc'), 'IfNotPresent');
});

test('a suggested ignore rule in each dialect, which, read back, ignores the field', () => {
  const deployKey = { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'api' };
  const git: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' }, spec: { template: { spec: { containers: [{ name: 'app', image: 'a:1' }] } } } };
  const live: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' }, spec: { template: { spec: { containers: [{ name: 'side', image: 's' }, { name: 'app', image: 'a:2' }] } } } };
  const drift = computeResourceDrift({ key: deployKey, object: git }, live);
  const field = drift.fields[0];
  assert.ok(field);
  const s = suggestIgnoreRule(drift, field);
  assert.match(s.argocd, /jqPathExpressions:\n {4}- '\.spec\.template\.spec\.containers\[\] \| select\(\.name == "app"\) \| \.image'/);
  assert.match(s.flux, /- \/spec\/template\/spec\/containers\/1\/image/);
  const jq = /'(.*)'/.exec(s.argocd)?.[1] as string;
  const rules = readArgoIgnoreDifferences([{ group: 'apps', kind: 'Deployment', name: 'api', jqPathExpressions: [jq] }], 'settings');
  assert.equal(computeResourceDrift({ key: deployKey, object: git }, live, { ignoreRules: rules }).status, DriftStatus.Synced);
});

test('secret values never appear in results', () => {
  const secretKey = { group: '', kind: 'Secret', namespace: 'ns', name: 's' };
  const git: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ns' }, stringData: { password: 'hunter2' } };
  const live: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ns' }, data: { password: 'b3RoZXI=' } };
  const r = computeResourceDrift({ key: secretKey, object: git }, live);
  const text = JSON.stringify(r);
  assert.equal(r.status, DriftStatus.Drifted);
  assert.ok(!text.includes('aHVudGVyMg==') && !text.includes('hunter2') && !text.includes('b3RoZXI='), text);
  const missing = computeResourceDrift({ key: secretKey, object: git }, { ...live, data: {} });
  assert.ok(!JSON.stringify(missing).includes('aHVudGVyMg=='));
});

test('live may be a one-shot iterable (an informer cache generator)', () => {
  function* once() {
    yield cm({ a: '1' });
  }
  const results = computeDrift({ desired: [{ key, object: cm({ a: '1' }) }], live: once() });
  assert.deepEqual(results.map((r) => r.status), [DriftStatus.Synced]);
});

test('an object declared twice (two overlays) is Unknown with both sources, not compared against one at random', () => {
  const src = (line: number) => ({ path: `overlays/${line}/cm.yaml`, range: { start: { line, character: 0 }, end: { line, character: 1 } } });
  const results = computeDrift({ desired: [{ key, object: cm({ a: '1' }), source: src(1) }, { key, object: cm({ a: '2' }), source: src(4) }], live: [cm({ a: '1' })] });
  assert.equal(results.length, 1);
  assert.equal(results[0]?.status, DriftStatus.Unknown);
  assert.match(results[0]?.reason ?? '', /declared 2 times \(overlays\/1\/cm\.yaml:2, overlays\/4\/cm\.yaml:5\)/);
});

test('Argo CD label tracking marks orphans only for the environment that names the Application', () => {
  const labelled = { ...cm({ a: '1' }, { labels: { 'app.kubernetes.io/instance': 'shop' } }), metadata: { name: 'x', namespace: 'ns', labels: { 'app.kubernetes.io/instance': 'shop' } } } as KubeObject;
  assert.deepEqual(computeDrift({ desired: [], live: [labelled] }).map((r) => r.status), []);
  assert.deepEqual(computeDrift({ desired: [], live: [labelled], isOurs: (m) => m.owner === 'shop' }).map((r) => r.status), [DriftStatus.Orphan]);
});

test('a YAML 1.1 timestamp in Git compares as the string kubectl sends', () => {
  const git = { ...cm({}), metadata: { name: 'c', namespace: 'ns', annotations: { released: new Date('2024-05-01T00:00:00Z') } } } as unknown as KubeObject;
  const live = { ...cm({}), metadata: { name: 'c', namespace: 'ns', annotations: { released: '2024-05-01T00:00:00Z' } } } as KubeObject;
  assert.equal(computeResourceDrift({ key, object: git }, live).status, DriftStatus.Synced);
});

test('three-way: keys others added to a map Git used to declare are not drift, keys Git dropped are', () => {
  const lastApplied = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns', annotations: {}, labels: { team: 'a' } }, data: { a: '1', b: '2' } });
  const live = cm({ a: '1', b: '2', c: 'added-live' }, { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied, owner: 'alice' }, labels: { team: 'a', extra: 'x' } });
  const r = computeResourceDrift({ key, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns' }, data: { a: '1' } } }, live);
  assert.deepEqual(r.fields.map((f) => [f.path, f.change, f.liveValue]), [['.metadata.labels.team', FieldChange.RemovedFromGit, 'a'], ['.data.b', FieldChange.RemovedFromGit, '2']]);
});

test('a custom resource whose CRD (also in Git) is not installed is Missing, not Unknown', () => {
  const crd: KubeObject = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced' } };
  const widget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'ns' } };
  const desired = [
    { key: { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', namespace: '', name: 'widgets.example.com' }, object: crd },
    { key: { group: 'example.com', kind: 'Widget', namespace: 'ns', name: 'w' }, object: widget },
  ];
  const unknownKinds = new Map([['example.com/Widget', "the cluster does not serve the API group 'example.com'"]]);
  const results = computeDrift({ desired, live: [], unknownKinds });
  assert.deepEqual(results.map((r) => [r.key.kind, r.status]), [['CustomResourceDefinition', DriftStatus.Missing], ['Widget', DriftStatus.Missing]]);
  assert.match(results[1]?.reason ?? '', /its CRD widgets\.example\.com \(also in Git\) is not installed yet/);
  // With the CRD live, a kind still not served stays Unknown.
  assert.equal(computeDrift({ desired, live: [crd], unknownKinds }).find((r) => r.key.kind === 'Widget')?.status, DriftStatus.Unknown);
});

test('an object Git writes in an older served version (HelmRelease v2beta2) read live in v2 is Synced; its fields still count', () => {
  const hrKey = { group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease', namespace: 'ns', name: 'podinfo' };
  const hr = (apiVersion: string, replicaCount: number): KubeObject => ({ apiVersion, kind: 'HelmRelease', metadata: { name: 'podinfo', namespace: 'ns' }, spec: { interval: '1h', values: { replicaCount } } });
  assert.equal(computeResourceDrift({ key: hrKey, object: hr('helm.toolkit.fluxcd.io/v2beta2', 2) }, hr('helm.toolkit.fluxcd.io/v2', 2)).status, DriftStatus.Synced);
  const changed = computeResourceDrift({ key: hrKey, object: hr('helm.toolkit.fluxcd.io/v2beta2', 2) }, hr('helm.toolkit.fluxcd.io/v2', 3));
  assert.deepEqual(changed.fields.map((f) => f.path), ['.spec.values.replicaCount']);
});
