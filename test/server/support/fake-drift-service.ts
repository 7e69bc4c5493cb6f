// A drift service the test drives by hand: it records what the server asked of it and emits the events a
// real one would. For server tests of the drift messages without a cluster.
import { EventEmitter } from 'node:events';
import type { DesiredContext, DriftService, DriftServiceEvents, DriftServiceFactory, DriftServiceOptions } from '../../../src/adapters/drift/drift-service-api.js';
import { ClusterStatus } from '../../../src/adapters/kube/cluster-status.js';
import { DRIFT_STATUSES, DriftStatus, DriftStrategy, FieldChange, SuggestedAction, type DriftStatus as Status, type ResourceDrift } from '../../../src/core/drift/drift-types.js';
import type { KubeObject } from '../../../src/core/resource/manifest-resource.js';
import { formatResourceKey, resourceKeyId, type ResourceKey } from '../../../src/core/resource/resource-key.js';
import type { WorkspaceIndex } from '../../../src/core/workspace/workspace-index.js';

export function aResult(key: ResourceKey, status: Status = DriftStatus.Synced, extra: Partial<ResourceDrift> = {}): ResourceDrift {
  return { key, id: formatResourceKey(key), apiVersion: 'v1', status, fields: [], strategy: DriftStrategy.Normalized, ignoredFields: 0, ...(status === DriftStatus.Synced ? {} : { reason: status }), ...extra };
}

export function aReplicasDrift(key: ResourceKey, path: string): ResourceDrift {
  return aResult(key, DriftStatus.Drifted, {
    apiVersion: 'apps/v1',
    source: { path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } } },
    fields: [{
      path: '.spec.replicas', pointer: '/spec/replicas', segments: ['spec', 'replicas'], change: FieldChange.Changed, gitValue: 3, liveValue: 5,
      source: { path, range: { start: { line: 6, character: 12 }, end: { line: 6, character: 13 } } },
      attribution: { manager: 'kubectl', operation: 'Update', subresource: 'scale', time: '2026-12-04T10:00:00Z' },
      suggestedAction: SuggestedAction.Commit, actionReason: 'changed by kubectl',
    }],
  });
}

export class FakeDriftService implements DriftService {
  private readonly emitter = new EventEmitter();
  context: string;
  readonly contexts = ['ctx-a', 'ctx-b'];
  status: ClusterStatus = ClusterStatus.Connected;
  statusReason: string | undefined;
  stopped = false;
  readonly desiredCalls: WorkspaceIndex[] = [];
  desiredError: Error | undefined;
  readonly objects = new Map<string, { git?: KubeObject; live?: KubeObject }>();
  readonly liveUnits = new Map<string, KubeObject>();
  /** What `desiredOf` answers (write-back planning), by resourceKeyId. */
  readonly desiredContexts = new Map<string, DesiredContext>();
  private current: ResourceDrift[];

  constructor(readonly options: DriftServiceOptions, results: readonly ResourceDrift[]) {
    this.context = options.context ?? 'ctx-a';
    this.current = [...results];
  }

  results(): readonly ResourceDrift[] {
    return this.current;
  }

  counts(): Readonly<Record<Status, number>> {
    const counts = Object.fromEntries(DRIFT_STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    for (const r of this.current) counts[r.status]++;
    return counts;
  }

  async setDesired(index: WorkspaceIndex): Promise<void> {
    this.desiredCalls.push(index);
    await Promise.resolve();
    if (this.desiredError) throw this.desiredError;
    this.emitReset(this.current);
  }

  whenSynced(): Promise<void> {
    return Promise.resolve();
  }

  objectsOf(id: string): { git?: KubeObject; live?: KubeObject } {
    return this.objects.get(id) ?? {};
  }

  desiredOf(id: string): DesiredContext | undefined {
    return this.desiredContexts.get(id);
  }

  getLive(apiVersion: string, kind: string, namespace: string, name: string): Promise<KubeObject | undefined> {
    return Promise.resolve(this.liveUnits.get(`${kind}/${namespace}/${name}`));
  }

  stop(): void {
    this.stopped = true;
  }

  on<E extends keyof DriftServiceEvents>(event: E, listener: (...args: DriftServiceEvents[E]) => void): this {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  off<E extends keyof DriftServiceEvents>(event: E, listener: (...args: DriftServiceEvents[E]) => void): this {
    this.emitter.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  emitChanged(upserted: readonly ResourceDrift[], removedIds: readonly string[] = []): void {
    const removed = new Set(removedIds);
    const byId = new Map(this.current.filter((r) => !removed.has(resourceKeyId(r.key))).map((r) => [resourceKeyId(r.key), r]));
    for (const r of upserted) byId.set(resourceKeyId(r.key), r);
    this.current = [...byId.values()];
    this.emitter.emit('changed', upserted, removedIds);
  }

  emitReset(results: readonly ResourceDrift[]): void {
    this.current = [...results];
    this.emitter.emit('reset', this.current);
  }

  emitStatus(status: ClusterStatus, reason?: string): void {
    this.status = status;
    this.statusReason = reason;
    this.emitter.emit('status', status, reason);
  }
}


/** A factory that makes fake services (one per environment) and keeps them for the test to drive. */
export class FakeDriftFactory {
  readonly services: FakeDriftService[] = [];
  readonly calls: DriftServiceOptions[] = [];
  /** When set, starting fails with it. */
  failWith: Error | undefined;

  constructor(private readonly resultsFor: (options: DriftServiceOptions) => readonly ResourceDrift[] = () => []) {}

  readonly create: DriftServiceFactory = async (options) => {
    this.calls.push(options);
    await Promise.resolve();
    if (this.failWith) throw this.failWith;
    const service = new FakeDriftService(options, this.resultsFor(options));
    this.services.push(service);
    return service;
  };

  serviceOf(envName: string): FakeDriftService | undefined {
    return this.services.filter((s) => (s.options.env?.name ?? '') === envName).at(-1);
  }
}
