// A keyed list item whose key changed live (`kubectl patch` of a Service port 9898 → 8080) shows as drift as
// one item missing live and another added live. Writing them as they are (append the new item, refuse removing
// the old one) would leave both in Git: a Service with two ports named `http`. Here such a pair is recognised
// (same list, same key names, every other field equal) and written as what it is: the key field(s) of Git's
// item set to the live values. An item added to a list that also lost an item unpaired is not written alone.
import { FieldChange, type FieldDrift, type PathSegment } from '../drift/drift-types.js';
import { formatFieldPath } from '../drift/field-path.js';
import { isRecord } from '../resource/manifest-resource.js';
import type { FieldRequest } from './plan-write-back.js';

type KeyedSegment = { readonly index: number; readonly key: Readonly<Record<string, string | number>> };

export interface RekeyedItems {
  /** The key field edits of each recognised pair, with the two drift paths they stand for. */
  readonly rekeyed: readonly { readonly paths: readonly string[]; readonly requests: readonly FieldRequest[] }[];
  /** Added items not written because their list also lost an item that is not their pair. */
  readonly held: readonly { readonly path: string; readonly reason: string }[];
  /** The fields left to plan as usual. */
  readonly rest: readonly FieldDrift[];
}

export function pairRekeyedItems(fields: readonly FieldDrift[]): RekeyedItems {
  const removed = fields.filter((f) => f.change === FieldChange.MissingLive && keyedLast(f.segments) && isRecord(f.gitValue));
  const added = fields.filter((f) => f.change !== FieldChange.MissingLive && f.gitValue === undefined && keyedLast(f.segments) && isRecord(f.liveValue));
  const used = new Set<FieldDrift>();
  const rekeyed: { paths: string[]; requests: FieldRequest[] }[] = [];
  for (const gone of removed) {
    const partners = added.filter((a) => !used.has(a) && isPairOf(gone, a));
    const only = partners.length === 1 ? partners[0] : undefined;
    if (!only || removed.filter((r) => !used.has(r) && isPairOf(r, only)).length !== 1) continue;
    used.add(gone).add(only);
    const from = keyedLast(gone.segments) as KeyedSegment;
    const to = keyedLast(only.segments) as KeyedSegment;
    const requests = Object.keys(from.key)
      .filter((k) => from.key[k] !== to.key[k])
      .map((k) => ({ segments: [...gone.segments, k], from: (gone.gitValue as Record<string, unknown>)[k] ?? from.key[k], to: (only.liveValue as Record<string, unknown>)[k] ?? to.key[k] }));
    rekeyed.push({ paths: [gone.path, only.path], requests });
  }
  const lostLists = new Set(removed.filter((r) => !used.has(r)).map((r) => parentPath(r.segments)));
  const held = added
    .filter((a) => !used.has(a) && lostLists.has(parentPath(a.segments)))
    .map((a) => ({ path: a.path, reason: `${formatFieldPath(a.segments.slice(0, -1))} also lost an item live that is not this one renamed; adding this item alone would keep both in Git: edit the list by hand` }));
  const heldPaths = new Set(held.map((h) => h.path));
  return { rekeyed, held, rest: fields.filter((f) => !used.has(f) && !heldPaths.has(f.path)) };
}

function isPairOf(gone: FieldDrift, added: FieldDrift): boolean {
  const a = keyedLast(gone.segments) as KeyedSegment;
  const b = keyedLast(added.segments) as KeyedSegment;
  if (parentPath(gone.segments) !== parentPath(added.segments)) return false;
  const names = Object.keys(a.key);
  if (names.length !== Object.keys(b.key).length || names.some((n) => !(n in b.key))) return false;
  const git = gone.gitValue as Record<string, unknown>;
  const live = added.liveValue as Record<string, unknown>;
  const others = new Set([...Object.keys(git), ...Object.keys(live)].filter((k) => !names.includes(k)));
  return [...others].every((k) => JSON.stringify(git[k]) === JSON.stringify(live[k]));
}

function keyedLast(segments: readonly PathSegment[]): KeyedSegment | undefined {
  const last = segments[segments.length - 1];
  return typeof last === 'object' && last.key !== undefined && Object.keys(last.key).length > 0 ? (last as KeyedSegment) : undefined;
}

function parentPath(segments: readonly PathSegment[]): string {
  return formatFieldPath(segments.slice(0, -1));
}
