// `kubectl set resources --requests=… --limits=…` on a container Git gives no `resources:` drifts as two fields
// added live, `.resources.requests` and `.resources.limits`, both to be inserted under one missing parent. Planned
// apart they would write `resources:` twice (and the second would be refused, "codify it on its own"); here such
// siblings become one field: the missing parent with both values, inserted once.
import { FieldChange, type FieldDrift, type PathSegment } from '../drift/drift-types.js';
import { formatFieldPath } from '../drift/field-path.js';
import { resolvePath } from '../drift/resolve-path.js';
import type { FieldRequest } from './plan-write-back.js';

interface Insert {
  readonly segments: readonly PathSegment[];
  readonly value: unknown;
  /** The drifted fields this insert writes. */
  readonly paths: readonly string[];
}

export interface SiblingInserts {
  /** One request per missing parent, with the drift paths it stands for. */
  readonly merged: readonly { readonly paths: readonly string[]; readonly requests: readonly FieldRequest[] }[];
  readonly rest: readonly FieldDrift[];
}

/** Fields Git lacks that share a parent Git lacks too, joined into that parent (repeatedly, up the path). */
export function mergeSiblingInserts(fields: readonly FieldDrift[], desired: unknown): SiblingInserts {
  let inserts: Insert[] = fields
    .filter((f) => f.change !== FieldChange.MissingLive && f.gitValue === undefined && f.liveValue !== undefined && isKeyed(f.segments))
    .map((f) => ({ segments: f.segments, value: f.liveValue, paths: [f.path] }));
  for (let changed = true; changed;) {
    changed = false;
    const byParent = new Map<string, Insert[]>();
    for (const i of inserts) {
      const parent = i.segments.slice(0, -1);
      if (!isKeyed(i.segments) || parent.length === 0 || resolvePath(desired, parent) !== undefined) continue;
      const key = formatFieldPath(parent);
      byParent.set(key, [...(byParent.get(key) ?? []), i]);
    }
    for (const group of byParent.values()) {
      if (group.length < 2) continue;
      const parent = (group[0] as Insert).segments.slice(0, -1);
      const value = Object.fromEntries(group.map((i) => [i.segments[i.segments.length - 1] as string, i.value]));
      inserts = [...inserts.filter((i) => !group.includes(i)), { segments: parent, value, paths: group.flatMap((i) => i.paths) }];
      changed = true;
    }
  }
  const joined = inserts.filter((i) => i.paths.length > 1);
  const taken = new Set(joined.flatMap((i) => i.paths));
  return {
    merged: joined.map((i) => ({ paths: i.paths, requests: [{ segments: i.segments, to: i.value }] })),
    rest: fields.filter((f) => !taken.has(f.path)),
  };
}

/** The path ends in an object key (not a list item). */
function isKeyed(segments: readonly PathSegment[]): boolean {
  return typeof segments[segments.length - 1] === 'string';
}
