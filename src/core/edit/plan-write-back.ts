// Plans writing field values of one rendered object back to the repository, in the layer a person would
// choose (docs/write-back.md): a plain manifest's own file; in kustomize, the outermost kustomization that
// sets the field (its `images:`/`replicas:`/`namespace:` transformers, a JSON 6902 operation, a strategic-merge
// patch), else the base when no other environment shares it, else the answer to "this environment or every
// environment?"; a `${VAR}` placeholder's Flux `substitute:` value; a generated ConfigMap's generator literal.
// Secrets are never written.
import type { DesiredObject } from '../drift/compute-resource-drift.js';
import type { PathSegment } from '../drift/drift-types.js';
import { formatFieldPath } from '../drift/field-path.js';
import { resolvePath } from '../drift/resolve-path.js';
import type { Environment } from '../environments/environment.js';
import type { TextEdit } from '../findings/finding.js';
import { getAt, isRecord, type ManifestResource } from '../resource/manifest-resource.js';
import { dirname, joinPath } from '../text/posix-path.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';
import { summaryLine } from './describe-change.js';
import { LayerChoice, type FileEditPlan, type PlannedField, type PlanOutcome, type PlanRefusal } from './edit-plan.js';
import { planFluxVariable } from './flux-variable-edit.js';
import { parseImageReference } from './image-reference.js';
import { documentAsResource } from './kustomization-resource.js';
import { declaringResource, existingPatchFor, findSetterIn, type LayerSetter, type PatchTarget } from './kustomize-layers.js';
import { memberLines } from './yaml-block-lines.js';
import { planSetValue } from './set-value-edit.js';
import { planDeleteField, planReplaceList, planWriteField, resolvePrefix } from './write-field-edit.js';
import { lineEndOf } from './yaml-text-edits.js';

/** The object and repository a plan is made for. */
export interface WriteBackTarget {
  readonly index: WorkspaceIndex;
  /** The desired object with its sources (and kustomize origins when rendered). */
  readonly desired: DesiredObject;
  readonly environment?: Environment;
  /** Where a value only a shared base sets goes; undefined asks (a `choose-layer` outcome). */
  readonly layer?: LayerChoice;
}

/** One field to write (`to`) or remove. */
export interface FieldRequest {
  readonly segments: readonly PathSegment[];
  /** Git's (rendered) value before, for the summary. */
  readonly from?: unknown;
  readonly to?: unknown;
  readonly remove?: boolean;
}

type FieldPlan =
  | { readonly kind: 'edits'; readonly edits: readonly TextEdit[]; readonly file: string; readonly layer: string }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'choose'; readonly sharedWith: readonly string[]; readonly baseFile: string }
  | { readonly kind: 'new-patch'; readonly dir: string };

export interface PlannedWrites {
  readonly files: readonly FileEditPlan[];
  readonly fields: readonly PlannedField[];
  readonly refused: readonly PlanRefusal[];
}

const SECRET_REFUSAL = 'Secret values are never written to Git in clear text: put the new value in a Sealed Secret (kubeseal), a SOPS-encrypted file, or the store an External Secret reads';

/** The edits for `requests`, or the question to ask, or a refusal of the whole request. */
export function planWrites(t: WriteBackTarget, requests: readonly FieldRequest[]): PlannedWrites | Extract<PlanOutcome, { kind: 'choose-layer' | 'refused' }> {
  const { key } = t.desired;
  if ((key.group === '' && key.kind === 'Secret') || (key.group === 'bitnami.com' && key.kind === 'SealedSecret')) return { kind: 'refused', reason: `${key.kind} ${key.namespace}/${key.name}: ${SECRET_REFUSAL}` };
  const planned: { request: FieldRequest; plan: FieldPlan }[] = requests.map((request) => ({ request, plan: planField(t, request) }));

  const choose = planned.filter((p) => p.plan.kind === 'choose');
  if (choose.length > 0) {
    const first = choose[0]?.plan as Extract<FieldPlan, { kind: 'choose' }>;
    const paths = choose.map((p) => formatFieldPath(p.request.segments)).join(', ');
    return {
      kind: 'choose-layer',
      question: `${paths} ${choose.length === 1 ? 'is' : 'are'} set only in ${first.baseFile}, which ${first.sharedWith.join(', ')} also ${first.sharedWith.length === 1 ? 'uses' : 'use'}. Write the value for this environment only (in its overlay; the default) or for every environment (in the shared layer)?`,
      sharedWith: first.sharedWith,
    };
  }

  const edits = new Map<string, TextEdit[]>();
  const creates = new Map<string, string>();
  const fields: PlannedField[] = [];
  const refused: PlanRefusal[] = [];
  /** Adds one field's edits unless they collide with an earlier field's (then that reason). */
  const add = (file: string, e: readonly TextEdit[]): string | undefined => {
    const accepted = edits.get(file) ?? [];
    const clash = e.find((x) => accepted.some((y) => collide(x, y)));
    if (clash) return `it would be written at the same place in ${file} as another field of this plan; codify it on its own after this plan`;
    edits.set(file, [...accepted, ...e]);
    return undefined;
  };
  for (const { request, plan } of planned) {
    const path = formatFieldPath(request.segments);
    if (plan.kind === 'refused') refused.push({ path, reason: plan.reason });
    else if (plan.kind === 'edits') {
      const clash = add(plan.file, plan.edits);
      if (clash) refused.push({ path, reason: clash });
      else fields.push(plannedField(request, plan.file, plan.layer));
    }
  }
  const patchRequests = planned.filter((p) => p.plan.kind === 'new-patch');
  const dir = (patchRequests[0]?.plan as { dir?: string } | undefined)?.dir;
  if (dir !== undefined) {
    const made = newPatchPlan(t, dir, patchRequests.map((p) => p.request));
    if ('refused' in made) for (const p of patchRequests) refused.push({ path: formatFieldPath(p.request.segments), reason: made.refused });
    else {
      const clash = add(made.kustomizationEdit.path, [made.kustomizationEdit]);
      for (const p of patchRequests) {
        if (clash) refused.push({ path: formatFieldPath(p.request.segments), reason: clash });
        else fields.push(plannedField(p.request, made.path, 'new overlay patch'));
      }
      if (!clash) creates.set(made.path, made.text);
    }
  }

  const files: FileEditPlan[] = [];
  for (const [path, list] of edits) {
    files.push({ path, edits: mergeEdits(list) });
  }
  for (const [path, text] of creates) files.push({ path, create: true, edits: [{ path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] });
  const written = new Set(files.map((f) => f.path));
  return { files: files.sort((a, b) => a.path.localeCompare(b.path)), fields: fields.filter((f) => written.has(f.file)), refused };
}

/** The plan of `planned` (with `refused`, the fields not written), or a refusal when nothing could be written. */
export function outcomeOf(planned: PlannedWrites, refused: readonly PlanRefusal[], message: (fields: readonly PlannedField[]) => string): PlanOutcome {
  if (planned.files.length === 0) return { kind: 'refused', reason: refused.map((r) => `${r.path}: ${r.reason}`).join('; ') };
  return { kind: 'plan', plan: { files: planned.files, fields: planned.fields, summary: planned.fields.map(summaryLine), commitMessage: message(planned.fields), refused } };
}

function plannedField(r: FieldRequest, file: string, layer: string): PlannedField {
  return { path: formatFieldPath(r.segments), ...(r.from !== undefined ? { from: r.from } : {}), to: r.remove ? undefined : r.to, file, layer };
}

function planField(t: WriteBackTarget, r: FieldRequest): FieldPlan {
  const { desired, index } = t;
  const origin = desired.origin;
  if (!origin) {
    const resource = plainResource(t);
    if (!resource) return { kind: 'refused', reason: 'no file of the repository declares this object' };
    return write(t, { resource, segments: r.segments, layer: 'manifest' }, r);
  }
  const renderedPath = resolvePath(desired.object, r.segments)?.path;
  const base = origin.originPath ? declaringResource(index, origin.originPath, desired.key.kind, desired.key.name) : undefined;
  const target: PatchTarget = { kind: desired.key.kind, renderedName: desired.key.name, declaredName: base?.name ?? desired.key.name };
  const here = origin.root ?? (origin.transformedIn.length > 0 ? dirname(origin.transformedIn[origin.transformedIn.length - 1] as string) : undefined);
  for (const k of [...origin.transformedIn].reverse()) {
    const setter = findSetterIn(index, k, target, r.segments, renderedPath, r.from);
    if (!setter) continue;
    // A layer between the environment and the base (a shared intermediate overlay, a component) is asked about like a shared base.
    const others = here === undefined || dirname(k) === here ? [] : rootsRendering(index, dirname(k)).filter((d) => d !== here);
    if (others.length === 0 || t.layer === LayerChoice.Base) return write(t, others.length > 0 ? { ...setter, layer: `shared ${setter.layer}` } : setter, r, base);
    if (t.layer === undefined) return { kind: 'choose', sharedWith: others, baseFile: setter.resource.file.path };
    return writeForEnvironment(t, here as string, target, r);
  }
  if (!base) return origin.generatedBy ? generatorLiteral(t, origin.generatedBy, r) : { kind: 'refused', reason: 'no file of the repository declares this object' };
  const roots = index.unitsOf(base.file.path).filter((u) => u.startsWith('kustomization:')).map((u) => unitDir(u));
  const others = roots.filter((d) => d !== here);
  const shared = here === undefined ? roots.length > 1 : others.length > 0;
  if (!shared || t.layer === LayerChoice.Base) return write(t, { resource: base, segments: r.segments, layer: shared ? 'shared base' : 'base' }, r);
  if (t.layer === undefined) return { kind: 'choose', sharedWith: others, baseFile: base.file.path };
  if (here === undefined) return { kind: 'refused', reason: 'the environment\'s overlay is not known; choose the base' };
  return writeForEnvironment(t, here, target, r);
}

/**
 * A generated ConfigMap's `data.KEY` is written in the generator's `literals:` entry `KEY=value` (an overlay's
 * `behavior: merge` generator first, as kustomize merges them). Keys from `files:`/`envs:` are refused: those
 * files are no YAML of the repository.
 */
function generatorLiteral(t: WriteBackTarget, generatedBy: string, r: FieldRequest): FieldPlan {
  const [field, key, ...rest] = r.segments;
  const name = t.desired.generatorBaseName ?? t.desired.key.name;
  const where = `the object is generated by a generator in ${generatedBy}`;
  if (field !== 'data' || typeof key !== 'string' || rest.length > 0 || r.remove || typeof r.to !== 'string') return { kind: 'refused', reason: `${where}; change the generator's literal or file by hand` };
  for (const path of [...(t.desired.origin?.transformedIn ?? []).slice().reverse(), generatedBy]) {
    const info = t.index.kustomizations.get(dirname(path));
    const k = info ? documentAsResource(info.file) : undefined;
    const generators = k && isRecord(k.object) ? k.object.configMapGenerator : undefined;
    if (!k || !Array.isArray(generators)) continue;
    const i = generators.findIndex((g) => isRecord(g) && typeof g.name === 'string' && (g.name === name || name.includes(g.name)));
    const literals = isRecord(generators[i]) ? (generators[i] as Record<string, unknown>).literals : undefined;
    const j = Array.isArray(literals) ? literals.findIndex((l) => typeof l === 'string' && l.startsWith(`${key}=`)) : -1;
    if (j === -1) continue;
    const here = t.desired.origin?.root;
    const others = here === undefined || dirname(path) === here ? [] : rootsRendering(t.index, dirname(path)).filter((d) => d !== here);
    if (others.length > 0 && t.layer === undefined) return { kind: 'choose', sharedWith: others, baseFile: k.file.path };
    if (others.length > 0 && t.layer === LayerChoice.Environment) return mergeGeneratorLiteral(t, here as string, name, key, r.to);
    const planned = planSetValue(k, ['configMapGenerator', i, 'literals', j], `${key}=${r.to}`);
    return 'edit' in planned ? { kind: 'edits', edits: [planned.edit], file: k.file.path, layer: 'configMapGenerator literals:' } : { kind: 'refused', reason: planned.refused };
  }
  return { kind: 'refused', reason: `${where} and no literal of it sets ${key} (a file or env file does); change it by hand` };
}

/** "This environment only" for a generated key: a `behavior: merge` generator in the overlay (or its literal added). */
function mergeGeneratorLiteral(t: WriteBackTarget, here: string, name: string, key: string, value: string): FieldPlan {
  const info = t.index.kustomizations.get(here);
  const k = info ? documentAsResource(info.file) : undefined;
  if (!k) return { kind: 'refused', reason: `${here} has no kustomization to add a generator to` };
  const generators = isRecord(k.object) && Array.isArray(k.object.configMapGenerator) ? k.object.configMapGenerator : [];
  const i = generators.findIndex((g) => isRecord(g) && g.name === name);
  const literals = isRecord(generators[i]) ? (generators[i] as Record<string, unknown>).literals : undefined;
  const planned = i !== -1 && Array.isArray(literals)
    ? planReplaceList(k, ['configMapGenerator', { index: i }, 'literals'], [...literals, `${key}=${value}`])
    : planWriteField(k, ['configMapGenerator', { index: -1, key: { name } }], { behavior: 'merge', literals: [`${key}=${value}`] });
  if ('refused' in planned) return { kind: 'refused', reason: planned.refused };
  return { kind: 'edits', edits: 'edit' in planned ? [planned.edit] : planned.edits, file: k.file.path, layer: 'configMapGenerator behavior: merge' };
}

/** "This environment only": an `images:` entry, the overlay's patch for the object extended, or a new patch. */
function writeForEnvironment(t: WriteBackTarget, here: string, target: PatchTarget, r: FieldRequest): FieldPlan {
  if (r.remove) return { kind: 'refused', reason: `removing a field for one environment needs a \`$patch: delete\` patch in ${here}; write it by hand or choose the base` };
  const overlay = t.index.kustomizations.get(here);
  const kustomization = overlay ? documentAsResource(overlay.file) : undefined;
  if (!kustomization) return { kind: 'refused', reason: `${here} has no kustomization to add a patch to` };
  if (isImageField(r.segments) && typeof r.to === 'string' && typeof r.from === 'string') return newImageEntry(kustomization, r.from, r.to);
  const patch = existingPatchFor(t.index, here, target);
  if (patch) return write(t, { resource: patch, segments: r.segments, layer: 'overlay patch' }, r);
  return { kind: 'new-patch', dir: here };
}

/** Root kustomizations (environments) whose build includes the kustomization in `dir`. */
function rootsRendering(index: WorkspaceIndex, dir: string): string[] {
  const referenced = new Set<string>();
  for (const k of index.kustomizations.values()) for (const ref of k.refs) if (ref.resolved && ref.resolved !== k.dir && index.kustomizations.has(ref.resolved)) referenced.add(ref.resolved);
  const includes = (from: string, seen: Set<string>): boolean => {
    if (from === dir) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return (index.kustomizations.get(from)?.refs ?? []).some((ref) => ref.resolved !== undefined && ['resources', 'bases', 'components'].includes(ref.field) && index.kustomizations.has(ref.resolved) && includes(ref.resolved, seen));
  };
  return [...index.kustomizations.keys()].filter((k) => !referenced.has(k) && includes(k, new Set())).sort();
}

/** Writes in the place found, through the Flux variable when the value there is a `${VAR}` placeholder. */
function write(t: WriteBackTarget, setter: LayerSetter, r: FieldRequest, base?: ManifestResource): FieldPlan {
  if (setter.refused) return { kind: 'refused', reason: setter.refused };
  const { resource, segments, layer } = setter;
  const file = resource.file.path;
  if (r.remove) {
    if (layer.startsWith('kustomization') || layer === 'JSON 6902 patch') return { kind: 'refused', reason: `set by the ${layer} in ${file}; remove that entry by hand` };
    if (layer === 'overlay patch' && base && resolvePrefix(base.object, r.segments).depth === r.segments.length) return { kind: 'refused', reason: `the base ${base.file.path} sets it too: removing it from the patch would bring the base's value back; remove it in both by hand` };
    const deleted = planDeleteField(resource, segments);
    return 'edit' in deleted ? { kind: 'edits', edits: [deleted.edit], file, layer } : { kind: 'refused', reason: deleted.refused };
  }
  if (setter.imageEntry) return imageEntryEdits(resource, setter.imageEntry.index, r);
  const resolved = resolvePrefix(resource.object, segments);
  const current = resolved.depth === segments.length ? getAt(resource.object, resolved.path) : undefined;
  if (typeof current === 'string' && current.includes('${') && isSubstituted(t)) return fromPlan(planFluxVariable(t.index, t.environment, current, r.to), 'Flux postBuild substitute');
  if (Array.isArray(r.to)) {
    const list = planReplaceList(resource, segments, r.to);
    return 'edits' in list ? { kind: 'edits', edits: list.edits, file, layer } : { kind: 'refused', reason: list.refused };
  }
  const planned = planWriteField(resource, segments, r.to);
  return 'edit' in planned ? { kind: 'edits', edits: [planned.edit], file, layer } : { kind: 'refused', reason: planned.refused };
}

/** Whether Flux substitutes `${VAR}` in this object (its environment has postBuild, the object does not opt out). */
function isSubstituted(t: WriteBackTarget): boolean {
  const metadata = t.desired.object.metadata;
  const annotations = isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations : {};
  return t.environment?.postBuild !== undefined && annotations['kustomize.toolkit.fluxcd.io/substitute'] !== 'disabled';
}

function fromPlan(p: { edit: TextEdit; variable: string } | { refused: string }, layer: string): FieldPlan {
  return 'edit' in p ? { kind: 'edits', edits: [p.edit], file: p.edit.path, layer: `${layer} ${p.variable}` } : { kind: 'refused', reason: p.refused };
}

/** An `images:` entry rewritten: the parts of the reference that changed (newName, newTag, digest). */
function imageEntryEdits(k: ManifestResource, i: number, r: FieldRequest): FieldPlan {
  if (typeof r.to !== 'string' || typeof r.from !== 'string') return { kind: 'refused', reason: 'an image is written as a string' };
  const images = k.object.images;
  const found: unknown = Array.isArray(images) ? images[i] : undefined;
  const entry = isRecord(found) ? found : {};
  const before = parseImageReference(r.from);
  const after = parseImageReference(r.to);
  const edits: TextEdit[] = [];
  const set = (field: string, value: string | undefined): string | undefined => {
    const path: PathSegment[] = ['images', { index: i }, field];
    if (value === undefined) {
      if (entry[field] === undefined) return undefined;
      const p = planDeleteField(k, path);
      if ('edit' in p) edits.push(p.edit);
      return 'refused' in p ? p.refused : undefined;
    }
    const p = planWriteField(k, path, value);
    if ('edit' in p) edits.push(p.edit);
    return 'refused' in p ? p.refused : undefined;
  };
  const problems = [
    after.name !== before.name ? set('newName', after.name) : undefined,
    after.tag !== before.tag ? set('newTag', after.tag) : undefined,
    after.digest !== before.digest ? set('digest', after.digest) : undefined,
  ].filter((p) => p !== undefined);
  if (problems.length > 0) return { kind: 'refused', reason: problems.join('; ') };
  return { kind: 'edits', edits, file: k.file.path, layer: 'kustomization images:' };
}

/**
 * "This environment only" for an image: a new `images:` entry in the overlay's kustomization, naming the image
 * as the layers below render it (the overlay's transformer runs on their output).
 */
function newImageEntry(k: ManifestResource, rendered: string, value: string): FieldPlan {
  const from = parseImageReference(rendered);
  const to = parseImageReference(value);
  const entry: Record<string, string> = {};
  if (to.name !== from.name) entry.newName = to.name;
  if (to.tag !== undefined) entry.newTag = to.tag;
  if (to.digest !== undefined) entry.digest = to.digest;
  const planned = planWriteField(k, ['images', { index: -1, key: { name: from.name } }], entry);
  return 'edit' in planned ? { kind: 'edits', edits: [planned.edit], file: k.file.path, layer: 'kustomization images:' } : { kind: 'refused', reason: planned.refused };
}

/** A new strategic-merge patch in the overlay with every field, listed in its kustomization's `patches:`. */
function newPatchPlan(t: WriteBackTarget, dir: string, requests: readonly FieldRequest[]): { path: string; text: string; kustomizationEdit: TextEdit } | { refused: string } {
  const overlay = t.index.kustomizations.get(dir);
  const k = overlay ? documentAsResource(overlay.file) : undefined;
  const origin = t.desired.origin;
  const base = origin?.originPath ? declaringResource(t.index, origin.originPath, t.desired.key.kind, t.desired.key.name) : undefined;
  if (!k || !base) return { refused: `${dir} has no kustomization to add a patch to` };
  const object: Record<string, unknown> = {};
  for (const r of requests) {
    if (!setNested(object, r.segments, r.to)) return { refused: `${formatFieldPath(r.segments)} is in a list without a merge key; a patch cannot name the item: choose the base` };
  }
  const metadata = { name: base.name, ...(base.namespace ? { namespace: base.namespace } : {}) };
  const eol = lineEndOf(overlay?.file.text ?? '\n');
  const lines = [`apiVersion: ${base.apiVersion}`, `kind: ${base.kind}`, ...memberLines('metadata', metadata), ...Object.entries(object).flatMap(([key, v]) => memberLines(key, v))];
  let name = `${base.kind.toLowerCase()}-${base.name}-patch.yaml`;
  for (let n = 2; t.index.files.has(joinPath(dir, name)); n++) name = `${base.kind.toLowerCase()}-${base.name}-patch-${n}.yaml`;
  const entry = planWriteField(k, ['patches', { index: -1, key: { path: name } }], {});
  if ('refused' in entry) return { refused: entry.refused };
  return { path: joinPath(dir, name), text: lines.join(eol) + eol, kustomizationEdit: entry.edit };
}

/** Builds `{spec: {template: {spec: {containers: [{name: app, image: x}]}}}}` from segments. */
function setNested(root: Record<string, unknown>, segments: readonly PathSegment[], value: unknown): boolean {
  let current: unknown = root;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as PathSegment;
    const last = i === segments.length - 1;
    const next = segments[i + 1];
    if (typeof s === 'string') {
      if (!isRecord(current)) return false;
      if (last) current[s] = value;
      else current[s] ??= typeof next === 'string' ? {} : [];
      current = current[s];
      continue;
    }
    if (!s.key || !Array.isArray(current)) return false;
    const key = s.key;
    let item = current.find((x) => isRecord(x) && Object.entries(key).every(([k, v]) => String(x[k]) === String(v)));
    if (!item) {
      item = { ...key };
      current.push(item);
    }
    if (last) Object.assign(item as object, value);
    current = item;
  }
  return true;
}

function plainResource(t: WriteBackTarget): ManifestResource | undefined {
  const source = t.desired.source;
  if (!source) return undefined;
  const inFile = t.index.resourcesInFile(source.path).filter((r) => r.kind === t.desired.key.kind);
  return inFile.find((r) => r.name === t.desired.key.name && r.file.lines.offsetAt(r.document.range.start) <= r.file.lines.offsetAt(source.range.start)) ?? inFile.find((r) => r.name === t.desired.key.name);
}

function isImageField(segments: readonly PathSegment[]): boolean {
  const n = segments.length;
  return segments[n - 1] === 'image' && typeof segments[n - 2] !== 'string' && ['containers', 'initContainers'].includes(segments[n - 3] as string);
}

function unitDir(unit: string): string {
  const dir = unit.slice('kustomization:'.length);
  return dir === '.' ? '' : dir;
}

/** Edits of one file (no two collide) sorted; insertions at one point joined in the order of the fields. */
function mergeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const key = (e: TextEdit) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character];
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => {
    const ka = key(a.e);
    const kb = key(b.e);
    for (let j = 0; j < 4; j++) if ((ka[j] as number) !== (kb[j] as number)) return (ka[j] as number) - (kb[j] as number);
    return a.i - b.i;
  }).map((x) => x.e);
  const out: TextEdit[] = [];
  const group: TextEdit[] = [];
  const flush = () => {
    const [first] = group;
    // Insertions after one line: the deepest (a new item of a nested list) first, then the outer members.
    if (first) out.push({ ...first, newText: group.map((g, i) => ({ g, i })).sort((a, b) => indentOf(b.g.newText) - indentOf(a.g.newText) || a.i - b.i).map((x) => x.g.newText).join('') });
    group.length = 0;
  };
  for (const e of sorted) {
    if (isInsertion(e) && (group.length === 0 || samePosition((group[0] as TextEdit).range.start, e.range.start))) {
      group.push(e);
      continue;
    }
    flush();
    if (isInsertion(e)) group.push(e);
    else out.push(e);
  }
  flush();
  return out;
}

/**
 * Two edits collide when their ranges overlap, or when both insert at one point the same first line (two
 * fields under one missing `resources:` or one new list item would write it twice).
 */
function collide(a: TextEdit, b: TextEdit): boolean {
  if (isInsertion(a) && isInsertion(b)) return samePosition(a.range.start, b.range.start) && firstLine(a.newText) === firstLine(b.newText);
  return before(a.range.start, b.range.end) && before(b.range.start, a.range.end) || (samePosition(a.range.start, b.range.start) && !(isInsertion(a) || isInsertion(b)));
}

function isInsertion(e: TextEdit): boolean {
  return samePosition(e.range.start, e.range.end);
}

function indentOf(text: string): number {
  const line = firstLine(text);
  return line.length - line.trimStart().length;
}

function firstLine(text: string): string {
  return text.replace(/^\r?\n/, '').split(/\r?\n/)[0] ?? '';
}

function samePosition(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line === b.line && a.character === b.character;
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
