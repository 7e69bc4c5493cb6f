// The contract of the drift service: one environment of one repository compared with one cluster, kept
// current. The CLI runs it once; the language server keeps one per environment while someone looks.
// `createDriftService` (drift-service.ts) is the real implementation; the server receives a factory
// through its deps, so server tests can run it against the test cluster or a fake.
import type { DesiredObject } from '../../core/drift/compute-resource-drift.js';
import type { DriftStatus, ResourceDrift } from '../../core/drift/drift-types.js';
import type { Environment } from '../../core/environments/environment.js';
import type { KubeObject } from '../../core/resource/manifest-resource.js';
import type { WorkspaceIndex } from '../../core/workspace/workspace-index.js';
import type { ClusterStatus } from '../kube/cluster-status.js';

export interface DriftServiceOptions {
  /** Absolute path of the repository root. */
  readonly root: string;
  readonly index: WorkspaceIndex;
  /** The environment compared; undefined compares the whole repository. */
  readonly env?: Environment;
  /** A kubeconfig file or KUBECONFIG-style list; default: `KUBECONFIG`, else `~/.kube/config`. */
  readonly kubeconfig?: string;
  /** kube context; default: the environment's own, else the kubeconfig's current context. */
  readonly context?: string;
  /** Process environment (KUBECONFIG, PATH for kustomize); default `process.env`. */
  readonly processEnv?: NodeJS.ProcessEnv;
  readonly requestTimeoutMs?: number;
}

/**
 * Why the service is not comparing: a state a person must act on (no kubeconfig, kustomize failing, …).
 * `no-kubeconfig`: no kubeconfig file was found at all; `kubeconfig`: one was found but cannot be used.
 */
export interface DriftServiceProblem {
  readonly kind: 'no-kubeconfig' | 'kubeconfig' | 'desired-state' | 'cluster';
  readonly message: string;
  readonly clusterStatus?: ClusterStatus;
  /** The kube context, when the kubeconfig was read before the problem. */
  readonly context?: string;
}

export interface DriftServiceEvents {
  /** Some resources' results changed (incremental: one watch event touches few resources). */
  changed: [upserted: readonly ResourceDrift[], removedIds: readonly string[]];
  /** Every result was recomputed (desired state rebuilt, reconnect): `results` is the whole set. */
  reset: [results: readonly ResourceDrift[]];
  status: [status: ClusterStatus, reason: string | undefined];
}

export interface DriftService {
  /** The kube context in use. */
  readonly context: string;
  /** Contexts of the loaded kubeconfig (for a picker). */
  readonly contexts: readonly string[];
  readonly status: ClusterStatus;
  readonly statusReason: string | undefined;
  /** Current results, sorted by id. Unknown (with the reason) for anything not current: never a stale Synced. */
  results(): readonly ResourceDrift[];
  counts(): Readonly<Record<DriftStatus, number>>;
  /**
   * Rebuilds the desired state from a new index (a workspace edit): re-renders kustomize, re-runs discovery
   * for kinds not seen before, grows or shrinks the informer pool, and emits `reset`.
   */
  setDesired(index: WorkspaceIndex): Promise<void>;
  /** Resolves when every informer has listed (or was refused); rejects at the deadline. */
  whenSynced(timeoutMs: number): Promise<void>;
  /** The rendered desired object and the live object of one resource (by `resourceKeyId`), raw (not masked). */
  objectsOf(id: string): { readonly git?: KubeObject; readonly live?: KubeObject };
  /**
   * What write-back plans from (by `resourceKeyId`): the desired object with its sources and kustomize
   * origins, its current result, and the index and environment the desired state was built from.
   */
  desiredOf(id: string): DesiredContext | undefined;
  /** One GET of any object (a GitOps unit's live status: Flux Kustomization, Argo CD Application); undefined when absent. */
  getLive(apiVersion: string, kind: string, namespace: string, name: string): Promise<KubeObject | undefined>;
  on<E extends keyof DriftServiceEvents>(event: E, listener: (...args: DriftServiceEvents[E]) => void): this;
  off<E extends keyof DriftServiceEvents>(event: E, listener: (...args: DriftServiceEvents[E]) => void): this;
  stop(): void;
}

/** One resource's desired object and the repository state it was rendered from. */
export interface DesiredContext {
  readonly desired: DesiredObject;
  readonly result?: ResourceDrift;
  readonly index: WorkspaceIndex;
  readonly environment?: Environment;
}

/**
 * Starts a service. Rejects with a `DriftServiceError` when it cannot start at all (no kubeconfig, unknown
 * context, desired state cannot be built); cluster trouble after start shows as status and Unknown results.
 */
export type DriftServiceFactory = (options: DriftServiceOptions) => Promise<DriftService>;

export class DriftServiceError extends Error {
  constructor(readonly problem: DriftServiceProblem) {
    super(problem.message);
    this.name = 'DriftServiceError';
  }
}
