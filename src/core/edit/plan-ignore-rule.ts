// Add Ignore Rule: the planned edit that writes the suggested rule for one drifted field in the dialect the
// repository uses — Argo CD `spec.ignoreDifferences` on the Application, Flux `spec.driftIgnoreRules` on the
// Kustomization or `spec.driftDetection.ignore` on a HelmRelease, else the `drift:` section of
// `.gitops-authoring.yaml`. An existing list is extended (an entry for the same object gets the path added to
// its own list), a rule that already covers the field is not written again, and missing keys are inserted
// where a person would put them. Pure: text edits against the texts it was given.
import type { FieldDrift, ResourceDrift } from '../drift/drift-types.js';
import { parseJsonPointer, isPointerPrefix } from '../drift/field-path.js';
import { readArgoIgnoreDifferences, readFluxIgnoreRules, ruleTargets } from '../drift/ignore-rules.js';
import { ignoreEntryLines, ignoreValueText, suggestIgnoreRuleEntries, type ArgoIgnoreEntry, type FluxIgnoreEntry } from '../drift/suggest-ignore-rule.js';
import type { TextEdit } from '../findings/finding.js';
import type { ValuePath } from '../manifest/manifest-types.js';
import { parseManifest } from '../manifest/parse-manifest.js';
import { formatResourceKey } from '../resource/resource-key.js';
import { getAt, isRecord, type KubeObject, type ManifestResource } from '../resource/manifest-resource.js';
import type { EditPlan, PlanOutcome } from './edit-plan.js';
import { insertMembersEdit, lastContentLine, lineEndOf } from './yaml-text-edits.js';

/** Where the rule is written. */
export type IgnoreRuleTarget =
  | { readonly kind: 'argocd-application' | 'flux-kustomization' | 'flux-helmrelease'; readonly resource: ManifestResource }
  | {
      readonly kind: 'settings';
      /** Repository-relative path of the config file. */
      readonly path: string;
      /** Its text; undefined when the file does not exist yet (the plan creates it). */
      readonly text: string | undefined;
      readonly dialect: 'argocd' | 'flux';
    };

export interface IgnoreRuleRequest {
  readonly resource: ResourceDrift;
  readonly field: FieldDrift;
  readonly target: IgnoreRuleTarget;
  /** Argo CD only: ignore what the field's manager owns (`managedFieldsManagers`) rather than the path. */
  readonly byManager?: boolean;
}

interface Place {
  readonly list: ValuePath;
  readonly dialect: 'argocd' | 'flux';
  /** How a person names the place: `Argo CD Application guestbook spec.ignoreDifferences`. */
  readonly where: string;
}

const INDENT = '  ';

export function planIgnoreRule(request: IgnoreRuleRequest): PlanOutcome {
  const { resource, field, target } = request;
  if (request.byManager && !field.attribution) return { kind: 'refused', reason: `${field.path}: no field manager is known for the live value` };
  const place = placeOf(target);
  if (request.byManager && place.dialect !== 'argocd') return { kind: 'refused', reason: 'ignoring by field manager exists only in Argo CD ignoreDifferences (managedFieldsManagers)' };
  const doc = documentOf(target);
  if ('refused' in doc) return { kind: 'refused', reason: doc.refused };
  const entries = suggestIgnoreRuleEntries(resource, field, request.byManager ? { byManager: true } : {});
  const entry = place.dialect === 'argocd' ? entries.argocd : entries.flux;
  const file = 'create' in doc ? doc.create : doc.resource.file.path;
  const planned = (files: EditPlan['files']): PlanOutcome => ({ kind: 'plan', plan: planOf(resource, field, place, file, entry, files) });

  if ('create' in doc) {
    const lines = [...place.list.map((k, i) => `${INDENT.repeat(i)}${String(k)}:`), ...ignoreEntryLines(entry).map((l) => INDENT.repeat(place.list.length) + l)];
    return planned([{ path: doc.create, create: true, edits: [{ path: doc.create, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: lines.join('\n') + '\n' }] }]);
  }
  const res = doc.resource;
  const existing = getAt(res.object, place.list);
  if (existing !== undefined && existing !== null && !Array.isArray(existing)) return { kind: 'refused', reason: `${place.where} is not a list in ${file}` };
  const list = Array.isArray(existing) ? existing : [];
  const covering = coveringIndex(list, place.dialect, resource, field, entry);
  if (covering !== undefined) return { kind: 'refused', reason: `${field.path} of ${formatResourceKey(resource.key)} is already ignored by entry ${covering + 1} of ${place.where} in ${file}` };

  let edit: TextEdit | undefined;
  const same = list.findIndex((item) => isSameTarget(item, entry, place.dialect));
  if (same !== -1) {
    const key = valueKeyOf(entry);
    const values = (entry as unknown as Record<string, readonly string[]>)[key] ?? [];
    const item = list[same] as Record<string, unknown>;
    const valueLines = values.map((v) => `- ${ignoreValueText(v, key === 'jqPathExpressions')}`);
    if (Array.isArray(item[key])) edit = (item[key] as unknown[]).length > 0 ? appendItemEdit(res, [...place.list, same, key], valueLines) : undefined;
    else if (item[key] === undefined) edit = insertMembersEdit(res, [...place.list, same], [`${key}:`, ...valueLines.map((l) => INDENT + l)]);
  } else if (list.length > 0) {
    edit = appendItemEdit(res, place.list, ignoreEntryLines(entry));
  } else if (existing === undefined || existing === null) {
    edit = insertMissingEdit(res, place.list, ignoreEntryLines(entry));
  }
  if (!edit) return { kind: 'refused', reason: `${place.where} in ${file} is written in flow style ([…] or {…}); add the rule by hand:\n${ignoreEntryLines(entry).join('\n')}` };
  return planned([{ path: file, edits: [edit] }]);
}

function placeOf(target: IgnoreRuleTarget): Place {
  switch (target.kind) {
    case 'argocd-application':
      return { list: ['spec', 'ignoreDifferences'], dialect: 'argocd', where: `Argo CD Application ${target.resource.name} spec.ignoreDifferences` };
    case 'flux-kustomization':
      return { list: ['spec', 'driftIgnoreRules'], dialect: 'flux', where: `Flux Kustomization ${target.resource.name} spec.driftIgnoreRules` };
    case 'flux-helmrelease':
      return { list: ['spec', 'driftDetection', 'ignore'], dialect: 'flux', where: `Flux HelmRelease ${target.resource.name} spec.driftDetection.ignore` };
    case 'settings':
      return target.dialect === 'argocd'
        ? { list: ['drift', 'ignoreDifferences'], dialect: 'argocd', where: 'drift.ignoreDifferences' }
        : { list: ['drift', 'driftIgnoreRules'], dialect: 'flux', where: 'drift.driftIgnoreRules' };
  }
}

/** The document the rule goes into: a manifest's resource, the config file read as one, or a file to create. */
function documentOf(target: IgnoreRuleTarget): { readonly resource: ManifestResource } | { readonly create: string } | { readonly refused: string } {
  if (target.kind !== 'settings') return { resource: target.resource };
  if (target.text === undefined || target.text.trim() === '') return { create: target.path };
  const file = parseManifest(target.path, target.text);
  const document = file.documents[0];
  if (!document || file.documents.length > 1 || document.problems.length > 0) return { refused: `${target.path} cannot be read as one YAML document; fix it first` };
  if (!isRecord(document.value)) return { refused: `${target.path} is not a mapping` };
  // The config file is no Kubernetes object; the text edits only need its file, document and value.
  const object = document.value as KubeObject;
  return { resource: { file, document, basePath: [], object, apiVersion: '', kind: '', name: '', namespace: '', key: { group: '', kind: '', namespace: '', name: '' } } };
}

/** The index of an existing rule that already ignores the field (for the object it targets), if any. */
function coveringIndex(list: readonly unknown[], dialect: 'argocd' | 'flux', resource: ResourceDrift, field: FieldDrift, entry: ArgoIgnoreEntry | FluxIgnoreEntry): number | undefined {
  const pointer = parseJsonPointer(field.pointer);
  const jq = 'jqPathExpressions' in entry ? entry.jqPathExpressions ?? [] : [];
  const managers = 'managedFieldsManagers' in entry ? entry.managedFieldsManagers ?? [] : [];
  for (let i = 0; i < list.length; i++) {
    const read = dialect === 'argocd' ? readArgoIgnoreDifferences([list[i]], 'settings') : readFluxIgnoreRules([list[i]], 'settings');
    const rule = read[0];
    // A label selector cannot be judged without the live labels: such a rule never counts as covering.
    if (!rule || rule.target.labelSelector || !ruleTargets(rule, resource.key, {})) continue;
    if (rule.pointers.some((p) => isPointerPrefix(p, pointer))) return i;
    if (rule.jq.some((j) => jq.includes(j.source))) return i;
    if (rule.managers.some((m) => managers.includes(m) || m === field.attribution?.manager)) return i;
  }
  return undefined;
}

/** An existing entry for exactly the same object: the new path goes into its own list. */
function isSameTarget(item: unknown, entry: ArgoIgnoreEntry | FluxIgnoreEntry, dialect: 'argocd' | 'flux'): boolean {
  if (!isRecord(item)) return false;
  const fields = ['group', 'kind', 'name', 'namespace'] as const;
  if (dialect === 'argocd') {
    const argo = entry as ArgoIgnoreEntry;
    return fields.every((f) => (typeof item[f] === 'string' ? item[f] : '') === (argo[f] ?? ''));
  }
  const target = isRecord(item.target) ? item.target : undefined;
  const wanted = (entry as FluxIgnoreEntry).target;
  if (!target || target.labelSelector !== undefined || target.annotationSelector !== undefined || target.version !== undefined) return false;
  return fields.every((f) => (typeof target[f] === 'string' ? target[f] : '') === (wanted[f] ?? ''));
}

function valueKeyOf(entry: ArgoIgnoreEntry | FluxIgnoreEntry): string {
  if ('paths' in entry) return 'paths';
  return entry.managedFieldsManagers ? 'managedFieldsManagers' : entry.jqPathExpressions ? 'jqPathExpressions' : 'jsonPointers';
}

/** Appends items (`- …` lines) after the last item of the block sequence at `path`, at its dash column. */
function appendItemEdit(res: ManifestResource, path: ValuePath, itemLines: readonly string[]): TextEdit | undefined {
  const seq = res.document.locator.locate([...res.basePath, ...path]);
  const items = getAt(res.object, path);
  if (!seq || !Array.isArray(items) || items.length === 0) return undefined;
  const lines = res.file.lines;
  if (lines.lineText(seq.value.start.line).charAt(seq.value.start.character) !== '-') return undefined; // flow: [a, b]
  const last = res.document.locator.locate([...res.basePath, ...path, items.length - 1]);
  if (!last) return undefined;
  const endLine = lastContentLine(lines, last.value.end);
  const at = { line: endLine, character: lines.lineText(endLine).length };
  const eol = lineEndOf(res.file.text);
  const indent = ' '.repeat(seq.value.start.character);
  return { path: res.file.path, range: { start: at, end: at }, newText: itemLines.map((l) => eol + indent + l).join('') };
}

/** Inserts the keys of `path` the document lacks, then the list under the last one. */
function insertMissingEdit(res: ManifestResource, path: ValuePath, entryLines: readonly string[]): TextEdit | undefined {
  const { depth } = res.document.locator.locateNearest([...res.basePath, ...path]);
  const have = depth - res.basePath.length;
  const parentPath = path.slice(0, have);
  if (!isRecord(getAt(res.object, parentPath))) return undefined;
  const missing = path.slice(have);
  const lines = [...missing.map((k, i) => `${INDENT.repeat(i)}${String(k)}:`), ...entryLines.map((l) => INDENT.repeat(missing.length) + l)];
  return insertMembersEdit(res, parentPath, lines);
}

function planOf(resource: ResourceDrift, field: FieldDrift, place: Place, file: string, entry: ArgoIgnoreEntry | FluxIgnoreEntry, files: EditPlan['files']): EditPlan {
  const label = formatResourceKey(resource.key);
  const how = valueKeyOf(entry) === 'managedFieldsManagers' ? `everything ${field.attribution?.manager ?? ''} owns` : field.path;
  return {
    files,
    fields: [{ path: `.${place.list.join('.')}`, to: entry, file, layer: place.where }],
    summary: [`ignore ${how} of ${label} in ${file} (${place.where})`],
    commitMessage: `Ignore drift: ${label} ${how} (${place.where})\n\nThe live value is not Git's to set${field.attribution ? `: it is owned by ${field.attribution.manager}${field.attribution.subresource ? ` (${field.attribution.subresource})` : ''}` : ''}.`,
    refused: [],
  };
}
