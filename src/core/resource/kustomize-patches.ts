// What kustomize overlays patch onto an object. Rules that look at a base object (missing resources, a
// selector) must not flag what an overlay adds, or every base/overlay repository would be full of false alarms.
import { parseManifest } from '../manifest/parse-manifest.js';
import { joinPath } from '../text/posix-path.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';
import { getAt, isRecord, type ManifestResource } from './manifest-resource.js';
import { perWorkspace } from '../workspace/per-workspace.js';

export interface PatchesForObject {
  /** Strategic-merge patch objects (from patch files and inline `patch:` texts) that name this object. */
  readonly strategic: readonly Record<string, unknown>[];
  /** JSON 6902 operation paths (`/spec/template/...`) aimed at this object. */
  readonly jsonPaths: readonly string[];
}

const ANY = '*';

/** Patches any kustomization in the workspace applies to objects of this kind and name. */
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
        const target = isRecord(item) && isRecord(item.target) ? item.target : {};
        for (const doc of safeParse(inline)) {
          if (Array.isArray(doc)) {
            const e = entry(str(target.kind), str(target.name));
            for (const op of doc) if (isRecord(op) && typeof op.path === 'string') e.jsonPaths.push(op.path);
          } else if (isRecord(doc)) {
            const name = str(getAt(doc, ['metadata', 'name'])) || str(target.name);
            entry(str(doc.kind) || str(target.kind), name).strategic.push(doc);
          }
        }
      }
    }
  }
  return map;
});

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** An inline patch's documents, read as manifests are (linear in size, bounded; broken documents skipped). */
function safeParse(text: string): unknown[] {
  return parseManifest('inline-patch.yaml', text).documents.filter((d) => d.problems.length === 0 && d.value !== undefined).map((d) => d.value);
}
