// What decoding into Go structs and encoding back does to a built-in object: unknown fields are dropped
// (reported for fieldValidation), nulls and empty maps or lists of omitempty fields disappear.
import { fieldSchema } from './field-walk.js';
import type { SchemaNode } from './schema.js';
import { isObject, type JsonObject, type JsonValue } from './types.js';

/** Normalizes a built-in object in place; returns the unknown fields found ("spec.foo"). */
export function roundTripBuiltin(schema: SchemaNode, obj: JsonObject, typed = true): string[] {
  const unknown: string[] = [];
  walk(schema, obj, '', unknown, typed);
  return unknown;
}

function walk(node: SchemaNode, value: JsonValue, path: string, unknown: string[], typed: boolean): void {
  if (Array.isArray(value)) {
    if (node.kind === 'list') value.forEach((item, i) => walk(node.items, item, `${path}[${i}]`, unknown, typed));
    return;
  }
  if (!isObject(value)) return;
  if (node.kind !== 'struct' && node.kind !== 'map') return;
  for (const key of Object.keys(value)) {
    const v = value[key] as JsonValue;
    const child = fieldSchema(node, key);
    const childPath = path ? `${path}.${key}` : key;
    if (node.kind === 'struct' && !node.fields.has(key)) {
      if (!node.preserveUnknown) {
        unknown.push(childPath);
        delete value[key];
      }
      continue;
    }
    if (!typed) {
      walk(child, v, childPath, unknown, typed);
      continue;
    }
    if (v === null) {
      if (key !== 'creationTimestamp') delete value[key];
      continue;
    }
    if (Array.isArray(v) && v.length === 0 && child.kind === 'list') {
      delete value[key];
      continue;
    }
    if (isObject(v) && Object.keys(v).length === 0 && child.kind === 'map') {
      delete value[key];
      continue;
    }
    walk(child, v, childPath, unknown, typed);
  }
}
