// RFC 6902 JSON patch (application/json-patch+json).
import { ApiError } from './status-errors.js';
import { deepClone, deepEqual, isObject, type JsonValue } from './types.js';

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: JsonValue;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw patchError(`invalid JSON pointer "${pointer}"`);
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function patchError(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}

function parentOf(doc: JsonValue, tokens: string[]): { parent: JsonValue; key: string } {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)] as JsonValue;
    else if (isObject(cur)) cur = cur[t] as JsonValue;
    else throw patchError(`doc is missing path: "/${tokens.join('/')}": missing value`);
    if (cur === undefined) throw patchError(`doc is missing path: "/${tokens.join('/')}": missing value`);
  }
  return { parent: cur, key: tokens[tokens.length - 1] ?? '' };
}

function getAt(doc: JsonValue, tokens: string[]): JsonValue | undefined {
  let cur: JsonValue | undefined = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isObject(cur)) cur = cur[t];
    else return undefined;
  }
  return cur;
}

function remove(doc: JsonValue, tokens: string[], path: string): JsonValue {
  const { parent, key } = parentOf(doc, tokens);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!(i >= 0 && i < parent.length)) throw patchError(`Unable to remove nonexistent key: ${key}: missing value`);
    return parent.splice(i, 1)[0] as JsonValue;
  }
  if (!isObject(parent) || !(key in parent)) throw patchError(`Unable to remove nonexistent key: ${key}: missing value`);
  const v = parent[key] as JsonValue;
  delete parent[key];
  void path;
  return v;
}

function add(doc: JsonValue, tokens: string[], value: JsonValue): JsonValue {
  if (tokens.length === 0) return value;
  const { parent, key } = parentOf(doc, tokens);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!(i >= 0 && i <= parent.length)) throw patchError(`Unable to access invalid index: ${key}: invalid index referenced`);
    parent.splice(i, 0, value);
  } else if (isObject(parent)) parent[key] = value;
  else throw patchError(`doc is missing path: "/${tokens.join('/')}": missing value`);
  return doc;
}

export function applyJsonPatch(original: JsonValue, patch: unknown): JsonValue {
  if (!Array.isArray(patch)) throw new ApiError(400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = deepClone(original);
  for (const raw of patch as Operation[]) {
    const tokens = parsePointer(raw.path);
    switch (raw.op) {
      case 'add':
        doc = add(doc, tokens, deepClone(raw.value ?? null));
        break;
      case 'remove':
        remove(doc, tokens, raw.path);
        break;
      case 'replace': {
        if (tokens.length === 0) {
          doc = deepClone(raw.value ?? null);
          break;
        }
        if (getAt(doc, tokens) === undefined) throw patchError(`replace operation does not apply: doc is missing key: ${raw.path}: missing value`);
        const { parent, key } = parentOf(doc, tokens);
        if (Array.isArray(parent)) parent[Number(key)] = deepClone(raw.value ?? null);
        else if (isObject(parent)) parent[key] = deepClone(raw.value ?? null);
        break;
      }
      case 'move': {
        const v = remove(doc, parsePointer(raw.from ?? ''), raw.from ?? '');
        doc = add(doc, tokens, v);
        break;
      }
      case 'copy': {
        const v = getAt(doc, parsePointer(raw.from ?? ''));
        if (v === undefined) throw patchError(`copy operation does not apply: doc is missing from path: ${raw.from}: missing value`);
        doc = add(doc, tokens, deepClone(v));
        break;
      }
      case 'test':
        if (!deepEqual(getAt(doc, tokens), raw.value)) throw patchError(`testing value ${raw.path} failed: test failed`);
        break;
      default:
        throw patchError(`Unexpected kind: ${raw.op}`);
    }
  }
  return doc;
}
