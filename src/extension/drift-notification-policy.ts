// Which drift transitions deserve a notification, free of `vscode` so it is unit-tested in plain Node.
// A resource that becomes Drifted while you work is news; the first sync of an environment (or of a new
// server) is not: it only tells what was already there. Unknown is no news either way: a resource that goes
// Drifted → Unknown (cluster unreachable) → Drifted did not change.
import { DriftStatus } from '../core/drift/drift-types.js';
import type { DriftResourceView } from '../protocol/drift-messages.js';
import { formatManager } from './drift/drift-format.js';

export const PER_RESOURCE_INTERVAL_MS = 5 * 60_000;
export const OVERALL_INTERVAL_MS = 10_000;

/** What the tracker reads: the store's shape, narrowed. */
export interface DriftResultsReader {
  resources(environmentId: string): readonly DriftResourceView[];
  resource(environmentId: string, id: string): DriftResourceView | undefined;
}

export interface DriftStoreChangeLike {
  readonly reset: readonly string[];
  readonly resources: readonly { readonly environmentId: string; readonly id: string }[];
}

export interface DriftTransition {
  readonly environmentId: string;
  readonly resource: DriftResourceView;
}

const keyOf = (environmentId: string, id: string): string => `${environmentId}\u0000${id}`;

/** Remembers each resource's last known (not Unknown) status and reports those that became Drifted. */
export class DriftTransitionTracker {
  private readonly known = new Map<string, DriftStatus>();
  private readonly synced = new Set<string>();

  /** Reads the store after a change; answers the resources that became Drifted since the last look. */
  observe(change: DriftStoreChangeLike, store: DriftResultsReader): DriftTransition[] {
    const out: DriftTransition[] = [];
    for (const environmentId of change.reset) {
      const isFirst = !this.synced.has(environmentId);
      const resources = store.resources(environmentId);
      if (resources.length === 0 && isFirst) continue; // an environment listed, not yet synced
      this.synced.add(environmentId);
      for (const resource of resources) {
        const transition = this.record(environmentId, resource);
        if (transition && !isFirst) out.push(transition);
      }
    }
    for (const { environmentId, id } of change.resources) {
      const resource = store.resource(environmentId, id);
      if (!resource) {
        this.known.delete(keyOf(environmentId, id));
        continue;
      }
      // A delta before any reset is a first sync too.
      const isFirst = !this.synced.has(environmentId);
      this.synced.add(environmentId);
      const transition = this.record(environmentId, resource);
      if (transition && !isFirst) out.push(transition);
    }
    return out;
  }

  /** The server stopped: the next results are a first sync again. */
  clear(): void {
    this.known.clear();
    this.synced.clear();
  }

  private record(environmentId: string, resource: DriftResourceView): DriftTransition | undefined {
    if (resource.status === DriftStatus.Unknown) return undefined;
    const key = keyOf(environmentId, resource.id);
    const before = this.known.get(key);
    this.known.set(key, resource.status);
    return resource.status === DriftStatus.Drifted && before !== DriftStatus.Drifted ? { environmentId, resource } : undefined;
  }
}

/** At most one notification per resource every 5 minutes, and one every 10 seconds overall. */
export class NotificationRateLimiter {
  private lastOverall = Number.NEGATIVE_INFINITY;
  private readonly lastByKey = new Map<string, number>();

  constructor(
    private readonly perResourceMs = PER_RESOURCE_INTERVAL_MS,
    private readonly overallMs = OVERALL_INTERVAL_MS,
  ) {}

  /** Whether a notification about `key` may show at `now` (ms); if so, it counts as shown. */
  allow(key: string, now: number): boolean {
    if (now - this.lastOverall < this.overallMs) return false;
    const last = this.lastByKey.get(key);
    if (last !== undefined && now - last < this.perResourceMs) return false;
    this.lastOverall = now;
    this.lastByKey.set(key, now);
    for (const [k, t] of this.lastByKey) if (now - t >= this.perResourceMs) this.lastByKey.delete(k);
    return true;
  }
}

/** "Deployment shop/api-server was modified outside GitOps by kubectl (scale)". */
export function describeDriftNotification(resource: DriftResourceView): string {
  const { kind, namespace, name } = resource.key;
  const object = `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
  const attribution = resource.fields.find((f) => f.attribution)?.attribution;
  const by = attribution ? ` by ${formatManager(attribution)}` : '';
  return `${object} was modified outside GitOps${by}`;
}
