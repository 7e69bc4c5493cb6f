// One environment of one workspace folder, compared with its cluster while someone looks: owns its drift
// service, turns its events into protocol deltas and its status into a connection state. Every failure ends
// as a state with a reason; nothing here throws into the server.
import { DriftServiceError, type DriftService, type DriftServiceFactory } from '../../adapters/drift/drift-service-api.js';
import { DRIFT_STATUSES, DriftStatus, type ResourceDrift } from '../../core/drift/drift-types.js';
import type { Environment } from '../../core/environments/environment.js';
import type { KubeObject } from '../../core/resource/manifest-resource.js';
import { formatResourceKey, resourceKeyId, type ResourceKey } from '../../core/resource/resource-key.js';
import type { WorkspaceIndex } from '../../core/workspace/workspace-index.js';
import type { DriftDeltaParams, DriftDocumentsResult, DriftEnvironmentView, GitOpsUnitView } from '../../protocol/drift-messages.js';
import { Backoff } from '../../adapters/kube/backoff.js';
import { stateOfCluster, stateOfStartFailure, type ConnectionState } from './connection-state.js';
import { DeltaBatcher } from './delta-batcher.js';
import { renderDriftDocuments } from './drift-documents.js';
import { toResourceView, type UriOf } from './drift-views.js';
import { gitOpsUnitOf, readUnitStatus, type GitOpsUnit } from './gitops-unit.js';

export interface EnvironmentDriftOptions {
  readonly folderUri: string;
  readonly root: string;
  /** The environment compared; undefined is the whole repository (name ''). */
  readonly env: Environment | undefined;
  readonly factory: DriftServiceFactory | undefined;
  readonly index: () => WorkspaceIndex;
  readonly uriOf: UriOf;
  readonly sendDelta: (params: DriftDeltaParams) => void;
  /** The environment's view (state, counts, context, unit) may have changed. */
  readonly changed: () => void;
  readonly log: (message: string) => void;
  /** First delay before a failed start is tried again (cluster unreachable, kubeconfig missing). */
  readonly retryBaseMs?: number;
  readonly processEnv?: NodeJS.ProcessEnv;
}

export interface WatchTarget {
  readonly kubeconfig?: string;
  readonly context?: string;
}

const NO_COUNTS: Readonly<Record<DriftStatus, number>> = Object.fromEntries(DRIFT_STATUSES.map((s) => [s, 0])) as Record<DriftStatus, number>;

export class EnvironmentDrift {
  readonly id: string;
  readonly name: string;
  private service: DriftService | undefined;
  /** Bumped on every start and stop: a start that finishes after a newer one (or a stop) is discarded. */
  private generation = 0;
  private target: WatchTarget | undefined;
  private connection: ConnectionState = { state: 'Idle' };
  /** Set while the desired state cannot be built: the state is Error whatever the cluster says. */
  private desiredProblem: string | undefined;
  private unit: GitOpsUnit | undefined;
  private unitStatus: Pick<GitOpsUnitView, 'ready' | 'synced' | 'message' | 'suspended'> = {};
  private readonly batcher: DeltaBatcher;
  /** Current results by `resourceKeyId`, and the service's display ids mapped to them. */
  private readonly results = new Map<string, ResourceDrift>();
  private readonly keyIdOfDisplayId = new Map<string, string>();
  private desiredRun: Promise<void> | undefined;
  private desiredAgain = false;
  /** A start that failed on the cluster or the kubeconfig is tried again by itself: the cause may go away. */
  private readonly retry: Backoff;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly options: EnvironmentDriftOptions) {
    this.name = options.env?.name ?? '';
    this.id = `${options.folderUri}#${this.name}`;
    this.batcher = new DeltaBatcher(this.id, options.sendDelta);
    this.retry = new Backoff(options.retryBaseMs ?? 1_000, 30_000);
    this.unit = gitOpsUnitOf(options.env, options.index());
  }

  get env(): Environment | undefined {
    return this.options.env;
  }

  get isWatching(): boolean {
    return this.target !== undefined;
  }

  get contexts(): readonly string[] {
    return this.service?.contexts ?? [];
  }

  /** The kubeconfig drift watches this environment with (the setting), when one was given. */
  get kubeconfig(): string | undefined {
    return this.target?.kubeconfig;
  }

  /** How to read the environment's GitOps unit live; undefined for settings and the whole repository. */
  get unitRef(): GitOpsUnit['live'] {
    return this.unit?.live;
  }

  /** The current results (what the deltas carried), for the hotfix guard and ignore-rule planning. */
  currentResults(): readonly ResourceDrift[] {
    return [...this.results.values()];
  }

  /** The live object of one result (raw: its labels say which HelmRelease installed it), when the service has it. */
  liveObjectOf(resourceId: string): KubeObject | undefined {
    return this.service?.objectsOf(resourceId).live;
  }

  /** The GitOps unit was written to (agent control): read its live state again now, and answer the new view. */
  async unitWritten(): Promise<GitOpsUnitView | undefined> {
    await this.readUnit().catch((error: unknown) => this.fail('reading the GitOps unit', error));
    return this.view().unit;
  }

  view(): DriftEnvironmentView {
    const { state, reason } = this.desiredProblem && this.service ? { state: 'Error' as const, reason: this.desiredProblem } : this.connection;
    const context = this.service?.context ?? this.target?.context ?? this.options.env?.context;
    return {
      id: this.id,
      name: this.name,
      folderUri: this.options.folderUri,
      path: this.options.env?.path ?? '',
      ...(this.unit ? { unit: { ...this.unit.view, ...this.unitStatus } } : {}),
      ...(context ? { context } : {}),
      state,
      ...(reason && state !== 'Connected' && state !== 'Idle' ? { reason } : {}),
      counts: this.counts(),
    };
  }

  /** Counts of the results sent (the same set the deltas carry). */
  counts(): Readonly<Record<DriftStatus, number>> {
    const counts: Record<DriftStatus, number> = { ...NO_COUNTS };
    for (const r of this.results.values()) counts[r.status]++;
    return counts;
  }

  /** Starts comparing (again, when the target changed or the last start failed). */
  watch(target: WatchTarget): void {
    if (this.disposed) return;
    const same = this.target && this.target.kubeconfig === target.kubeconfig && this.target.context === target.context;
    if (same && this.connection.state === 'Connecting' && !this.service) return;
    if (same && this.service) {
      // A client that forgot its results (drift turned off and on within the stop delay) gets the whole set again.
      this.batcher.resetTo([...this.results.values()].map((r) => toResourceView(r, this.options.uriOf)));
      return;
    }
    this.target = target;
    this.startSafely();
  }

  /** Stops the service: informers run only while someone looks. */
  unwatch(): void {
    this.target = undefined;
    this.generation++;
    this.stopService();
    this.connection = { state: 'Idle' };
    this.desiredProblem = undefined;
    this.unitStatus = {};
    this.batcher.resetTo([]);
    this.options.changed();
  }

  dispose(): void {
    // Nothing may start again once disposed: a queued rebuild or a retry that fires later sees the flag.
    this.disposed = true;
    this.target = undefined;
    this.generation++;
    this.stopService();
    this.batcher.dispose();
  }

  /** The environment is gone from the repository: the client drops its results now. */
  retire(): void {
    this.batcher.resetTo([]);
    this.batcher.flush();
    this.dispose();
  }

  /** The repository changed: rebuild the desired state (coalesced: one run at a time, the last one wins). */
  desiredChanged(): void {
    if (!this.target || this.disposed) return;
    if (!this.service) {
      // A start that failed (kustomize, kubeconfig) is retried with the new files; one under way reads them.
      if (this.connection.state !== 'Connecting') this.startSafely();
      else this.desiredAgain = true;
      return;
    }
    if (this.desiredRun) {
      this.desiredAgain = true;
      return;
    }
    this.desiredRun = this.runSetDesired().catch((error: unknown) => this.fail('desired state', error)).finally(() => {
      this.desiredRun = undefined;
      if (this.desiredAgain) {
        this.desiredAgain = false;
        this.desiredChanged();
      }
    });
  }

  /** The view's refresh button: desired state again (or a new start) and the unit's live status. */
  async refresh(): Promise<void> {
    if (!this.target) return;
    if (!this.service) {
      await this.start();
      return;
    }
    this.desiredChanged();
    await this.desiredRun;
    await this.readUnit();
  }

  /**
   * What write-back plans from: the running service and the keys (`resourceKeyId`) of the resources that
   * drifted now; undefined while no service runs (nobody watches, or it could not start).
   */
  writeBackSource(): { readonly service: DriftService; readonly driftedIds: readonly string[]; readonly context: string } | undefined {
    if (!this.service) return undefined;
    const driftedIds = [...this.results].filter(([, r]) => r.status === DriftStatus.Drifted).map(([id]) => id).sort();
    return { service: this.service, driftedIds, context: this.service.context };
  }

  documents(resourceId: string): DriftDocumentsResult {
    const key = this.results.get(resourceId)?.key ?? parseResourceKeyId(resourceId);
    const label = key ? formatResourceKey(key) : resourceId;
    const context = this.service?.context;
    const base = { label, ...(context ? { context } : {}) };
    if (!this.service || !key) return base;
    const objects = this.service.objectsOf(resourceId);
    return { ...base, ...renderDriftDocuments(key, objects) };
  }

  private startSafely(): void {
    this.start().catch((error: unknown) => this.fail('start', error));
  }

  /** A bug of ours, not a state of the cluster: logged, shown as Error, never thrown into the server. */
  private fail(what: string, error: unknown): void {
    this.options.log(`drift ${this.label()}: ${what} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    this.connection = { state: 'Error', reason: `${what} failed: ${error instanceof Error ? error.message : String(error)}` };
    this.options.changed();
  }

  /** `retrying`: a scheduled retry keeps showing the last failure until it succeeds (no flicker to Connecting). */
  private async start(retrying = false): Promise<void> {
    const generation = ++this.generation;
    const target = this.target;
    // A new start (another context, a retry after a failure) never shows the previous service's results.
    if (this.service) this.batcher.resetTo([]);
    this.stopService();
    this.desiredProblem = undefined;
    this.desiredAgain = false;
    if (!target || this.disposed) return;
    if (!this.options.factory) {
      this.connection = { state: 'Error', reason: 'drift is not available in this server' };
      this.options.changed();
      return;
    }
    if (!retrying) {
      this.connection = { state: 'Connecting' };
      this.options.changed();
    }
    let service: DriftService;
    try {
      service = await this.options.factory({
        root: this.options.root,
        index: this.options.index(),
        ...(this.options.env ? { env: this.options.env } : {}),
        ...(target.kubeconfig ? { kubeconfig: target.kubeconfig } : {}),
        ...(target.context ? { context: target.context } : {}),
        ...(this.options.processEnv ? { processEnv: this.options.processEnv } : {}),
      });
    } catch (error) {
      if (generation !== this.generation) return;
      const before = this.connection;
      this.connection = stateOfStartFailure(error);
      // Retries repeat the same failure: say it once, and again only when it changes.
      if (before.state !== this.connection.state || before.reason !== this.connection.reason) this.options.log(`drift ${this.label()}: ${this.connection.state}: ${this.connection.reason ?? ''}`);
      this.batcher.resetTo([]);
      this.options.changed();
      this.scheduleRetry(error);
      return;
    }
    this.retry.reset();
    if (generation !== this.generation) {
      service.stop();
      return;
    }
    this.service = service;
    service.on('reset', this.onReset);
    service.on('changed', this.onChanged);
    service.on('status', this.onStatus);
    this.connection = stateOfCluster(service.status, service.statusReason);
    this.applyReset(service.results());
    if (this.desiredAgain) {
      this.desiredAgain = false;
      this.desiredChanged();
    }
  }

  /** Cluster and kubeconfig problems may go away by themselves; a desired state that fails waits for a file change. */
  private scheduleRetry(error: unknown): void {
    if (error instanceof DriftServiceError && error.problem.kind === 'desired-state') return;
    if (!this.target || this.disposed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.target && !this.service) this.start(true).catch((e: unknown) => this.fail('start', e));
    }, this.retry.next());
  }

  private stopService(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const service = this.service;
    this.service = undefined;
    this.results.clear();
    this.keyIdOfDisplayId.clear();
    if (!service) return;
    service.off('reset', this.onReset);
    service.off('changed', this.onChanged);
    service.off('status', this.onStatus);
    try {
      service.stop();
    } catch (error) {
      this.options.log(`drift ${this.label()}: stopping failed: ${String(error)}`);
    }
  }

  private async runSetDesired(): Promise<void> {
    const service = this.service;
    if (!service) return;
    try {
      await service.setDesired(this.options.index());
      if (service !== this.service) return;
      if (this.desiredProblem) {
        // Built again: the service's results (its reset came while the problem still stood) are current now.
        this.desiredProblem = undefined;
        this.applyReset(service.results());
      }
    } catch (error) {
      if (service !== this.service) return;
      this.desiredProblem = error instanceof DriftServiceError || error instanceof Error ? error.message : String(error);
      this.options.log(`drift ${this.label()}: desired state: ${this.desiredProblem}`);
      // The results were computed from a desired state that no longer is the repository's: never stale.
      this.applyReset([...this.results.values()]);
    }
  }

  private readonly onReset = (results: readonly ResourceDrift[]): void => {
    try {
      this.applyReset(results);
    } catch (error) {
      this.fail('reset', error);
    }
  };

  /** While the desired state cannot be built, what the cluster says is compared with nothing current: Unknown. */
  private current(results: readonly ResourceDrift[]): readonly ResourceDrift[] {
    if (!this.desiredProblem) return results;
    const reason = `the desired state could not be built: ${this.desiredProblem}`;
    return results.map((r) => ({ ...r, status: DriftStatus.Unknown, reason, fields: [] }));
  }

  private applyReset(given: readonly ResourceDrift[]): void {
    const results = this.current(given);
    this.results.clear();
    this.keyIdOfDisplayId.clear();
    for (const r of results) this.remember(r);
    this.batcher.resetTo(results.map((r) => toResourceView(r, this.options.uriOf)));
    this.options.changed();
    this.readUnit().catch((error: unknown) => this.fail('reading the GitOps unit', error));
  }

  private readonly onChanged = (upserted: readonly ResourceDrift[], removedIds: readonly string[]): void => {
    try {
      this.applyChanged(upserted, removedIds);
    } catch (error) {
      this.fail('change', error);
    }
  };

  private applyChanged(given: readonly ResourceDrift[], removedIds: readonly string[]): void {
    const upserted = this.current(given);
    const removed: string[] = [];
    for (const id of removedIds) {
      const keyId = this.results.has(id) ? id : this.keyIdOfDisplayId.get(id);
      if (keyId === undefined) continue;
      const result = this.results.get(keyId);
      this.results.delete(keyId);
      if (result) this.keyIdOfDisplayId.delete(result.id);
      removed.push(keyId);
    }
    for (const r of upserted) this.remember(r);
    this.batcher.change(upserted.map((r) => toResourceView(r, this.options.uriOf)), removed);
    this.options.changed();
  }

  private readonly onStatus = (status: Parameters<typeof stateOfCluster>[0], reason: string | undefined): void => {
    this.connection = stateOfCluster(status, reason);
    this.options.changed();
  };

  private remember(result: ResourceDrift): void {
    const keyId = resourceKeyId(result.key);
    this.results.set(keyId, result);
    this.keyIdOfDisplayId.set(result.id, keyId);
  }

  private async readUnit(): Promise<void> {
    const service = this.service;
    this.unit = gitOpsUnitOf(this.options.env, this.options.index());
    const live = this.unit?.live;
    if (!service || !live || !this.unit) return;
    try {
      const object = await service.getLive(live.apiVersion, live.kind, live.namespace, live.name);
      if (service !== this.service) return;
      this.unitStatus = readUnitStatus(this.unit.view.kind, object);
    } catch (error) {
      if (service !== this.service) return;
      this.unitStatus = { message: `status not readable: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.options.changed();
  }

  private label(): string {
    return this.name ? `environment ${this.name}` : 'repository';
  }
}

export function parseResourceKeyId(id: string): ResourceKey | undefined {
  const parts = id.split('/');
  if (parts.length !== 4) return undefined;
  const [group, kind, namespace, name] = parts as [string, string, string, string];
  return kind && name ? { group, kind, namespace, name } : undefined;
}
