import { parseManifest } from '../manifest/parse-manifest.js';
import { isRecord, type ManifestResource } from '../resource/manifest-resource.js';
import { isWithin, normalizePath } from '../text/posix-path.js';
import { doesTargetFieldMatch } from '../kustomize/target-pattern.js';

/**
 * A Flux Kustomization whose `spec.path` holds other Flux Kustomizations may patch them (`spec.patches` with a
 * `Kustomization` target: home-ops' `cluster-apps` gives every child Kustomization the HelmRelease defaults to
 * patch in). kustomize-controller applies the children patched, and reconciles them with the patched spec: the
 * child's effective spec is what it deploys. Strategic-merge patches are applied as kustomize does to a custom
 * resource (maps merged, lists replaced, `null` deletes); JSON 6902 patches are not (the Git spec is kept).
 */
export function effectiveFluxSpec(resources: readonly ManifestResource[], child: ManifestResource): Record<string, unknown> {
  let spec = isRecord(child.object.spec) ? child.object.spec : {};
  for (const parent of resources) {
    if (parent === child || parent.kind !== 'Kustomization' || parent.key.group !== 'kustomize.toolkit.fluxcd.io' || !isRecord(parent.object.spec)) continue;
    const path = typeof parent.object.spec.path === 'string' ? normalizePath(parent.object.spec.path).replace(/^\/+/, '') : '';
    const dir = path === '.' ? '' : path;
    if (dir !== '' && !isWithin(child.file.path, dir)) continue;
    const patches = Array.isArray(parent.object.spec.patches) ? parent.object.spec.patches.filter(isRecord) : [];
    for (const p of patches) {
      if (!targets(p.target, child) || typeof p.patch !== 'string') continue;
      const value = parseManifest('patch.yaml', p.patch).documents[0]?.value;
      if (!isRecord(value) || !isRecord(value.spec)) continue; // a JSON 6902 list, or nothing for spec
      spec = mergePatch(spec, value.spec) as Record<string, unknown>;
    }
  }
  return spec;
}

function targets(target: unknown, child: ManifestResource): boolean {
  if (!isRecord(target)) return false;
  // A pattern that does not compile selects nothing: the child keeps its Git spec.
  const matches = (field: string, actual: string) => doesTargetFieldMatch(target[field], [actual]) === true;
  if (typeof target.labelSelector === 'string' || typeof target.annotationSelector === 'string') return false; // not evaluated: keep Git's spec
  return matches('group', child.key.group) && matches('kind', child.kind) && matches('name', child.name) && matches('namespace', child.namespace);
}

function mergePatch(base: unknown, patch: unknown): unknown {
  if (!isRecord(patch) || !isRecord(base)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
