import { isRecord } from '../resource/manifest-resource.js';
import type { PathSegment } from './drift-types.js';
import { itemKey, listSemanticsAt, sameKey } from './list-semantics.js';

/** Finds the value at `segments` in `root`, matching keyed list items by key (not index). */
export function resolvePath(root: unknown, segments: readonly PathSegment[]): { value: unknown; path: (string | number)[] } | undefined {
  let current = root;
  const path: (string | number)[] = [];
  for (const s of segments) {
    if (typeof s === 'string') {
      if (!isRecord(current) || !(s in current)) return undefined;
      current = current[s];
      path.push(s);
      continue;
    }
    if (!Array.isArray(current)) return undefined;
    const wanted = s.key;
    const index = wanted ? current.findIndex((item) => {
      const k = itemKey(item, Object.keys(wanted));
      return k !== undefined && sameKey(k, wanted);
    }) : s.index;
    if (index < 0 || index >= current.length) return undefined;
    current = current[index];
    path.push(index);
  }
  if (current === null || current === undefined) return undefined;
  return { value: current, path };
}

/** Object keys only (list items dropped), for semantics lookups. */
export function keyPathOf(segments: readonly PathSegment[]): string[] {
  return segments.filter((s): s is string => typeof s === 'string');
}

/** Turns a path with list indexes into segments that name keyed list items by their merge key. */
export function segmentsOf(group: string, kind: string, root: unknown, path: readonly (string | number)[]): PathSegment[] {
  const out: PathSegment[] = [];
  const keys: string[] = [];
  let current = root;
  for (const p of path) {
    if (typeof p === 'number' && Array.isArray(current)) {
      const semantics = listSemanticsAt(kind, group, keys);
      const key = semantics.type === 'map' ? itemKey(current[p], semantics.keys) : undefined;
      out.push(key ? { index: p, key } : { index: p });
      current = current[p];
    } else {
      const name = String(p);
      out.push(name);
      keys.push(name);
      current = isRecord(current) ? current[name] : undefined;
    }
  }
  return out;
}
