import type { KubeObject } from '../../core/resource/manifest-resource.js';
import { Backoff } from './backoff.js';
import { ClusterAccessError, ClusterStatus } from './cluster-status.js';
import { collectionPath, type ServedResource } from './discovery.js';
import type { KubeClient, WatchEvent, WatchHandle } from './kube-client.js';
import { trimLiveObject } from './trim-live-object.js';

export type InformerPhase = 'listing' | 'watching' | 'retrying' | 'stopped';

export interface InformerState {
  readonly phase: InformerPhase;
  /** True while the cache reflects the server (listed and watching, no error since). */
  readonly current: boolean;
  readonly error?: Error;
  /** When retrying: milliseconds until the next attempt. */
  readonly retryInMs?: number;
}

export interface InformerHandlers {
  onChange(name: string, object: KubeObject | undefined): void;
  onState(state: InformerState): void;
}

export interface InformerOptions {
  readonly pageSize?: number;
  readonly watchTimeoutSeconds?: number;
  readonly backoff?: Backoff;
  /** Injectable timer for tests of the restart policy. */
  readonly setTimer?: (fn: () => void, ms: number) => { cancel(): void };
}

const defaultTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return { cancel: () => clearTimeout(t) };
};

/**
 * List + watch of one resource in one namespace (or cluster-wide): bookmarks asked for, relist after 410 Gone,
 * restart with jittered backoff (to 30 s) after any other error, and a state that says whether the cache can
 * be trusted. Deletions that happened while disconnected are found by the relist.
 */
export class ResourceInformer {
  readonly objects = new Map<string, KubeObject>();
  private resourceVersion = '';
  private watchHandle: WatchHandle | undefined;
  private timer: { cancel(): void } | undefined;
  private stopped = false;
  private generation = 0;
  private readonly backoff: Backoff;
  private readonly setTimer: NonNullable<InformerOptions['setTimer']>;
  state: InformerState = { phase: 'listing', current: false };

  constructor(
    private readonly client: KubeClient,
    readonly resource: ServedResource,
    readonly namespace: string | undefined,
    private readonly handlers: InformerHandlers,
    private readonly options: InformerOptions = {},
  ) {
    this.backoff = options.backoff ?? new Backoff();
    this.setTimer = options.setTimer ?? defaultTimer;
  }

  get path(): string {
    return collectionPath(this.resource, this.namespace);
  }

  start(): void {
    void this.list();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.timer?.cancel();
    this.watchHandle?.abort();
    this.setState({ phase: 'stopped', current: false });
  }

  private setState(state: InformerState): void {
    this.state = state;
    this.handlers.onState(state);
  }

  /**
   * `soft`: a relist while the cache is believed current (after a watch ended early): results keep showing
   * during it instead of flickering to Unknown; any error still makes the kind Unknown.
   */
  private async list(soft = false): Promise<void> {
    if (this.stopped) return;
    const gen = ++this.generation;
    if (!soft || !this.state.current) this.setState({ phase: 'listing', current: false, ...(this.state.error ? { error: this.state.error } : {}) });
    try {
      const fresh = new Map<string, KubeObject>();
      let cont = '';
      let rv = '';
      do {
        const page = await this.client.getJson<{ metadata?: { resourceVersion?: string; continue?: string }; items?: Record<string, unknown>[] }>(this.path, {
          limit: String(this.options.pageSize ?? 500),
          ...(cont ? { continue: cont } : {}),
        });
        if (gen !== this.generation) return;
        for (const item of page.items ?? []) {
          // List items carry no apiVersion/kind; the resource says what they are.
          const obj = { apiVersion: this.apiVersion(), kind: this.resource.kind, ...trimLiveObject(item) } as KubeObject;
          fresh.set(nameOf(obj), obj);
        }
        cont = page.metadata?.continue ?? '';
        rv = page.metadata?.resourceVersion ?? rv;
      } while (cont);
      for (const name of [...this.objects.keys()]) {
        if (!fresh.has(name)) {
          this.objects.delete(name);
          this.handlers.onChange(name, undefined);
        }
      }
      for (const [name, obj] of fresh) {
        const old = this.objects.get(name);
        this.objects.set(name, obj);
        if (!old || resourceVersionOf(old) !== resourceVersionOf(obj)) this.handlers.onChange(name, obj);
      }
      this.resourceVersion = rv;
      this.backoff.reset();
      await this.watch(gen);
    } catch (error) {
      if (gen === this.generation) this.retry(error as Error);
    }
  }

  private apiVersion(): string {
    return this.resource.group ? `${this.resource.group}/${this.resource.version}` : this.resource.version;
  }

  private async watch(gen: number): Promise<void> {
    if (this.stopped || gen !== this.generation) return;
    const timeoutSeconds = this.options.watchTimeoutSeconds ?? 300;
    const openedAt = Date.now();
    const handle = await this.client.watch(
      this.path,
      { resourceVersion: this.resourceVersion, allowWatchBookmarks: 'true', timeoutSeconds: String(timeoutSeconds) },
      (e) => this.onEvent(e, gen),
      (error) => {
        if (gen !== this.generation || this.stopped) return;
        if (error) this.retry(error);
        // At its timeout a watch ends normally: resume from the last version. Ended early, the server may
        // have restarted (even without its data, when a resumed watch would silently show nothing): relist.
        else if (Date.now() - openedAt >= timeoutSeconds * 900) void this.watch(gen).catch((e: Error) => gen === this.generation && this.retry(e));
        else void this.list(true);
      },
      // The server ends a watch at its timeout (and sends bookmarks meanwhile): silence well past it is a dead link.
      (timeoutSeconds + 30) * 1000,
    );
    if (gen !== this.generation) {
      handle.abort();
      return;
    }
    this.watchHandle = handle;
    this.setState({ phase: 'watching', current: true });
  }

  private onEvent(e: WatchEvent, gen: number): void {
    if (gen !== this.generation) return;
    if (e.type === 'BOOKMARK') {
      this.resourceVersion = resourceVersionOf(e.object) || this.resourceVersion;
      return;
    }
    if (e.type === 'ERROR') {
      const code = Number(e.object.code);
      this.watchHandle?.abort();
      this.generation++;
      // 410 Gone: our version is too old for the server's history. Relist at once (not an outage).
      if (code === 410) void this.list();
      else this.retry(new ClusterAccessError(`watch ${this.path}: ${String(e.object.message ?? code)}`, ClusterStatus.Degraded, { httpStatus: code }));
      return;
    }
    const obj = { apiVersion: this.apiVersion(), kind: this.resource.kind, ...trimLiveObject(e.object) } as KubeObject;
    const name = nameOf(obj);
    this.resourceVersion = resourceVersionOf(obj) || this.resourceVersion;
    if (e.type === 'DELETED') {
      this.objects.delete(name);
      this.handlers.onChange(name, undefined);
    } else {
      this.objects.set(name, obj);
      this.handlers.onChange(name, obj);
    }
  }

  private retry(error: Error): void {
    if (this.stopped) return;
    this.generation++;
    this.watchHandle?.abort();
    const retryAfterMs = error instanceof ClusterAccessError && error.details.retryAfterSeconds ? error.details.retryAfterSeconds * 1000 : 0;
    const delay = Math.max(this.backoff.next(), retryAfterMs);
    this.setState({ phase: 'retrying', current: false, error, retryInMs: delay });
    this.timer = this.setTimer(() => void this.list(), delay);
  }
}

function nameOf(obj: Record<string, unknown>): string {
  const m = obj.metadata as { name?: string; namespace?: string } | undefined;
  return `${m?.namespace ?? ''}/${m?.name ?? ''}`;
}

function resourceVersionOf(obj: Record<string, unknown>): string {
  return (obj.metadata as { resourceVersion?: string } | undefined)?.resourceVersion ?? '';
}
