// Makes one field of a manifest hold a value, or removes it, addressed the way drift names fields: keyed list
// items by their merge key (`containers[name="app"]`), so a patch whose lists are ordered differently from
// the base is still found. A field Git has is rewritten in place (planSetValue); a missing one is inserted
// under the deepest part Git has, as block lines indented like their siblings; a missing keyed list item is
// appended to its list. Everything else is refused with the reason.
import type { PathSegment } from '../drift/drift-types.js';
import { itemKey, sameKey } from '../drift/list-semantics.js';
import type { TextEdit } from '../findings/finding.js';
import type { ValuePath } from '../manifest/manifest-types.js';
import { getAt, isRecord, type ManifestResource } from '../resource/manifest-resource.js';
import { formatFieldPath } from '../drift/field-path.js';
import { isScalarValue } from './format-scalar.js';
import { planSetValue, type SetValuePlan } from './set-value-edit.js';
import { flowListText, listItemLines, pathLines } from './yaml-block-lines.js';
import { definesAnchor, sharedThroughAnchor } from './yaml-anchors.js';
import { insertMembersEdit, lastContentLine, lineEndOf } from './yaml-text-edits.js';

/** How much of `segments` the object has: the index path of that prefix and how many segments it covers. */
export function resolvePrefix(object: unknown, segments: readonly PathSegment[]): { readonly path: (string | number)[]; readonly depth: number } {
  let current = object;
  const path: (string | number)[] = [];
  for (const s of segments) {
    if (typeof s === 'string') {
      if (!isRecord(current) || !(s in current)) break;
      current = current[s];
      path.push(s);
      continue;
    }
    if (!Array.isArray(current)) break;
    const wanted = s.key;
    const index = wanted ? current.findIndex((item) => {
      const k = itemKey(item, Object.keys(wanted));
      return k !== undefined && sameKey(k, wanted);
    }) : s.index < current.length ? s.index : -1;
    if (index < 0) break;
    current = current[index];
    path.push(index);
  }
  return { path, depth: path.length };
}

/** The edit that makes the field at `segments` of `resource` hold `value` (scalar, mapping or list when new). */
export function planWriteField(resource: ManifestResource, segments: readonly PathSegment[], value: unknown): SetValuePlan {
  const { path, depth } = resolvePrefix(resource.object, segments);
  const human = formatFieldPath(segments);
  if (depth === segments.length) {
    if (!isScalarValue(value)) return { refused: `${human}: Git declares it; replacing a whole ${Array.isArray(value) ? 'list' : 'mapping'} is not planned, edit it by hand` };
    return planSetValue(resource, path, value);
  }
  if (resource.file.format === 'json') return { refused: `${human}: inserting a field into a JSON manifest is not supported; add it by hand` };
  const shared = sharedThroughAnchor(resource, path);
  if (shared) return { refused: `${human}: ${shared}` };
  const rest = segments.slice(depth);
  const lines = pathLines(rest, value);
  if (!lines) return { refused: `${human}: Git has no such list item and the list has no merge key to add it by; add it by hand` };
  const holder = getAt(resource.object, path);
  if (typeof rest[0] !== 'string') {
    if (!Array.isArray(holder)) return { refused: `${formatFieldPath(segments.slice(0, depth))} is not a list in Git` };
    const edit = appendItemEdit(resource, path, lines);
    return edit ? { edit } : { refused: `${formatFieldPath(segments.slice(0, depth))} is written in flow style ([…]); add the item by hand` };
  }
  if (!isRecord(holder)) return { refused: `${formatFieldPath(segments.slice(0, depth)) || 'the object'} is not a mapping in Git` };
  const edit = insertMembersEdit(resource, path, lines);
  return edit ? { edit } : { refused: `${formatFieldPath(segments.slice(0, depth))} is written in flow style ({…}); add the field by hand` };
}

/** A new item at the end of a block list, at its items' column. */
function appendItemEdit(resource: ManifestResource, listPath: ValuePath, lines: readonly string[]): TextEdit | undefined {
  const list = resource.document.locator.locate([...resource.basePath, ...listPath]);
  if (!list) return undefined;
  const text = resource.file.lines.lineText(list.value.start.line).slice(list.value.start.character);
  if (!text.startsWith('-')) return undefined;
  const eol = lineEndOf(resource.file.text);
  const column = list.value.start.character;
  const endLine = lastContentLine(resource.file.lines, list.value.end);
  const at = { line: endLine, character: resource.file.lines.lineText(endLine).length };
  return { path: resource.file.path, range: { start: at, end: at }, newText: lines.map((l) => eol + ' '.repeat(column) + l).join('') };
}

/**
 * Deletes the member at `path` (its key line through its value's last line), when it is a member of a block
 * mapping written on lines of its own and not the mapping's only member; else refuses with the reason.
 */
export function planDeleteField(resource: ManifestResource, segments: readonly PathSegment[]): SetValuePlan {
  const human = formatFieldPath(segments);
  const { path, depth } = resolvePrefix(resource.object, segments);
  if (depth !== segments.length) return { refused: `${human}: ${resource.file.path} does not set it` };
  const last = path.at(-1);
  if (typeof last !== 'string') return { refused: `${human}: removing a list item is not planned; remove it by hand` };
  const shared = sharedThroughAnchor(resource, path.slice(0, -1));
  if (shared) return { refused: `${human}: ${shared}` };
  const parent = getAt(resource.object, path.slice(0, -1));
  if (isRecord(parent) && Object.keys(parent).length === 1) return { refused: `${human}: it is the only field of ${formatFieldPath(segments.slice(0, -1)) || 'the object'}; remove the whole block by hand` };
  const located = resource.document.locator.locate([...resource.basePath, ...path]);
  if (!located?.key) return { refused: `${human}: not found in ${resource.file.path}` };
  const lines = resource.file.lines;
  const keyLine = lines.lineText(located.key.start.line);
  if (keyLine.slice(0, located.key.start.character).trim() !== '') return { refused: `${human}: it shares its line with other fields (flow style or a list item's first field); remove it by hand` };
  const endLine = lastContentLine(resource.file.lines, located.value.end);
  const text = resource.file.text;
  const start = lines.offsetAt({ line: located.key.start.line, character: 0 });
  let end = lines.offsetAt({ line: endLine, character: lines.lineText(endLine).length });
  if (text.startsWith('\r\n', end)) end += 2;
  else if (text[end] === '\n') end += 1;
  if (definesAnchor(text.slice(start, end))) return { refused: `${human}: it holds a YAML anchor (&) other fields may refer to; remove it by hand` };
  return { edit: { path: resource.file.path, range: { start: lines.positionAt(start), end: lines.positionAt(end) }, newText: '' } };
}

/**
 * A list Git declares (an atomic list: `args`, `command`) made to hold `value`: the items that changed
 * rewritten one by one when the length is the same and the items are single values (comments kept);
 * else the list rewritten whole in its own style (flow `[…]` or block `- …`). A list Git lacks is inserted.
 */
export function planReplaceList(resource: ManifestResource, segments: readonly PathSegment[], value: readonly unknown[]): { readonly edits: readonly TextEdit[] } | { readonly refused: string } {
  const { path, depth } = resolvePrefix(resource.object, segments);
  const human = formatFieldPath(segments);
  if (depth !== segments.length) {
    const inserted = planWriteField(resource, segments, value);
    return 'edit' in inserted ? { edits: [inserted.edit] } : inserted;
  }
  const current = getAt(resource.object, path);
  if (!Array.isArray(current)) return { refused: `${human}: Git declares no list there` };
  const located = resource.document.locator.locate([...resource.basePath, ...path]);
  if (!located || resource.file.format === 'json') return { refused: `${human}: the list cannot be rewritten here; edit it by hand` };
  const lines = resource.file.lines;
  const oldText = resource.file.text.slice(lines.offsetAt(located.value.start), lines.offsetAt(located.value.end));
  const scalars = (list: readonly unknown[]) => list.every((v) => v === null || typeof v !== 'object');
  if (scalars(current) && scalars(value) && (current.length === value.length || (oldText.startsWith('-') && value.length > 0))) {
    const edits: TextEdit[] = [];
    for (let i = 0; i < Math.min(value.length, current.length); i++) {
      if (current[i] === value[i]) continue;
      const item = planSetValue(resource, [...path, i], value[i]);
      if ('refused' in item) return item;
      edits.push(item.edit);
    }
    if (value.length > current.length) {
      const added = appendItemEdit(resource, path, value.slice(current.length).flatMap((v) => listItemLines(v)));
      if (!added) return { refused: `${human}: new items cannot be added to the list; edit it by hand` };
      edits.push(added);
    }
    const firstGone = value.length < current.length ? resource.document.locator.locate([...resource.basePath, ...path, value.length]) : undefined;
    if (firstGone) edits.push({ path: resource.file.path, range: { start: { line: firstGone.value.start.line, character: 0 }, end: located.value.end }, newText: '' });
    return { edits };
  }
  const shared = sharedThroughAnchor(resource, path);
  if (shared) return { refused: `${human}: ${shared}` };
  if (oldText.startsWith('[')) {
    const flow = flowListText(value);
    return flow ? { edits: [{ path: resource.file.path, range: located.value, newText: flow }] } : { refused: `${human}: the new items cannot be written in flow style; edit the list by hand` };
  }
  if (!oldText.startsWith('-') || value.length === 0) return { refused: `${human}: the list cannot be rewritten in its style; edit it by hand` };
  const eol = lineEndOf(resource.file.text);
  const column = ' '.repeat(located.value.start.character);
  const newText = value.flatMap((v) => listItemLines(v)).join(eol + column) + (/\r?\n$/.test(oldText) ? eol : '');
  return { edits: [{ path: resource.file.path, range: located.value, newText }] };
}
