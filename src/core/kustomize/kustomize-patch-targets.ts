// Whether a kustomization's patches (`patches`, `patchesJson6902`, `patchesStrategicMerge`) could reach an object:
// by the target selector, or by the kind and name a patch file (or inline patch) names. Patches are not applied by
// the rendering model, so a rule that would claim something only a patch could change (a rename) asks this first.
// When it cannot tell (a selector by labels, an unreadable patch file, a pattern it cannot compile), it answers yes.
import type { WorkspaceIndex } from '../workspace/workspace-index.js';
import { isRecord } from '../resource/manifest-resource.js';
import { joinPath } from '../text/posix-path.js';
import { doesTargetFieldMatch } from './target-pattern.js';

/** The object as patches see it: its kind and every name it has on the way (as written, then prefixed). */
export interface PatchableObject {
  readonly kind: string;
  readonly names: ReadonlySet<string>;
}

/** True when a patch of the kustomization in `dir` could target the object (unsure counts as could). */
export function mayPatchReach(workspace: WorkspaceIndex, dir: string, object: PatchableObject): boolean {
  const value = workspace.kustomizations.get(dir)?.file.documents[0]?.value;
  if (!isRecord(value)) return false;
  for (const entry of Array.isArray(value.patches) ? value.patches : []) {
    if (!isRecord(entry)) continue;
    if (isRecord(entry.target)) { if (isSelectedBy(entry.target, object)) return true; continue; }
    if (typeof entry.path === 'string' ? doesPatchFileName(workspace, joinPath(dir, entry.path), object) : doesInlinePatchName(entry.patch, object)) return true;
  }
  for (const entry of Array.isArray(value.patchesJson6902) ? value.patchesJson6902 : []) {
    if (!isRecord(entry) || !isRecord(entry.target) || isSelectedBy(entry.target, object)) return true;
  }
  for (const entry of Array.isArray(value.patchesStrategicMerge) ? value.patchesStrategicMerge : []) {
    if (typeof entry !== 'string') return true;
    if (entry.includes('\n') ? doesInlinePatchName(entry, object) : doesPatchFileName(workspace, joinPath(dir, entry), object)) return true;
  }
  return false;
}

/** An unset field matches anything; a pattern that does not compile counts as matching (unsure is yes here). */
function doesFieldMatch(pattern: unknown, values: Iterable<string>): boolean {
  return doesTargetFieldMatch(pattern, values) ?? true;
}

function isSelectedBy(target: Record<string, unknown>, object: PatchableObject): boolean {
  return doesFieldMatch(target.kind, [object.kind]) && doesFieldMatch(target.name, object.names);
}

function doesPatchFileName(workspace: WorkspaceIndex, path: string, object: PatchableObject): boolean {
  const file = workspace.files.get(path);
  if (!file) return true;
  return file.documents.some((d) => !isRecord(d.value) || isNamedBy(d.value.kind, isRecord(d.value.metadata) ? d.value.metadata.name : undefined, object));
}

function doesInlinePatchName(text: unknown, object: PatchableObject): boolean {
  if (typeof text !== 'string') return true;
  const kind = /^kind:\s*["']?([^\s"'#]+)/m.exec(text)?.[1];
  const name = /^\s+name:\s*["']?([^\s"'#]+)/m.exec(text)?.[1];
  return isNamedBy(kind, name, object);
}

function isNamedBy(kind: unknown, name: unknown, object: PatchableObject): boolean {
  return (typeof kind !== 'string' || kind === object.kind) && (typeof name !== 'string' || object.names.has(name));
}
