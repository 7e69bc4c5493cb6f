// In-memory object store with one resourceVersion counter for the whole server (like etcd's revision),
// an event history for watches, and compaction (after which old versions answer 410 Gone).
import { deepClone, type KubeObject } from './types.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredEvent {
  type: WatchEventType;
  resourceVersion: number;
  /** group/plural: the identity of a resource independent of its served version. */
  resource: string;
  namespace: string;
  object: KubeObject;
  /** The object before a MODIFIED event, so watches with selectors can tell enter from leave. */
  previous?: KubeObject;
}

export type StoreListener = (event: StoredEvent) => void;

export interface StorageSnapshot {
  revision: number;
  objects: [string, [string, KubeObject][]][];
}

const HISTORY_LIMIT = 5000;

export class Storage {
  private revision = 1;
  private compactedRevision = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private history: StoredEvent[] = [];
  private readonly listeners = new Set<StoreListener>();

  get currentRevision(): number {
    return this.revision;
  }

  /** Versions at or below this one are gone from the history: watching from them answers 410. */
  get compacted(): number {
    return this.compactedRevision;
  }

  private bucket(resource: string): Map<string, KubeObject> {
    let b = this.objects.get(resource);
    if (!b) {
      b = new Map();
      this.objects.set(resource, b);
    }
    return b;
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    const o = this.objects.get(resource)?.get(objectKey(namespace, name));
    return o ? deepClone(o) : undefined;
  }

  /** Objects sorted by namespace then name, as etcd's key order returns them. */
  list(resource: string, namespace?: string): KubeObject[] {
    const b = this.objects.get(resource);
    if (!b) return [];
    return [...b.entries()]
      .filter(([, o]) => namespace === undefined || (o.metadata.namespace ?? '') === namespace)
      .sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0))
      .map(([, o]) => deepClone(o));
  }

  listAll(): { resource: string; object: KubeObject }[] {
    const out: { resource: string; object: KubeObject }[] = [];
    for (const [resource, b] of this.objects) for (const o of b.values()) out.push({ resource, object: deepClone(o) });
    return out;
  }

  /** Stores the object under a fresh resourceVersion (set on the object) and notifies watchers. */
  put(resource: string, object: KubeObject, type: 'ADDED' | 'MODIFIED'): KubeObject {
    this.revision += 1;
    const stored = deepClone(object);
    stored.metadata.resourceVersion = String(this.revision);
    const namespace = String(stored.metadata.namespace ?? '');
    const key = objectKey(namespace, String(stored.metadata.name));
    const previous = this.bucket(resource).get(key);
    this.bucket(resource).set(key, stored);
    this.record({ type, resourceVersion: this.revision, resource, namespace, object: stored, previous: type === 'MODIFIED' ? previous : undefined });
    return deepClone(stored);
  }

  remove(resource: string, namespace: string, name: string): KubeObject | undefined {
    const b = this.objects.get(resource);
    const key = objectKey(namespace, name);
    const existing = b?.get(key);
    if (!b || !existing) return undefined;
    b.delete(key);
    this.revision += 1;
    const gone = deepClone(existing);
    gone.metadata.resourceVersion = String(this.revision);
    this.record({ type: 'DELETED', resourceVersion: this.revision, resource, namespace, object: gone });
    return deepClone(gone);
  }

  /** Drops a whole resource (its CRD went away) without events, as the real server stops serving it. */
  dropResource(resource: string): void {
    this.objects.delete(resource);
  }

  private record(event: StoredEvent): void {
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) {
      const dropped = this.history.splice(0, this.history.length - HISTORY_LIMIT);
      this.compactedRevision = dropped[dropped.length - 1]?.resourceVersion ?? this.compactedRevision;
    }
    for (const l of [...this.listeners]) l(event);
  }

  /** Events of one resource after the given version; undefined when that version was compacted away. */
  eventsSince(resource: string, since: number): StoredEvent[] | undefined {
    if (since < this.compactedRevision) return undefined;
    return this.history.filter((e) => e.resource === resource && e.resourceVersion > since).map((e) => ({ ...e, object: deepClone(e.object), previous: e.previous && deepClone(e.previous) }));
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets all history: every watch from a version seen so far, the current one included, gets 410 Gone. */
  compact(): void {
    this.history = [];
    this.compactedRevision = this.revision + 1;
  }

  snapshot(): StorageSnapshot {
    return {
      revision: this.revision,
      objects: [...this.objects].map(([r, b]) => [r, [...b].map(([k, o]) => [k, deepClone(o)] as [string, KubeObject])]),
    };
  }

  restore(snapshot: StorageSnapshot): void {
    this.objects.clear();
    for (const [r, entries] of snapshot.objects) this.objects.set(r, new Map(entries.map(([k, o]) => [k, deepClone(o)])));
    this.revision = snapshot.revision;
    // A restarted etcd keeps its data but a new apiserver's watch cache starts at the current revision.
    this.history = [];
    this.compactedRevision = snapshot.revision;
  }
}

function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
