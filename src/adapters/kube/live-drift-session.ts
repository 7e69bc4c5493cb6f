import { EventEmitter } from 'node:events';
import type { DesiredObject, DriftOptions } from '../../core/drift/compute-resource-drift.js';
import { DriftPairing, kindId, type DriftChanges } from '../../core/drift/drift-pairing.js';
import type { ResourceDrift } from '../../core/drift/drift-types.js';
import type { OwnershipMark } from '../../core/drift/ownership-marks.js';
import type { KubeObject } from '../../core/resource/manifest-resource.js';
import { ClusterStatus } from './cluster-status.js';
import type { InformerPool, WatchTarget } from './informer-pool.js';
import { findUnmanaged, type UnmanagedObject } from '../../core/drift/unmanaged-objects.js';

export interface LiveDriftEvents {
  /** Some results changed (a watch event, a kind listed or failing): only those. */
  changed: [upserted: readonly ResourceDrift[], removedIds: readonly string[]];
  /** Every result was recomputed (desired state changed, the cluster lost or back): `results` is the whole set. */
  reset: [results: readonly ResourceDrift[]];
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
 * Drift kept current from the informer pool: watch events and status changes go to one `DriftPairing`
 * (core), which re-evaluates only the resources they can affect; what changed is emitted as `changed`.
 */
export class LiveDriftSession extends EventEmitter<LiveDriftEvents> {
  private pairing: DriftPairing;
  private readonly onChange = (gk: string, object: KubeObject | undefined, name: string) => {
    const [group = '', kind = ''] = splitOnce(gk);
    const [namespace = '', objName = ''] = splitOnce(name);
    this.emitChanges(this.pairing.setLive({ group, kind, namespace, name: objName }, object));
  };
  private readonly onStatus = (status: ClusterStatus, reason: string | undefined) => {
    // The cluster lost or back (every result re-evaluated) is a reset; a kind listing or failing, a change.
    const cluster = this.pairing.setClusterReason(this.clusterReason());
    const kinds = this.pairing.setUnknownKinds(this.pool.unknownKinds());
    if (cluster.upserted.length > 0 || cluster.removedIds.length > 0) this.emit('reset', this.pairing.results());
    else this.emitChanges(kinds);
    this.emit('status', status, reason);
  };

  constructor(private readonly pool: InformerPool, private input: LiveDriftInput) {
    super();
    this.pairing = this.buildPairing();
    pool.on('change', this.onChange);
    pool.on('status', this.onStatus);
  }

  dispose(): void {
    this.pool.off('change', this.onChange);
    this.pool.off('status', this.onStatus);
  }

  /** A new desired state (the pool's targets already follow it): everything is recomputed and emitted as `reset`. */
  setDesired(input: LiveDriftInput): void {
    this.input = input;
    this.pairing = this.buildPairing();
    this.emit('reset', this.pairing.results());
  }

  results(): ResourceDrift[] {
    return this.pairing.results();
  }

  /** The desired and live objects a resource's result compares (by `resourceKeyId`). */
  objectsOf(id: string): { readonly git?: DesiredObject; readonly live?: KubeObject } {
    const git = this.pairing.desiredOf(id);
    const live = this.pairing.liveOf(id);
    return { ...(git ? { git } : {}), ...(live ? { live } : {}) };
  }

  /** Live objects in the namespaces Git deploys to that nothing deploys (unmanaged-objects.ts). */
  unmanaged(): UnmanagedObject[] {
    return findUnmanaged(this.input.desired, this.pool.objects());
  }

  private buildPairing(): DriftPairing {
    const clusterReason = this.clusterReason();
    return new DriftPairing({
      desired: this.input.desired,
      unknownKinds: this.pool.unknownKinds(),
      ...(clusterReason ? { clusterUnknownReason: clusterReason } : {}),
      ...(this.input.isOurs ? { isOurs: this.input.isOurs } : {}),
      ...(this.input.options ? { options: this.input.options } : {}),
    }, this.pool.objects());
  }

  private clusterReason(): string | undefined {
    const s = this.pool.status;
    if (s === ClusterStatus.Unreachable || s === ClusterStatus.Unauthorized) return `cluster ${s.toLowerCase()}: ${this.pool.statusReason ?? 'no detail'}`;
    return undefined;
  }

  private emitChanges(changes: DriftChanges): void {
    if (changes.upserted.length > 0 || changes.removedIds.length > 0) this.emit('changed', changes.upserted, changes.removedIds);
  }
}

function splitOnce(s: string): [string, string] {
  const i = s.indexOf('/');
  return i === -1 ? ['', s] : [s.slice(0, i), s.slice(i + 1)];
}
