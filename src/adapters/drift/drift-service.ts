import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { countByStatus } from '../../core/drift/compute-drift.js';
import type { DesiredObject, DriftOptions } from '../../core/drift/compute-resource-drift.js';
import { withDiscoveredScope } from '../../core/drift/desired-from-manifests.js';
import { kindId } from '../../core/drift/drift-pairing.js';
import type { DriftStatus, ResourceDrift } from '../../core/drift/drift-types.js';
import type { OwnershipMark } from '../../core/drift/ownership-marks.js';
import { applyFluxPostBuild } from '../../core/environments/flux-substitute.js';
import { isArgoSyncHook } from '../../core/drift/sync-hooks.js';
import { namespaceRulesFor } from '../../core/environments/namespace-rules.js';
import type { KubeObject } from '../../core/resource/manifest-resource.js';
import { groupOf, resourceKeyId } from '../../core/resource/resource-key.js';
import type { WorkspaceIndex } from '../../core/workspace/workspace-index.js';
import { ClusterAccessError, ClusterStatus } from '../kube/cluster-status.js';
import { collectionPath, discoverResources, type DiscoveryResult, type ServedResource } from '../kube/discovery.js';
import { refineWithDryRun } from '../kube/exact-drift.js';
import { InformerPool } from '../kube/informer-pool.js';
import { KubeClient } from '../kube/kube-client.js';
import { LiveDriftSession, watchTargetsFor, type LiveDriftInput } from '../kube/live-drift-session.js';
import { loadKubeconfig, type LoadedKubeconfig } from '../kube/load-kubeconfig.js';
import type { InformerOptions } from '../kube/resource-informer.js';
import { buildDesiredState } from '../kustomize/build-desired-state.js';
import { findKustomize } from '../kustomize/find-kustomize.js';
import { DriftServiceError, type DesiredContext, type DriftService, type DriftServiceEvents, type DriftServiceFactory, type DriftServiceOptions, type DriftServiceProblem } from './drift-service-api.js';
import type { UnmanagedObject } from '../../core/drift/unmanaged-objects.js';

/** What tests (and benchmarks) may tune beyond the shared options. */
export interface LiveDriftServiceOptions extends DriftServiceOptions {
  readonly informer?: InformerOptions;
}

/**
 * Starts the drift service: kubeconfig, desired state (kustomize rendered, namespace rules and Flux postBuild
 * as the environment's agent applies them), discovery for the kinds it uses, informers for exactly those kinds
 * and namespaces, and a live session. Rejects with a `DriftServiceError` when it cannot start.
 */
export const createDriftService = ((o: LiveDriftServiceOptions) => LiveDriftService.start(o)) satisfies DriftServiceFactory;

/** One environment of one repository compared with one cluster, kept current (see `DriftService`). */
export class LiveDriftService extends EventEmitter<DriftServiceEvents> implements DriftService {
  readonly context: string;
  readonly contexts: readonly string[];
  private readonly client: KubeClient;
  private discovery: DiscoveryResult = { served: new Map(), unavailable: new Map() };
  private pool: InformerPool | undefined;
  private session: LiveDriftSession | undefined;
  private desired: readonly DesiredObject[] = [];
  /** The index the current desired state was built from. */
  private index: WorkspaceIndex;
  private readonly options: DriftOptions;
  private readonly isOurs: ((mark: OwnershipMark) => boolean) | undefined;
  /** Kinds `getLive` looked up that drift does not watch. */
  private readonly looked = new Map<string, ServedResource | undefined>();
  /** `setDesired` calls run one after the other. */
  private queue: Promise<void> = Promise.resolve();

  static async start(o: LiveDriftServiceOptions): Promise<LiveDriftService> {
    const processEnv = o.processEnv ?? process.env;
    let kube: LoadedKubeconfig;
    try {
      kube = loadKubeconfig({
        ...(o.kubeconfig !== undefined ? { kubeconfig: o.kubeconfig } : {}),
        ...(o.context ?? o.env?.context ? { context: (o.context ?? o.env?.context) as string } : {}),
        ...(o.env?.cluster ? { cluster: o.env.cluster } : {}),
        env: processEnv,
      });
    } catch (error) {
      throw serviceError('kubeconfig', error);
    }
    const service = new LiveDriftService(o, kube, processEnv);
    try {
      const rendered = await service.buildDesired(o.index);
      if (rendered.length === 0) {
        // An empty comparison would read as "in sync": a wrong path must not look like a healthy cluster.
        const dir = o.env?.path ? `${o.root}/${o.env.path}` : o.root;
        // A Helm chart is what the agent renders with helm: say so rather than only "no objects".
        const chart = existsSync(join(dir, 'Chart.yaml')) ? ' (a Helm chart: the agent renders it with helm, which drift does not run; its objects are not compared)' : '';
        throw new DriftServiceError({ kind: 'desired-state', message: `nothing to compare: no Kubernetes objects in ${dir}${chart}` });
      }
      await service.watch(rendered);
    } catch (error) {
      // Say which context the failure was in (the CLI's JSON output and the server's state show it).
      const problem = error instanceof DriftServiceError ? error.problem : { kind: 'cluster' as const, message: String(error) };
      const withContext = new DriftServiceError({ ...problem, context: kube.context });
      withContext.cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
      throw withContext;
    }
    return service;
  }

  private constructor(private readonly o: LiveDriftServiceOptions, private readonly kube: LoadedKubeconfig, private readonly processEnv: NodeJS.ProcessEnv) {
    super();
    this.context = kube.context;
    this.contexts = kube.contexts;
    this.client = new KubeClient(kube.kc, kube.server, o.requestTimeoutMs ?? 30_000);
    this.index = o.index;
    this.options = {
      ignoreRules: o.env?.ignoreRules ?? [], ...(o.env ? { agentManagers: o.env.agentManagers } : {}),
      ...(o.env?.personTools ? { personTools: o.env.personTools } : {}),
      ...(o.env?.countLiveOnlyMetadata ? { countLiveOnlyMetadata: true } : {}),
    };
    // With an environment, only its agent object's marks make orphans; an environment only the settings name
    // (no Flux Kustomization or Argo CD Application) has no agent: only our own environment label counts.
    const owner = o.env?.owner;
    const envName = o.env?.name;
    this.isOurs = owner ? (m) => m.owner === owner : envName !== undefined ? (m) => m.agent === 'gitops-authoring' && m.owner === envName : undefined;
  }

  /** The desired state of `index`, rendered (before discovery: namespaces as Git and the environment say). */
  private async buildDesired(index: WorkspaceIndex): Promise<readonly DesiredObject[]> {
    const env = this.o.env;
    const state = await buildDesiredState(this.o.root, index, env?.path ?? '', namespaceRulesFor(env, this.kube.namespace), findKustomize(this.processEnv), env?.recurse ?? true, env?.kustomizeOverlay ? { overlay: env.kustomizeOverlay, ...(env.source ? { overlaySource: env.source.path } : {}) } : {});
    if (state.problems.length > 0) throw new DriftServiceError({ kind: 'desired-state', message: `the desired state could not be built:\n  ${state.problems.join('\n  ')}` });
    // Argo CD's sync hooks are run, not kept in sync (Flux has none: there they are ordinary objects).
    const kept = env?.detectedFrom === 'flux' ? state.desired : state.desired.filter((d) => !isArgoSyncHook(d.object));
    return applyFluxPostBuild(kept, env?.postBuild);
  }

  /** Discovery, informers and session for the first desired state. */
  private async watch(rendered: readonly DesiredObject[]): Promise<void> {
    try {
      this.discovery = await discoverResources(this.client, watchTargetsFor(rendered));
    } catch (error) {
      throw serviceError('cluster', error);
    }
    this.desired = this.scoped(rendered);
    const pool = new InformerPool(this.client, this.discovery, watchTargetsFor(this.desired), this.o.informer);
    const session = new LiveDriftSession(pool, this.sessionInput());
    session.on('changed', (upserted, removedIds) => this.emit('changed', upserted, removedIds));
    session.on('reset', (results) => this.emit('reset', results));
    session.on('status', (status, reason) => this.emit('status', status, reason));
    this.pool = pool;
    this.session = session;
    pool.start();
  }

  get status(): ClusterStatus {
    return this.pool?.status ?? ClusterStatus.Connecting;
  }

  get statusReason(): string | undefined {
    return this.pool?.statusReason;
  }

  results(): readonly ResourceDrift[] {
    return this.session?.results() ?? [];
  }

  counts(): Readonly<Record<DriftStatus, number>> {
    return countByStatus(this.results());
  }

  setDesired(index: WorkspaceIndex): Promise<void> {
    const next = this.queue.then(() => this.applyDesired(index));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async applyDesired(index: WorkspaceIndex): Promise<void> {
    const rendered = await this.buildDesired(index);
    // Kinds never discovered (new in Git, or not served last time: a CRD installed since) are asked for now.
    const fresh = watchTargetsFor(rendered).filter((t) => !this.discovery.served.has(kindId(t.group, t.kind)));
    if (fresh.length > 0) {
      const served = new Map(this.discovery.served);
      const unavailable = new Map(this.discovery.unavailable);
      try {
        const found = await discoverResources(this.client, fresh);
        for (const t of fresh) unavailable.delete(kindId(t.group, t.kind));
        for (const [k, v] of found.served) served.set(k, v);
        for (const [k, v] of found.unavailable) unavailable.set(k, v);
      } catch (error) {
        // The cluster is not answering: these kinds are Unknown with the reason; the next setDesired asks again.
        for (const t of fresh) unavailable.set(kindId(t.group, t.kind), `discovery failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.discovery = { served, unavailable };
    }
    this.desired = this.scoped(rendered);
    this.index = index;
    this.pool?.setTargets(watchTargetsFor(this.desired), this.discovery);
    this.session?.setDesired(this.sessionInput());
  }

  whenSynced(timeoutMs: number): Promise<void> {
    return this.pool ? this.pool.whenSynced(timeoutMs, true) : Promise.reject(new Error('the drift service is not started'));
  }

  /** Live objects in the namespaces Git deploys to that nothing deploys (off unless asked: the CLI's `--unmanaged`). */
  unmanaged(): readonly UnmanagedObject[] {
    return this.session?.unmanaged() ?? [];
  }

  objectsOf(id: string): { readonly git?: KubeObject; readonly live?: KubeObject } {
    const { git, live } = this.session?.objectsOf(id) ?? {};
    return { ...(git ? { git: git.object } : {}), ...(live ? { live } : {}) };
  }

  desiredOf(id: string): DesiredContext | undefined {
    const desired = this.session?.objectsOf(id).git;
    if (!desired) return undefined;
    const result = this.results().find((r) => resourceKeyId(r.key) === id);
    return { desired, index: this.index, ...(result ? { result } : {}), ...(this.o.env ? { environment: this.o.env } : {}) };
  }

  async getLive(apiVersion: string, kind: string, namespace: string, name: string): Promise<KubeObject | undefined> {
    const group = groupOf(apiVersion);
    const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
    const served = await this.servedFor(group, kind);
    if (!served) return undefined;
    try {
      const path = `${collectionPath({ ...served, version }, namespace || undefined)}/${encodeURIComponent(name)}`;
      return await this.client.getJson<KubeObject>(path);
    } catch (error) {
      if (error instanceof ClusterAccessError && error.details.httpStatus === 404) return undefined;
      throw error;
    }
  }

  /** Where a kind is served: from drift's discovery, else one discovery of its group (remembered). */
  private async servedFor(group: string, kind: string): Promise<ServedResource | undefined> {
    const id = kindId(group, kind);
    const known = this.discovery.served.get(id);
    if (known) return known;
    if (!this.looked.has(id)) this.looked.set(id, (await discoverResources(this.client, [{ group, kind }])).served.get(id));
    return this.looked.get(id);
  }

  /**
   * The current results recomputed by a server-side dry-run apply as `fieldManager` (`drift --exact`): a
   * write request with `dryRun=All`, which changes nothing but is a PATCH; the language server never calls it.
   */
  exactResults(fieldManager: string): Promise<ResourceDrift[]> {
    return refineWithDryRun(this.client, this.discovery, this.results(), this.desired, this.pool?.objects() ?? [], fieldManager, this.options);
  }

  /** Collections being watched (`/api/v1/namespaces/shop/configmaps`), sorted. */
  watchedPaths(): string[] {
    return this.pool?.watchedPaths() ?? [];
  }

  stop(): void {
    this.session?.dispose();
    this.pool?.stop();
  }

  private scoped(rendered: readonly DesiredObject[]): DesiredObject[] {
    return withDiscoveredScope(rendered, (group, kind) => this.discovery.served.get(kindId(group, kind))?.namespaced === false);
  }

  private sessionInput(): LiveDriftInput {
    return { desired: this.desired, options: this.options, ...(this.isOurs ? { isOurs: this.isOurs } : {}) };
  }
}

function serviceError(kind: DriftServiceProblem['kind'], error: unknown): DriftServiceError {
  if (error instanceof DriftServiceError) return error;
  const isMissingKubeconfig = error instanceof ClusterAccessError && error.details.code === 'no-kubeconfig';
  const e = new DriftServiceError({
    kind: isMissingKubeconfig ? 'no-kubeconfig' : kind,
    message: error instanceof Error ? error.message : String(error),
    ...(error instanceof ClusterAccessError ? { clusterStatus: error.status } : {}),
  });
  e.cause = error;
  return e;
}
