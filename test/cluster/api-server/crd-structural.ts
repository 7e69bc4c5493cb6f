// Custom resources against their CRD's structural schema: defaults ("default:") and the validation
// errors the apiextensions server reports (required, type, enum).
import type { StatusCause } from './status-errors.js';
import { isObject, type JsonObject, type JsonValue } from './types.js';

/**
 * Structural defaulting as kube-apiserver does it: a `null` in a field that is not `nullable: true` is pruned
 * first, then a `default:` fills every field that is absent (only where its parent object exists).
 */
export function applyCrdDefaults(schema: JsonObject | undefined, value: JsonValue | undefined): void {
  if (!schema || value === undefined || value === null) return;
  if (isObject(value) && isObject(schema.properties)) {
    for (const [k, sub] of Object.entries(schema.properties)) {
      if (!isObject(sub)) continue;
      if (value[k] === null && sub.nullable !== true) delete value[k];
      if (value[k] === undefined && sub.default !== undefined) value[k] = JSON.parse(JSON.stringify(sub.default)) as JsonValue;
      applyCrdDefaults(sub, value[k]);
    }
  } else if (isObject(value) && isObject(schema.additionalProperties)) {
    for (const v of Object.values(value)) applyCrdDefaults(schema.additionalProperties, v);
  } else if (Array.isArray(value) && isObject(schema.items)) {
    for (const v of value) applyCrdDefaults(schema.items, v);
  }
}

function typeOf(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function goValue(v: JsonValue): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
}

export function validateCustomResource(schema: JsonObject | undefined, obj: JsonObject): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!schema) return causes;
  const walk = (s: JsonObject, v: JsonValue, path: string) => {
    const t = s.type;
    if (s['x-kubernetes-int-or-string'] === true) {
      // An integer or a string, nothing else (kube-apiserver's message names both types).
      const actual = typeOf(v);
      if (v !== null && actual !== 'integer' && actual !== 'string') {
        causes.push({ reason: 'FieldValueTypeInvalid', message: `Invalid value: "${actual}": ${path} in body must be of type integer,string: "${actual}"`, field: path });
      }
      return;
    }
    if (typeof t === 'string' && v !== null) {
      const actual = typeOf(v);
      const ok = actual === t || (t === 'number' && actual === 'integer');
      if (!ok) {
        causes.push({ reason: 'FieldValueTypeInvalid', message: `Invalid value: "${actual}": ${path} in body must be of type ${t}: "${actual}"`, field: path });
        return;
      }
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
      causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${goValue(v)}: supported values: ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`, field: path });
    }
    if (isObject(v)) {
      if (Array.isArray(s.required)) {
        for (const r of s.required) if (v[String(r)] === undefined) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: path ? `${path}.${String(r)}` : String(r) });
      }
      if (isObject(s.properties)) {
        for (const [k, sub] of Object.entries(s.properties)) {
          if (isObject(sub) && v[k] !== undefined && !(path === '' && k === 'metadata')) walk(sub, v[k] as JsonValue, path ? `${path}.${k}` : k);
        }
      }
    } else if (Array.isArray(v) && isObject(s.items)) {
      const items = s.items;
      v.forEach((x, i) => walk(items, x, `${path}[${i}]`));
    }
  };
  walk(schema, obj, '');
  return causes;
}
