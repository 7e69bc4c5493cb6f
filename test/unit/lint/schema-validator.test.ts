import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LINT_CONFIG } from '../../../src/core/config/lint-config.js';
import type { Finding } from '../../../src/core/findings/finding.js';
import { lintWorkspace } from '../../../src/core/lint/lint-engine.js';
import { RULES } from '../../../src/core/lint/rule-list.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { buildWorkspaceIndex } from '../../../src/core/workspace/workspace-index.js';
import { createNodeValidator } from '../../../src/adapters/schema/node-validator.js';

const validator = createNodeValidator();

function lint(files: Record<string, string>, kubernetesVersion = '1.33'): Finding[] {
  const parsed = Object.entries(files).map(([path, text]) => parseManifest(path, text));
  const dirs = new Set(Object.keys(files).flatMap((p) => p.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))));
  const index = buildWorkspaceIndex(parsed, { entryType: (p) => (files[p] !== undefined ? 'file' : dirs.has(p) ? 'directory' : undefined) });
  return lintWorkspace(index, { ...DEFAULT_LINT_CONFIG, kubernetesVersion, rules: { resources: 'off' } }, { rules: RULES, validator }).flatMap((r) => r.findings);
}

const where = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: sidecar
          image: proxy:1.0
        - name: api
          image: api:1.0
`;

test('a typo is an error on its key, with a rename quick fix', () => {
  const findings = lint({ 'd.yaml': DEPLOYMENT.replace('image: api:1.0', 'image: api:1.0\n          imagePullPolicey: Always') });
  const typo = findings.find((f) => f.ruleId === 'schema');
  assert.ok(typo, JSON.stringify(findings));
  assert.equal(typo.severity, 'error');
  assert.deepEqual(typo.range, { start: { line: 16, character: 10 }, end: { line: 16, character: 26 } });
  assert.equal(typo.fixes?.[0]?.edits[0]?.newText, 'imagePullPolicy');
});

test('a removed apiVersion names its replacement and the quick fix changes it', () => {
  const findings = lint({ 'i.yaml': 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec: {}\n' });
  const api = findings.find((f) => f.ruleId === 'deprecated-api');
  assert.ok(api, JSON.stringify(findings));
  assert.match(api.message, /networking\.k8s\.io\/v1/);
  assert.equal(api.fixes?.[0]?.edits[0]?.newText, 'networking.k8s.io/v1');
  assert.deepEqual(api.range.start, { line: 0, character: 12 });
});

test('a kustomize patch is validated merged onto its target, findings on the patch lines', () => {
  const findings = lint({
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'base/deployment.yaml': DEPLOYMENT,
    'prod/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: patch.yaml\n',
    // A partial object: no selector, no template labels — not an error. The typo under the second container is.
    'prod/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          resourcez:\n            limits: {memory: 1Gi}\n',
  });
  assert.deepEqual(where(findings, 'schema'), ['prod/patch.yaml:10:11']);
});

test('a patch without a target in the repository is checked alone, without required-field findings', () => {
  const findings = lint({
    'prod/kustomization.yaml': 'resources:\n  - https://github.com/acme/base//deploy?ref=v1\npatches:\n  - path: patch.yaml\n',
    'prod/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: "three"\n',
  });
  assert.deepEqual(where(findings, 'schema'), ['prod/patch.yaml:6:13']);
});

test('a CRD in the workspace validates its custom resources', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.acme.io
spec:
  group: acme.io
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer}
                color: {type: string, enum: [red, blue]}
`;
  const findings = lint({ 'crd.yaml': crd, 'w.yaml': 'apiVersion: acme.io/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  colour: red\n' });
  const messages = findings.filter((f) => f.path === 'w.yaml' && f.ruleId === 'schema').map((f) => f.message).join('\n');
  assert.match(messages, /colour/);
  assert.match(messages, /size/);
});

test('other YAML gets no finding: CI workflows, compose files, Helm values, kustomizations', () => {
  const findings = lint({
    '.github/workflows/ci.yml': 'name: CI\non:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    'compose.yaml': 'services:\n  web:\n    image: nginx:latest\n    ports: ["80:80"]\n',
    'chart/values.yaml': 'replicaCount: 1\nimage:\n  repository: nginx\n  tag: latest\n',
    'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
    'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\nimages:\n  - name: nginx\n    newTag: "1.27"\n',
  });
  assert.deepEqual(findings, []);
});

test('a Flux Kustomization in a file named kustomization.yaml is an object, not a kustomize file', () => {
  const findings = lint({
    'clusters/prod/kustomization.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  interval: 10m\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  pathh: ./apps\n',
  });
  assert.deepEqual(where(findings, 'schema'), ['clusters/prod/kustomization.yaml:12:3']);
});

test('a document meant as an object but missing apiVersion or kind is an error, not silently skipped', () => {
  const findings = lint({
    'a.yaml': 'napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n---\napiVersion: v1\nkind:\nmetadata:\n  name: t\n---\nmetadata:\n  name: u\nspec:\n  replicas: 1\n',
  });
  assert.deepEqual(where(findings, 'schema'), ['a.yaml:1:1', 'a.yaml:7:1', 'a.yaml:11:1']);
});

test('Kubernetes YAML: dates and 10:30 stay strings, 0o644 is octal; quoted {{ }} values are validated', () => {
  const findings = lint({
    'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    release-date: 2024-01-15\ndata:\n  window: 10:30\n',
    'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: "x:1"}]\n  volumes:\n    - name: v\n      configMap: {name: c, defaultMode: 0o644}\n',
    'es.yaml': 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: e\n  annotations:\n    note: "{{ .user }}"\nspec:\n  sourceRef: {}\n',
  });
  assert.deepEqual(findings.filter((f) => f.path !== 'es.yaml' && f.severity === 'error'), []);
  assert.ok(findings.some((f) => f.path === 'es.yaml' && f.ruleId === 'schema' && /sourceRef/.test(f.message)), JSON.stringify(findings.filter((f) => f.path === 'es.yaml')));
});

test('kustomize inline patches and plugin configurations are no paths and no objects', () => {
  const findings = lint({
    'k/kustomization.yaml': 'resources:\n  - cm.yaml\npatchesStrategicMerge:\n  - |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: c\n    data: {a: b}\ntransformers:\n  - prefix.yaml\n',
    'k/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    'k/prefix.yaml': 'apiVersion: builtin\nkind: PrefixSuffixTransformer\nmetadata:\n  name: prefix\nprefix: team-\nfieldSpecs:\n  - path: metadata/name\n',
  });
  assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.severity === 'warning'), []);
});

test('a required field written but left empty is reported on its own key', () => {
  const findings = lint({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\ndata:\n  a: b\n' });
  assert.deepEqual(where(findings, 'schema'), ['cm.yaml:3:1']);
});

test('a namespace that kustomize fills in (APIService service) is not missing in a kustomization that sets one', () => {
  const apiService = 'apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\nspec:\n  group: metrics.k8s.io\n  version: v1beta1\n  groupPriorityMinimum: 100\n  versionPriority: 100\n  service:\n    name: metrics-server\n';
  assert.deepEqual(where(lint({ 'm/kustomization.yaml': 'namespace: kube-system\nresources:\n  - apiservice.yaml\n', 'm/apiservice.yaml': apiService }), 'schema'), []);
  assert.deepEqual(where(lint({ 'm/kustomization.yaml': 'resources:\n  - apiservice.yaml\n', 'm/apiservice.yaml': apiService }), 'schema'), ['m/apiservice.yaml:10:3']);
});
