// A file no lint worker could read (ManifestFile.isUnread) may declare anything: cross-file rules report no
// reference into the unknown as missing while it is in the index, and do once it is gone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_LINT_CONFIG } from '../../../src/core/config/lint-config.js';
import { lintWorkspace } from '../../../src/core/lint/lint-engine.js';
import { RULES } from '../../../src/core/lint/rule-list.js';
import type { ManifestFile } from '../../../src/core/manifest/manifest-types.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { buildWorkspaceIndex } from '../../../src/core/workspace/workspace-index.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n      envFrom:\n        - configMapRef:\n            name: wide\n';
const FLUX = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata: {name: other, namespace: flux-system}\nspec: {url: "https://example.com/x.git", ref: {branch: main}}\n---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: app, namespace: flux-system}\nspec:\n  path: ./apps\n  sourceRef: {kind: GitRepository, name: elsewhere}\n';
const UNREAD: ManifestFile = { ...parseManifest('wide.yaml', ''), isUnread: true };

function crossFileFindings(files: readonly ManifestFile[]): string[] {
  const index = buildWorkspaceIndex(files, { entryType: () => undefined });
  return lintWorkspace(index, DEFAULT_LINT_CONFIG, { rules: RULES }).flatMap((r) => r.findings)
    .filter((f) => f.ruleId === 'dangling-reference' || f.ruleId === 'flux-source').map((f) => `${f.ruleId}: ${f.message}`);
}

test('a reference to an object declared nowhere is reported while every file was read', () => {
  const findings = crossFileFindings([parseManifest('pod.yaml', POD), parseManifest('flux.yaml', FLUX)]);
  assert.ok(findings.some((f) => f.startsWith('dangling-reference: ConfigMap \'wide\'')), findings.join('\n'));
  assert.ok(findings.some((f) => f.startsWith('flux-source: sourceRef names GitRepository \'elsewhere\'')), findings.join('\n'));
});

test('an unread file may declare it: neither reference is reported', () => {
  const index = buildWorkspaceIndex([parseManifest('pod.yaml', POD), parseManifest('flux.yaml', FLUX), UNREAD], { entryType: () => undefined });
  assert.deepEqual(index.unreadFiles, ['wide.yaml']);
  assert.deepEqual(crossFileFindings([parseManifest('pod.yaml', POD), parseManifest('flux.yaml', FLUX), UNREAD]), []);
});
