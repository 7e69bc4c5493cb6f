import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateResource } from '../../../src/core/schema/validate-resource.js';
import { dataRegistry, parseYaml } from './schema-test-support.js';

const registry = dataRegistry();

test('the data covers Kubernetes 1.30 to 1.36 with 1.36 as default', () => {
  assert.deepEqual(registry.kubernetesVersions, ['1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
  assert.equal(registry.defaultKubernetesVersion, '1.36');
  assert.deepEqual(registry.problems, []);
});

test('requested versions are normalized and clamped to the supported range', () => {
  assert.equal(registry.resolveKubernetesVersion(undefined), '1.36');
  assert.equal(registry.resolveKubernetesVersion('v1.31.4'), '1.31');
  assert.equal(registry.resolveKubernetesVersion('1.28'), '1.30');
  assert.equal(registry.resolveKubernetesVersion('v1.35.2'), '1.35');
  assert.equal(registry.resolveKubernetesVersion('1.37'), '1.36');
  assert.equal(registry.resolveKubernetesVersion('nonsense'), '1.36');
});

// Container lifecycle stopSignal arrived in Kubernetes 1.33; pod-level resources in 1.32.
const STOP_SIGNAL = parseYaml(`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx:1.27
      lifecycle:
        stopSignal: SIGUSR1
`);

test('a field added in 1.33 is valid for 1.33 and an unknown field before', () => {
  assert.deepEqual(validateResource(registry, STOP_SIGNAL, { kubernetesVersion: '1.33' }).findings, []);
  for (const version of ['1.30', '1.31', '1.32']) {
    const findings = validateResource(registry, STOP_SIGNAL, { kubernetesVersion: version }).findings;
    assert.deepEqual(
      findings.map((f) => [f.code, f.path.join('.')]),
      [['unknown-field', 'spec.containers.0.lifecycle.stopSignal']],
      version,
    );
  }
});

test('stopSignal values are an enum in 1.33', () => {
  const wrong = structuredClone(STOP_SIGNAL) as { spec: { containers: { lifecycle: { stopSignal: string } }[] } };
  wrong.spec.containers[0]!.lifecycle.stopSignal = 'SIGFOO';
  assert.deepEqual(validateResource(registry, wrong, { kubernetesVersion: '1.33' }).findings.map((f) => f.code), ['enum']);
});

test('pod-level resources are accepted from 1.32 on', () => {
  const pod = parseYaml('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  resources:\n    limits:\n      cpu: 2\n  containers:\n    - name: c\n      image: nginx:1.27\n');
  assert.deepEqual(validateResource(registry, pod, { kubernetesVersion: '1.32' }).findings, []);
  assert.deepEqual(validateResource(registry, pod, { kubernetesVersion: '1.31' }).findings.map((f) => f.path.join('.')), ['spec.resources']);
});

test('flowcontrol v1beta3 is deprecated in 1.30 and 1.31, removed from 1.32', () => {
  const flowSchema = parseYaml('apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: f\nspec:\n  priorityLevelConfiguration:\n    name: workload-low\n');
  for (const version of ['1.30', '1.31']) {
    const lookup = registry.lookup(version, 'flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema');
    assert.equal(lookup.status, 'deprecated', version);
    assert.deepEqual(validateResource(registry, flowSchema, { kubernetesVersion: version }).findings.map((f) => f.code), ['deprecated-api']);
  }
  for (const version of ['1.32', '1.33']) {
    const lookup = registry.lookup(version, 'flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema');
    assert.equal(lookup.status, 'removed', version);
    assert.ok(lookup.status === 'removed' && lookup.replacement === 'flowcontrol.apiserver.k8s.io/v1' && lookup.removedIn === '1.32');
  }
});

test('v1 Endpoints is deprecated in 1.33 only, in favour of EndpointSlice', () => {
  assert.equal(registry.lookup('1.32', 'v1', 'Endpoints').status, 'found');
  const lookup = registry.lookup('1.33', 'v1', 'Endpoints');
  assert.equal(lookup.status, 'deprecated');
  assert.ok(lookup.status === 'deprecated' && lookup.schema !== undefined && /EndpointSlice/.test(lookup.message));
});

test('Kubernetes 1.34 fields are valid for 1.34 and unknown for 1.33', () => {
  const pod = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'x:1', restartPolicy: 'Always', restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }] }] },
  };
  assert.deepEqual(validateResource(registry, pod, { kubernetesVersion: '1.34' }).findings.map((f) => f.code), []);
  assert.ok(validateResource(registry, pod, { kubernetesVersion: '1.33' }).findings.some((f) => f.code === 'unknown-field'));
});
