import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateResource } from '../../../src/core/schema/validate-resource.js';
import { dataRegistry, parseYaml } from './schema-test-support.js';

const registry = dataRegistry();

function codesOf(yaml: string): string[] {
  return validateResource(registry, parseYaml(yaml)).findings.map((f) => `${f.code}:${f.path.join('.')}`);
}

// One kind per bundled ecosystem project: it has a schema (no "unknown-kind" info) and a typo in its spec is caught.
const KINDS: [apiVersion: string, kind: string][] = [
  ['source.extensions.fluxcd.io/v1beta1', 'ArtifactGenerator'],
  ['source.toolkit.fluxcd.io/v1', 'ExternalArtifact'],
  ['image.toolkit.fluxcd.io/v1', 'ImageUpdateAutomation'],
  ['fluxcd.controlplane.io/v1', 'FluxInstance'],
  ['fluxcd.controlplane.io/v1', 'ResourceSet'],
  ['fluxcd.controlplane.io/v1', 'ResourceSetInputProvider'],
  ['external-secrets.io/v1', 'ClusterSecretStore'],
  ['generators.external-secrets.io/v1alpha1', 'Password'],
  ['bitnami.com/v1alpha1', 'SealedSecret'],
  ['cert-manager.io/v1', 'Certificate'],
  ['cert-manager.io/v1', 'ClusterIssuer'],
  ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
  ['gateway.networking.k8s.io/v1', 'Gateway'],
  ['monitoring.coreos.com/v1', 'ServiceMonitor'],
  ['monitoring.coreos.com/v1', 'PrometheusRule'],
  ['networking.istio.io/v1', 'VirtualService'],
  ['networking.istio.io/v1', 'DestinationRule'],
  ['keda.sh/v1alpha1', 'ScaledObject'],
  ['argoproj.io/v1alpha1', 'Rollout'],
  ['karpenter.sh/v1', 'NodePool'],
  ['serving.knative.dev/v1', 'Service'],
  ['traefik.io/v1alpha1', 'IngressRoute'],
];

for (const [apiVersion, kind] of KINDS) {
  test(`${apiVersion} ${kind} is bundled: an unknown spec field is an error`, () => {
    const lookup = registry.lookup(registry.resolveKubernetesVersion(undefined), apiVersion, kind);
    assert.equal(lookup.status, 'found', `${apiVersion} ${kind} has no schema`);
    const codes = codesOf(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n  namespace: y\nspec:\n  notAFieldOfAnyKind: 1\n`);
    assert.ok(codes.includes('unknown-field:spec.notAFieldOfAnyKind'), codes.join(', '));
  });
}

test('Argo CD and Argo Rollouts share argoproj.io/v1alpha1 and both keep their kinds', () => {
  for (const kind of ['Application', 'ApplicationSet', 'AppProject', 'Rollout', 'AnalysisTemplate']) {
    assert.equal(registry.lookup('1.34', 'argoproj.io/v1alpha1', kind).status, 'found', kind);
  }
});

test('a notification Alert may watch Flux Operator objects (Flux Operator adds them to the enum); other kinds stay errors', () => {
  const alert = (kind: string) =>
    `apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: a\nspec:\n  providerRef:\n    name: p\n  eventSources:\n    - kind: ${kind}\n      name: flux\n`;
  assert.deepEqual(codesOf(alert('FluxInstance')), []);
  assert.deepEqual(codesOf(alert('ResourceSet')), []);
  assert.deepEqual(codesOf(alert('ArtifactGenerator')), []);
  assert.deepEqual(codesOf(alert('Deployment')), ['enum:spec.eventSources.0.kind']);
});

test('current External Secrets providers (1Password SDK) validate; a misspelt provider does not', () => {
  const store = (provider: string) =>
    `apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata:\n  name: op\nspec:\n  provider:\n    ${provider}:\n      vault: home\n      auth:\n        serviceAccountSecretRef:\n          name: op\n          key: token\n`;
  assert.deepEqual(codesOf(store('onepasswordSDK')), []);
  assert.ok(codesOf(store('onepasswordSDKs')).includes('unknown-field:spec.provider.onepasswordSDKs'));
});

test('an ArtifactGenerator as the Flux docs write it validates', () => {
  const yaml = `apiVersion: source.extensions.fluxcd.io/v1beta1
kind: ArtifactGenerator
metadata:
  name: apps
  namespace: flux-system
spec:
  sources:
    - alias: repo
      kind: GitRepository
      name: flux-system
  artifacts:
    - name: apps
      copy:
        - from: "@repo/apps/**"
          to: "@artifact/"
`;
  assert.deepEqual(codesOf(yaml), []);
});

test('a built-in kind added in 1.36 (MutatingAdmissionPolicy v1) is validated at 1.36 and an error before', () => {
  const yaml = 'apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingAdmissionPolicy\nmetadata:\n  name: p\nspec:\n  reinvocationPolicy: Never\n  mutations: []\n';
  assert.deepEqual(validateResource(registry, parseYaml(yaml)).findings, []);
  const typo = validateResource(registry, parseYaml(yaml.replace('mutations', 'mutatoins'))).findings;
  assert.deepEqual(typo.map((f) => [f.code, f.path.join('.')]), [['unknown-field', 'spec.mutatoins']]);
  const older = validateResource(registry, parseYaml(yaml), { kubernetesVersion: '1.35' }).findings;
  assert.deepEqual(older.map((f) => [f.code, f.severity]), [['unknown-kind', 'error']]);
});

test('enums per Kubernetes version: Toleration operator Gt (1.35 on, per its own OpenAPI description) is refused at 1.33 and 1.34', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n  tolerations:\n    - key: gpu-count\n      operator: Gt\n      value: "2"\n';
  for (const version of ['1.35', '1.36']) assert.deepEqual(validateResource(registry, parseYaml(pod), { kubernetesVersion: version }).findings, [], version);
  for (const version of ['1.33', '1.34']) assert.deepEqual(validateResource(registry, parseYaml(pod), { kubernetesVersion: version }).findings.map((f) => f.code), ['enum'], version);
});
