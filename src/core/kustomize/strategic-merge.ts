// Strategic merge patch as kustomize applies it to built-in kinds: maps merge, `null` deletes, lists with a
// merge key merge item by item (`$patch: delete` removes one), other lists are replaced. Directives
// (`$setElementOrder/…`, `$retainKeys`, `$deleteFromPrimitiveList/…`) are honoured as far as the result's
// shape goes; element order is not.
import type { ValuePath } from '../manifest/manifest-types.js';
import { isRecord } from '../resource/manifest-resource.js';
import { mergeKeyFor } from '../resource/merge-keys.js';

export function strategicMerge(base: unknown, patch: unknown, path: ValuePath = []): unknown {
  if (isRecord(patch)) {
    if (patch.$patch === 'replace') return withoutDirectives(patch);
    if (patch.$patch === 'delete') return undefined;
    const out: Record<string, unknown> = isRecord(base) ? { ...base } : {};
    for (const [key, value] of Object.entries(patch)) {
      if (key.startsWith('$deleteFromPrimitiveList/')) {
        const field = key.slice('$deleteFromPrimitiveList/'.length);
        const current = out[field];
        if (Array.isArray(current) && Array.isArray(value)) out[field] = current.filter((v) => !value.includes(v));
        continue;
      }
      if (key.startsWith('$')) continue;
      if (value === null) {
        delete out[key];
        continue;
      }
      const merged = strategicMerge(out[key], value, [...path, key]);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    }
    return out;
  }
  if (Array.isArray(patch)) {
    const key = mergeKeyFor(path);
    if (!key || !Array.isArray(base)) return patch.filter((item) => !(isRecord(item) && item.$patch === 'delete'));
    const out: unknown[] = [...base];
    for (const item of patch) {
      if (!isRecord(item)) continue;
      const index = out.findIndex((b) => isRecord(b) && b[key] === item[key]);
      if (item.$patch === 'delete') {
        if (index !== -1) out.splice(index, 1);
      } else if (index === -1) out.push(withoutDirectives(item));
      else out[index] = strategicMerge(out[index], item, [...path, index]);
    }
    return out;
  }
  return patch;
}

function withoutDirectives(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('$')));
}

/**
 * Maps a path in the merged object back to the patch: list indexes of merged lists are found in the patch by
 * merge key. Returns undefined when the value at `path` did not come from the patch.
 */
export function pathInPatch(merged: unknown, patch: unknown, path: ValuePath): ValuePath | undefined {
  const out: (string | number)[] = [];
  let m = merged;
  let p = patch;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(m) || !Array.isArray(p)) return undefined;
      const key = mergeKeyFor(out);
      const item = m[segment];
      const index = key ? p.findIndex((x) => isRecord(x) && isRecord(item) && x[key] === item[key]) : segment < p.length ? segment : -1;
      if (index === -1) return undefined;
      out.push(index);
      m = item;
      p = p[index];
    } else {
      if (!isRecord(m) || !isRecord(p) || !(segment in p)) return undefined;
      out.push(segment);
      m = m[segment];
      p = p[segment];
    }
  }
  return out;
}
