import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeField, listFields } from '../../../src/core/schema/describe-field.js';
import type { KindSchema } from '../../../src/core/schema/schema-registry.js';
import { dataRegistry } from './schema-test-support.js';

const registry = dataRegistry();

function schemaOf(apiVersion: string, kind: string, version?: string): KindSchema {
  const lookup = registry.lookup(version, apiVersion, kind);
  assert.equal(lookup.status, 'found');
  return (lookup as { schema: KindSchema }).schema;
}

test('describeField gives description, type and enum of a built-in field', () => {
  const deployment = schemaOf('apps/v1', 'Deployment');
  const policy = describeField(deployment, ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy']);
  assert.equal(policy?.type, 'string');
  assert.deepEqual(policy?.enum, ['Always', 'IfNotPresent', 'Never']);
  assert.match(policy?.description ?? '', /Image pull policy/);
  assert.equal(describeField(deployment, ['spec', 'template', 'spec', 'containers'])?.type, '[]Container');
  assert.equal(describeField(deployment, ['spec', 'template'])?.type, 'PodTemplateSpec');
  assert.equal(describeField(deployment, ['metadata', 'labels'])?.type, 'map[string]string');
  assert.equal(describeField(deployment, ['metadata', 'labels', 'app'])?.type, 'string');
  assert.equal(describeField(deployment, ['spec', 'strategy', 'rollingUpdate', 'maxSurge'])?.type, 'int-or-string');
  assert.equal(describeField(deployment, ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu'])?.type, 'quantity');
  assert.equal(describeField(deployment, ['spec', 'selector'])?.required, true);
  assert.equal(describeField(deployment, ['spec', 'nope']), undefined);
  assert.equal(describeField(deployment, ['spec', 'replicas', 'deeper']), undefined);
});

test('describeField works on bundled CRDs (descriptions from the CRD packages)', () => {
  const kustomization = schemaOf('kustomize.toolkit.fluxcd.io/v1', 'Kustomization');
  const prune = describeField(kustomization, ['spec', 'prune']);
  assert.equal(prune?.type, 'boolean');
  assert.equal(prune?.required, true);
  assert.match(prune?.description ?? '', /[Pp]rune/);
  const app = schemaOf('argoproj.io/v1alpha1', 'Application');
  assert.equal(describeField(app, ['spec', 'source'])?.type, 'ApplicationSource');
});

test('listFields lists an object\'s fields, required first', () => {
  const deployment = schemaOf('apps/v1', 'Deployment');
  const fields = listFields(deployment, ['spec']);
  assert.deepEqual(fields.slice(0, 2).map((f) => [f.name, f.required]), [['selector', true], ['template', true]]);
  assert.ok(fields.some((f) => f.name === 'replicas' && f.type === 'integer' && /desired pods/i.test(f.description ?? '')));
  const container = listFields(deployment, ['spec', 'template', 'spec', 'containers', 0]).map((f) => f.name);
  assert.ok(container.includes('image') && container.includes('imagePullPolicy'));
  assert.deepEqual(listFields(deployment, ['spec', 'template', 'spec', 'containers']).map((f) => f.name), container);
  assert.deepEqual(listFields(deployment, ['spec', 'replicas']), []);
  const root = listFields(deployment, []).map((f) => f.name);
  assert.deepEqual(root.sort(), ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
});

test('field lists follow the Kubernetes version', () => {
  const names = (version: string) => listFields(schemaOf('v1', 'Pod', version), ['spec', 'containers', 0, 'lifecycle']).map((f) => f.name);
  assert.ok(names('1.33').includes('stopSignal'));
  assert.ok(!names('1.30').includes('stopSignal'));
});
