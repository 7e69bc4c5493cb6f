// A structural schema of every served kind, the one model that strategic merge, server-side apply,
// managedFields and the OpenAPI documents all read. Built-ins come from @kubernetes/client-node's
// generated models (their attribute maps mirror the official OpenAPI); custom resources from their CRD.
import * as k8s from '@kubernetes/client-node';
import { isAtomicStruct, isRetainKeysField, listSemantics } from './list-semantics.js';
import { isObject, type JsonObject, type JsonValue } from './types.js';

export type ScalarType = 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'date-time';

export interface ScalarNode {
  kind: 'scalar';
  type: ScalarType;
  /** The Go integer width of built-in fields (int32 or int64), for decoding errors. */
  format?: string;
}
export interface StructNode {
  kind: 'struct';
  name: string;
  atomic: boolean;
  /** Unknown fields are kept (x-kubernetes-preserve-unknown-fields) and treated as untyped. */
  preserveUnknown: boolean;
  readonly fields: ReadonlyMap<string, SchemaNode>;
  /** Struct fields whose strategic merge patch strategy is retainKeys. */
  retainKeys: ReadonlySet<string>;
  description?: string;
  fieldDescriptions?: ReadonlyMap<string, string>;
  required?: readonly string[];
}
export interface MapNode {
  kind: 'map';
  atomic: boolean;
  values: SchemaNode;
}
export interface ListNode {
  kind: 'list';
  listType: 'atomic' | 'set' | 'map';
  keys: string[];
  mergeKey?: string;
  retainKeys?: boolean;
  keyDefaults?: Record<string, JsonValue>;
  items: SchemaNode;
}
export interface UntypedNode {
  kind: 'untyped';
}
export type SchemaNode = ScalarNode | StructNode | MapNode | ListNode | UntypedNode;

export const UNTYPED: UntypedNode = { kind: 'untyped' };

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

const models = k8s as unknown as Record<string, { attributeTypeMap?: Attribute[] } | undefined>;
const structCache = new Map<string, StructNode>();

export function hasModel(name: string): boolean {
  return Array.isArray(models[name]?.attributeTypeMap);
}

/** The schema of a client-node model class, e.g. V1Deployment. */
export function modelSchema(name: string): StructNode {
  const cached = structCache.get(name);
  if (cached) return cached;
  let fields: Map<string, SchemaNode> | undefined;
  const attrs = models[name]?.attributeTypeMap ?? [];
  const retainKeys = new Set(attrs.filter((a) => isRetainKeysField(name, a.baseName)).map((a) => a.baseName));
  const node: StructNode = {
    kind: 'struct',
    name,
    atomic: isAtomicStruct(name),
    preserveUnknown: false,
    retainKeys,
    get fields() {
      if (!fields) {
        fields = new Map();
        for (const a of attrs) fields.set(a.baseName, attributeSchema(name, a));
      }
      return fields;
    },
  };
  structCache.set(name, node);
  return node;
}

function attributeSchema(model: string, a: Attribute): SchemaNode {
  const t = a.type;
  const list = /^Array<(.+)>$/.exec(t);
  if (list?.[1]) {
    const sem = listSemantics(model, a.baseName);
    return {
      kind: 'list',
      listType: sem?.listType ?? 'atomic',
      keys: sem?.keys ?? [],
      mergeKey: sem?.mergeKey ?? sem?.keys?.[0],
      retainKeys: sem?.retainKeys,
      keyDefaults: sem?.keyDefaults,
      items: typeSchema(list[1], ''),
    };
  }
  return typeSchema(t, a.format);
}

function typeSchema(t: string, format: string): SchemaNode {
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(t);
  if (map?.[1]) {
    const inner = map[1].startsWith('Array<') ? { kind: 'list' as const, listType: 'atomic' as const, keys: [], items: typeSchema(map[1].slice(6, -1), '') } : typeSchema(map[1], '');
    return { kind: 'map', atomic: false, values: inner };
  }
  switch (t) {
    case 'string':
      return { kind: 'scalar', type: 'string' };
    case 'number':
      if (format === 'double' || format === 'float') return { kind: 'scalar', type: 'number' };
      return { kind: 'scalar', type: 'integer', format: format === 'int64' ? 'int64' : 'int32' };
    case 'boolean':
      return { kind: 'scalar', type: 'boolean' };
    case 'Date':
      return { kind: 'scalar', type: 'date-time' };
    case 'IntOrString':
      return { kind: 'scalar', type: 'int-or-string' };
    case 'any':
    case 'object':
      return UNTYPED;
    default:
      return hasModel(t) ? modelSchema(t) : UNTYPED;
  }
}

/** Converts a CRD's openAPIV3Schema into the server's schema model. */
export function crdSchema(schema: JsonObject | undefined, name: string): StructNode {
  const root = schema ? jsonSchemaNode(schema, name) : UNTYPED;
  const fields = new Map<string, SchemaNode>(root.kind === 'struct' ? root.fields : []);
  fields.set('apiVersion', { kind: 'scalar', type: 'string' });
  fields.set('kind', { kind: 'scalar', type: 'string' });
  fields.set('metadata', modelSchema('V1ObjectMeta'));
  return {
    kind: 'struct',
    name,
    atomic: false,
    preserveUnknown: root.kind !== 'struct' || root.preserveUnknown,
    fields,
    retainKeys: new Set(),
    description: schema && typeof schema.description === 'string' ? schema.description : undefined,
    fieldDescriptions: root.kind === 'struct' ? root.fieldDescriptions : undefined,
  };
}

function jsonSchemaNode(s: JsonObject, name: string): SchemaNode {
  if (s['x-kubernetes-int-or-string'] === true) return { kind: 'scalar', type: 'int-or-string' };
  const type = s.type;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true || s['x-kubernetes-embedded-resource'] === true;
  if (type === 'object' || (type === undefined && (isObject(s.properties) || preserve))) {
    if (isObject(s.additionalProperties) && !isObject(s.properties)) {
      return { kind: 'map', atomic: s['x-kubernetes-map-type'] === 'atomic', values: jsonSchemaNode(s.additionalProperties, name) };
    }
    const props = isObject(s.properties) ? s.properties : {};
    if (!isObject(s.properties) && preserve && type === undefined) return UNTYPED;
    const fields = new Map<string, SchemaNode>();
    const descriptions = new Map<string, string>();
    for (const [k, v] of Object.entries(props)) {
      if (!isObject(v)) continue;
      fields.set(k, jsonSchemaNode(v, `${name}.${k}`));
      if (typeof v.description === 'string') descriptions.set(k, v.description);
    }
    if (s['x-kubernetes-embedded-resource'] === true) fields.set('metadata', modelSchema('V1ObjectMeta'));
    return {
      kind: 'struct',
      name,
      atomic: s['x-kubernetes-map-type'] === 'atomic',
      preserveUnknown: preserve || (s.additionalProperties === true),
      fields,
      retainKeys: new Set(),
      fieldDescriptions: descriptions,
      required: Array.isArray(s.required) ? s.required.map(String) : undefined,
    };
  }
  if (type === 'array') {
    const listType = s['x-kubernetes-list-type'];
    const keys = Array.isArray(s['x-kubernetes-list-map-keys']) ? s['x-kubernetes-list-map-keys'].map(String) : [];
    return {
      kind: 'list',
      listType: listType === 'set' || listType === 'map' ? listType : 'atomic',
      keys,
      mergeKey: keys[0],
      items: isObject(s.items) ? jsonSchemaNode(s.items, `${name}[]`) : UNTYPED,
    };
  }
  if (type === 'string') return { kind: 'scalar', type: s.format === 'date-time' ? 'date-time' : 'string' };
  if (type === 'integer' || type === 'number' || type === 'boolean') return { kind: 'scalar', type };
  return UNTYPED;
}

/** The schema of a field of a struct or map node (untyped when unknown). */
export function childSchema(node: SchemaNode, field: string): SchemaNode {
  if (node.kind === 'struct') return node.fields.get(field) ?? UNTYPED;
  if (node.kind === 'map') return node.values;
  return UNTYPED;
}

/** The identity of a list item as server-side apply records it: k:{…}, v:…, or i:N. */
export function listItemPathElement(list: ListNode, item: JsonValue, index: number): string {
  if (list.listType === 'map' && isObject(item)) {
    const key: Record<string, JsonValue> = {};
    for (const k of [...list.keys].sort()) {
      const v = item[k] ?? list.keyDefaults?.[k];
      if (v !== undefined) key[k] = v;
    }
    return `k:${JSON.stringify(key)}`;
  }
  if (list.listType === 'set') return `v:${JSON.stringify(item)}`;
  return `i:${index}`;
}
