import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SchemaFinding } from '../../../src/core/schema/schema-finding.js';
import { validateResource } from '../../../src/core/schema/validate-resource.js';
import { dataRegistry, parseYaml } from './schema-test-support.js';

const registry = dataRegistry();

function findingsOf(yaml: string, kubernetesVersion?: string): readonly SchemaFinding[] {
  return validateResource(registry, parseYaml(yaml), { kubernetesVersion }).findings;
}

function only(findings: readonly SchemaFinding[]): SchemaFinding {
  assert.equal(findings.length, 1, JSON.stringify(findings));
  return findings[0]!;
}

const POD = (container: string) => `
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx:1.27
${container}`;

test('unknown field: error on the key, with a did-you-mean suggestion', () => {
  const f = only(findingsOf(POD('      imagePullPolcy: Always')));
  assert.deepEqual(f.path, ['spec', 'containers', 0, 'imagePullPolcy']);
  assert.equal(f.code, 'unknown-field');
  assert.equal(f.severity, 'error');
  assert.equal(f.on, 'key');
  assert.equal(f.suggestion, 'imagePullPolicy');
  assert.match(f.message, /did you mean "imagePullPolicy"/);
});

test('unknown field far from any name: no suggestion', () => {
  const f = only(findingsOf(POD('      completelyUnrelated: 1')));
  assert.equal(f.code, 'unknown-field');
  assert.equal(f.suggestion, undefined);
});

test('wrong type: string for an integer, number for a string, scalar for an object', () => {
  const a = only(findingsOf(POD('      ports:\n        - containerPort: "80"')));
  assert.deepEqual([a.code, a.path], ['type', ['spec', 'containers', 0, 'ports', 0, 'containerPort']]);
  const b = only(findingsOf(POD('      env:\n        - name: PORT\n          value: 8080')));
  assert.deepEqual([b.code, b.path], ['type', ['spec', 'containers', 0, 'env', 0, 'value']]);
  const c = only(findingsOf(POD('      resources: lots')));
  assert.deepEqual([c.code, c.path], ['type', ['spec', 'containers', 0, 'resources']]);
  const d = only(findingsOf(POD('      ports:\n        - containerPort: 80.5')));
  assert.equal(d.code, 'type');
});

test('labels and annotations must be strings (metadata is validated)', () => {
  const f = only(findingsOf('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    prometheus.io/port: 9090\n'));
  assert.deepEqual([f.code, f.path], ['type', ['metadata', 'annotations', 'prometheus.io/port']]);
});

test('enum: a value outside the allowed set, with a suggestion when close', () => {
  const f = only(findingsOf(POD('      imagePullPolicy: IfNotPresnt')));
  assert.deepEqual([f.code, f.path, f.suggestion], ['enum', ['spec', 'containers', 0, 'imagePullPolicy'], 'IfNotPresent']);
  const g = only(findingsOf('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: Internal\n  ports:\n    - port: 80\n'));
  assert.deepEqual([g.code, g.path], ['enum', ['spec', 'type']]);
});

test('built-in enums accept the empty string (Go zero value, read as unset)', () => {
  assert.deepEqual(findingsOf(POD('      imagePullPolicy: ""')), []);
});

test('required: reported on the object that lacks the field', () => {
  const f = only(findingsOf('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers: []\n'));
  assert.deepEqual([f.code, f.path], ['required', ['spec']]);
  assert.match(f.message, /"selector"/);
  const g = only(findingsOf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - image: nginx:1.27\n'));
  assert.deepEqual([g.code, g.path], ['required', ['spec', 'containers', 0]]);
  const h = only(findingsOf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: null\n'));
  assert.deepEqual([h.code, h.path], ['required', ['spec']]);
});

test('int-or-string: integers and strings pass, other types fail', () => {
  assert.deepEqual(findingsOf(POD('      readinessProbe:\n        httpGet:\n          port: http')), []);
  assert.deepEqual(findingsOf(POD('      readinessProbe:\n        httpGet:\n          port: 8080')), []);
  const f = only(findingsOf(POD('      readinessProbe:\n        httpGet:\n          port: true')));
  assert.deepEqual([f.code, f.path], ['type', ['spec', 'containers', 0, 'readinessProbe', 'httpGet', 'port']]);
  const g = only(findingsOf(POD('      readinessProbe:\n        httpGet:\n          port: 80.5')));
  assert.equal(g.code, 'type');
});

test('quantity: the grammar is checked', () => {
  assert.deepEqual(findingsOf(POD('      resources:\n        limits:\n          cpu: 1.5\n          memory: 1e9\n        requests:\n          cpu: 250m\n          memory: 128Mi')), []);
  const f = only(findingsOf(POD('      resources:\n        limits:\n          memory: 1GB')));
  assert.deepEqual([f.code, f.path], ['format', ['spec', 'containers', 0, 'resources', 'limits', 'memory']]);
  assert.equal(only(findingsOf(POD('      resources:\n        requests:\n          cpu: [1]'))).code, 'type');
});

test('format byte: Secret data must be base64', () => {
  const f = only(findingsOf('apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: not base64!\n'));
  assert.deepEqual([f.code, f.path], ['format', ['data', 'password']]);
  assert.deepEqual(findingsOf('apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: aHVudGVyMg==\n'), []);
});

test('maps (additionalProperties): values are checked against the value schema', () => {
  const f = only(findingsOf('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: ok\n  b:\n    nested: no\n'));
  assert.deepEqual([f.code, f.path], ['type', ['data', 'b']]);
});

test('preserve-unknown-fields: Helm values and Argo CD valuesObject take anything', () => {
  const hr = 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\nspec:\n  interval: 5m\n  chartRef:\n    kind: OCIRepository\n    name: o\n  values:\n    any: [1, {deep: true}]\n';
  assert.deepEqual(findingsOf(hr), []);
});

test('Flux ${VAR} substitutions and SOPS ENC[...] values stand in for any scalar', () => {
  assert.deepEqual(findingsOf('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: ${REPLICAS:=2}\n  selector:\n    matchLabels:\n      a: b\n  template:\n    spec:\n      containers: []\n'), []);
  const sops = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]\nsops:\n  version: 3.9.0\n  age: []\n';
  assert.deepEqual(findingsOf(sops), []);
});

test('apiVersion and kind are required strings', () => {
  assert.deepEqual(findingsOf('kind: Pod\nmetadata:\n  name: p\n').map((f) => f.code), ['required']);
  assert.deepEqual(findingsOf('apiVersion: 1\nkind: Pod\n').map((f) => [f.code, f.path]), [['type', ['apiVersion']]]);
});

test('unknown kind of a built-in apiVersion is an error with a suggestion; an unknown CRD is only info', () => {
  const f = only(findingsOf('apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: d\n'));
  assert.deepEqual([f.code, f.severity, f.suggestion, f.path], ['unknown-kind', 'error', 'Deployment', ['kind']]);
  const g = only(findingsOf('apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: c\n'));
  assert.deepEqual([g.code, g.severity], ['unknown-kind', 'info']);
  const h = only(findingsOf('apiVersion: v1\nkind: Deployment\nmetadata:\n  name: d\n'));
  assert.deepEqual([h.code, h.severity, h.suggestion], ['unknown-kind', 'error', 'apps/v1']);
  const typo = only(findingsOf('apiVersion: app/v1\nkind: Deployment\nmetadata:\n  name: d\n'));
  assert.deepEqual([typo.code, typo.severity, typo.suggestion], ['unknown-kind', 'error', 'apps/v1']);
  // Other projects reuse built-in kind names: a Knative Service or an Istio Gateway is no mistake.
  const other = only(findingsOf('apiVersion: networking.istio.io/v1\nkind: Service\nmetadata:\n  name: s\n'));
  assert.deepEqual([other.code, other.severity, other.suggestion], ['unknown-kind', 'info', undefined]);
  // A Knative Service is bundled (its own schema, not core/v1 Service).
  assert.deepEqual(findingsOf('apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  template:\n    spec:\n      containers:\n        - image: ghcr.io/example/app:1.0.0\n'), []);
  // argoproj.io is shared by Argo CD, Rollouts and Workflows: only a near-miss of a bundled kind is an error.
  assert.deepEqual(findingsOf('apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: r\n').map((x) => x.severity), ['info']);
  const argoTypo = only(findingsOf('apiVersion: argoproj.io/v1alpha1\nkind: Aplication\nmetadata:\n  name: a\n'));
  assert.deepEqual([argoTypo.severity, argoTypo.suggestion], ['error', 'Application']);
  const fluxTypo = only(findingsOf('apiVersion: kustomize.toolkit.fluxcd.io/v2\nkind: Kustomization\nmetadata:\n  name: k\n'));
  assert.deepEqual([fluxTypo.severity, fluxTypo.suggestion], ['error', 'kustomize.toolkit.fluxcd.io/v1']);
});

test('removed apiVersions are named with their replacement; deprecated ones warn and still validate', () => {
  const f = only(findingsOf('apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: i\n'));
  assert.deepEqual([f.code, f.severity, f.suggestion, f.path], ['removed-api', 'error', 'networking.k8s.io/v1', ['apiVersion']]);
  assert.match(f.message, /1\.22/);
  const cron = only(findingsOf('apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c\n'));
  assert.deepEqual([cron.code, cron.suggestion], ['removed-api', 'batch/v1']);
  const flux = findingsOf('apiVersion: kustomize.toolkit.fluxcd.io/v1beta2\nkind: Kustomization\nmetadata:\n  name: k\nspec:\n  interval: 5m\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: repo\n  bogus: 1\n');
  assert.deepEqual(flux.map((x) => [x.code, x.severity, x.suggestion ?? null]), [
    ['deprecated-api', 'warning', 'kustomize.toolkit.fluxcd.io/v1'],
    ['unknown-field', 'error', null],
  ]);
});

test('a CustomResourceDefinition is itself validated, down to its item schemas', () => {
  const crd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: things.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Thing, plural: things}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            tags:
              type: array
              items:
                type: string
                enmu: [a, b]
`;
  const f = only(findingsOf(crd));
  assert.deepEqual([f.code, f.suggestion], ['unknown-field', 'enum']);
  assert.deepEqual(f.path, ['spec', 'versions', 0, 'schema', 'openAPIV3Schema', 'properties', 'tags', 'items', 'enmu']);
});

test('metadata rules of the API server: name required, name/namespace/label/annotation syntax', () => {
  const cm = (meta: string) => findingsOf(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n${meta}\n`);
  assert.deepEqual(cm('  namespace: a').map((f) => [f.code, f.path.join('.')]), [['required', 'metadata']]);
  assert.deepEqual(cm('  generateName: job-'), []);
  assert.deepEqual(findingsOf('apiVersion: v1\nkind: ConfigMap\ndata: {}\n').map((f) => f.code), ['required']);
  assert.deepEqual(cm('  name: My_Config').map((f) => [f.code, f.path.join('.')]), [['format', 'metadata.name']]);
  assert.deepEqual(cm(`  name: ${'a'.repeat(254)}`).map((f) => f.code), ['format']);
  assert.deepEqual(cm('  name: ok\n  namespace: Team.A').map((f) => [f.code, f.path.join('.')]), [['format', 'metadata.namespace']]);
  const label = cm('  name: ok\n  labels:\n    bad key: x\n    app: "-leading-dash"\n    Example.COM/name: y');
  assert.deepEqual(label.map((f) => [f.code, f.on ?? 'value', f.path.join('.')]), [
    ['format', 'key', 'metadata.labels.bad key'],
    ['format', 'value', 'metadata.labels.app'],
    ['format', 'key', 'metadata.labels.Example.COM/name'],
  ]);
  assert.deepEqual(cm(`  name: ok\n  labels:\n    a: ${'x'.repeat(64)}`).map((f) => f.code), ['format']);
  assert.deepEqual(cm('  name: ok\n  annotations:\n    /empty-prefix: x').map((f) => [f.code, f.on]), [['format', 'key']]);
  assert.deepEqual(cm('  name: ok\n  labels:\n    app.kubernetes.io/name: web\n    tier: ""\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: "{}"'), []);
  // Service names are RFC 1035 labels, namespaces RFC 1123 labels; RBAC names may contain ":".
  assert.deepEqual(findingsOf('apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports: [{port: 80}]\n').map((f) => f.path.join('.')), ['metadata.name']);
  assert.deepEqual(findingsOf('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a.b\n').map((f) => f.path.join('.')), ['metadata.name']);
  assert.deepEqual(findingsOf('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:aggregate-to-view\nrules: []\n'), []);
  // Placeholders are left for later.
  assert.deepEqual(cm('  name: ${APP}-config\n  namespace: ${NS}'), []);
});

test('label syntax is checked in every ObjectMeta, pod templates included', () => {
  const f = only(findingsOf('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web app\n    spec:\n      containers: []\n'));
  assert.deepEqual([f.code, f.path], ['format', ['spec', 'template', 'metadata', 'labels', 'app']]);
});

test('a kubeconfig (v1 Config) and unresolved YAML merge keys raise no error', () => {
  const kubeconfig = findingsOf('apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\n');
  assert.deepEqual(kubeconfig.map((f) => [f.code, f.severity]), [['unknown-kind', 'info']]);
  const merged = validateResource(registry, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', '<<': { labels: {} } }, data: {} }).findings;
  assert.deepEqual(merged, []);
});

test('strategic-merge-patch directives are no unknown fields', () => {
  const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {}\n  template:\n    spec:\n      $setElementOrder/containers:\n        - name: a\n      containers:\n        - name: sidecar\n          $patch: delete\n      volumes:\n        $patch: replace\n';
  assert.deepEqual(findingsOf(patch).filter((f) => f.code === 'unknown-field'), []);
});

test('an unknown field of a bundled CRD names the schema that judged it', () => {
  const f = only(findingsOf('apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: a\nspec:\n  project: p\n  destination: {}\n  brandNewField: 1\n'));
  assert.equal(f.code, 'unknown-field');
  assert.match(f.message, /bundled Argo CD schema/);
});
