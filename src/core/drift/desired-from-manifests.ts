import { isRecord, locateInResource, type ManifestResource } from '../resource/manifest-resource.js';
import type { DesiredObject } from './compute-resource-drift.js';
import { isClusterScopedKind } from './cluster-scoped-kinds.js';

export interface NamespaceRules {
  /** Namespace for namespaced objects that declare none (the context's namespace, else 'default'). */
  readonly defaultNamespace: string;
  /** Flux `targetNamespace` / an overlay's namespace: overrides every namespaced object's namespace. */
  readonly forceNamespace?: string;
  /** Discovery's answer for kinds core does not know (custom resources); unknown kinds count as namespaced. */
  readonly isClusterScoped?: (group: string, kind: string) => boolean | undefined;
}

/** Desired objects from plain manifest resources, with sources pointing at the exact YAML values. */
export function desiredFromManifests(resources: readonly ManifestResource[], rules: NamespaceRules): DesiredObject[] {
  return resources.map((r) => {
    const clusterScoped = isClusterScopedKind(r.key.group, r.key.kind) ?? rules.isClusterScoped?.(r.key.group, r.key.kind) ?? false;
    const namespace = clusterScoped ? '' : rules.forceNamespace || r.namespace || rules.defaultNamespace;
    const at = (requested: readonly (string | number)[]) => {
      const path = secretValuePath(r, requested);
      const located = locateInResource(r, path);
      return { path: r.file.path, range: located.key && path.length > 0 ? { start: located.key.start, end: located.value.end } : located.value };
    };
    return {
      key: { ...r.key, namespace },
      object: r.object,
      source: at([]),
      locate: (path) => at(path),
    };
  });
}

/** A Secret's `data.KEY` compared after folding may be written as `stringData.KEY` in Git: point there. */
function secretValuePath(r: ManifestResource, path: readonly (string | number)[]): readonly (string | number)[] {
  if (r.key.kind !== 'Secret' || r.key.group !== '' || path[0] !== 'data' || path.length < 2) return path;
  const stringData = r.object.stringData;
  return isRecord(stringData) && typeof path[1] === 'string' && path[1] in stringData ? ['stringData', ...path.slice(1)] : path;
}

/** Desired objects of kinds that turn out to be cluster-scoped (discovery's answer for custom kinds) lose their namespace. */
export function withDiscoveredScope(desired: readonly DesiredObject[], isClusterScoped: (group: string, kind: string) => boolean): DesiredObject[] {
  return desired.map((d) => (d.key.namespace !== '' && isClusterScoped(d.key.group, d.key.kind) ? { ...d, key: { ...d.key, namespace: '' } } : d));
}
