// Kustomize transforms and inputs the linter must judge as kustomize renders them: Namespace objects renamed
// by `namespace:`, `$patch: delete` patches in Components, files that are build inputs (replacements,
// OpenAPI schemas, generator files, Helm values), and files a render step writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LINT_CONFIG } from '../../../src/core/config/lint-config.js';
import type { Finding } from '../../../src/core/findings/finding.js';
import { lintWorkspace } from '../../../src/core/lint/lint-engine.js';
import { RULES } from '../../../src/core/lint/rule-list.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import type { RepositoryListing } from '../../../src/core/ports.js';
import { buildWorkspaceIndex } from '../../../src/core/workspace/workspace-index.js';
import { createNodeValidator } from '../../../src/adapters/schema/node-validator.js';

const validator = createNodeValidator();

function lint(files: Record<string, string>, extra: { present?: string[]; ignored?: string[] } = {}): Finding[] {
  const parsed = Object.entries(files).map(([path, text]) => parseManifest(path, text));
  const all = [...Object.keys(files), ...(extra.present ?? [])];
  const dirs = new Set(all.flatMap((p) => p.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))));
  const listing: RepositoryListing = {
    entryType: (p) => (all.includes(p) ? 'file' : dirs.has(p) ? 'directory' : undefined),
    isIgnored: (p) => (extra.ignored ?? []).some((dir) => p.startsWith(dir)),
  };
  const index = buildWorkspaceIndex(parsed, listing);
  return lintWorkspace(index, { ...DEFAULT_LINT_CONFIG, rules: { resources: 'off', 'image-tag': 'off' } }, { rules: RULES, validator }).flatMap((r) => r.findings);
}

const summary = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.ruleId} ${f.path}:${f.range.start.line + 1}`).sort();

const NAMESPACE_PLACEHOLDER = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: _\n';

test("a kustomization's namespace: renames the Namespace it renders, so a placeholder name is fine", () => {
  assert.deepEqual(summary(lint({
    'apps/default/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: default\nresources:\n  - ./namespace.yaml\n',
    'apps/default/namespace.yaml': NAMESPACE_PLACEHOLDER,
  })), []);
  // Through a shared component, the overlay's namespace renames it too.
  assert.deepEqual(summary(lint({
    'components/namespace/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - namespace.yaml\n',
    'components/namespace/namespace.yaml': NAMESPACE_PLACEHOLDER,
    'apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: media\ncomponents:\n  - ../components/namespace\n',
  })), []);
  // … and when that overlay is itself included by a root without a namespace.
  assert.deepEqual(summary(lint({
    'components/namespace/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - namespace.yaml\n',
    'components/namespace/namespace.yaml': NAMESPACE_PLACEHOLDER,
    'bootstrap/network/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: network\ncomponents:\n  - ../../components/namespace\n',
    'bootstrap/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./network\n',
  })), []);
});

test('without a namespace: transformer, an invalid Namespace name is still an error', () => {
  assert.deepEqual(summary(lint({
    'apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - namespace.yaml\n',
    'apps/namespace.yaml': NAMESPACE_PLACEHOLDER,
  })), ['error schema apps/namespace.yaml:4']);
});

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: loadgenerator\nspec:\n  selector:\n    matchLabels: {app: lg}\n  template:\n    metadata:\n      labels: {app: lg}\n    spec:\n      containers:\n        - name: lg\n          image: lg:1.0\n';

test("a Component's `$patch: delete` patch is a directive, not an object; a wrong field in a Component patch is still caught", () => {
  const files = {
    'base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n',
    'base/deployment.yaml': DEPLOYMENT,
    'components/without-lg/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: delete.yaml\n  - path: typo.yaml\n',
    'components/without-lg/delete.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: loadgenerator\n$patch: delete\n',
    'components/without-lg/typo.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: loadgenerator\nspec:\n  replicaz: 2\n',
    'overlay/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base\ncomponents:\n  - ../components/without-lg\n',
  };
  assert.deepEqual(summary(lint(files)), ['error schema components/without-lg/typo.yaml:6']);
});

test('build inputs (replacements, OpenAPI schema, generator files, Helm values, transformer configurations) are not validated as objects', () => {
  const looksLikeAnObject = 'apiVersion: example.com/v1\nkind: Settings\nmetadata:\n  name: Not_A_Valid_Name\nmode: fast\n';
  assert.deepEqual(summary(lint({
    'app/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - cm.yaml
replacements:
  - path: replacement.yaml
openapi:
  path: schema.yaml
configurations:
  - name-reference.yaml
configMapGenerator:
  - name: settings
    files:
      - settings.yaml
helmCharts:
  - name: podinfo
    repo: https://stefanprodan.github.io/podinfo
    version: 6.7.1
    valuesFile: values.yaml
`,
    'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n',
    'app/replacement.yaml': looksLikeAnObject,
    'app/schema.yaml': looksLikeAnObject,
    'app/name-reference.yaml': looksLikeAnObject,
    'app/settings.yaml': looksLikeAnObject,
    'app/values.yaml': looksLikeAnObject,
  })), []);
});

const PLUGIN_APP = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: rendered
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/example/gitops.git
    path: rendered
    plugin:
      name: kustomized-helm
  destination:
    server: https://kubernetes.default.svc
    namespace: default
`;

test('a file a render step writes: quiet under an Argo CD plugin source, a warning when gitignored or after helmCharts, an error otherwise', () => {
  const kustomization = (extra = '') => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - all.yaml\n${extra}`;
  assert.deepEqual(summary(lint({ 'argocd/rendered.yaml': PLUGIN_APP, 'rendered/kustomization.yaml': kustomization() })), []);
  assert.deepEqual(summary(lint({ 'out/kustomization.yaml': kustomization() }, { ignored: ['out/all.yaml'] })), ['warning kustomization-ref out/kustomization.yaml:4']);
  assert.deepEqual(summary(lint({ 'chart/kustomization.yaml': kustomization('helmCharts:\n  - name: podinfo\n    repo: https://stefanprodan.github.io/podinfo\n    version: 6.7.1\n') })), ['warning kustomization-ref chart/kustomization.yaml:4']);
  assert.deepEqual(summary(lint({ 'plain/kustomization.yaml': kustomization() })), ['error kustomization-ref plain/kustomization.yaml:4']);
});

test('a remote resource in a build makes dangling-reference quiet there (and in the overlays that render it), as helmCharts does', () => {
  const INGRESS = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: platform-gateway\n                port:\n                  number: 80\n';
  const base = (resources: string) => ({
    'app/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: web\nresources:\n  - ingress.yaml\n  - deployment.yaml\n${resources}`,
    'app/ingress.yaml': INGRESS,
    // A workload in the unit: Ingresses are checked there.
    'app/deployment.yaml': DEPLOYMENT,
  });
  // Planted: every object is local, so the Service is declared nowhere.
  assert.deepEqual(summary(lint(base(''))).filter((f) => f.includes('dangling-reference')), ['warning dangling-reference app/ingress.yaml:13']);
  for (const remote of ['https://github.com/example/platform//config?ref=v1.0.0', 'github.com/org/repo/path?ref=x', 'git@github.com:org/repo.git//gateway']) {
    assert.deepEqual(summary(lint(base(`  - ${remote}\n`))).filter((f) => f.includes('dangling-reference')), [], remote);
    // Through an overlay that renders the base, and with the remote entry in a base the overlay includes.
    assert.deepEqual(summary(lint({
      ...base(''),
      'remote/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${remote}\n`,
      'prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../app\n  - ../remote\n',
    }, { present: ['app', 'remote'] })).filter((f) => f.includes('dangling-reference')), [], `${remote} through an overlay`);
  }
});
