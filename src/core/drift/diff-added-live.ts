// What people added live that Git does not declare, found through managedFields: the fields a person's tool
// (person-tools.ts) owns, inside what Git declares (a field of the object's spec or data, an item of a keyed
// list Git declares, a field inside a declared container). Controllers' fields, status, server defaults and
// server-assigned values are never reported; labels and annotations are listed apart (live-only metadata).
import { isRecord } from '../resource/manifest-resource.js';
import { FieldChange, type PathSegment } from './drift-types.js';
import { sameKey } from './list-semantics.js';
import { hasKey, parseKeyElement, type FieldsNode, type ManagedFieldsEntry } from './managed-fields.js';
import type { RawDiff } from './raw-diff.js';
import { keyPathOf, resolvePath } from './resolve-path.js';
import { serverDefault } from './server-defaults.js';
import { isEmptyValue, scalarsEqual } from './value-equality.js';

export interface AddedLiveInput {
  readonly group: string;
  readonly kind: string;
  /** Normalized Git object. */
  readonly git: Record<string, unknown>;
  /** Normalized live object (no managedFields, status, server annotations). */
  readonly live: Record<string, unknown>;
  /** The live object with known server defaults hidden where Git leaves them out (for shown values). */
  readonly liveWithoutDefaults: () => Record<string, unknown>;
  readonly entries: readonly ManagedFieldsEntry[];
  readonly isPerson: (manager: string) => boolean;
  /** Differences already found (two-way, three-way): the same field is not reported twice. */
  readonly known: readonly RawDiff[];
}

export interface AddedLive {
  /** `added-live` and `changed-default` differences. */
  readonly fields: RawDiff[];
  /** Labels and annotations a person's tool added that Git does not declare. */
  readonly metadata: RawDiff[];
}

/** Never a person's change, whoever owns them: what `kubectl rollout restart` writes, agents' tracking marks. */
const NOT_DRIFT_METADATA = /^(kubectl\.kubernetes\.io\/(restartedAt|last-applied-configuration)|deployment\.kubernetes\.io\/revision|kustomize\.toolkit\.fluxcd\.io\/|helm\.toolkit\.fluxcd\.io\/|argocd\.argoproj\.io\/|gitops-authoring\.dev\/)/;

/** Values the server assigns (allocations, generated selectors), not defaults: a person did not choose them. */
const SERVER_ASSIGNED = new Set([
  '/Service:spec.clusterIP', '/Service:spec.clusterIPs', '/Service:spec.ipFamilies', '/Service:spec.ports.nodePort',
  '/Service:spec.healthCheckNodePort', '/PersistentVolumeClaim:spec.volumeName', '/Pod:spec.nodeName',
  'batch/Job:spec.selector', 'batch/Job:spec.template.metadata.labels',
]);

export function diffAddedLive(input: AddedLiveInput): AddedLive {
  const out: AddedLive = { fields: [], metadata: [] };
  const seen = new Set<string>();
  const report = (list: RawDiff[], d: RawDiff) => {
    const id = JSON.stringify(d.segments);
    if (seen.has(id) || input.known.some((k) => overlaps(k.segments, d.segments))) return;
    seen.add(id);
    list.push(d);
  };

  const visit = (node: FieldsNode, live: unknown, git: unknown, segments: PathSegment[], livePath: (string | number)[]) => {
    for (const [element, child] of Object.entries(node)) {
      const step = stepInto(element, live, git);
      if (!step) continue;
      const here = [...segments, step.segment];
      const path = [...livePath, step.index];
      if (step.live === undefined || step.live === null) continue;
      if (here.length === 1 && (step.segment === 'status' || step.segment === 'apiVersion' || step.segment === 'kind')) continue;
      const metadataKey = metadataMapKey(here);
      if (metadataKey !== undefined) {
        if (step.git !== undefined || NOT_DRIFT_METADATA.test(metadataKey)) continue;
        report(out.metadata, { segments: here, livePath: path, keyPath: keyPathOf(here), change: FieldChange.AddedLive, liveValue: step.live });
        continue;
      }
      if (isMetadataMap(here)) {
        visit(child, step.live, step.git, here, path);
        continue;
      }
      if (here[0] === 'metadata') {
        // Of the object's metadata only labels and annotations (ownerReferences, finalizers: not a hotfix).
        if (here.length === 1) visit(child, step.live, step.git, here, path);
        continue;
      }
      const hasChildren = Object.keys(child).some((e) => e !== '.');
      if (step.git !== undefined) {
        if (hasChildren) visit(child, step.live, step.git, here, path);
        continue;
      }
      // Git says nothing here. One finding for what this manager created whole (a map it owns with `.`, a
      // keyed list item: a sidecar, an env variable, a probe); a map others created (`resources`, defaulted
      // by the server) or a keyed list is looked into, so each field or item is its own finding.
      const elements = Object.keys(child);
      const isKeyedList = Array.isArray(step.live) && elements.some((e) => e.startsWith('k:'));
      const isSharedMap = isRecord(step.live) && !elements.includes('.');
      if (hasChildren && typeof step.segment === 'string' && (isKeyedList || isSharedMap) && !elements.some((e) => e.startsWith('v:') || e.startsWith('i:'))) {
        visit(child, step.live, undefined, here, path);
        continue;
      }
      const finding = classify(input, here, path, step.live, live);
      if (finding) report(out.fields, finding);
    }
  };

  for (const entry of input.entries) {
    if (entry.subresource === 'status' || !entry.fieldsV1 || !input.isPerson(entry.manager)) continue;
    visit(entry.fieldsV1, input.live, input.git, [], []);
  }
  return out;
}

function classify(input: AddedLiveInput, segments: PathSegment[], livePath: (string | number)[], value: unknown, parent: unknown): RawDiff | undefined {
  const keyPath = keyPathOf(segments);
  const gk = `${input.group}/${input.kind}`;
  if (SERVER_ASSIGNED.has(`${gk}:${keyPath.join('.')}`)) return undefined;
  // The API server writes the deprecated `serviceAccount` as a copy of `serviceAccountName` (v1 conversion).
  if (segments.at(-1) === 'serviceAccount' && isRecord(parent) && parent.serviceAccountName === value) return undefined;
  const wildcard = segments.map((s) => (typeof s === 'string' ? s : '*')).filter((s, i, all) => !(s === '*' && all[i - 1] === '*'));
  const def = serverDefault(input.group, input.kind, wildcard, isRecord(parent) ? parent : undefined);
  if (def !== undefined) {
    // A map the server creates empty (`resources: {}`): what is in it now is reported where it was added.
    if (scalarsEqual(def, value, keyPath) || (isRecord(def) && (isEmptyValue(value) || isRecord(value)))) return undefined;
    return { segments, livePath, keyPath, change: FieldChange.ChangedDefault, liveValue: value, gitDefault: def };
  }
  // Shown without the defaults the server filled in (a sidecar's terminationMessagePath); nothing left, no drift.
  const shown = resolvePath(input.liveWithoutDefaults(), segments)?.value;
  if (shown === undefined || isEmptyValue(shown)) return undefined;
  return { segments, livePath, keyPath, change: FieldChange.AddedLive, liveValue: shown };
}

interface Step {
  readonly segment: PathSegment;
  readonly index: string | number;
  readonly live: unknown;
  readonly git: unknown;
}

/** One fieldsV1 element applied to the live and Git values: `f:name` a field, `k:{…}` a keyed list item. */
function stepInto(element: string, live: unknown, git: unknown): Step | undefined {
  if (element.startsWith('f:')) {
    const name = element.slice(2);
    return { segment: name, index: name, live: isRecord(live) ? live[name] : undefined, git: isRecord(git) ? git[name] : undefined };
  }
  if (!element.startsWith('k:') || !Array.isArray(live)) return undefined;
  const key = parseKeyElement(element);
  if (!key) return undefined;
  const byKey = hasKey(key);
  const index = live.findIndex(byKey);
  if (index === -1) return undefined;
  return { segment: { index, key }, index, live: live[index], git: Array.isArray(git) ? git.find(byKey) : undefined };
}

/** `metadata.labels` / `metadata.annotations`, of the object or of a template inside it. */
function isMetadataMap(segments: readonly PathSegment[]): boolean {
  const last = segments[segments.length - 1];
  return (last === 'labels' || last === 'annotations') && segments[segments.length - 2] === 'metadata';
}

/** The key when `segments` is one label or annotation, else undefined. */
function metadataMapKey(segments: readonly PathSegment[]): string | undefined {
  const last = segments[segments.length - 1];
  return typeof last === 'string' && isMetadataMap(segments.slice(0, -1)) ? last : undefined;
}

/** One path is the other or contains it (keyed items compared by key). */
function overlaps(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const p = a[i];
    const q = b[i];
    if (typeof p === 'string' || typeof q === 'string') {
      if (p !== q) return false;
    } else if (p?.key && q?.key ? !sameKey(p.key, q.key) : p?.index !== q?.index) return false;
  }
  return true;
}
