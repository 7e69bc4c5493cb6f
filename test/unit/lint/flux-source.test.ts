// flux-source decisions that need a workspace of their own (the fixtures share one per rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LINT_CONFIG } from '../../../src/core/config/lint-config.js';
import { lintWorkspace } from '../../../src/core/lint/lint-engine.js';
import { RULES } from '../../../src/core/lint/rule-list.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { buildWorkspaceIndex } from '../../../src/core/workspace/workspace-index.js';

/** Lints in-memory files; the listing holds them and their parent directories. */
function lint(files: Record<string, string>, ruleId: string): string[] {
  const entries = new Map<string, 'file' | 'directory'>([['', 'directory']]);
  for (const path of Object.keys(files)) {
    entries.set(path, 'file');
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) entries.set(parts.slice(0, i).join('/'), 'directory');
  }
  const index = buildWorkspaceIndex(Object.entries(files).map(([p, t]) => parseManifest(p, t)), { entryType: (p) => entries.get(p) });
  return lintWorkspace(index, DEFAULT_LINT_CONFIG, { rules: RULES }).flatMap((r) => r.findings).filter((f) => f.ruleId === ruleId).map((f) => `${f.path}:${f.range.start.line + 1} ${f.message}`);
}

const sync = `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: flux-system, namespace: flux-system}
spec: {url: "https://github.com/acme/fleet", ref: {branch: main}}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: flux-system, namespace: flux-system}
spec:
  path: ./clusters/prod
  sourceRef: {kind: GitRepository, name: flux-system}
`;
const child = (extra = '') => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: app, namespace: flux-system}
spec:
  path: ./apps/app
  sourceRef: {kind: GitRepository, name: flux-system}
  postBuild:
    substitute: {APP: app}
${extra}`;
const app = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "${APP}"}\ndata: {domain: "${DOMAIN}"}\n';

test('an undefined ${VAR} under spec.path is flagged with where it is used', () => {
  const findings = lint({ 'clusters/prod/flux-system/gotk-sync.yaml': sync, 'clusters/prod/app.yaml': child(), 'apps/app/cm.yaml': app }, 'flux-source');
  assert.equal(findings.length, 1);
  assert.match(findings[0] ?? '', /^clusters\/prod\/app.yaml:7 \$\{DOMAIN\} is used under 'apps\/app'/);
});

test('no finding when a parent Kustomization patches postBuild into its children', () => {
  const parent = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: cluster-apps, namespace: flux-system}
spec:
  path: ./clusters/prod
  sourceRef: {kind: GitRepository, name: flux-system}
  patches:
    - patch: |-
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: any}
        spec:
          postBuild:
            substituteFrom: [{kind: Secret, name: cluster-secrets}]
      target: {kind: Kustomization}
`;
  assert.deepEqual(lint({ 'clusters/prod/flux-system/gotk-sync.yaml': sync, 'clusters/prod/parent.yaml': parent, 'clusters/prod/app.yaml': child(), 'apps/app/cm.yaml': app }, 'flux-source'), []);
});

test('paths are not checked when the linted folder is not the repository root', () => {
  // Linting `clusters/` alone: no Kustomization path of this repository resolves, so none is trusted.
  const files = { 'prod/flux-system/gotk-sync.yaml': sync, 'prod/app.yaml': child() };
  assert.deepEqual(lint(files, 'flux-source'), []);
});
