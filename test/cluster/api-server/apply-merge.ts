// Merging an applied configuration into the live object along the schema (associative lists by key,
// sets by value, atomic values replaced), and removing a field path from an object.
import { fieldSchema, isLeaf } from './field-walk.js';
import { listItemPathElement, type ListNode, type SchemaNode } from './schema.js';
import { deepClone, isObject, type JsonObject, type JsonValue } from './types.js';

export function mergeApplied(schema: SchemaNode, live: JsonValue | undefined, config: JsonValue): JsonValue {
  if (live === undefined || live === null || config === null || isLeaf(schema, config)) return deepClone(config);
  if (Array.isArray(config)) {
    if (!Array.isArray(live)) return deepClone(config);
    const list = schema as ListNode;
    const out = live.map((v) => deepClone(v));
    const index = new Map(out.map((v, i) => [listItemPathElement(list, v, i), i]));
    config.forEach((item, i) => {
      const pe = listItemPathElement(list, item, i);
      const at = index.get(pe);
      if (at === undefined) {
        index.set(pe, out.length);
        out.push(deepClone(item));
      } else {
        out[at] = mergeApplied(list.items, out[at], item);
      }
    });
    return out;
  }
  if (isObject(config)) {
    if (!isObject(live)) return deepClone(config);
    const out: JsonObject = deepClone(live);
    for (const [k, v] of Object.entries(config)) out[k] = mergeApplied(fieldSchema(schema, k), out[k], v);
    return out;
  }
  return deepClone(config);
}

/** Deletes the value a managedFields path points at (a field, a keyed or valued list item). */
export function removeFieldPath(schema: SchemaNode, obj: JsonObject, path: string[]): void {
  let node: SchemaNode = schema;
  let cur: JsonValue | undefined = obj;
  for (let i = 0; i < path.length; i++) {
    const pe = path[i] as string;
    const last = i === path.length - 1;
    if (pe.startsWith('f:')) {
      const f = pe.slice(2);
      if (!isObject(cur)) return;
      if (last) {
        delete cur[f];
        return;
      }
      node = fieldSchema(node, f);
      cur = cur[f];
    } else {
      if (!Array.isArray(cur) || node.kind !== 'list') return;
      const list: ListNode = node;
      const idx = cur.findIndex((item, j) => listItemPathElement(list, item, j) === pe);
      if (idx < 0) return;
      if (last) {
        cur.splice(idx, 1);
        return;
      }
      node = list.items;
      cur = cur[idx];
    }
  }
}
