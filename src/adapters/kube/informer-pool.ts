import { EventEmitter } from 'node:events';
import type { KubeObject } from '../../core/resource/manifest-resource.js';
import { ClusterAccessError, ClusterStatus } from './cluster-status.js';
import type { DiscoveryResult, ServedResource } from './discovery.js';
import type { KubeClient } from './kube-client.js';
import { ResourceInformer, type InformerOptions } from './resource-informer.js';

/** A kind to watch and where: the namespaces the desired state uses, or cluster-wide for cluster-scoped kinds. */
export interface WatchTarget {
  readonly group: string;
  readonly kind: string;
  /** Namespaces to watch; empty for cluster-scoped kinds (or to watch all namespaces). */
  readonly namespaces: readonly string[];
}

export interface PoolEvents {
  change: [gk: string, object: KubeObject | undefined, name: string];
  status: [status: ClusterStatus, reason: string | undefined];
}

/**
 * Informers for exactly the kinds (and namespaces) drift needs, and the cluster status they add up to.
 * Kinds whose cache is not current are reported by `unknownKinds()`, so drift shows Unknown, never stale data.
 */
export class InformerPool extends EventEmitter<PoolEvents> {
  /** 'group/kind|namespace' ('' for cluster-wide) → its informer. */
  private readonly informers = new Map<string, { gk: string; informer: ResourceInformer }>();
  private lastStatus: ClusterStatus = ClusterStatus.Connecting;
  private lastReason: string | undefined;
  private started = false;

  constructor(
    private readonly client: KubeClient,
    private discovery: DiscoveryResult,
    targets: readonly WatchTarget[],
    private readonly options: InformerOptions = {},
  ) {
    super();
    this.addTargets(targets);
  }

  /**
   * Watches exactly `targets` from now on (with `discovery` saying where kinds are served): informers no
   * longer needed stop and their objects leave the cache; new ones start (when the pool runs); the rest go on.
   */
  setTargets(targets: readonly WatchTarget[], discovery: DiscoveryResult): void {
    this.discovery = discovery;
    const wanted = new Set(this.informerKeys(targets).map(([key]) => key));
    for (const [key, { informer }] of this.informers) {
      if (wanted.has(key)) continue;
      this.informers.delete(key);
      informer.stop();
    }
    this.addTargets(targets);
    this.updateStatus();
  }

  /** The 'group/kind|namespace' keys of the informers that `targets` need (kinds not served have none). */
  private informerKeys(targets: readonly WatchTarget[]): [key: string, gk: string, served: ServedResource, namespace: string | undefined][] {
    const out: [string, string, ServedResource, string | undefined][] = [];
    for (const t of targets) {
      const gk = `${t.group}/${t.kind}`;
      const served = this.discovery.served.get(gk);
      if (!served) continue;
      const namespaces = served.namespaced && t.namespaces.length > 0 ? [...new Set(t.namespaces)] : [undefined];
      for (const ns of namespaces) out.push([`${gk}|${ns ?? ''}`, gk, served, ns]);
    }
    return out;
  }

  private addTargets(targets: readonly WatchTarget[]): void {
    for (const [key, gk, served, namespace] of this.informerKeys(targets)) {
      if (this.informers.has(key)) continue;
      const informer = new ResourceInformer(this.client, served, namespace, {
        onChange: (name, object) => this.emit('change', gk, object, name),
        onState: () => this.updateStatus(),
      }, this.options);
      this.informers.set(key, { gk, informer });
      if (this.started) informer.start();
    }
  }

  /** Paths of the collections watched (`/api/v1/namespaces/shop/configmaps`), sorted. */
  watchedPaths(): string[] {
    return [...this.informers.values()].map(({ informer }) => informer.path).sort();
  }

  start(): void {
    this.started = true;
    for (const { informer } of this.informers.values()) informer.start();
    this.updateStatus();
  }

  stop(): void {
    this.started = false;
    for (const { informer } of this.informers.values()) informer.stop();
  }

  get status(): ClusterStatus {
    return this.lastStatus;
  }

  get statusReason(): string | undefined {
    return this.lastReason;
  }

  /** Every cached live object. */
  *objects(): Iterable<KubeObject> {
    for (const { informer } of this.informers.values()) yield* informer.objects.values();
  }

  objectCount(): number {
    return [...this.informers.values()].reduce((n, { informer }) => n + informer.objects.size, 0);
  }

  /**
   * Why resources cannot be compared now (not served, not yet listed, retrying after an error): 'group/kind'
   * for a whole kind, 'group/kind/namespace' for one namespace's informer (the kind's other namespaces stay
   * compared while a namespace new to Git lists).
   */
  unknownKinds(): Map<string, string> {
    const out = new Map(this.discovery.unavailable);
    for (const { gk, informer } of this.informers.values()) {
      if (informer.state.current || out.has(gk)) continue;
      const key = informer.namespace === undefined ? gk : `${gk}/${informer.namespace}`;
      const s = informer.state;
      const why = s.phase === 'retrying'
        ? `${notServedAnyMore(gk, s.error) ?? s.error?.message ?? 'error'}; retrying in ${Math.round((s.retryInMs ?? 0) / 1000)} s`
        : s.phase === 'stopped' ? 'not watched' : 'listing…';
      out.set(key, why);
    }
    return out;
  }

  /**
   * Resolves once every informer has listed and is watching (with `settled`, also when an informer was refused
   * in a way retrying will not fix soon: 401, 403, 404 — a one-shot run need not wait for those); rejects
   * with the status error at the deadline.
   */
  whenSynced(timeoutMs: number, settled = false): Promise<void> {
    const refused = (e: Error | undefined) => settled && e instanceof ClusterAccessError && [401, 403, 404].includes(e.details.httpStatus ?? 0);
    return new Promise((resolve, reject) => {
      const check = () => {
        if ([...this.informers.values()].every(({ informer }) => informer.state.current || refused(informer.state.error))) {
          cleanup();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new ClusterAccessError(this.lastReason ?? `cluster not synced within ${timeoutMs} ms`, this.lastStatus === ClusterStatus.Connected ? ClusterStatus.Degraded : this.lastStatus));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('status', check);
      };
      this.on('status', check);
      check();
    });
  }

  private updateStatus(): void {
    const states = [...this.informers.values()].map(({ informer }) => informer.state);
    const errors = states.map((s) => s.error).filter((e): e is Error => e !== undefined && !states.every((x) => x.current));
    let status: ClusterStatus;
    let reason: string | undefined;
    const failing = states.filter((s) => s.phase === 'retrying');
    const accessErrors = failing.map((s) => s.error).filter((e): e is ClusterAccessError => e instanceof ClusterAccessError);
    if (states.length > 0 && states.every((s) => s.current)) {
      status = ClusterStatus.Connected;
    } else if (accessErrors.some((e) => e.status === ClusterStatus.Unauthorized)) {
      status = ClusterStatus.Unauthorized;
      reason = accessErrors.find((e) => e.status === ClusterStatus.Unauthorized)?.message;
    } else if (failing.length > 0 && failing.length === states.length && accessErrors.length === failing.length && accessErrors.every((e) => e.status === ClusterStatus.Unreachable)) {
      status = ClusterStatus.Unreachable;
      reason = accessErrors[0]?.message;
    } else if (failing.length > 0) {
      status = ClusterStatus.Degraded;
      reason = failing[0]?.error?.message;
    } else if (states.length === 0) {
      status = ClusterStatus.Connected;
    } else {
      status = ClusterStatus.Connecting;
      reason = errors[0]?.message;
    }
    if (status !== this.lastStatus || reason !== this.lastReason) {
      this.lastStatus = status;
      this.lastReason = reason;
    }
    this.emit('status', status, reason);
  }
}

/** A kind that listed before and now answers 404: its CRD was deleted (or its API group went away). */
function notServedAnyMore(gk: string, error: Error | undefined): string | undefined {
  if (!(error instanceof ClusterAccessError) || error.details.httpStatus !== 404) return undefined;
  const [group, kind] = gk.split('/');
  return `the cluster no longer serves ${kind ?? gk}${group ? ` (${group})` : ''}: HTTP 404 (was its CRD deleted?)`;
}
