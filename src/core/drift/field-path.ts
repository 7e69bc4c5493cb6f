import type { PathSegment } from './drift-types.js';

/** `.spec.template.spec.containers[name="app"].image` — stable across list reorders. */
export function formatFieldPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'string') out += /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
    else if (s.key) out += `[${Object.entries(s.key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
    else out += `[${s.index}]`;
  }
  return out || '.';
}

/** RFC 6901 pointer, list items by their index. */
export function toJsonPointer(path: readonly (string | number)[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.replace(/^\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** True when `prefix` is `path` or one of its ancestors (segment-wise, so /spec/rep is no prefix of /spec/replicas). */
export function isPointerPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}
