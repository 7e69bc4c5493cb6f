// The rendering model (src/core/kustomize/kustomize-renderings.ts) against the real kustomize: every root of every
// tree under test/fixtures/kustomize-rendered/ is built with `kubectl kustomize` (or `kustomize build`) and each
// object it emits must have the name, namespace, labels, annotations, pod template labels, selector, images and
// replicas the model predicts for its source object in that root; roots the fixture marks `kustomizeFails` (the
// planted duplicates) must be refused by kustomize too. Fails when neither tool is on PATH.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace } from '../../../src/adapters/fs/load-workspace.js';
import { findKustomize } from '../../../src/adapters/kustomize/find-kustomize.js';
import { renderKustomization } from '../../../src/adapters/kustomize/render-kustomization.js';
import { renderedImage, renderingsOf, renderObject } from '../../../src/core/kustomize/kustomize-renderings.js';
import { isClusterScopedKind } from '../../../src/core/drift/cluster-scoped-kinds.js';
import { readLabels } from '../../../src/core/resource/label-selector.js';
import { groupOf } from '../../../src/core/resource/resource-key.js';
import { getAt, isRecord } from '../../../src/core/resource/manifest-resource.js';
import { podSpecPath, podTemplateMetadataPath } from '../../../src/core/resource/pod-template.js';

const FIXTURES = join(__dirname, '../../fixtures/kustomize-rendered');
const CASES = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const SCALED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

interface Shape {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly templateLabels?: Record<string, string>;
  readonly selector?: Record<string, string>;
  readonly images: string[];
  readonly replicas?: unknown;
}

/** JSON with mapping keys sorted: kustomize emits labels sorted, the model in the order transforms add them. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/** The selector kustomize's label transformers touch: a workload's matchLabels, a core Service's selector. */
function selectorOf(kind: string, apiVersion: string, object: unknown): Record<string, string> | undefined {
  if (kind === 'Service' && apiVersion === 'v1') return isRecord(getAt(object, ['spec', 'selector'])) ? readLabels(getAt(object, ['spec', 'selector'])) : undefined;
  if (!podTemplateMetadataPath(kind) || kind === 'CronJob') return undefined;
  const labels = getAt(object, ['spec', 'selector', 'matchLabels']);
  return isRecord(labels) ? readLabels(labels) : undefined;
}

function imagesOf(kind: string, object: unknown): string[] {
  const spec = podSpecPath(kind);
  if (!spec) return [];
  return ['initContainers', 'containers'].flatMap((type) => {
    const list = getAt(object, [...spec, type]);
    return Array.isArray(list) ? list.map((c) => String(getAt(c, ['image']))) : [];
  });
}

/** What kustomize emitted, in the shape compared (origin file, kind, then the values). */
function emitted(kind: string, apiVersion: string, object: Record<string, unknown>, origin: string): string {
  const template = podTemplateMetadataPath(kind);
  const shape: Shape = {
    name: String(getAt(object, ['metadata', 'name'])),
    // kustomize writes the overlay's namespace on cluster-scoped kinds its built-in schema does not know
    // (VolumeAttributesClass, DeviceClass, GatewayClass, … in kustomize 5.5); the API server drops it, and the
    // model predicts the object as the cluster holds it.
    namespace: typeof getAt(object, ['metadata', 'namespace']) === 'string' && isClusterScopedKind(groupOf(apiVersion), kind) !== true ? String(getAt(object, ['metadata', 'namespace'])) : '',
    labels: readLabels(getAt(object, ['metadata', 'labels'])),
    annotations: readLabels(getAt(object, ['metadata', 'annotations'])),
    ...(template ? { templateLabels: readLabels(getAt(object, [...template, 'labels'])) } : {}),
    ...(selectorOf(kind, apiVersion, object) ? { selector: selectorOf(kind, apiVersion, object) } : {}),
    images: imagesOf(kind, object),
    ...(SCALED.has(kind) ? { replicas: getAt(object, ['spec', 'replicas']) } : {}),
  };
  return canonical([origin, kind, shape]);
}

test('there are rendering fixtures to prove', () => assert.ok(CASES.length >= 6));

for (const name of CASES) {
  test(`the rendering model equals kustomize on kustomize-rendered/${name}`, async () => {
    const kustomize = findKustomize();
    assert.ok(kustomize.available, 'kubectl (or kustomize) must be on PATH to prove the rendering model against the real kustomize');
    const dir = join(FIXTURES, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { kustomizeFails?: string[] };
    const { index } = loadWorkspace(dir);
    const roots = new Set(index.resources.flatMap((r) => renderingsOf(index, r.file.path).map((g) => g.root)));
    assert.ok(roots.size > 0, `${name}: no kustomize build`);
    for (const root of [...roots].sort()) {
      if (expected.kustomizeFails?.includes(root)) {
        await assert.rejects(renderKustomization(dir, root, kustomize.tool), /failed/, `${name}/${root}: kustomize should refuse this build`);
        continue;
      }
      const predicted: string[] = [];
      for (const r of index.resources) {
        for (const rendering of renderingsOf(index, r.file.path)) {
          if (rendering.root !== root) continue;
          const o = renderObject(r, rendering);
          const selector = selectorOf(r.kind, r.apiVersion, r.object);
          const shape: Shape = {
            name: o.name,
            namespace: o.namespace,
            labels: o.labels,
            annotations: o.annotations,
            ...(o.templateLabels ? { templateLabels: o.templateLabels } : {}),
            ...(selector ? { selector: { ...selector, ...o.addedSelectorLabels } } : {}),
            images: imagesOf(r.kind, r.object).map((image) => renderedImage(image, rendering).image),
            ...(SCALED.has(r.kind) ? { replicas: o.replicas?.count ?? getAt(r.object, ['spec', 'replicas']) } : {}),
          };
          predicted.push(canonical([r.file.path, r.kind, shape]));
        }
      }
      const built = await renderKustomization(dir, root, kustomize.tool);
      const actual: string[] = built
        .filter((e) => e.originPath !== undefined && e.generatedBy === undefined)
        .map((e) => emitted(e.object.kind, e.object.apiVersion, e.object, e.originPath as string));
      assert.deepEqual(actual.sort(), predicted.sort(), `${name}: root ${root || '.'}`);
    }
  });
}
