import { isRecord, type KubeObject } from '../resource/manifest-resource.js';
import { formatResourceKey, groupOf, resourceKeyId, type ResourceKey } from '../resource/resource-key.js';
import { computeResourceDrift, keyOfLive, type DesiredObject, type DriftOptions } from './compute-resource-drift.js';
import { DriftStatus, DriftStrategy, type ResourceDrift } from './drift-types.js';
import { isControlledObject, readOwnershipMark, type OwnershipMark } from './ownership-marks.js';

export interface DriftInput {
  readonly desired: readonly DesiredObject[];
  /** Live objects of the kinds being watched (current lists). */
  readonly live: Iterable<KubeObject>;
  /**
   * Why a kind cannot be compared now ('group/kind' → reason): not served, forbidden, list not synced,
   * cluster unreachable. Such resources are Unknown — never a stale Synced.
   */
  readonly unknownKinds?: ReadonlyMap<string, string>;
  /** Whole-cluster reason (disconnected, unauthorized): every resource is Unknown with it. */
  readonly clusterUnknownReason?: string;
  /** Which ownership marks make an unpaired live object an orphan of this environment (default: any). */
  readonly isOurs?: (mark: OwnershipMark) => boolean;
  readonly options?: DriftOptions;
}

export function kindId(group: string, kind: string): string {
  return `${group}/${kind}`;
}

/** Pairs desired and live objects by group/kind/namespace/name and computes each resource's drift. */
export function computeDrift(input: DriftInput): ResourceDrift[] {
  // Read once: `live` may be a one-shot iterable (an informer cache's generator).
  const liveObjects = [...input.live];
  const options: DriftOptions = { ...input.options, hpaTargets: input.options?.hpaTargets ?? findHpaTargets(input.desired.map((d) => d.object), liveObjects) };
  const strategy = options.strategy ?? DriftStrategy.Normalized;
  const liveById = new Map<string, KubeObject>();
  for (const l of liveObjects) liveById.set(resourceKeyId(keyOfLive(l)), l);

  const out: ResourceDrift[] = [];
  const paired = new Set<string>();
  const declared = new Map<string, DesiredObject[]>();
  for (const d of input.desired) declared.set(resourceKeyId(d.key), [...(declared.get(resourceKeyId(d.key)) ?? []), d]);
  for (const [id, all] of declared) {
    const d = all[0] as DesiredObject;
    paired.add(id);
    if (all.length > 1) {
      // Two overlays (or files) declare the same object: which one is deployed here is for an environment to say.
      const where = all.map((x) => (x.source ? `${x.source.path}:${x.source.range.start.line + 1}` : '?')).join(', ');
      out.push(unknown(d.key, `declared ${all.length} times (${where}); choose an environment to compare one of them`, strategy, d));
      continue;
    }
    const reason = input.clusterUnknownReason ?? input.unknownKinds?.get(kindId(d.key.group, d.key.kind));
    if (reason !== undefined) {
      const crd = input.clusterUnknownReason === undefined ? crdMissingLive(d, input.desired, liveById) : undefined;
      if (crd) out.push({ ...computeResourceDrift(d, undefined, options), reason: `in Git, not in the cluster: its CRD ${crd} (also in Git) is not installed yet` });
      else out.push(unknown(d.key, reason, strategy, d));
      continue;
    }
    const live = liveById.get(id) ?? (d.generatorBaseName ? previousGeneration(d, liveById, paired) : undefined);
    const r = computeResourceDrift(d, live, options);
    if (live && !liveById.has(id)) {
      const liveName = keyOfLive(live).name;
      paired.add(resourceKeyId(keyOfLive(live)));
      out.push({ ...r, status: DriftStatus.Drifted, reason: `live ${liveName} was generated from other content than Git's ${d.key.name} (kustomize generator hash differs)` });
    } else out.push(r);
  }
  if (input.clusterUnknownReason === undefined) {
    for (const [id, l] of liveById) {
      if (paired.has(id) || isControlledObject(l)) continue;
      const mark = readOwnershipMark(l);
      if (!mark || (input.isOurs ? !input.isOurs(mark) : mark.weak)) continue;
      const r = computeResourceDrift(undefined, l, options);
      out.push({ ...r, reason: `live, deployed by ${mark.agent} (${mark.owner}), but not in Git` });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** The name of the CRD in Git that defines `d`'s kind, when that CRD is not live (so the kind cannot be served). */
function crdMissingLive(d: DesiredObject, desired: readonly DesiredObject[], liveById: ReadonlyMap<string, KubeObject>): string | undefined {
  for (const c of desired) {
    if (c.key.group !== 'apiextensions.k8s.io' || c.key.kind !== 'CustomResourceDefinition') continue;
    const spec = isRecord(c.object.spec) ? c.object.spec : {};
    const names = isRecord(spec.names) ? spec.names : {};
    if (spec.group === d.key.group && names.kind === d.key.kind && !liveById.has(resourceKeyId(c.key))) return c.key.name;
  }
  return undefined;
}

/** A generated ConfigMap/Secret whose content changed in Git: live still has the one with the older hash. */
function previousGeneration(d: DesiredObject, liveById: ReadonlyMap<string, KubeObject>, paired: ReadonlySet<string>): KubeObject | undefined {
  const pattern = new RegExp(`^${(d.generatorBaseName ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[a-z0-9]{10}$`);
  let best: KubeObject | undefined;
  for (const [id, l] of liveById) {
    const k = keyOfLive(l);
    if (paired.has(id) || k.group !== d.key.group || k.kind !== d.key.kind || k.namespace !== d.key.namespace || !pattern.test(k.name)) continue;
    const created = (l.metadata as { creationTimestamp?: string } | undefined)?.creationTimestamp ?? '';
    const bestCreated = (best?.metadata as { creationTimestamp?: string } | undefined)?.creationTimestamp ?? '';
    if (!best || created > bestCreated) best = l;
  }
  return best;
}

function unknown(key: ResourceKey, reason: string, strategy: ResourceDrift['strategy'], d: DesiredObject): ResourceDrift {
  return { key, id: formatResourceKey(key), apiVersion: d.object.apiVersion, status: DriftStatus.Unknown, reason, fields: [], strategy, ignoredFields: 0, ...(d.source ? { source: d.source } : {}) };
}

/** Objects scaled by a HorizontalPodAutoscaler (from Git or live): their replicas belong to the HPA. */
export function findHpaTargets(desired: Iterable<KubeObject>, live: Iterable<KubeObject>): Set<string> {
  const out = new Set<string>();
  const visit = (o: KubeObject) => {
    if (o.kind !== 'HorizontalPodAutoscaler' || !isRecord(o.spec) || !isRecord(o.spec.scaleTargetRef)) return;
    const ref = o.spec.scaleTargetRef;
    const metadata = isRecord(o.metadata) ? o.metadata : {};
    if (typeof ref.kind !== 'string' || typeof ref.name !== 'string') return;
    const group = typeof ref.apiVersion === 'string' ? groupOf(ref.apiVersion) : 'apps';
    out.add(resourceKeyId({ group, kind: ref.kind, namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '', name: ref.name }));
  };
  for (const o of desired) visit(o);
  for (const o of live) visit(o);
  return out;
}

/** Drift summary counts per status, in the enum's order. */
export function countByStatus(results: readonly ResourceDrift[]): Record<DriftStatus, number> {
  const counts = Object.fromEntries(Object.values(DriftStatus).map((s) => [s, 0])) as Record<DriftStatus, number>;
  for (const r of results) counts[r.status]++;
  return counts;
}
