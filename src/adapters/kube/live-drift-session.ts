import { EventEmitter } from 'node:events';
import { computeDrift, findHpaTargets, kindId } from '../../core/drift/compute-drift.js';
import { computeResourceDrift, keyOfLive, type DesiredObject, type DriftOptions } from '../../core/drift/compute-resource-drift.js';
import { DriftStatus, type ResourceDrift } from '../../core/drift/drift-types.js';
import { isControlledObject, readOwnershipMark, type OwnershipMark } from '../../core/drift/ownership-marks.js';
import type { KubeObject } from '../../core/resource/manifest-resource.js';
import { formatResourceKey, resourceKeyId } from '../../core/resource/resource-key.js';
import { ClusterStatus } from './cluster-status.js';
import type { InformerPool, WatchTarget } from './informer-pool.js';

export interface LiveDriftEvents {
  /** One resource's result changed (incremental: only the resource a watch event touched). */
  result: [result: ResourceDrift];
  /** Every result was recomputed (status change, desired state change). */
  results: [results: readonly ResourceDrift[]];
  status: [status: ClusterStatus, reason: string | undefined];
}

export interface LiveDriftInput {
  readonly desired: readonly DesiredObject[];
  readonly options?: DriftOptions;
  readonly isOurs?: (mark: OwnershipMark) => boolean;
}

/** Kinds and namespaces to watch for a desired state: exactly what it declares, nothing cluster-wide if avoidable. */
export function watchTargetsFor(desired: readonly DesiredObject[]): WatchTarget[] {
  const byKind = new Map<string, { group: string; kind: string; namespaces: Set<string>; clusterScoped: boolean }>();
  for (const d of desired) {
    const id = kindId(d.key.group, d.key.kind);
    const t = byKind.get(id) ?? { group: d.key.group, kind: d.key.kind, namespaces: new Set<string>(), clusterScoped: false };
    if (d.key.namespace) t.namespaces.add(d.key.namespace);
    else t.clusterScoped = true;
    byKind.set(id, t);
  }
  return [...byKind.values()].map((t) => ({ group: t.group, kind: t.kind, namespaces: t.clusterScoped ? [] : [...t.namespaces].sort() }));
}

/**
 * Drift kept current from watch events: a change recomputes only the resource it touches; a cluster status
 * change recomputes everything (to Unknown when disconnected, back when synced).
 */
export class LiveDriftSession extends EventEmitter<LiveDriftEvents> {
  private desiredById = new Map<string, DesiredObject>();
  private current = new Map<string, ResourceDrift>();
  private hpaTargets = new Set<string>();
  private readonly onChange = (gk: string, object: KubeObject | undefined, name: string) => this.handleChange(gk, object, name);
  private lastUnknown = new Map<string, string>();
  private lastClusterReason: string | undefined;
  private readonly onStatus = (status: ClusterStatus, reason: string | undefined) => {
    this.recomputeChanged();
    this.emit('status', status, reason);
  };

  constructor(private readonly pool: InformerPool, private input: LiveDriftInput) {
    super();
    this.indexDesired();
    pool.on('change', this.onChange);
    pool.on('status', this.onStatus);
  }

  dispose(): void {
    this.pool.off('change', this.onChange);
    this.pool.off('status', this.onStatus);
  }

  setDesired(input: LiveDriftInput): void {
    this.input = input;
    this.indexDesired();
    this.recomputeAll();
  }

  results(): ResourceDrift[] {
    return [...this.current.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  private duplicated = new Set<string>();

  private indexDesired(): void {
    this.desiredById = new Map();
    this.duplicated = new Set();
    for (const d of this.input.desired) {
      const id = resourceKeyId(d.key);
      if (this.desiredById.has(id)) this.duplicated.add(id);
      this.desiredById.set(id, d);
    }
  }

  private clusterReason(): string | undefined {
    const s = this.pool.status;
    if (s === ClusterStatus.Unreachable || s === ClusterStatus.Unauthorized) return `cluster ${s.toLowerCase()}: ${this.pool.statusReason ?? 'no detail'}`;
    return undefined;
  }

  recomputeAll(): readonly ResourceDrift[] {
    const live = [...this.pool.objects()];
    this.hpaTargets = findHpaTargets(this.input.desired.map((d) => d.object), live);
    const results = this.compute(this.input.desired, live);
    this.current = new Map(results.map((r) => [resourceKeyId(r.key), r]));
    this.emit('results', results);
    return results;
  }

  private compute(desired: readonly DesiredObject[], live: readonly KubeObject[]): ResourceDrift[] {
    const clusterReason = this.clusterReason();
    const unknownKinds = this.pool.unknownKinds();
    this.lastUnknown = unknownKinds;
    this.lastClusterReason = clusterReason;
    return computeDrift({
      desired,
      live,
      unknownKinds,
      ...(clusterReason ? { clusterUnknownReason: clusterReason } : {}),
      ...(this.input.isOurs ? { isOurs: this.input.isOurs } : {}),
      options: { ...this.input.options, hpaTargets: this.hpaTargets },
    });
  }

  /**
   * After a status change, recompute only the kinds whose currency changed (a kind finished listing, or
   * started retrying): during the first sync of many kinds this adds up to one full computation, not one per
   * informer. A cluster-wide change (unreachable, unauthorized, back) recomputes everything.
   */
  private recomputeChanged(): void {
    const clusterReason = this.clusterReason();
    if (clusterReason !== this.lastClusterReason) {
      this.recomputeAll();
      return;
    }
    const unknown = this.pool.unknownKinds();
    const changed = new Set<string>();
    for (const k of new Set([...unknown.keys(), ...this.lastUnknown.keys()])) if (unknown.get(k) !== this.lastUnknown.get(k)) changed.add(k);
    if (changed.size === 0) return;
    const ofChanged = (group: string, kind: string) => changed.has(kindId(group, kind));
    const desired = this.input.desired.filter((d) => ofChanged(d.key.group, d.key.kind));
    const live = [...this.pool.objects()].filter((o) => {
      const k = keyOfLive(o);
      return ofChanged(k.group, k.kind);
    });
    if (changed.has(kindId('autoscaling', 'HorizontalPodAutoscaler'))) this.hpaTargets = findHpaTargets(this.input.desired.map((d) => d.object), this.pool.objects());
    const results = this.compute(desired, live);
    for (const [id, r] of this.current) if (ofChanged(r.key.group, r.key.kind)) this.current.delete(id);
    for (const r of results) this.current.set(resourceKeyId(r.key), r);
    this.emit('results', this.results());
  }

  private handleChange(gk: string, object: KubeObject | undefined, name: string): void {
    if (object?.kind === 'HorizontalPodAutoscaler') {
      this.recomputeAll();
      return;
    }
    const [namespace = '', objName = ''] = name.split('/');
    const [group = '', kind = ''] = gk.split('/');
    const key = object ? keyOfLive(object) : { group, kind, namespace, name: objName };
    const id = resourceKeyId(key);
    // Declared twice: stays Unknown (computeDrift's verdict) whatever happens live.
    if (this.duplicated.has(id)) return;
    const desired = this.desiredById.get(id);
    const unknown = this.clusterReason() ?? this.pool.unknownKinds().get(gk);
    let result: ResourceDrift | undefined;
    if (unknown !== undefined) {
      result = { key, id: formatResourceKey(key), status: DriftStatus.Unknown, reason: unknown, fields: [], strategy: 'normalized', ignoredFields: 0 };
    } else if (desired) {
      result = computeResourceDrift(desired, object, { ...this.input.options, hpaTargets: this.hpaTargets });
    } else if (object && !isControlledObject(object)) {
      const mark = readOwnershipMark(object);
      if (mark && (this.input.isOurs ? this.input.isOurs(mark) : !mark.weak)) result = { ...computeResourceDrift(undefined, object, this.input.options), reason: `live, deployed by ${mark.agent} (${mark.owner}), but not in Git` };
    }
    if (result) {
      this.current.set(id, result);
      this.emit('result', result);
    } else if (this.current.delete(id)) {
      // An orphan deleted live: it is gone from the results; tell listeners with a full set.
      this.emit('results', this.results());
    }
  }
}
