import { isRecord } from '../resource/manifest-resource.js';
import type { Attribution, PathSegment } from './drift-types.js';
import { itemKey, sameKey } from './list-semantics.js';

/** One `metadata.managedFields` entry, as much as attribution needs. */
export interface ManagedFieldsEntry {
  readonly manager: string;
  readonly operation: string;
  readonly subresource?: string;
  readonly time?: string;
  readonly fieldsV1?: FieldsNode;
}
export type FieldsNode = { readonly [element: string]: FieldsNode };

export function readManagedFields(object: unknown): ManagedFieldsEntry[] {
  const metadata = isRecord(object) && isRecord(object.metadata) ? object.metadata : undefined;
  const list = metadata?.managedFields;
  if (!Array.isArray(list)) return [];
  const out: ManagedFieldsEntry[] = [];
  for (const e of list) {
    if (!isRecord(e) || typeof e.manager !== 'string') continue;
    out.push({
      manager: e.manager,
      operation: typeof e.operation === 'string' ? e.operation : 'Update',
      ...(typeof e.subresource === 'string' && e.subresource ? { subresource: e.subresource } : {}),
      ...(typeof e.time === 'string' ? { time: e.time } : {}),
      ...(isRecord(e.fieldsV1) ? { fieldsV1: e.fieldsV1 as FieldsNode } : {}),
    });
  }
  return out;
}

/**
 * Keeps what attribution and three-way need (manager, operation, subresource, time, field sets) and drops
 * entries for the status subresource, whose fields we never compare. Saves memory when holding many objects.
 */
export function trimManagedFields(entries: unknown): unknown[] | undefined {
  if (!Array.isArray(entries)) return undefined;
  const out: unknown[] = [];
  for (const e of entries) {
    if (!isRecord(e) || e.subresource === 'status') continue;
    out.push({ manager: e.manager, operation: e.operation, ...(e.subresource ? { subresource: e.subresource } : {}), time: e.time, fieldsV1: e.fieldsV1 });
  }
  return out;
}

function childFor(node: FieldsNode, segment: PathSegment, liveItem: unknown): FieldsNode | undefined {
  if (typeof segment === 'string') return node[`f:${segment}`];
  if (segment.key) {
    for (const [element, child] of Object.entries(node)) {
      if (!element.startsWith('k:')) continue;
      try {
        const parsed = JSON.parse(element.slice(2)) as unknown;
        const k = itemKey(parsed, Object.keys(segment.key));
        if (k && sameKey(k, segment.key)) return child;
      } catch {
        // A malformed element owns nothing.
      }
    }
    return undefined;
  }
  if (liveItem !== undefined && (typeof liveItem !== 'object' || liveItem === null)) {
    const byValue = node[`v:${JSON.stringify(liveItem)}`];
    if (byValue) return byValue;
  }
  return node[`i:${segment.index}`];
}

/**
 * How precisely the entry's field set covers `segments`: the number of segments matched when the exact node
 * (or something below it) is listed, fewer when an ancestor is listed as a leaf (an atomic value owned
 * whole), -1 when it does not cover the path.
 */
export function ownershipDepth(fields: FieldsNode | undefined, segments: readonly PathSegment[], live: unknown): number {
  if (!fields) return -1;
  let node: FieldsNode = fields;
  let value: unknown = live;
  let depth = 0;
  for (const segment of segments) {
    if (Object.keys(node).length === 0) return node !== fields ? depth : -1;
    const next: unknown = typeof segment === 'string' ? (isRecord(value) ? value[segment] : undefined) : Array.isArray(value) ? value[segment.index] : undefined;
    const child = childFor(node, segment, next);
    if (!child) return -1;
    node = child;
    value = next;
    depth++;
  }
  return depth;
}

export function ownsPath(fields: FieldsNode | undefined, segments: readonly PathSegment[], live: unknown): boolean {
  return ownershipDepth(fields, segments, live) >= 0;
}

/**
 * The entry that last set the field: the one naming it most precisely (a manager listing the field itself
 * beats one owning a whole parent), then the most recent (shared ownership happens when several appliers
 * agree on a value; the latest writer is the one to name); later entries win ties.
 */
export function findOwner(entries: readonly ManagedFieldsEntry[], segments: readonly PathSegment[], live: unknown): Attribution | undefined {
  let best: ManagedFieldsEntry | undefined;
  let bestDepth = -1;
  for (const e of entries) {
    if (e.subresource === 'status') continue;
    const depth = ownershipDepth(e.fieldsV1, segments, live);
    if (depth < 0) continue;
    if (!best || depth > bestDepth || (depth === bestDepth && (e.time ?? '') >= (best.time ?? ''))) {
      best = e;
      bestDepth = depth;
    }
  }
  if (!best) return undefined;
  return {
    manager: best.manager,
    operation: best.operation,
    ...(best.subresource ? { subresource: best.subresource } : {}),
    ...(best.time ? { time: best.time } : {}),
  };
}

/**
 * Paths an entry's field set names, as path segments resolved against the live object: keyed list items as
 * one path when the item itself is owned, fields as leaves. Sets of scalars (`v:`) and atomic lists are
 * reported at the list field.
 */
export function ownedLeafPaths(fields: FieldsNode | undefined, live: unknown): PathSegment[][] {
  const out: PathSegment[][] = [];
  if (!fields) return out;
  const visit = (node: FieldsNode, value: unknown, path: PathSegment[]) => {
    const elements = Object.keys(node).filter((e) => e !== '.');
    if (elements.length === 0 || elements.some((e) => e.startsWith('v:') || e.startsWith('i:'))) {
      if (path.length > 0) out.push(path);
      return;
    }
    for (const element of elements) {
      const child = node[element] as FieldsNode;
      if (element.startsWith('f:')) {
        const name = element.slice(2);
        visit(child, isRecord(value) ? value[name] : undefined, [...path, name]);
      } else if (element.startsWith('k:') && Array.isArray(value)) {
        const k = parseKeyElement(element);
        if (!k) continue;
        const index = value.findIndex(hasKey(k));
        if (index === -1) continue;
        // The item itself first (reported when Git lost the whole item), then its fields.
        if ('.' in child) out.push([...path, { index, key: k }]);
        visit(child, value[index], [...path, { index, key: k }]);
      }
    }
  };
  visit(fields, live, []);
  return out;
}

/** The key of a `k:{…}` fieldsV1 element (`k:{"name":"app"}`), or undefined when it is malformed. */
export function parseKeyElement(element: string): Record<string, string | number> | undefined {
  try {
    const parsed = JSON.parse(element.slice(2)) as unknown;
    return isRecord(parsed) ? itemKey(parsed, Object.keys(parsed)) : undefined;
  } catch {
    return undefined;
  }
}

/** A predicate for the list item whose merge key is `key`. */
export function hasKey(key: Readonly<Record<string, string | number>>): (item: unknown) => boolean {
  return (item) => {
    const ik = itemKey(item, Object.keys(key));
    return ik !== undefined && sameKey(ik, key);
  };
}
