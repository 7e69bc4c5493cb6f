// Plans the edit that makes one field of a manifest hold a new value: the value's span replaced in its own
// style when Git declares it, else the missing keys inserted under the nearest mapping Git has, indented like
// its members. Anything that would need more than that (a mapping replaced whole, a list item Git lacks, a
// value shared through an anchor) is refused with the reason, never guessed.
import type { TextEdit } from '../findings/finding.js';
import type { ValuePath } from '../manifest/manifest-types.js';
import { getAt, isRecord, type ManifestResource } from '../resource/manifest-resource.js';
import { formatBlockScalarLike, formatScalarLike, isScalarValue } from './format-scalar.js';
import { insertMembersEdit, lineEndOf } from './yaml-text-edits.js';
import { sharedThroughAnchor } from './yaml-anchors.js';

export type SetValuePlan = { readonly edit: TextEdit } | { readonly refused: string };

const INDENT = '  ';

export function planSetValue(resource: ManifestResource, path: ValuePath, value: unknown): SetValuePlan {
  if (!isScalarValue(value)) return { refused: `${describe(path)}: only a single value can be written here, not a ${Array.isArray(value) ? 'list' : 'mapping'}` };
  const file = resource.file;
  const located = resource.document.locator.locate([...resource.basePath, ...path]);
  if (located) {
    const current = getAt(resource.object, path);
    if (current !== null && typeof current === 'object') return { refused: `${describe(path)}: Git declares a ${Array.isArray(current) ? 'list' : 'mapping'} there, not a single value` };
    const oldText = file.text.slice(file.lines.offsetAt(located.value.start), file.lines.offsetAt(located.value.end));
    if (oldText.startsWith('*')) return { refused: `${describe(path)}: the value comes from a YAML anchor shared with other fields; edit the anchor by hand` };
    const shared = sharedThroughAnchor(resource, path);
    if (shared) return { refused: `${describe(path)}: ${shared}` };
    const block = /^[|>]/.test(oldText);
    const newText = file.format === 'json' ? JSON.stringify(value) : block ? formatBlockScalarLike(oldText, value, located.indent, lineEndOf(file.text)) : formatScalarLike(oldText, value);
    if (newText === undefined) return { refused: `${describe(path)}: the value is a block scalar and the new value cannot be written as one exactly (leading spaces, trailing blank lines); edit it by hand` };
    return { edit: { path: file.path, range: located.value, newText } };
  }
  if (file.format === 'json') return { refused: `${describe(path)}: inserting a field into a JSON manifest is not supported; add it by hand` };
  const { depth } = resource.document.locator.locateNearest([...resource.basePath, ...path]);
  const have = depth - resource.basePath.length;
  const parentPath = path.slice(0, have);
  const missing = path.slice(have);
  if (missing.some((s) => typeof s === 'number')) return { refused: `${describe(path)}: Git has no such list item; add the item by hand` };
  if (!isRecord(getAt(resource.object, parentPath))) return { refused: `${describe(parentPath)} is not a mapping in Git` };
  const scalar = formatScalarLike('', value);
  if (scalar === undefined) return { refused: `${describe(path)}: the value cannot be written as one line` };
  const lines = missing.map((key, i) => `${INDENT.repeat(i)}${String(key)}:${i === missing.length - 1 ? ` ${scalar}` : ''}`);
  const edit = insertMembersEdit(resource, parentPath, lines);
  if (!edit) return { refused: `${describe(parentPath)} is written in flow style ({…}); add the field by hand` };
  return { edit };
}

function describe(path: ValuePath): string {
  return path.length === 0 ? 'the object' : `.${path.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[')}`;
}

