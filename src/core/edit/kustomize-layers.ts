// What one kustomization sets for one field of one rendered object: its own transformers (`images:`,
// `replicas:`, `namespace:`, which run after its patches and so win), a JSON 6902 patch operation, a
// strategic-merge patch file, or an inline patch (found, but refused: it is YAML inside a string).
import { findDeclaring, patchesOf } from '../drift/desired-from-rendered.js';
import type { PathSegment } from '../drift/drift-types.js';
import { toJsonPointer } from '../drift/field-path.js';
import { parseManifest } from '../manifest/parse-manifest.js';
import { isRecord, type ManifestResource } from '../resource/manifest-resource.js';
import { dirname, joinPath } from '../text/posix-path.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';
import { parseImageReference } from './image-reference.js';
import { documentAsResource } from './kustomization-resource.js';
import { resolvePrefix } from './write-field-edit.js';
import { doesTargetFieldMatch } from '../kustomize/target-pattern.js';

/** The object a field belongs to, as kustomize names it (rendered) and as its base declares it. */
export interface PatchTarget {
  readonly kind: string;
  readonly renderedName: string;
  readonly declaredName: string;
}

/** Where a kustomization sets a field: a resource and the path in it to write (and how a person calls that place). */
export interface LayerSetter {
  readonly resource: ManifestResource;
  readonly segments: readonly PathSegment[];
  readonly layer: string;
  /** For `images:` entries: the fields of the entry to write instead of one value. */
  readonly imageEntry?: { readonly index: number };
  /** Set when the place was found but cannot be written (an inline patch). */
  readonly refused?: string;
}

/**
 * What kustomization file `kustomizationPath` sets for `segments` (the field) of `target`, given the index path
 * of the field in the rendered object (for JSON 6902 pointers) and the rendered value (to match `images:`).
 */
export function findSetterIn(index: WorkspaceIndex, kustomizationPath: string, target: PatchTarget, segments: readonly PathSegment[], renderedPath: readonly (string | number)[] | undefined, renderedValue: unknown): LayerSetter | undefined {
  const dir = dirname(kustomizationPath);
  const info = index.kustomizations.get(dir);
  const k = info ? documentAsResource(info.file) : undefined;
  if (!info || !k || !isRecord(k.object)) return undefined;
  const kobj = k.object as Record<string, unknown>;
  const file = info.file.path;

  const transformer = transformerSetter(k, kobj, target, segments, renderedValue);
  if (transformer) return transformer;

  const pointer = renderedPath ? toJsonPointer(renderedPath) : undefined;
  for (const field of ['patches', 'patchesJson6902'] as const) {
    const list = kobj[field];
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (!isRecord(entry)) continue;
      if (typeof entry.patch === 'string') {
        if (inlinePatchSets(entry.patch, entry.target, target, segments, pointer)) return { resource: k, segments, layer: 'inline patch', refused: `set by an inline patch in ${file}; edit the patch text by hand` };
        continue;
      }
      if (typeof entry.path !== 'string' || !isRecord(entry.target) || !targets(entry.target, target)) continue;
      const patchFile = index.files.get(joinPath(dir, entry.path));
      const patch = patchFile ? documentAsResource(patchFile) : undefined;
      if (!patch) continue;
      if (!Array.isArray(patch.object)) {
        // A strategic-merge patch aimed by `target:` (its own metadata.name may name nothing).
        if (resolvePrefix(patch.object, segments).depth === segments.length) return { resource: patch, segments, layer: 'overlay patch' };
        continue;
      }
      const i = (patch.object as unknown[]).findIndex((op) => isRecord(op) && (op.op === 'replace' || op.op === 'add') && op.path === pointer);
      if (i !== -1 && pointer !== undefined) return { resource: patch, segments: [{ index: i }, 'value'], layer: 'JSON 6902 patch' };
    }
  }
  for (const patch of patchesOf(index, dir, target.kind, target.renderedName)) {
    if (resolvePrefix(patch.object, segments).depth === segments.length) return { resource: patch, segments, layer: 'overlay patch' };
  }
  return undefined;
}

/** A strategic-merge patch file of `dir`'s kustomization for the object (to extend with a new field). */
export function existingPatchFor(index: WorkspaceIndex, dir: string, target: PatchTarget): ManifestResource | undefined {
  return patchesOf(index, dir, target.kind, target.renderedName)[0];
}

/** The base object a rendered object came from. */
export function declaringResource(index: WorkspaceIndex, path: string, kind: string, renderedName: string): ManifestResource | undefined {
  return findDeclaring(index.resourcesInFile(path), kind, renderedName);
}

function transformerSetter(k: ManifestResource, kobj: Record<string, unknown>, target: PatchTarget, segments: readonly PathSegment[], renderedValue: unknown): LayerSetter | undefined {
  const names = [target.declaredName, target.renderedName];
  const path = segments.map((s) => (typeof s === 'string' ? s : '#')).join('.');
  if (path === 'spec.replicas' && Array.isArray(kobj.replicas)) {
    const i = kobj.replicas.findIndex((e) => isRecord(e) && typeof e.name === 'string' && names.includes(e.name));
    if (i !== -1) return { resource: k, segments: ['replicas', { index: i }, 'count'], layer: 'kustomization replicas:' };
  }
  if (path === 'metadata.namespace' && typeof kobj.namespace === 'string') return { resource: k, segments: ['namespace'], layer: 'kustomization namespace:' };
  if (/(^|\.)(containers|initContainers|ephemeralContainers)\.#\.image$/.test(path) && typeof renderedValue === 'string' && Array.isArray(kobj.images)) {
    const rendered = parseImageReference(renderedValue);
    const i = kobj.images.findIndex((e) => isRecord(e) && (typeof e.newName === 'string' ? e.newName : e.name) === rendered.name);
    if (i !== -1) return { resource: k, segments: ['images', { index: i }], layer: 'kustomization images:', imageEntry: { index: i } };
  }
  return undefined;
}

function targets(selector: Record<string, unknown>, target: PatchTarget): boolean {
  if (typeof selector.kind === 'string' && selector.kind !== target.kind) return false;
  if (typeof selector.name !== 'string') return true;
  if (selector.name === target.declaredName || selector.name === target.renderedName) return true;
  return doesTargetFieldMatch(selector.name, [target.declaredName]) === true;
}

function inlinePatchSets(text: string, selector: unknown, target: PatchTarget, segments: readonly PathSegment[], pointer: string | undefined): boolean {
  const value = parseManifest('inline-patch.yaml', text).documents[0]?.value;
  if (Array.isArray(value)) return isRecord(selector) && targets(selector, target) && value.some((op) => isRecord(op) && op.path === pointer);
  if (!isRecord(value) || value.kind !== target.kind) return false;
  const meta = isRecord(value.metadata) ? value.metadata : {};
  if (meta.name !== target.declaredName && meta.name !== target.renderedName) return false;
  return resolvePrefix(value, segments).depth === segments.length;
}
