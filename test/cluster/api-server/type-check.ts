// Values of the wrong JSON type in a built-in object (`replicas: "3"`, an env `value: true`, a label
// `version: 1`): a real API server cannot decode them into its Go structs, and says so in the words of
// Go's JSON decoder (create, update and patches) or of structured-merge-diff (server-side apply).
import type { ListNode, SchemaNode, StructNode } from './schema.js';
import { isObject, type JsonValue } from './types.js';

export interface TypeMismatch {
  /** Go's name of the JSON value: string, number, bool, array, object, or "number 1.5". */
  value: string;
  /** The innermost Go struct, e.g. DeploymentSpec. */
  struct: string;
  /** The JSON field names from the root, without list indexes: spec.template.spec.containers.env.value. */
  field: string;
  /** The Go type decoded into, e.g. int32, []v1.Container, v1.PodSpec. */
  goType: string;
  /** structured-merge-diff's path and complaint, e.g. `.spec.replicas: expected numeric (int or float), got string`. */
  applyMessage: string;
}

/** Map fields whose values are resource.Quantity (decoded from numbers and strings alike). */
const QUANTITY_MAPS = new Set(['limits', 'requests', 'hard', 'used', 'capacity', 'allocatable', 'overhead', 'max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio', 'allocatedResources']);
/** Scalar resource.Quantity fields, as Struct.field of the client-node model. */
const QUANTITY_FIELDS = new Set(['V1EmptyDirVolumeSource.sizeLimit', 'V1ResourceFieldSelector.divisor', 'V2MetricTarget.value', 'V2MetricTarget.averageValue', 'V2MetricValueStatus.value', 'V2MetricValueStatus.averageValue']);

/** The first value (in document order, as Go reports it) whose JSON type its field cannot hold. */
export function findTypeMismatch(schema: StructNode, obj: JsonValue, kind: string): TypeMismatch | undefined {
  return walkStruct(schema, obj, { struct: kind, fields: [], applyPath: '' });
}

interface Where {
  struct: string;
  fields: string[];
  applyPath: string;
}

function walkStruct(node: StructNode, value: JsonValue, where: Where): TypeMismatch | undefined {
  if (!isObject(value)) return undefined;
  for (const [key, v] of Object.entries(value)) {
    const child = node.fields.get(key);
    if (!child) continue;
    const at: Where = { struct: where.struct, fields: [...where.fields, key], applyPath: `${where.applyPath}.${key}` };
    const isQuantity = QUANTITY_FIELDS.has(`${node.name}.${key}`) || (child.kind === 'map' && QUANTITY_MAPS.has(key));
    const found = check(child, v as JsonValue, at, isQuantity);
    if (found) return found;
  }
  return undefined;
}

function check(node: SchemaNode, value: JsonValue, at: Where, isQuantity: boolean): TypeMismatch | undefined {
  if (value === null) return undefined;
  switch (node.kind) {
    case 'untyped':
      return undefined;
    case 'scalar':
      return checkScalar(node.type, node.format, value, at, isQuantity);
    case 'struct':
      if (!isObject(value)) return mismatch(value, at, goTypeOf(node), `expected map, got ${smdValue(value)}`);
      return walkStruct(node, value, { struct: goStructName(node.name), fields: at.fields, applyPath: at.applyPath });
    case 'map':
      if (!isObject(value)) return mismatch(value, at, goTypeOf(node), `expected map, got ${smdValue(value)}`);
      for (const [k, v] of Object.entries(value)) {
        const found = check(node.values, v as JsonValue, { ...at, applyPath: `${at.applyPath}.${k}` }, isQuantity);
        if (found) return found;
      }
      return undefined;
    case 'list':
      if (!Array.isArray(value)) return mismatch(value, at, goTypeOf(node), `expected list, got ${smdValue(value)}`);
      for (const [i, item] of value.entries()) {
        const found = check(node.items, item, { ...at, applyPath: `${at.applyPath}${itemPath(node, item, i)}` }, isQuantity);
        if (found) return found;
      }
      return undefined;
  }
}

function checkScalar(type: string, format: string | undefined, value: JsonValue, at: Where, isQuantity: boolean): TypeMismatch | undefined {
  const goType = type === 'integer' ? (format ?? 'int32') : type === 'number' ? 'float64' : type === 'boolean' ? 'bool' : 'string';
  if (type === 'integer' || type === 'number') {
    if (typeof value === 'number') {
      if (type === 'integer' && !Number.isInteger(value)) return { ...mismatch(value, at, goType, ''), value: `number ${value}`, applyMessage: `${at.applyPath}: expected numeric (int or float), got float64` };
      return undefined;
    }
    return mismatch(value, at, goType, `expected numeric (int or float), got ${smdGoType(value)}`);
  }
  if (type === 'boolean') return typeof value === 'boolean' ? undefined : mismatch(value, at, goType, `expected boolean, got ${smdValue(value)}`);
  if (type === 'string') {
    if (typeof value === 'string' || (isQuantity && typeof value === 'number')) return undefined;
    return mismatch(value, at, goType, `expected string, got ${smdValue(value)}`);
  }
  // int-or-string and date-time have their own decoders (with their own messages): not checked here.
  return undefined;
}

function mismatch(value: JsonValue, at: Where, goType: string, smd: string): TypeMismatch {
  return { value: jsonTypeName(value), struct: at.struct, field: at.fields.join('.'), goType, applyMessage: `${at.applyPath}: ${smd}` };
}

function jsonTypeName(v: JsonValue): string {
  if (Array.isArray(v)) return 'array';
  if (isObject(v)) return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function smdGoType(v: JsonValue): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (isObject(v)) return 'map[string]interface {}';
  return typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'int64' : 'string';
}

function smdValue(v: JsonValue): string {
  return `&value.valueUnstructured{Value:${typeof v === 'string' ? JSON.stringify(v) : isObject(v) || Array.isArray(v) ? smdGoType(v) : String(v)}}`;
}

function itemPath(list: ListNode, item: JsonValue, index: number): string {
  if (list.listType === 'map' && isObject(item)) return `[${list.keys.filter((k) => item[k] !== undefined).map((k) => `${k}=${JSON.stringify(item[k])}`).join(',')}]`;
  if (list.listType === 'set') return `[${JSON.stringify(item)}]`;
  return `[${index}]`;
}

/** V1DeploymentSpec → DeploymentSpec; CoreV1EventSeries → EventSeries. */
function goStructName(model: string): string {
  return /^(?:[A-Z][a-z]+)*?V\d+(?:(?:alpha|beta)\d+)?([A-Z].*)$/.exec(model)?.[1] ?? model;
}

function goPackage(model: string): string {
  return (/^(?:[A-Z][a-z]+)*?(V\d+(?:(?:alpha|beta)\d+)?)[A-Z]/.exec(model)?.[1] ?? 'v1').toLowerCase();
}

function goTypeOf(node: SchemaNode): string {
  switch (node.kind) {
    case 'struct':
      return `${goPackage(node.name)}.${goStructName(node.name)}`;
    case 'map':
      return `map[string]${goTypeOf(node.values)}`;
    case 'list':
      return `[]${goTypeOf(node.items)}`;
    case 'scalar':
      return node.type === 'integer' ? (node.format ?? 'int32') : node.type === 'number' ? 'float64' : node.type === 'boolean' ? 'bool' : 'string';
    case 'untyped':
      return 'interface {}';
  }
}

/** Go's json.UnmarshalTypeError text. */
export function decodeErrorText(m: TypeMismatch): string {
  return `json: cannot unmarshal ${m.value} into Go struct field ${m.struct}.${m.field} of type ${m.goType}`;
}
