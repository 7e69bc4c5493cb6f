import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertOpenApiSchema, schemaFromCustomResourceDefinition } from '../../../src/core/schema/crd-schema.js';
import { describeField } from '../../../src/core/schema/describe-field.js';
import { validateResource } from '../../../src/core/schema/validate-resource.js';
import { dataRegistry, fixtureObjects } from './schema-test-support.js';

const [CRD] = fixtureObjects('crds/backup-crd.yaml');
const [BACKUP] = fixtureObjects('crds/backup-valid.yaml');

function registryWithCrd() {
  const registry = dataRegistry();
  assert.deepEqual(registry.setWorkspaceCustomResourceDefinitions('crds/backup-crd.yaml', [CRD]), []);
  return registry;
}

function mutate(change: (spec: Record<string, unknown>) => void): Record<string, unknown> {
  const copy = structuredClone(BACKUP) as { spec: Record<string, unknown> };
  change(copy.spec);
  return copy;
}

test('schemaFromCustomResourceDefinition reads group, kind and every version', () => {
  const result = schemaFromCustomResourceDefinition(CRD);
  assert.deepEqual(result.problems, []);
  assert.equal(result.schema?.group, 'ops.example.com');
  assert.equal(result.schema?.kind, 'Backup');
  assert.deepEqual(result.schema?.versions.map((v) => [v.apiVersion, v.served, v.deprecated]), [
    ['ops.example.com/v1alpha1', true, true],
    ['ops.example.com/v1', true, false],
  ]);
  assert.deepEqual(schemaFromCustomResourceDefinition({ kind: 'ConfigMap' }).schema, undefined);
  assert.deepEqual(schemaFromCustomResourceDefinition(null).problems, ['not a CustomResourceDefinition']);
});

test('without its CRD a custom resource is unknown; with it, a valid one has no finding', () => {
  assert.equal(dataRegistry().lookup(undefined, 'ops.example.com/v1', 'Backup').status, 'unknown-kind');
  const registry = registryWithCrd();
  const result = validateResource(registry, BACKUP);
  assert.deepEqual(result.findings, []);
  assert.equal(result.lookup?.status === 'found' && result.lookup.schema.origin, 'workspace-crd');
});

test('the CRD schema is enforced: unknown fields, types, enums, required, patterns, bounds, formats', () => {
  const registry = registryWithCrd();
  const cases: [string, (spec: Record<string, unknown>) => void, string, string][] = [
    ['typo', (s) => (s.retenton = 3), 'unknown-field', 'spec.retenton'],
    ['type', (s) => (s.retention = 'thirty'), 'type', 'spec.retention'],
    ['enum', (s) => (s.mode = 'differential'), 'enum', 'spec.mode'],
    ['required', (s) => delete s.schedule, 'required', 'spec'],
    ['nested required', (s) => (s.target = { labels: {} }), 'required', 'spec.target'],
    ['pattern', (s) => (s.schedule = 'daily'), 'pattern', 'spec.schedule'],
    ['maximum', (s) => (s.retention = 400), 'range', 'spec.retention'],
    ['minLength', (s) => (s.target = { pvc: '' }), 'range', 'spec.target.pvc'],
    ['maxItems', (s) => (s.hooks = [{}, {}, {}, {}]), 'range', 'spec.hooks'],
    ['map values', (s) => (s.target = { pvc: 'x', labels: { a: 1 } }), 'type', 'spec.target.labels.a'],
    ['array items', (s) => (s.hooks = [{ name: 'a', command: 'not-a-list' }]), 'type', 'spec.hooks.0.command'],
    ['int-or-string', (s) => (s.maxUnavailable = { half: true }), 'type', 'spec.maxUnavailable'],
    ['date-time', (s) => (s.createdAt = 'yesterday'), 'format', 'spec.createdAt'],
    ['declared field inside preserve-unknown', (s) => (s.options = { compression: 'yes please' }), 'type', 'spec.options.compression'],
  ];
  for (const [label, change, code, path] of cases) {
    const findings = validateResource(registry, mutate(change)).findings;
    assert.deepEqual(findings.map((f) => [f.code, f.path.join('.')]), [[code, path]], label);
  }
  // metadata of a custom resource is validated as ObjectMeta.
  const badMeta = structuredClone(BACKUP) as { metadata: Record<string, unknown> };
  badMeta.metadata.namespce = 'x';
  assert.deepEqual(validateResource(registry, badMeta).findings.map((f) => [f.code, f.suggestion]), [['unknown-field', 'namespace']]);
});

test('a deprecated CRD version warns with its deprecationWarning and validates against its own schema', () => {
  const registry = registryWithCrd();
  const old = { apiVersion: 'ops.example.com/v1alpha1', kind: 'Backup', metadata: { name: 'b' }, spec: { whatever: 1 } };
  const findings = validateResource(registry, old).findings;
  assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['deprecated-api', 'warning']]);
  assert.match(findings[0]!.message, /use ops.example.com\/v1/);
  const notServed = validateResource(registry, { ...old, apiVersion: 'ops.example.com/v2' }).findings;
  assert.deepEqual(notServed.map((f) => [f.code, f.severity, f.suggestion]), [['unknown-kind', 'error', 'ops.example.com/v1alpha1']]);
});

test('workspace CRDs override bundled ones for the same group and kind, and can be removed', () => {
  const registry = dataRegistry();
  const gitRepository = { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'g' }, spec: { interval: '1m', url: 'https://x', madeUp: true } };
  assert.deepEqual(validateResource(registry, gitRepository).findings.map((f) => f.code), ['unknown-field']);
  const permissive = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    spec: {
      group: 'source.toolkit.fluxcd.io',
      names: { kind: 'GitRepository', plural: 'gitrepositories' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } }],
    },
  };
  registry.setWorkspaceCustomResourceDefinitions('flux-system/gotk-components.yaml', [permissive]);
  const lookup = registry.lookup(undefined, 'source.toolkit.fluxcd.io/v1', 'GitRepository');
  assert.ok(lookup.status === 'found' && lookup.schema.origin === 'workspace-crd' && lookup.schema.source === 'flux-system/gotk-components.yaml');
  assert.deepEqual(validateResource(registry, gitRepository).findings, []);
  registry.removeWorkspaceCustomResourceDefinitions('flux-system/gotk-components.yaml');
  assert.deepEqual(validateResource(registry, gitRepository).findings.map((f) => f.code), ['unknown-field']);
});

test('setting a source again replaces what it gave; unusable CRDs are reported', () => {
  const registry = registryWithCrd();
  const problems = registry.setWorkspaceCustomResourceDefinitions('crds/backup-crd.yaml', [{ kind: 'CustomResourceDefinition', spec: {} }]);
  assert.equal(problems.length, 1);
  assert.equal(registry.lookup(undefined, 'ops.example.com/v1', 'Backup').status, 'unknown-kind');
});

test('hover data comes from the CRD: description, type, enum and default', () => {
  const registry = registryWithCrd();
  const lookup = registry.lookup(undefined, 'ops.example.com/v1', 'Backup');
  assert.ok(lookup.status === 'found');
  const mode = describeField(lookup.schema, ['spec', 'mode']);
  assert.deepEqual([mode?.type, mode?.enum, mode?.default], ['string', ['full', 'incremental'], 'full']);
  assert.equal(describeField(lookup.schema, ['spec', 'schedule'])?.description, 'Cron expression.');
  assert.equal(describeField(lookup.schema, ['spec', 'retention'])?.default, 7);
});

test('convertOpenApiSchema maps the structural-schema extensions', () => {
  assert.equal(convertOpenApiSchema({ 'x-kubernetes-int-or-string': true }).t, 'int-or-string');
  assert.equal(convertOpenApiSchema({ 'x-kubernetes-preserve-unknown-fields': true }).t, 'any');
  assert.equal(convertOpenApiSchema({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }).x, 1);
  assert.equal(convertOpenApiSchema({ type: 'object', 'x-kubernetes-embedded-resource': true, properties: {} }).emb, 1);
  assert.equal(convertOpenApiSchema({ type: 'string', nullable: true }).n, 1);
  assert.equal(convertOpenApiSchema({ type: 'string', format: 'int-or-string' }).t, 'int-or-string');
  assert.equal(convertOpenApiSchema({ type: 'object', additionalProperties: true }).m && 'map', 'map');
  assert.equal(convertOpenApiSchema('garbage').t, 'any');
});

test('a CRD schema built from YAML aliases or with a cycle converts in bounded time', () => {
  let shared: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < 60; i++) shared = { type: 'object', properties: { a: shared, b: shared } }; // 2^60 paths, 60 objects
  const cyclic: Record<string, unknown> = { type: 'object' };
  cyclic.properties = { self: cyclic, other: { type: 'integer' } };
  const crd = (schema: unknown) => ({
    kind: 'CustomResourceDefinition',
    spec: { group: 'x.example.com', names: { kind: 'X', plural: 'xs' }, versions: [{ name: 'v1', served: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: schema } } } }] },
  });
  const registry = dataRegistry();
  assert.deepEqual(registry.setWorkspaceCustomResourceDefinitions('a', [crd(shared)]), []);
  const deep: Record<string, unknown> = {};
  let cursor = deep;
  for (let i = 0; i < 10; i++) cursor = (cursor.a = {}) as Record<string, unknown>;
  cursor.c = 1;
  assert.deepEqual(validateResource(registry, { apiVersion: 'x.example.com/v1', kind: 'X', metadata: { name: 'x' }, spec: deep }).findings.map((f) => f.code), ['unknown-field']);
  registry.setWorkspaceCustomResourceDefinitions('a', [crd(cyclic)]);
  const findings = validateResource(registry, { apiVersion: 'x.example.com/v1', kind: 'X', metadata: { name: 'x' }, spec: { other: 'no', self: { self: { anything: true } } } }).findings;
  assert.deepEqual(findings.map((f) => [f.code, f.path.join('.')]), [['type', 'spec.other']]);
});
