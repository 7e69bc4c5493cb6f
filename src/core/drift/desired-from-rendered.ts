import { getAt, isRecord, locateInResource, type KubeObject, type ManifestResource } from '../resource/manifest-resource.js';
import { groupOf } from '../resource/resource-key.js';
import { dirname } from '../text/posix-path.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';
import { isClusterScopedKind } from './cluster-scoped-kinds.js';
import type { DesiredObject } from './compute-resource-drift.js';
import type { NamespaceRules } from './desired-from-manifests.js';
import type { SourceLocation } from './drift-types.js';
import { resolvePath, segmentsOf } from './resolve-path.js';

/** One object as kustomize rendered it, with where it came from (from kustomize's build metadata). */
export interface RenderedObject {
  readonly object: KubeObject;
  /** Repository-relative file that declares the object (origin annotation `path`). */
  readonly originPath?: string;
  /** Repository-relative kustomization whose generator made it (origin annotation `configuredIn`). */
  readonly generatedBy?: string;
  /** Kustomization files whose transformers (patches, namespace, labels…) changed it, in order. */
  readonly transformedIn: readonly string[];
}

const GENERATED_SUFFIX = /-[a-z0-9]{10}$/;

/**
 * Desired objects from kustomize output. Each field's source is the overlay patch that sets it when one
 * does (the outermost overlay first), else the base file that declares the object, else the generator
 * entry in its kustomization.
 */
export function desiredFromRendered(rendered: readonly RenderedObject[], index: WorkspaceIndex, rules: NamespaceRules, root?: string): DesiredObject[] {
  return rendered.map((r) => {
    const group = groupOf(r.object.apiVersion);
    const metadata = isRecord(r.object.metadata) ? r.object.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    const declared = typeof metadata.namespace === 'string' ? metadata.namespace : '';
    const clusterScoped = isClusterScopedKind(group, r.object.kind) ?? rules.isClusterScoped?.(group, r.object.kind) ?? false;
    const namespace = clusterScoped ? '' : rules.forceNamespace || declared || rules.defaultNamespace;
    const base = r.originPath ? findDeclaring(index.resourcesInFile(r.originPath), r.object.kind, name) : undefined;
    // A generator with `behavior: merge` in an overlay sets the values the base generator declared.
    const generator = r.generatedBy
      ? [...r.transformedIn.slice().reverse(), r.generatedBy].map((k) => locateGenerator(index, k, name, false)).find((g) => g !== undefined) ?? locateGenerator(index, r.generatedBy, name, true)
      : undefined;
    const patches = r.transformedIn.slice().reverse().flatMap((k) => patchesOf(index, dirname(k), r.object.kind, name));

    const locate = (path: readonly (string | number)[]): SourceLocation | undefined => {
      const segments = segmentsOf(group, r.object.kind, r.object, path);
      for (const patch of patches) {
        const found = resolvePath(patch.object, segments);
        if (found && path.length > 0 && !isIdentity(path)) return at(patch, found.path);
      }
      if (base) {
        const found = resolvePath(base.object, segments);
        return at(base, found?.path ?? nearestPath(base.object, path));
      }
      return generator;
    };
    return {
      key: { group, kind: r.object.kind, namespace, name },
      object: r.object,
      ...(base ? { source: at(base, []) } : generator ? { source: generator } : {}),
      locate,
      origin: {
        ...(root !== undefined ? { root } : {}),
        ...(r.originPath ? { originPath: r.originPath } : {}),
        ...(r.generatedBy ? { generatedBy: r.generatedBy } : {}),
        transformedIn: r.transformedIn,
      },
      ...(r.generatedBy && GENERATED_SUFFIX.test(name) ? { generatorBaseName: name.replace(GENERATED_SUFFIX, '') } : {}),
    };
  });
}

function isIdentity(path: readonly (string | number)[]): boolean {
  return path[0] === 'apiVersion' || path[0] === 'kind' || (path[0] === 'metadata' && (path[1] === 'name' || path[1] === 'namespace'));
}

function at(r: ManifestResource, path: readonly (string | number)[]): SourceLocation {
  const located = locateInResource(r, path);
  return { path: r.file.path, range: located.key && path.length > 0 ? { start: located.key.start, end: located.value.end } : located.value };
}

function nearestPath(object: unknown, path: readonly (string | number)[]): (string | number)[] {
  const out: (string | number)[] = [];
  for (const p of path) {
    if (typeof p === 'number' || getAt(object, [...out, p]) === undefined) break;
    out.push(p);
  }
  return out;
}

/** kustomize prefixes/suffixes names; the declaring object's name is contained in the rendered one. */
export function findDeclaring(resources: readonly ManifestResource[], kind: string, name: string): ManifestResource | undefined {
  return resources.find((r) => r.kind === kind && r.name === name) ?? resources.find((r) => r.kind === kind && r.name !== '' && name.includes(r.name));
}

export function patchesOf(index: WorkspaceIndex, dir: string, kind: string, name: string): ManifestResource[] {
  const k = index.kustomizations.get(dir);
  if (!k) return [];
  const out: ManifestResource[] = [];
  for (const ref of k.refs) {
    if ((ref.field !== 'patches' && ref.field !== 'patchesStrategicMerge') || !ref.resolved) continue;
    const found = findDeclaring(index.resourcesInFile(ref.resolved), kind, name);
    if (found) out.push(found);
  }
  return out;
}

function locateGenerator(index: WorkspaceIndex, kustomizationPath: string, renderedName: string, fallbackToFile: boolean): SourceLocation | undefined {
  const k = index.kustomizations.get(dirname(kustomizationPath));
  const doc = k?.file.documents[0];
  if (!k || !doc || !isRecord(doc.value)) return undefined;
  const baseName = renderedName.replace(GENERATED_SUFFIX, '');
  for (const field of ['configMapGenerator', 'secretGenerator'] as const) {
    const list = doc.value[field];
    if (!Array.isArray(list)) continue;
    const i = list.findIndex((g) => isRecord(g) && typeof g.name === 'string' && (g.name === baseName || renderedName.includes(g.name)));
    if (i !== -1) return { path: k.file.path, range: doc.locator.locateNearest([field, i]).located.whole };
  }
  return fallbackToFile ? { path: k.file.path, range: doc.range } : undefined;
}
