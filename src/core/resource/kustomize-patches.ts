// What kustomize overlays patch onto an object. Rules that look at a base object (missing resources, a
// selector, a required field) must not flag what an overlay adds, or every base/overlay repository would be full
// of false alarms. A Flux Kustomization's `spec.patches` count as overlays of the objects they target.
import { parseManifest } from '../manifest/parse-manifest.js';
import { joinPath } from '../text/posix-path.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';
import { getAt, isRecord, type ManifestResource } from './manifest-resource.js';
import { perWorkspace } from '../workspace/per-workspace.js';
import { FLUX_KUSTOMIZE_GROUP } from '../workspace/this-repository.js';

export interface PatchesForObject {
  /** Strategic-merge patch objects (from patch files and inline `patch:` texts) that name this object. */
  readonly strategic: readonly Record<string, unknown>[];
  /** JSON 6902 operation paths (`/spec/template/...`) aimed at this object. */
  readonly jsonPaths: readonly string[];
}

const ANY = '*';

/** Patches any kustomization (or Flux Kustomization) in the workspace applies to objects of this kind and name. */
export function patchesFor(workspace: WorkspaceIndex, resource: ManifestResource): PatchesForObject {
  const index = patchIndex(workspace);
  const strategic: Record<string, unknown>[] = [];
  const jsonPaths: string[] = [];
  for (const key of [`${resource.kind}/${resource.name}`, `${resource.kind}/${ANY}`, `${ANY}/${ANY}`]) {
    const entry = index.get(key);
    if (entry) {
      strategic.push(...entry.strategic);
      jsonPaths.push(...entry.jsonPaths);
    }
  }
  return { strategic, jsonPaths };
}

const patchIndex = perWorkspace((workspace: WorkspaceIndex): ReadonlyMap<string, { strategic: Record<string, unknown>[]; jsonPaths: string[] }> => {
  const map = new Map<string, { strategic: Record<string, unknown>[]; jsonPaths: string[] }>();
  const entry = (kind: string, name: string) => {
    const key = `${kind || ANY}/${name || ANY}`;
    let e = map.get(key);
    if (!e) map.set(key, (e = { strategic: [], jsonPaths: [] }));
    return e;
  };
  for (const patch of workspace.patches) entry(patch.kind, patch.name).strategic.push(patch.object);
  for (const k of workspace.kustomizations.values()) {
    const value = k.file.documents[0]?.value;
    if (!isRecord(value)) continue;
    for (const field of ['patches', 'patchesJson6902', 'patchesStrategicMerge'] as const) {
      const list = value[field];
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        // A patch file applied through a `target` reaches whatever the target selects, whatever name it carries.
        if (isRecord(item) && typeof item.path === 'string' && isRecord(item.target)) {
          const file = workspace.files.get(joinPath(k.dir, item.path));
          const target = item.target;
          if (file) for (const patch of workspace.resourcesInFile(file.path)) entry(str(target.kind), str(target.name)).strategic.push(patch.object);
        }
        const inline = typeof item === 'string' ? (field === 'patchesStrategicMerge' && item.includes('\n') ? item : undefined) : isRecord(item) && typeof item.patch === 'string' ? item.patch : undefined;
        if (inline === undefined) continue;
        addInline(inline, isRecord(item) && isRecord(item.target) ? item.target : undefined);
      }
    }
  }
  // A Flux Kustomization's `spec.patches` (inline, usually with a `target`) reach the objects it applies: a
  // parent Kustomization commonly sets defaults (interval, prune, …) on every child Kustomization this way.
  for (const k of workspace.resourcesByKind('Kustomization')) {
    if (k.key.group !== FLUX_KUSTOMIZE_GROUP) continue;
    const list = getAt(k.object, ['spec', 'patches']);
    if (!Array.isArray(list)) continue;
    for (const item of list) if (isRecord(item) && typeof item.patch === 'string') addInline(item.patch, isRecord(item.target) ? item.target : undefined);
  }
  return map;

  /** With a `target`, the target selects (the patch's own name is then a placeholder such as `_`); else the patch names its object. */
  function addInline(text: string, target: Record<string, unknown> | undefined): void {
    for (const doc of safeParse(text)) {
      if (Array.isArray(doc)) {
        const e = entry(str(target?.kind), str(target?.name));
        for (const op of doc) if (isRecord(op) && typeof op.path === 'string') e.jsonPaths.push(op.path);
      } else if (isRecord(doc)) {
        if (target) entry(str(target.kind) || str(doc.kind), str(target.name)).strategic.push(doc);
        else entry(str(doc.kind), str(getAt(doc, ['metadata', 'name']))).strategic.push(doc);
      }
    }
  }
});

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** An inline patch's documents, read as manifests are (linear in size, bounded; broken documents skipped). */
function safeParse(text: string): unknown[] {
  return parseManifest('inline-patch.yaml', text).documents.filter((d) => d.problems.length === 0 && d.value !== undefined).map((d) => d.value);
}
