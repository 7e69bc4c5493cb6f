// Walks objects along their schema to compute the field sets of managedFields: the set an applied
// configuration owns, and what changed between two versions of an object (added, modified, removed).
import { FieldSet } from './field-set.js';
import { childSchema, listItemPathElement, type ListNode, type SchemaNode, UNTYPED } from './schema.js';
import { deepEqual, isObject, type JsonValue } from './types.js';

/** The fields an applied configuration sets (structured-merge-diff's ToFieldSet). */
export function toFieldSet(schema: SchemaNode, value: JsonValue): FieldSet {
  const set = new FieldSet();
  walkSet(schema, value, [], set);
  return set;
}

function walkSet(node: SchemaNode, value: JsonValue | undefined, path: string[], set: FieldSet): void {
  if (value === undefined) return;
  if (value === null || isLeaf(node, value)) {
    set.insert(path);
    return;
  }
  if (Array.isArray(value)) {
    const list = node as ListNode;
    if (value.length === 0) {
      set.insert(path);
      return;
    }
    value.forEach((item, i) => {
      const p = [...path, listItemPathElement(list, item, i)];
      set.insert(p);
      walkSet(list.items, item, p, set);
    });
    return;
  }
  if (isObject(value)) {
    if (Object.keys(value).length === 0) {
      set.insert(path);
      return;
    }
    for (const [k, v] of Object.entries(value)) walkSet(fieldSchema(node, k), v, [...path, `f:${k}`], set);
  }
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** What changed from lhs to rhs, path by path (structured-merge-diff's Compare). */
export function compareObjects(schema: SchemaNode, lhs: JsonValue, rhs: JsonValue): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walkCompare(schema, lhs, rhs, [], c);
  return c;
}

function isEmptyish(v: JsonValue | undefined): boolean {
  return v === undefined || v === null || (isObject(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0);
}

function walkCompare(node: SchemaNode, l: JsonValue | undefined, r: JsonValue | undefined, path: string[], c: Comparison): void {
  const sample = r ?? l;
  const bothContainers = (l === undefined || l === null || sameShape(l, sample)) && (r === undefined || r === null || sameShape(r, sample));
  const leaf = sample === undefined || sample === null || isLeaf(node, sample) || !bothContainers || (isEmptyish(l) && isEmptyish(r));
  if (leaf) {
    if (path.length === 0) return;
    if (l === undefined && r !== undefined) c.added.insert(path);
    else if (l !== undefined && r === undefined) c.removed.insert(path);
    else if (!deepEqual(l, r)) c.modified.insert(path);
    return;
  }
  if (path.length > 0) {
    // A container that did not exist before (absent, not null) becomes a member itself: the "." of fieldsV1.
    if (l === undefined && r !== undefined) c.added.insert(path);
    else if (l !== undefined && r === undefined) c.removed.insert(path);
  }
  if (Array.isArray(sample)) {
    const list = node as ListNode;
    const left = indexItems(list, Array.isArray(l) ? l : []);
    const right = indexItems(list, Array.isArray(r) ? r : []);
    for (const [pe, item] of right) {
      const before = left.get(pe);
      if (before === undefined) c.added.insert([...path, pe]);
      walkCompare(list.items, before, item, [...path, pe], c);
    }
    for (const [pe, item] of left) {
      if (right.has(pe)) continue;
      c.removed.insert([...path, pe]);
      walkCompare(list.items, item, undefined, [...path, pe], c);
    }
    return;
  }
  const lo = isObject(l) ? l : {};
  const ro = isObject(r) ? r : {};
  for (const k of new Set([...Object.keys(lo), ...Object.keys(ro)])) {
    walkCompare(fieldSchema(node, k), lo[k], ro[k], [...path, `f:${k}`], c);
  }
}

function sameShape(v: JsonValue, sample: JsonValue | undefined): boolean {
  if (Array.isArray(sample)) return Array.isArray(v);
  if (isObject(sample)) return isObject(v);
  return true;
}

function indexItems(list: ListNode, items: JsonValue[]): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  items.forEach((item, i) => out.set(listItemPathElement(list, item, i), item));
  return out;
}

/** Scalars, atomic structs, maps and lists, and lists of untyped data are owned as a whole. */
export function isLeaf(node: SchemaNode, value: JsonValue): boolean {
  if (Array.isArray(value)) return node.kind !== 'list' || node.listType === 'atomic';
  if (isObject(value)) {
    if (node.kind === 'struct' || node.kind === 'map') return node.atomic;
    return node.kind !== 'untyped';
  }
  return true;
}

export function fieldSchema(node: SchemaNode, field: string): SchemaNode {
  if (node.kind === 'untyped') return UNTYPED;
  return childSchema(node, field);
}
