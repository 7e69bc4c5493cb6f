import { isRecord } from '../resource/manifest-resource.js';
import { FieldChange, type PathSegment } from './drift-types.js';
import { itemKey, listSemanticsAt, sameKey } from './list-semantics.js';
import type { ManagedFieldsEntry } from './managed-fields.js';
import { ownedLeafPaths } from './managed-fields.js';
import type { RawDiff } from './raw-diff.js';
import { keyPathOf, resolvePath } from './resolve-path.js';
import { serverDefault } from './server-defaults.js';
import { isEmptyValue, scalarsEqual } from './value-equality.js';

/**
 * Three-way part of the diff: fields Git used to declare (the last-applied annotation of a client-side apply,
 * or the GitOps agent's Apply entry in managedFields) that Git no longer declares but live still has.
 * A live value equal to the server default is what removing the field leaves behind: no drift.
 */
export function diffRemoved(group: string, kind: string, git: unknown, live: unknown, lastApplied: unknown, agentEntries: readonly ManagedFieldsEntry[]): RawDiff[] {
  const candidates: PathSegment[][] = [];
  if (isRecord(lastApplied)) collectDropped(group, kind, lastApplied, git, [], [], candidates);
  for (const e of agentEntries) {
    if (e.operation !== 'Apply') continue;
    for (const p of ownedLeafPaths(e.fieldsV1, live)) if (resolvePath(git, p) === undefined) candidates.push(p);
  }
  const out: RawDiff[] = [];
  const reported: PathSegment[][] = [];
  for (const segments of candidates) {
    if (segments[0] === 'status' || isServerOwnedMetadata(segments)) continue;
    if (reported.some((r) => isPrefix(r, segments))) continue;
    if (resolvePath(git, segments) !== undefined) continue;
    const found = resolvePath(live, segments);
    if (!found || isEmptyValue(found.value)) continue;
    const keyPath = keyPathOf(segments);
    const parent = resolvePath(live, segments.slice(0, -1))?.value;
    const wildcard = segments.map((s) => (typeof s === 'string' ? s : '*')).filter((s, i, all) => !(s === '*' && all[i - 1] === '*'));
    const def = serverDefault(group, kind, wildcard, isRecord(parent) ? parent : undefined);
    if (def !== undefined && (scalarsEqual(def, found.value, keyPath) || (isRecord(def) && isEmptyValue(found.value)))) continue;
    reported.push(segments);
    out.push({ segments, livePath: found.path, keyPath, change: FieldChange.RemovedFromGit, liveValue: found.value });
  }
  return out;
}

function collectDropped(group: string, kind: string, previous: unknown, git: unknown, segments: PathSegment[], keyPath: string[], out: PathSegment[][]): void {
  if (isRecord(previous)) {
    if (git !== undefined && git !== null && !isRecord(git)) return;
    // Only the keys Git used to declare: a map others add to (annotations, labels) is not Git's whole, and
    // kubectl records `annotations: {}` in every last-applied configuration.
    const current = isRecord(git) ? git : {};
    for (const [k, v] of Object.entries(previous)) collectDropped(group, kind, v, current[k], [...segments, k], [...keyPath, k], out);
    return;
  }
  if (git === undefined || git === null) {
    if (segments.length > 0 && previous !== null) out.push(segments);
    return;
  }
  if (!Array.isArray(previous) || !Array.isArray(git)) return;
  const semantics = listSemanticsAt(kind, group, keyPath);
  if (semantics.type !== 'map') return; // atomic lists and sets: Git still declares the list, the two-way diff covers it
  previous.forEach((item, i) => {
    const key = itemKey(item, semantics.keys);
    if (!key) return;
    const gi = git.findIndex((g) => {
      const gk = itemKey(g, semantics.keys);
      return gk !== undefined && sameKey(gk, key);
    });
    const seg: PathSegment = { index: i, key };
    if (gi === -1) out.push([...segments, seg]);
    else collectDropped(group, kind, item, git[gi], [...segments, seg], keyPath, out);
  });
}

/** Labels and annotations GitOps agents add to what they apply (tracking marks): never in Git, never drift. */
const AGENT_MARK = /^(kustomize\.toolkit\.fluxcd\.io\/|helm\.toolkit\.fluxcd\.io\/|argocd\.argoproj\.io\/|gitops-authoring\.dev\/|app\.kubernetes\.io\/instance$)/;

function isServerOwnedMetadata(segments: readonly PathSegment[]): boolean {
  if (segments[0] === 'apiVersion' || segments[0] === 'kind') return true;
  if (segments[0] !== 'metadata') return false;
  const field = segments[1];
  const mark = segments[2];
  if ((field === 'labels' || field === 'annotations') && typeof mark === 'string' && AGENT_MARK.test(mark)) return true;
  return typeof field === 'string' && ['name', 'namespace', 'managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink'].includes(field);
}

function isPrefix(prefix: readonly PathSegment[], path: readonly PathSegment[]): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((p, i) => {
    const q = path[i];
    if (typeof p === 'string' || typeof q === 'string') return p === q;
    if (p.key && q?.key) return sameKey(p.key, q.key);
    return p.index === q?.index;
  });
}
