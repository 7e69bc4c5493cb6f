// A short, stable hash of a drift to codify: the resources, their field paths and the live values written.
// The same unresolved drift gives the same hash on every run, so a branch named with `{hash}` already exists
// the second time (a cron job does not open a duplicate pull request); a new live value gives a new hash.

export interface DriftHashEntry {
  /** The resource's id (`apps/Deployment/shop/api`). */
  readonly resourceId: string;
  /** Each codified field's path and the live value written. */
  readonly fields: readonly { readonly path: string; readonly value: unknown }[];
}

/** 8 lower-case hex digits (FNV-1a, 32 bits) over a canonical text: order of resources, fields and map keys does not matter. */
export function driftHashOf(entries: readonly DriftHashEntry[]): string {
  const lines = entries
    .flatMap((e) => e.fields.map((f) => `${e.resourceId}\u0000${f.path}\u0000${canonicalJson(f.value)}`))
    .sort();
  return fnv1a32(lines.join('\n')).toString(16).padStart(8, '0');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
