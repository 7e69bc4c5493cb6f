// Decodes a Kubernetes protobuf request body ("k8s\0" + runtime.Unknown envelope) into the JSON object
// the same client would have sent as JSON: zero scalars of non-pointer fields dropped as omitempty does,
// empty structs kept as {}, zero times as null.
import { MESSAGES, type MessageSpec } from './protobuf-messages.js';
import { readFields, toSigned, type WireField } from './protobuf-wire.js';
import { badRequest } from './status-errors.js';
import type { JsonObject, JsonValue } from './types.js';

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const utf8 = new TextDecoder();

function str(v: WireField['value']): string {
  return typeof v === 'number' ? String(v) : utf8.decode(v);
}

function bytes(v: WireField['value']): Uint8Array {
  return typeof v === 'number' ? new Uint8Array() : v;
}

function decodeTime(buf: Uint8Array): JsonValue {
  let seconds = 0;
  for (const f of readFields(buf)) if (f.field === 1 && typeof f.value === 'number') seconds = toSigned(f.value);
  if (seconds === 0) return null;
  return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
}

function decodeQuantity(buf: Uint8Array): JsonValue {
  const f = readFields(buf).find((x) => x.field === 1);
  return f ? str(f.value) : '0';
}

function decodeIntOrString(buf: Uint8Array): JsonValue {
  let type = 0;
  let intVal = 0;
  let strVal = '';
  for (const f of readFields(buf)) {
    if (f.field === 1) type = Number(f.value);
    else if (f.field === 2) intVal = toSigned(Number(f.value));
    else if (f.field === 3) strVal = str(f.value);
  }
  return type === 1 ? strVal : intVal;
}

function decodeMapEntry(buf: Uint8Array, valueType: string): [string, JsonValue] {
  let key = '';
  let value: JsonValue = valueType === 'Quantity' ? '0' : '';
  for (const f of readFields(buf)) {
    if (f.field === 1) key = str(f.value);
    else if (f.field === 2) {
      if (valueType === 'bytes') value = Buffer.from(bytes(f.value)).toString('base64');
      else if (valueType === 'Quantity') value = decodeQuantity(bytes(f.value));
      else value = str(f.value);
    }
  }
  return [key, value];
}

function decodeScalar(type: string, f: WireField): JsonValue {
  switch (type) {
    case 'string':
      return str(f.value);
    case 'int':
      return toSigned(Number(f.value));
    case 'bool':
      return Number(f.value) !== 0;
    case 'bytes':
      return Buffer.from(bytes(f.value)).toString('base64');
    case 'Time':
      return decodeTime(bytes(f.value));
    case 'Quantity':
      return decodeQuantity(bytes(f.value));
    case 'IntOrString':
      return decodeIntOrString(bytes(f.value));
    default:
      return decodeMessage(type, bytes(f.value));
  }
}

function isZero(v: JsonValue): boolean {
  return v === '' || v === 0 || v === false;
}

export function decodeMessage(name: string, buf: Uint8Array): JsonObject {
  const spec: MessageSpec = MESSAGES[name] ?? {};
  const out: JsonObject = {};
  for (const f of readFields(buf)) {
    const fieldSpec = spec[f.field];
    if (!fieldSpec) continue;
    const [field, type, keepZero] = fieldSpec;
    if (type.startsWith('~')) {
      Object.assign(out, decodeMessage(type.slice(1), bytes(f.value)));
    } else if (type.startsWith('map<')) {
      const valueType = type.slice(4, -1);
      const [k, v] = decodeMapEntry(bytes(f.value), valueType);
      const m = (out[field] as JsonObject | undefined) ?? {};
      m[k] = v;
      out[field] = m;
    } else if (type.startsWith('[]')) {
      const list = (out[field] as JsonValue[] | undefined) ?? [];
      list.push(decodeScalar(type.slice(2), f));
      out[field] = list;
    } else {
      const v = decodeScalar(type, f);
      if (isZero(v) && !keepZero) continue;
      out[field] = v;
    }
  }
  return out;
}

/** The JSON form of a protobuf-encoded Kubernetes object. */
export function decodeKubernetesProtobuf(body: Buffer): JsonObject {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) throw badRequest('the protobuf body does not start with the Kubernetes magic number');
  const envelope = decodeMessage('Unknown', body.subarray(4));
  const typeMeta = (envelope.typeMeta ?? {}) as JsonObject;
  const raw = Buffer.from(String(envelope.raw ?? ''), 'base64');
  const kind = String(typeMeta.kind ?? '');
  const apiVersion = String(typeMeta.apiVersion ?? '');
  const message = MESSAGES[`${apiVersion} ${kind}`] ? `${apiVersion} ${kind}` : kind;
  if (!MESSAGES[message]) throw badRequest(`the test API server cannot decode protobuf for kind ${kind}; send JSON`);
  return { apiVersion, kind, ...decodeMessage(message, raw) };
}
