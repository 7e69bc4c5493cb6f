import { isRecord } from '../resource/manifest-resource.js';
import { FieldChange } from './drift-types.js';
import { itemKey, listSemanticsAt, sameKey } from './list-semantics.js';
import { childItem, childKey, ROOT, type RawDiff, type WalkPosition } from './raw-diff.js';
import { isEmptyValue, scalarsEqual } from './value-equality.js';

/**
 * Two-way part of the diff: every field Git declares must be present live with an equal value. Fields only
 * live has (server defaults, other managers' fields) are not drift here; the three-way step looks at those
 * Git used to declare.
 */
export function diffDeclared(group: string, kind: string, git: unknown, live: unknown): RawDiff[] {
  const out: RawDiff[] = [];
  walk(group, kind, git, live, ROOT, out);
  return out;
}

function walk(group: string, kind: string, git: unknown, live: unknown, pos: WalkPosition, out: RawDiff[]): void {
  if (git === undefined || git === null) return;
  if (live === undefined || live === null) {
    if (isEmptyValue(git)) return;
    out.push({ segments: pos.segments, gitPath: pos.gitPath, keyPath: pos.keyPath, change: FieldChange.MissingLive, gitValue: git });
    return;
  }
  if (isRecord(git)) {
    if (!isRecord(live)) return changed(pos, git, live, out);
    for (const [k, v] of Object.entries(git)) walk(group, kind, v, live[k], childKey(pos, k), out);
    return;
  }
  if (Array.isArray(git)) {
    if (!Array.isArray(live)) return changed(pos, git, live, out);
    walkList(group, kind, git, live, pos, out);
    return;
  }
  if (isRecord(live) || Array.isArray(live) || !scalarsEqual(git, live, pos.keyPath)) changed(pos, git, live, out);
}

function changed(pos: WalkPosition, git: unknown, live: unknown, out: RawDiff[]): void {
  out.push({ segments: pos.segments, gitPath: pos.gitPath, livePath: pos.livePath, keyPath: pos.keyPath, change: FieldChange.Changed, gitValue: git, liveValue: live });
}

function walkList(group: string, kind: string, git: unknown[], live: unknown[], pos: WalkPosition, out: RawDiff[]): void {
  const semantics = listSemanticsAt(kind, group, pos.keyPath);
  if (semantics.type === 'map') {
    git.forEach((item, gi) => {
      const key = itemKey(item, semantics.keys);
      if (!key) return walk(group, kind, item, live[gi], childItem(pos, gi, gi < live.length ? gi : undefined), out);
      const li = live.findIndex((l) => {
        const lk = itemKey(l, semantics.keys);
        return lk !== undefined && sameKey(lk, key);
      });
      if (li === -1) {
        out.push({ segments: childItem(pos, gi, undefined, key).segments, gitPath: [...pos.gitPath, gi], keyPath: pos.keyPath, change: FieldChange.MissingLive, gitValue: item });
        return;
      }
      walk(group, kind, item, live[li], childItem(pos, gi, li, key), out);
    });
    return;
  }
  if (semantics.type === 'set') {
    git.forEach((item, gi) => {
      if (item === null || item === undefined) return;
      if (!live.some((l) => scalarsEqual(item, l, pos.keyPath))) {
        out.push({ segments: childItem(pos, gi, undefined).segments, gitPath: [...pos.gitPath, gi], keyPath: pos.keyPath, change: FieldChange.MissingLive, gitValue: item });
      }
    });
    return;
  }
  // Atomic: the server keeps the list as applied (defaults inside items still apply), so equal length and
  // item-wise declared-subset equality; anything else is one change of the whole list.
  const itemDiffs: RawDiff[] = [];
  if (git.length === live.length) {
    git.forEach((item, i) => walk(group, kind, item, live[i], childItem(pos, i, i), itemDiffs));
    if (itemDiffs.length === 0) return;
    if (git.every((g) => !isRecord(g) && !Array.isArray(g))) return changed(pos, git, live, out);
    out.push(...itemDiffs);
    return;
  }
  if (git.length === 0) return;
  changed(pos, git, live, out);
}
