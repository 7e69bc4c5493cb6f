import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listApiDeprecations } from '../../../src/core/schema/api-deprecations.js';
import { createSchemaRegistry } from '../../../src/core/schema/schema-registry.js';
import { createMemorySchemaSource, type SchemaSource } from '../../../src/core/schema/schema-source.js';
import { validateResource } from '../../../src/core/schema/validate-resource.js';
import { createFileSchemaSource } from '../../../src/adapters/schema/file-schema-source.js';
import { DATA_DIR, dataRegistry } from './schema-test-support.js';

function countingSource(): { source: SchemaSource; loaded: string[] } {
  const inner = createFileSchemaSource(DATA_DIR);
  const loaded: string[] = [];
  return { source: { load: (id) => (loaded.push(id), inner.load(id)) }, loaded };
}

test('bundled CRDs: Flux, Argo CD, Sealed Secrets and External Secrets kinds are found', () => {
  const registry = dataRegistry();
  const expected: [string, string][] = [
    ['source.toolkit.fluxcd.io/v1', 'GitRepository'],
    ['source.toolkit.fluxcd.io/v1', 'OCIRepository'],
    ['source.toolkit.fluxcd.io/v1', 'HelmRepository'],
    ['source.toolkit.fluxcd.io/v1', 'HelmChart'],
    ['source.toolkit.fluxcd.io/v1', 'Bucket'],
    ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization'],
    ['helm.toolkit.fluxcd.io/v2', 'HelmRelease'],
    ['argoproj.io/v1alpha1', 'Application'],
    ['argoproj.io/v1alpha1', 'ApplicationSet'],
    ['argoproj.io/v1alpha1', 'AppProject'],
    ['bitnami.com/v1alpha1', 'SealedSecret'],
    ['external-secrets.io/v1', 'ExternalSecret'],
    ['external-secrets.io/v1', 'SecretStore'],
    ['external-secrets.io/v1', 'ClusterSecretStore'],
  ];
  for (const [apiVersion, kind] of expected) {
    const lookup = registry.lookup(undefined, apiVersion, kind);
    assert.equal(lookup.status, 'found', `${apiVersion} ${kind}`);
    assert.ok(lookup.status === 'found' && lookup.schema.origin === 'bundled-crd');
  }
  for (const [apiVersion, kind, replacement] of [
    ['source.toolkit.fluxcd.io/v1beta2', 'GitRepository', 'source.toolkit.fluxcd.io/v1'],
    ['helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease', 'helm.toolkit.fluxcd.io/v2'],
    ['kustomize.toolkit.fluxcd.io/v1beta1', 'Kustomization', 'kustomize.toolkit.fluxcd.io/v1'],
    ['external-secrets.io/v1beta1', 'ExternalSecret', 'external-secrets.io/v1'],
  ]) {
    const lookup = registry.lookup(undefined, apiVersion!, kind!);
    assert.equal(lookup.status, 'deprecated', `${apiVersion} ${kind}`);
    assert.ok(lookup.status === 'deprecated' && lookup.replacement === replacement && lookup.schema);
  }
  const gone = registry.lookup(undefined, 'external-secrets.io/v1alpha1', 'ExternalSecret');
  assert.ok(gone.status === 'removed' && gone.replacement === 'external-secrets.io/v1');
});

test('every removed Kubernetes apiVersion of the table is reported as removed, with a replacement or a note', () => {
  const registry = dataRegistry();
  const kubernetes = listApiDeprecations().filter((d) => d.project === 'kubernetes' && d.removedIn && Number(d.removedIn.split('.')[1]) <= 30);
  assert.ok(kubernetes.length > 40);
  for (const entry of kubernetes) {
    const lookup = registry.lookup('1.30', entry.apiVersion, entry.kind);
    assert.equal(lookup.status, 'removed', `${entry.apiVersion} ${entry.kind}`);
    assert.ok(lookup.status === 'removed' && (lookup.replacement || entry.note) && lookup.message.includes(entry.removedIn!));
  }
  const psp = registry.lookup('1.33', 'policy/v1beta1', 'PodSecurityPolicy');
  assert.ok(psp.status === 'removed' && psp.replacement === undefined && /Pod Security Admission/.test(psp.message));
  for (const [apiVersion, kind] of [
    ['apps/v1beta2', 'Deployment'],
    ['networking.k8s.io/v1beta1', 'Ingress'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler'],
    ['storage.k8s.io/v1beta1', 'CSIStorageCapacity'],
    ['rbac.authorization.k8s.io/v1beta1', 'ClusterRole'],
    ['apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition'],
    ['admissionregistration.k8s.io/v1beta1', 'MutatingWebhookConfiguration'],
  ]) {
    assert.equal(registry.lookup('1.33', apiVersion!, kind!).status, 'removed', `${apiVersion} ${kind}`);
  }
});

test('loading is lazy: a Deployment loads its version index and a few definition chunks, no descriptions', () => {
  const { source, loaded } = countingSource();
  const registry = createSchemaRegistry(source);
  assert.deepEqual(loaded, ['index']);
  validateResource(registry, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: {}, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } } });
  assert.ok(loaded.includes('k8s-1.36'));
  assert.ok(!loaded.some((id) => id.startsWith('k8s-1.3') && id !== 'k8s-1.36'), `one version only: ${loaded.join(' ')}`);
  assert.ok(!loaded.some((id) => id.startsWith('desc-') || id.startsWith('crd-')), loaded.join(' '));
  assert.ok(loaded.length <= 8, loaded.join(' '));
  const before = loaded.length;
  validateResource(registry, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'e' } });
  assert.equal(loaded.length, before, 'chunks are cached');
});

test('a registry over no data reports the problem and still validates workspace CRDs', () => {
  const registry = createSchemaRegistry(createMemorySchemaSource({}));
  assert.equal(registry.problems.length, 1);
  assert.equal(registry.lookup('1.33', 'apps/v1', 'Deployment').status, 'unknown-kind');
  const wrongFormat = createSchemaRegistry(createMemorySchemaSource({ index: { format: 999 } }));
  assert.match(wrongFormat.problems[0] ?? '', /format/);
});

test('a throwing or garbage source never makes the registry throw', () => {
  const registry = createSchemaRegistry({ load: () => { throw new Error('disk on fire'); } });
  assert.equal(registry.lookup(undefined, 'v1', 'Pod').status, 'unknown-kind');
  const garbage = createSchemaRegistry(createMemorySchemaSource({ index: { format: 1, kubernetesVersions: ['1.33'], defaultKubernetesVersion: '1.33', versionChunks: { '1.33': 'v' }, crds: {} }, v: { kinds: { v1: { Pod: 'x.Pod' } }, groups: { x: 'g' } }, g: { defs: { 'x.Pod': { t: 'nonsense', p: 5 } } } }));
  const lookup = garbage.lookup(undefined, 'v1', 'Pod');
  assert.equal(lookup.status, 'found');
  assert.deepEqual(validateResource(garbage, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, anything: [1] }).findings, []);
});

test('listKinds names built-in, bundled and workspace kinds per apiVersion', () => {
  const registry = dataRegistry();
  const kinds = registry.listKinds('1.33');
  assert.ok(kinds.get('apps/v1')?.includes('Deployment'));
  assert.ok(kinds.get('helm.toolkit.fluxcd.io/v2')?.includes('HelmRelease'));
  assert.equal(kinds.get('example.com/v1'), undefined);
});

test('the file source refuses chunk ids that are paths and answers undefined for missing chunks', () => {
  const source = createFileSchemaSource(DATA_DIR);
  assert.equal(source.load('../../../package'), undefined);
  assert.equal(source.load('/etc/passwd'), undefined);
  assert.equal(source.load('no-such-chunk'), undefined);
  assert.ok(source.load('index'));
});
