// duplicate-resource and patches: the rendering model does not apply patches, so one base reached twice is not
// claimed to break the build (an error) when a patch on the way could rename it; a patch that cannot reach the
// object leaves the error. Each tree is also built with the real kustomize (`kubectl kustomize`) to prove the claim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_LINT_CONFIG } from '../../../src/core/config/lint-config.js';
import { lintWorkspace } from '../../../src/core/lint/lint-engine.js';
import { RULES } from '../../../src/core/lint/rule-list.js';
import { loadWorkspace } from '../../../src/adapters/fs/load-workspace.js';
import { findKustomize } from '../../../src/adapters/kustomize/find-kustomize.js';
import { renderKustomization } from '../../../src/adapters/kustomize/render-kustomization.js';
import { createNodeValidator } from '../../../src/adapters/schema/node-validator.js';
import { getAt } from '../../../src/core/resource/manifest-resource.js';

const validator = createNodeValidator();

const BASE = {
  'base/kustomization.yaml': 'resources:\n  - cm.yaml\n',
  'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata: {k: v}\n',
  'root/kustomization.yaml': 'resources:\n  - ../a\n  - ../b\n',
};

const renameBy = (name: string) => `resources:\n  - ../base\npatches:\n  - target: {kind: ConfigMap, name: cfg}\n    patch: |-\n      - op: replace\n        path: /metadata/name\n        value: ${name}\n`;

async function withTree<T>(files: Record<string, string>, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ga-patched-dup-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The duplicate-resource findings on base/cm.yaml. */
function duplicateFindings(dir: string): string[] {
  const { index } = loadWorkspace(dir);
  return lintWorkspace(index, DEFAULT_LINT_CONFIG, { rules: RULES, validator })
    .flatMap((r) => r.findings)
    .filter((f) => f.ruleId === 'duplicate-resource')
    .filter((f) => f.path === 'base/cm.yaml')
    .map((f) => `${f.severity} ${f.path} ${f.message}`);
}

const kustomize = () => {
  const found = findKustomize();
  assert.ok(found.available, 'kubectl (or kustomize) must be on PATH to prove this against the real kustomize');
  return found.tool;
};

test('one base renamed by a JSON6902 patch in each of two overlays: kustomize builds it, so no duplicate error', async () => {
  await withTree({ ...BASE, 'a/kustomization.yaml': renameBy('a-cfg'), 'b/kustomization.yaml': renameBy('b-cfg') }, async (dir) => {
    const built = await renderKustomization(dir, 'root', kustomize());
    assert.deepEqual(built.map((o) => getAt(o.object, ['metadata', 'name'])).sort(), ['a-cfg', 'b-cfg']);
    const findings = duplicateFindings(dir);
    assert.deepEqual(findings.filter((f) => f.startsWith('error')), []);
    assert.deepEqual(findings, ['warning base/cm.yaml ConfigMap cfg is rendered 2 times in kustomization root: its file is included more than once under the same names; kustomize refuses the build unless a patch renames it.']);
  });
});

test('a patch that cannot reach the object (another kind, another name, a patch file for another object) leaves the error', async () => {
  const other = (patch: string) => `resources:\n  - ../base\n${patch}`;
  // A second ConfigMap the patches do reach, so kustomize fails for the duplicate ConfigMap cfg, not a missing target.
  const OTHER = { 'base/kustomization.yaml': 'resources:\n  - cm.yaml\n  - other.yaml\n', 'base/other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n' };
  const trees: Record<string, string>[] = [
    { 'a/kustomization.yaml': other('patches:\n  - target: {kind: Deployment, name: cfg}\n    patch: |-\n      - op: replace\n        path: /metadata/name\n        value: x\n') },
    { 'a/kustomization.yaml': other('patchesJson6902:\n  - target: {version: v1, kind: ConfigMap, name: other}\n    path: p.yaml\n'), ...OTHER, 'a/p.yaml': '- op: replace\n  path: /metadata/name\n  value: x\n' },
    { 'a/kustomization.yaml': other('patchesStrategicMerge:\n  - p.yaml\n'), 'a/p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\ndata: {k: w}\n', ...OTHER },
  ];
  for (const tree of trees) {
    await withTree({ ...BASE, 'b/kustomization.yaml': 'resources:\n  - ../base\n', ...tree }, async (dir) => {
      await assert.rejects(renderKustomization(dir, 'root', kustomize()), /cfg/);
      assert.deepEqual(duplicateFindings(dir), ['error base/cm.yaml ConfigMap cfg is rendered 2 times in kustomization root: its file is included more than once under the same names (kustomize refuses the build).'], JSON.stringify(tree));
    });
  }
});
