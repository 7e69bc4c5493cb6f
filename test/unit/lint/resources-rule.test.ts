// `resources` decisions that need a workspace of their own (the fixtures share one per rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LINT_CONFIG } from '../../../src/core/config/lint-config.js';
import { lintWorkspace } from '../../../src/core/lint/lint-engine.js';
import { RULES } from '../../../src/core/lint/rule-list.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { buildWorkspaceIndex } from '../../../src/core/workspace/workspace-index.js';
import { lintText } from '../../support/lint-text.js';

const job = (namespace: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: import
  namespace: ${namespace}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: import
          image: example/import:2.0.0
`;
const limitRange = (namespace: string, limits: string) => `apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: ${namespace}
spec:
  limits:
    - type: Container
${limits}
---
`;

const findings = (text: string) => lintText('app.yaml', text).filter((f) => f.ruleId === 'resources').map((f) => f.message);

test('a LimitRange with container defaults in the namespace counts as declared', () => {
  assert.deepEqual(findings(limitRange('batch', '      default: {memory: 256Mi}\n      defaultRequest: {cpu: 50m, memory: 128Mi}') + job('batch')), []);
});

test('a LimitRange only gives what it defaults, and only in its namespace', () => {
  assert.deepEqual(findings(limitRange('batch', '      defaultRequest: {cpu: 50m}') + job('batch')), ["Container 'import' has no resource limits."]);
  assert.deepEqual(findings(limitRange('other', '      default: {memory: 256Mi}\n      defaultRequest: {cpu: 50m}') + job('batch')), ["Container 'import' has no resource requests or limits."]);
});

function lintFiles(files: Record<string, string>): string[] {
  const index = buildWorkspaceIndex(Object.entries(files).map(([p, t]) => parseManifest(p, t)), { entryType: () => 'file' });
  return lintWorkspace(index, DEFAULT_LINT_CONFIG, { rules: RULES }).flatMap((r) => r.findings).filter((f) => f.ruleId === 'resources').map((f) => f.message);
}

test('a patch file applied through a kustomization target counts as declared for the objects it targets', () => {
  const files = (targetKind: string) => ({
    'app/kustomization.yaml': `resources: [deploy.yaml]\npatches:\n  - path: defaults.yaml\n    target: {kind: ${targetKind}}\n`,
    'app/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n',
    'app/defaults.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: not-important}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          resources: {requests: {cpu: 10m}, limits: {memory: 64Mi}}\n',
  });
  assert.deepEqual(lintFiles(files('Deployment')), []);
  assert.deepEqual(lintFiles(files('StatefulSet')), ["Container 'web' has no resource requests or limits."]);
});
