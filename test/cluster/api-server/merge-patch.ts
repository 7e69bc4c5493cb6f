// RFC 7386 JSON merge patch (application/merge-patch+json): objects merge, null deletes, the rest replaces.
import { deepClone, isObject, type JsonValue } from './types.js';

export function applyMergePatch(original: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isObject(patch)) return deepClone(patch);
  const out = isObject(original) ? deepClone(original) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}
