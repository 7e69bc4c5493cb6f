// Strategic merge patch (application/strategic-merge-patch+json) on built-in kinds: lists merge by their
// patch merge key, with the $patch, $setElementOrder, $retainKeys and $deleteFromPrimitiveList directives
// kubectl sends.
import { fieldSchema } from './field-walk.js';
import type { ListNode, SchemaNode } from './schema.js';
import { ApiError } from './status-errors.js';
import { deepClone, deepEqual, isObject, type JsonObject, type JsonValue } from './types.js';

const ORDER_PREFIX = '$setElementOrder/';
const DELETE_PRIMITIVE_PREFIX = '$deleteFromPrimitiveList/';

export function applyStrategicMergePatch(schema: SchemaNode, original: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isObject(patch)) return deepClone(patch);
  return mergeMap(schema, isObject(original) ? original : {}, patch);
}

function mergeMap(schema: SchemaNode, original: JsonObject, patch: JsonObject): JsonObject {
  const directive = patch.$patch;
  if (directive === 'replace') {
    const out = deepClone(patch);
    delete out.$patch;
    return out;
  }
  if (directive === 'delete') return {};
  const out = deepClone(original);
  const retainKeys = Array.isArray(patch.$retainKeys) ? patch.$retainKeys.map(String) : undefined;
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith(ORDER_PREFIX)) continue;
    if (k.startsWith(DELETE_PRIMITIVE_PREFIX)) {
      const field = k.slice(DELETE_PRIMITIVE_PREFIX.length);
      const current = out[field];
      if (Array.isArray(current) && Array.isArray(v)) out[field] = current.filter((x) => !v.some((d) => deepEqual(d, x)));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const child = fieldSchema(schema, k);
    const order = patch[`${ORDER_PREFIX}${k}`];
    if (Array.isArray(v)) {
      out[k] = mergeList(child, Array.isArray(out[k]) ? (out[k] as JsonValue[]) : [], v, Array.isArray(order) ? order : undefined);
    } else if (isObject(v)) {
      if (isObject(v) && v.$patch === 'delete') delete out[k];
      else out[k] = isObject(out[k]) && !isAtomic(child) ? mergeMap(child, out[k] as JsonObject, v) : stripDirectives(v);
    } else {
      out[k] = v;
    }
  }
  // An order with no list patch still reorders the list.
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith(ORDER_PREFIX) || !Array.isArray(order)) continue;
    const field = k.slice(ORDER_PREFIX.length);
    if (field in patch) continue;
    const current = out[field];
    if (Array.isArray(current)) out[field] = applyOrder(fieldSchema(schema, field), current, order);
  }
  if (retainKeys) for (const key of Object.keys(out)) if (!retainKeys.includes(key)) delete out[key];
  return out;
}

function isAtomic(node: SchemaNode): boolean {
  return (node.kind === 'struct' || node.kind === 'map') && node.atomic;
}

function stripDirectives(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x);
  return out;
}

function mergeList(node: SchemaNode, original: JsonValue[], patch: JsonValue[], order: JsonValue[] | undefined): JsonValue[] {
  const list = node.kind === 'list' ? (node as ListNode) : undefined;
  if (!list || list.listType === 'atomic') {
    return patch.filter((p) => !(isObject(p) && p.$patch)).map(stripDirectives);
  }
  if (patch.some((p) => isObject(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isObject(p) && p.$patch === 'replace')).map(stripDirectives);
  }
  let out: JsonValue[];
  if (list.listType === 'set' || !list.mergeKey) {
    out = original.map((v) => deepClone(v));
    for (const p of patch) if (!out.some((x) => deepEqual(x, p))) out.push(deepClone(p));
  } else {
    const key = list.mergeKey;
    out = original.map((v) => deepClone(v));
    for (const p of patch) {
      if (!isObject(p)) continue;
      const idx = out.findIndex((x) => isObject(x) && deepEqual(x[key], p[key]));
      if (p.$patch === 'delete') {
        if (idx >= 0) out.splice(idx, 1);
        continue;
      }
      if (p[key] === undefined) throw new ApiError(500, 'InternalError', `map: ${JSON.stringify(p)} does not contain declared merge key: ${key}`);
      if (idx >= 0) out[idx] = mergeMap(list.items, out[idx] as JsonObject, p);
      else out.push(stripDirectives(p));
    }
  }
  return order ? applyOrder(list, out, order) : out;
}

function applyOrder(node: SchemaNode, items: JsonValue[], order: JsonValue[]): JsonValue[] {
  const list = node.kind === 'list' ? node : undefined;
  const key = list?.mergeKey;
  const position = (item: JsonValue): number =>
    order.findIndex((o) => (key && isObject(o) && isObject(item) ? deepEqual(o[key], item[key]) : deepEqual(o, item)));
  const ordered = items.map((item, i) => ({ item, i, p: position(item) }));
  ordered.sort((a, b) => {
    if (a.p >= 0 && b.p >= 0) return a.p - b.p;
    if (a.p < 0 && b.p < 0) return a.i - b.i;
    return a.p < 0 ? 1 : -1;
  });
  return ordered.map((o) => o.item);
}
