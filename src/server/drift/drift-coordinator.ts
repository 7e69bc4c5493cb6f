// The drift side of the language server: the custom drift requests, one FolderDrift per workspace folder,
// and the coalesced `driftEnvironments` notification. Drift failures are logged and shown as states; no
// request handler here lets an error reach the connection.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import type { DriftServiceFactory } from '../../adapters/drift/drift-service-api.js';
import {
  driftDeltaNotification,
  driftDocumentsRequest,
  driftEnvironmentsNotification,
  driftRefreshRequest,
  driftWatchRequest,
  type DriftDocumentsResult,
  type DriftEnvironmentsParams,
  type DriftWatchParams,
} from '../../protocol/drift-messages.js';
import type { WorkspaceFolder } from '../workspace-folder.js';
import type { WorkspaceSource } from '../workspace-source.js';
import type { EnvironmentDrift } from './environment-drift.js';
import { FolderDrift } from './folder-drift.js';
import { DRIFT_STATUSES, DriftStatus } from '../../core/drift/drift-types.js';
import type { ClusterFacts } from '../../core/readiness/readiness-types.js';
import type { DriftTiming } from '../server-deps.js';


export interface DriftCoordinatorOptions {
  readonly connection: Connection;
  readonly factory: DriftServiceFactory | undefined;
  readonly source: WorkspaceSource;
  readonly timing: DriftTiming;
  readonly log: (message: string) => void;
  /** Resolves once the workspace folders have been read. */
  readonly ready: Promise<void>;
  readonly processEnv?: NodeJS.ProcessEnv;
}

export class DriftCoordinator {
  private readonly folders = new Map<WorkspaceFolder, FolderDrift>();
  private watching: DriftWatchParams | undefined;
  private stopTimer: NodeJS.Timeout | undefined;
  private notifyScheduled: NodeJS.Immediate | undefined;
  private lastSent: string | undefined;

  constructor(private readonly options: DriftCoordinatorOptions) {
    const { connection } = options;
    connection.onRequest(driftWatchRequest, async (params) => {
      await options.ready;
      this.guard(() => (params.watching ? this.watch(params) : this.unwatch()));
      return this.environments();
    });
    connection.onRequest(driftRefreshRequest, async (params) => {
      await options.ready;
      await Promise.all([...this.folders.values()].map((f) => f.refresh(params.environmentId).catch((error: unknown) => this.logError('refresh', error))));
    });
    connection.onRequest(driftDocumentsRequest, async (params): Promise<DriftDocumentsResult> => {
      await options.ready;
      const environment = [...this.folders.values()].map((f) => f.environment(params.environmentId)).find((e) => e !== undefined);
      if (!environment) return { label: params.resourceId };
      try {
        return environment.documents(params.resourceId);
      } catch (error) {
        this.logError('documents', error);
        return { label: params.resourceId };
      }
    });
  }

  /** The environment with this id and the folder it belongs to (agent control, hotfix guard, ignore rules). */
  findEnvironment(id: string): { readonly folder: FolderDrift; readonly environment: EnvironmentDrift } | undefined {
    for (const folder of this.folders.values()) {
      const environment = folder.environment(id);
      if (environment) return { folder, environment };
    }
    return undefined;
  }

  /** A folder was read (at start, when added, or again on request): detect its environments. */
  folderLoaded(folder: WorkspaceFolder): void {
    const root = folder.root;
    if (!root) return;
    this.guard(() => {
      const existing = this.folders.get(folder);
      if (existing) {
        existing.reloaded();
        return;
      }
      const drift = new FolderDrift({
        root,
        folderUri: pathToFileURL(root).href,
        index: () => folder.state.index(),
        readText: (path) => this.options.source.readText(root, path),
        uriOf: (path) => folder.uriOf(path),
        factory: this.options.factory,
        sendDelta: (params) => this.send(() => this.options.connection.sendNotification(driftDeltaNotification, params)),
        changed: () => this.scheduleNotify(),
        log: this.options.log,
        desiredDelayMs: this.options.timing.driftDesiredDelayMs,
        retryBaseMs: this.options.timing.driftRetryBaseMs,
        ...(this.options.processEnv ? { processEnv: this.options.processEnv } : {}),
      });
      this.folders.set(folder, drift);
      if (this.watching && !this.stopTimer) drift.watch(this.watching);
      this.scheduleNotify();
    });
  }

  /** An environment by id, with the workspace folder it belongs to (write-back plans there). */
  locate(environmentId: string): { readonly folder: WorkspaceFolder; readonly environment: EnvironmentDrift } | undefined {
    for (const [folder, drift] of this.folders) {
      const environment = drift.environment(environmentId);
      if (environment) return { folder, environment };
    }
    return undefined;
  }

  /**
   * The folder's live drift, summed over its environments, when every one of them is connected now (the
   * readiness report's "current drift count"); undefined when nobody watches or any environment cannot tell.
   */
  clusterFactsOf(root: string): ClusterFacts | undefined {
    const folder = [...this.folders.entries()].find(([f]) => f.root === root)?.[1];
    const views = folder?.views() ?? [];
    if (views.length === 0 || views.some((v) => v.state !== 'Connected')) return undefined;
    const total = (status: DriftStatus) => views.reduce((n, v) => n + v.counts[status], 0);
    return {
      context: [...new Set(views.map((v) => v.context).filter((c): c is string => c !== undefined))].join(', '),
      resourceCount: DRIFT_STATUSES.reduce((n, s) => n + total(s), 0),
      driftCount: total(DriftStatus.Drifted) + total(DriftStatus.Missing) + total(DriftStatus.Orphan),
      unknownCount: total(DriftStatus.Unknown),
    };
  }

  folderRemoved(folder: WorkspaceFolder): void {
    const drift = this.folders.get(folder);
    if (!drift) return;
    this.folders.delete(folder);
    drift.dispose();
    this.scheduleNotify();
  }

  /** Files of a folder changed on disk (repository paths). */
  filesChanged(folder: WorkspaceFolder, paths: readonly string[]): void {
    const drift = this.folders.get(folder);
    if (drift && paths.length > 0) this.guard(() => drift.filesChanged(paths));
  }

  dispose(): void {
    if (this.stopTimer) clearTimeout(this.stopTimer);
    if (this.notifyScheduled) clearImmediate(this.notifyScheduled);
    for (const drift of this.folders.values()) drift.dispose();
    this.folders.clear();
  }

  private watch(params: DriftWatchParams): void {
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.stopTimer = undefined;
    this.watching = params;
    for (const drift of this.folders.values()) drift.watch(params);
  }

  /** Stops after a grace period: a view hidden for a moment does not cost a full relist. */
  private unwatch(): void {
    if (!this.watching || this.stopTimer) return;
    this.stopTimer = setTimeout(() => {
      this.stopTimer = undefined;
      this.watching = undefined;
      this.guard(() => {
        for (const drift of this.folders.values()) drift.unwatch();
      });
    }, this.options.timing.driftStopDelayMs);
  }

  private environments(): DriftEnvironmentsParams {
    const environments = [...this.folders.values()].flatMap((f) => f.views());
    const contexts = [...new Set([...this.folders.values()].flatMap((f) => f.contexts()))].sort();
    const kubeconfigFound = contexts.length > 0 || (!environments.some((e) => e.state === 'NoKubeconfig') && this.kubeconfigExists());
    return { environments, contexts, kubeconfigFound };
  }

  private kubeconfigExists(): boolean {
    const env = this.options.processEnv ?? process.env;
    const list = this.watching?.kubeconfig ?? env.KUBECONFIG;
    const files = list ? list.split(delimiter).filter((f) => f !== '') : [join(env.HOME ?? homedir(), '.kube', 'config')];
    return files.some((f) => existsSync(f));
  }

  private scheduleNotify(): void {
    this.notifyScheduled ??= setImmediate(() => {
      this.notifyScheduled = undefined;
      const params = this.environments();
      const text = JSON.stringify(params);
      if (text === this.lastSent) return;
      this.lastSent = text;
      this.send(() => this.options.connection.sendNotification(driftEnvironmentsNotification, params));
    });
  }

  /** A closed connection (the client went away) costs the message, nothing else. */
  private send(run: () => Promise<void>): void {
    try {
      run().catch((error: unknown) => this.logError('sending', error));
    } catch (error) {
      this.logError('sending', error);
    }
  }

  private guard(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.logError('drift', error);
    }
  }

  private logError(what: string, error: unknown): void {
    this.options.log(`drift ${what} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }
}
