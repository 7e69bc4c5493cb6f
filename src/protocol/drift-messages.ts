// The drift messages between the language server (which owns the cluster connection) and the extension (which
// shows drift). Declared once; no method name string appears anywhere else. docs/lsp-extensions.md documents
// them (its hash line covers this file). Types here are plain JSON: no class, no function.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { ResourceKey } from '../core/resource/resource-key.js';
import type { Attribution, DriftStatus, FieldChange, SuggestedAction } from '../core/drift/drift-types.js';
import { METHOD_PREFIX } from './lsp-extensions.js';

/** Where something is declared, as the editor addresses it. */
export interface DriftSourceView {
  readonly uri: string;
  /** 0-based LSP range (UTF-16), of the value when the source is a field. */
  readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
}

/** One drifted field, as shown in the tree, the hover and the decoration. Secret values are already masked. */
export interface DriftFieldView {
  /** Human path: `.spec.replicas`, `.spec.template.spec.containers[name="app"].image`. */
  readonly path: string;
  /** RFC 6901 pointer (stable identity of the field inside its resource). */
  readonly pointer: string;
  readonly change: FieldChange;
  /** JSON value in Git; absent when Git does not set it. */
  readonly gitValue?: unknown;
  /** JSON value live; absent when live does not have it. */
  readonly liveValue?: unknown;
  /** For `changed-default`: the server's default, which Git leaves the field to. */
  readonly gitDefault?: unknown;
  /** The line that declares the value in Git (overlay patch when one sets it, else the base). */
  readonly source?: DriftSourceView;
  readonly attribution?: Attribution;
  readonly suggestedAction: SuggestedAction;
  readonly actionReason: string;
}

/** The GitOps unit (Flux Kustomization or Argo CD Application) an environment comes from, with its live state. */
export interface GitOpsUnitView {
  readonly kind: 'Kustomization' | 'Application' | 'Settings';
  readonly name: string;
  readonly namespace?: string;
  /** Flux `Ready` condition / Argo CD `status.sync.status` + `status.health.status`, read live; absent when unknown. */
  readonly ready?: string;
  readonly synced?: string;
  readonly message?: string;
  /** True while the unit is suspended (Flux `spec.suspend`; Argo CD automated sync held by Suspend). */
  readonly suspended?: boolean;
}

export interface DriftResourceView {
  /** `resourceKeyId` (`group/kind/namespace/name`): stable identity within an environment. */
  readonly id: string;
  readonly key: ResourceKey;
  /** `Deployment.apps shop/api`-style label. */
  readonly label: string;
  readonly apiVersion?: string;
  readonly status: DriftStatus;
  readonly reason?: string;
  readonly fields: readonly DriftFieldView[];
  /** Where the object is declared in Git. */
  readonly source?: DriftSourceView;
  /** Differences hidden by ignore rules. */
  readonly ignoredFields: number;
  /** Labels and annotations a person added live that Git does not declare: shown, not counted as drift. */
  readonly liveOnlyMetadata?: readonly DriftFieldView[];
}

/** Connection state of an environment's cluster, in the words users see. */
export type DriftConnectionState =
  | 'Idle' // nobody is looking: informers stopped
  | 'Connecting'
  | 'Connected'
  | 'Degraded'
  | 'Unreachable'
  | 'Unauthorized'
  | 'NoKubeconfig'
  | 'Untrusted' // the workspace is not trusted: no kubeconfig read, no process run
  | 'Error'; // desired state could not be built (kustomize failing), context missing, …

export interface DriftEnvironmentView {
  /** Unique across folders: `${folderUri}#${name}`. */
  readonly id: string;
  /** Environment name; '' is the whole repository (no environment detected). */
  readonly name: string;
  readonly folderUri: string;
  /** Repository-relative directory ('' for the root). */
  readonly path: string;
  readonly unit?: GitOpsUnitView;
  /** The kube context used (chosen, declared, or the kubeconfig's current one). */
  readonly context?: string;
  readonly state: DriftConnectionState;
  /** Why, for every state other than Connected and Idle. */
  readonly reason?: string;
  readonly counts: Readonly<Record<DriftStatus, number>>;
}

// ---- server → client -------------------------------------------------------------------------------------

/** Environments and their connection state; sent whenever either changes (the whole list: it is short). */
export interface DriftEnvironmentsParams {
  readonly environments: readonly DriftEnvironmentView[];
  /** Contexts of the kubeconfig in use (for the context picker); empty when no kubeconfig was found. */
  readonly contexts: readonly string[];
  readonly kubeconfigFound: boolean;
}
export const driftEnvironmentsNotification = new NotificationType<DriftEnvironmentsParams>(`${METHOD_PREFIX}driftEnvironments`);

/**
 * Per-resource changes of one environment. With `reset`, `upserted` is the environment's whole result set
 * (first sync, desired state rebuilt, reconnect); otherwise only what changed since the previous message.
 */
export interface DriftDeltaParams {
  readonly environmentId: string;
  readonly reset: boolean;
  readonly upserted: readonly DriftResourceView[];
  /** Ids of resources no longer in the results (an orphan deleted live, an object removed from Git). */
  readonly removed: readonly string[];
}
export const driftDeltaNotification = new NotificationType<DriftDeltaParams>(`${METHOD_PREFIX}driftDelta`);

// ---- client → server -------------------------------------------------------------------------------------

/**
 * Someone looks (the drift view is visible or a manifest editor is open): watch the cluster; else stop the
 * informers. The extension sends it only for trusted workspaces. Answered with the current environments.
 */
export interface DriftWatchParams {
  readonly watching: boolean;
  /** Machine-scoped setting `gitopsAuthoring.drift.kubeconfig`; absent: `KUBECONFIG`, else `~/.kube/config`. */
  readonly kubeconfig?: string;
  /** Contexts the user picked per environment id (kept by the extension per workspace). */
  readonly contexts?: Readonly<Record<string, string>>;
}
export const driftWatchRequest = new RequestType<DriftWatchParams, DriftEnvironmentsParams, void>(`${METHOD_PREFIX}driftWatch`);

/** Re-run desired state and relist (the view's refresh button). All environments when no id is given. */
export interface DriftRefreshParams {
  readonly environmentId?: string;
}
export const driftRefreshRequest = new RequestType<DriftRefreshParams, void, void>(`${METHOD_PREFIX}driftRefresh`);

/** One resource's Git and live documents for the diff editor: both normalized, Secret values masked. */
export interface DriftDocumentsParams {
  readonly environmentId: string;
  readonly resourceId: string;
}
export interface DriftDocumentsResult {
  /** YAML of the rendered, normalized Git object; absent when Git has none (Orphan). */
  readonly git?: string;
  /** YAML of the normalized live object; absent when there is none (Missing) or it cannot be read (Unknown). */
  readonly live?: string;
  /** `Deployment.apps shop/api`. */
  readonly label: string;
  readonly context?: string;
}
export const driftDocumentsRequest = new RequestType<DriftDocumentsParams, DriftDocumentsResult, void>(`${METHOD_PREFIX}driftDocuments`);
