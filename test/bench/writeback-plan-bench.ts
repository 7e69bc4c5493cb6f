// What planning a write-back costs on large repositories: one field of the last of N Deployments in one
// multi-document file, and one field of a base shared by N overlays (the layer question, then each answer).
// Prints figures; asserts nothing. Run: npm run bench:writeback-plan
import { performance } from 'node:perf_hooks';
import { desiredFromManifests } from '../../src/core/drift/desired-from-manifests.js';
import { desiredFromRendered } from '../../src/core/drift/desired-from-rendered.js';
import { DriftStatus, DriftStrategy, FieldChange, SuggestedAction, type ResourceDrift } from '../../src/core/drift/drift-types.js';
import type { DesiredObject } from '../../src/core/drift/compute-resource-drift.js';
import { planCodify } from '../../src/core/edit/plan-codify.js';
import { DEFAULT_PARSE_LIMITS } from '../../src/core/manifest/parse-limits.js';
import { parseManifest } from '../../src/core/manifest/parse-manifest.js';
import { formatResourceKey } from '../../src/core/resource/resource-key.js';
import { buildWorkspaceIndex } from '../../src/core/workspace/workspace-index.js';

const deployment = (i: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: shop\nspec:\n  replicas: 3 # sized\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/app:1.0\n`;

function replicasDrift(d: DesiredObject): ResourceDrift {
  return {
    key: d.key, id: formatResourceKey(d.key), status: DriftStatus.Drifted, strategy: DriftStrategy.Normalized, ignoredFields: 0,
    fields: [{ path: '.spec.replicas', pointer: '/spec/replicas', segments: ['spec', 'replicas'], change: FieldChange.Changed, gitValue: 3, liveValue: 5, suggestedAction: SuggestedAction.Commit, actionReason: 'kubectl' }],
  };
}

function median(run: () => void, times = 25): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    run();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)] ?? 0;
}

for (const n of [100, 1000, 5000]) {
  const text = Array.from({ length: n }, (_, i) => deployment(i)).join('---\n');
  const index = buildWorkspaceIndex([parseManifest('all.yaml', text, { ...DEFAULT_PARSE_LIMITS, maxFileChars: 64 * 1024 * 1024 })], { entryType: () => undefined });
  const desired = desiredFromManifests(index.resources, { defaultNamespace: 'shop' });
  const last = desired[desired.length - 1] as DesiredObject;
  const kind = planCodify({ index, desired: last, drift: replicasDrift(last) }).kind;
  const ms = median(() => planCodify({ index, desired: last, drift: replicasDrift(last) }));
  console.log(`plain file, ${String(n).padStart(5)} documents (${(text.length / 1024).toFixed(0)} KiB, ${desired.length} objects): plan the last one's replicas (${kind}) ${ms.toFixed(2)} ms`);
}

for (const n of [10, 100, 500]) {
  const files: Record<string, string> = { 'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n', 'base/deployment.yaml': deployment(0).replace('  namespace: shop\n', '') };
  for (let i = 0; i < n; i++) files[`overlays/env-${i}/kustomization.yaml`] = `namespace: env-${i}\nresources:\n  - ../../base\n`;
  const index = buildWorkspaceIndex(Object.entries(files).map(([p, t]) => parseManifest(p, t)), { entryType: () => undefined });
  const object = parseManifest('x.yaml', files['base/deployment.yaml'] as string).documents[0]?.value as DesiredObject['object'];
  const desired = desiredFromRendered([{ object, originPath: 'base/deployment.yaml', transformedIn: [] }], index, { defaultNamespace: 'env-0' }, 'overlays/env-0')[0] as DesiredObject;
  const drift = replicasDrift(desired);
  const kinds = [undefined, 'environment', 'base'].map((layer) => planCodify({ index, desired, drift, ...(layer ? { layer: layer as 'environment' | 'base' } : {}) }).kind).join('/');
  const ask = median(() => planCodify({ index, desired, drift }));
  const env = median(() => planCodify({ index, desired, drift, layer: 'environment' }));
  const base = median(() => planCodify({ index, desired, drift, layer: 'base' }));
  console.log(`base shared by ${String(n).padStart(3)} overlays (${kinds}): ask ${ask.toFixed(2)} ms, environment (new patch) ${env.toFixed(2)} ms, base ${base.toFixed(2)} ms`);
}
