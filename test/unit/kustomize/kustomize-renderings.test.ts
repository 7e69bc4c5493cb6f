// The rendering model's own properties: how transforms compose (nested overlays, Components, a file reached two
// ways), and that it is computed from the kustomization files only, so an edit to a manifest (a keystroke in the
// editor rebuilds the workspace index) reuses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import type { RepositoryListing } from '../../../src/core/ports.js';
import { buildWorkspaceIndex } from '../../../src/core/workspace/workspace-index.js';
import { renderedObjectsOf, renderingsOf } from '../../../src/core/kustomize/kustomize-renderings.js';
import { transformImage, readKustomizeTransform } from '../../../src/core/kustomize/kustomize-transform.js';

const listing: RepositoryListing = { entryType: () => undefined, isIgnored: () => false };
const K = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';
const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

const TREE: Record<string, string> = {
  'base/kustomization.yaml': `${K}namePrefix: b-\nresources:\n  - cm.yaml\n`,
  'base/cm.yaml': CM('settings'),
  'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nnamePrefix: c-\n',
  'mid/kustomization.yaml': `${K}namePrefix: m-\nnamespace: mid\nresources:\n  - ../base\ncomponents:\n  - ../comp\n`,
  'top/kustomization.yaml': `${K}nameSuffix: -t\nnamespace: top\nresources:\n  - ../mid\n  - ../other\n`,
  'other/kustomization.yaml': `${K}namePrefix: o-\nresources:\n  - ../base\n`,
};

const indexOf = (files: Record<string, string>) => buildWorkspaceIndex(Object.entries(files).map(([p, t]) => parseManifest(p, t)), listing);

test('nested overlays compose innermost first; a Component applies with the kustomization that lists it; a file reached two ways renders twice', () => {
  const index = indexOf(TREE);
  const [resource] = index.resourcesInFile('base/cm.yaml');
  assert.ok(resource);
  const rendered = renderedObjectsOf(index, resource).map((o) => `${o.rendering.root} ${o.namespace}/${o.name}`).sort();
  assert.deepEqual(rendered, ['top top/m-c-b-settings-t', 'top top/o-b-settings-t']);
});

test('a file no kustomization lists is not rendered', () => {
  const index = indexOf({ ...TREE, 'loose/cm.yaml': CM('loose') });
  assert.deepEqual(renderingsOf(index, 'loose/cm.yaml'), []);
});

test('the model is reused while the kustomization files are the same parsed files, and recomputed when one changes', () => {
  const parsed = Object.entries(TREE).map(([p, t]) => parseManifest(p, t));
  const first = buildWorkspaceIndex(parsed, listing);
  const before = renderingsOf(first, 'base/cm.yaml');
  // A keystroke in a manifest: a new index, the same kustomization files.
  const edited = parsed.map((f) => (f.path === 'base/cm.yaml' ? parseManifest(f.path, CM('settings-2')) : f));
  assert.equal(renderingsOf(buildWorkspaceIndex(edited, listing), 'base/cm.yaml'), before);
  // An edit to a kustomization: computed anew.
  const prefixChanged = edited.map((f) => (f.path === 'other/kustomization.yaml' ? parseManifest(f.path, `${K}namePrefix: x-\nresources:\n  - ../base\n`) : f));
  const after = renderingsOf(buildWorkspaceIndex(prefixChanged, listing), 'base/cm.yaml');
  assert.notEqual(after, before);
  assert.deepEqual(after.map((r) => r.transforms.map((t) => t.namePrefix).join('')).sort(), ['b-c-m-', 'b-x-']);
});

test('images: a tag, a digest, a new name; an outer entry matches the name an inner one gave', () => {
  const inner = readKustomizeTransform('inner', { images: [{ name: 'nginx', newName: 'mirror/nginx', newTag: '1.27' }] });
  const outer = readKustomizeTransform('outer', { images: [{ name: 'mirror/nginx', digest: 'sha256:abc' }] });
  assert.ok(inner && outer);
  assert.deepEqual(transformImage('nginx', [inner]), { image: 'mirror/nginx:1.27', setIn: 'inner' });
  assert.deepEqual(transformImage('nginx:latest', [inner, outer]), { image: 'mirror/nginx@sha256:abc', setIn: 'outer' });
  assert.deepEqual(transformImage('redis:7', [inner, outer]), { image: 'redis:7' });
  assert.equal(readKustomizeTransform('none', { resources: ['a.yaml'] }), undefined);
});

test('a cycle of kustomizations (kustomize refuses it) ends, and a diamond is followed both ways', () => {
  const cycle = indexOf({
    'a/kustomization.yaml': `${K}namePrefix: a-\nresources:\n  - ../b\n  - cm.yaml\n`,
    'a/cm.yaml': CM('x'),
    'b/kustomization.yaml': `${K}namePrefix: b-\nresources:\n  - ../a\n`,
  });
  const [resource] = cycle.resourcesInFile('a/cm.yaml');
  assert.ok(resource);
  assert.deepEqual(renderedObjectsOf(cycle, resource).map((o) => o.name), ['b-a-x']);
  const diamond = indexOf({ ...TREE, 'top/kustomization.yaml': `${K}resources:\n  - ../mid\n  - ../other\n  - ../base-user\n`, 'base-user/kustomization.yaml': `${K}resources:\n  - ../base\n` });
  assert.equal(renderingsOf(diamond, 'base/cm.yaml').length, 3);
});

const AGENT_TREE: Record<string, string> = {
  'apps/base/kustomization.yaml': `${K}resources:\n  - cm.yaml\n`,
  'apps/base/cm.yaml': CM('settings'),
  'apps/prod/kustomization.yaml': `${K}namePrefix: prod-\nresources:\n  - ../base\n`,
};
const fluxApplying = (path: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ${path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`;
const rootsOf = (files: Record<string, string>, listed: RepositoryListing = listing) => {
  const index = buildWorkspaceIndex(Object.entries(files).map(([p, t]) => parseManifest(p, t)), listed, { prefix: '', remoteUrls: ['https://github.com/example/fleet.git'] });
  const [resource] = index.resourcesInFile('apps/base/cm.yaml');
  assert.ok(resource);
  return renderedObjectsOf(index, resource).map((o) => `${o.rendering.root} ${o.name}`).sort();
};

test('a kustomization a Flux Kustomization or Argo CD Application of this repository applies is a root too, though an overlay includes it', () => {
  assert.deepEqual(rootsOf(AGENT_TREE), ['apps/prod prod-settings']);
  assert.deepEqual(rootsOf({ ...AGENT_TREE, 'clusters/dev/apps.yaml': fluxApplying('./apps/base') }), ['apps/base settings', 'apps/prod prod-settings']);
  // … and a deployment unit of its own (duplicates and references are judged there too).
  const units = (files: Record<string, string>) => buildWorkspaceIndex(Object.entries(files).map(([p, t]) => parseManifest(p, t)), listing).unitsOf('apps/base/cm.yaml');
  assert.deepEqual(units(AGENT_TREE), ['kustomization:apps/prod']);
  assert.deepEqual([...units({ ...AGENT_TREE, 'clusters/dev/apps.yaml': fluxApplying('./apps/base') })].sort(), ['kustomization:apps/base', 'kustomization:apps/prod']);
  // An agent applying the overlay adds nothing: it is a root already.
  assert.deepEqual(rootsOf({ ...AGENT_TREE, 'clusters/dev/apps.yaml': fluxApplying('./apps/prod') }), ['apps/prod prod-settings']);
  const argo = (repoURL: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: base\n  namespace: argocd\nspec:\n  project: default\n  source:\n    repoURL: ${repoURL}\n    path: apps/base\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: apps\n`;
  assert.deepEqual(rootsOf({ ...AGENT_TREE, 'argo/base.yaml': argo('https://github.com/example/fleet.git') }), ['apps/base settings', 'apps/prod prod-settings']);
  // Another repository's apps/base says nothing about this one.
  assert.deepEqual(rootsOf({ ...AGENT_TREE, 'argo/base.yaml': argo('https://github.com/example/other.git') }), ['apps/prod prod-settings']);
});

test('two workspace folders linted in turn keep their own model: a keystroke in either reuses it', () => {
  const folderA = Object.entries(TREE).map(([p, t]) => parseManifest(p, t));
  const folderB = Object.entries(AGENT_TREE).map(([p, t]) => parseManifest(p, t));
  const beforeA = renderingsOf(buildWorkspaceIndex(folderA, listing), 'base/cm.yaml');
  const beforeB = renderingsOf(buildWorkspaceIndex(folderB, listing), 'apps/base/cm.yaml');
  const editedA = folderA.map((f) => (f.path === 'base/cm.yaml' ? parseManifest(f.path, CM('settings-2')) : f));
  assert.equal(renderingsOf(buildWorkspaceIndex(editedA, listing), 'base/cm.yaml'), beforeA);
  const editedB = folderB.map((f) => (f.path === 'apps/base/cm.yaml' ? parseManifest(f.path, CM('settings-2')) : f));
  assert.equal(renderingsOf(buildWorkspaceIndex(editedB, listing), 'apps/base/cm.yaml'), beforeB);
});
