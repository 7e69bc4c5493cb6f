import { isRecord } from '../resource/manifest-resource.js';
import type { PathSegment } from './drift-types.js';
import { itemKey, sameKey } from './list-semantics.js';

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
